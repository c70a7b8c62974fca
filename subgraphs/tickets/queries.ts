import type { EntityManager } from '@mikro-orm/postgresql';

/**
 * The tickets subgraph's hand-written SQL: only statements the ORM cannot say
 * as well. Everything else goes through the entities. (Events are recorded
 * and relayed by common/outbox.ts, which has its own reasons.)
 */

/** Why: an aggregate; one grouped count serves `messages(first: 0) { totalCount }` for a whole page without loading rows. */
export async function countMessagesByTicket(em: EntityManager, ticketIds: readonly string[]): Promise<Map<string, number>> {
  const rows = await em.execute<{ ticket_id: string; count: number }[]>(
    'select ticket_id, count(*)::int as count from tickets.messages where ticket_id = any(?::uuid[]) group by ticket_id',
    [`{${ticketIds.join(',')}}`],
  );
  return new Map(rows.map((row) => [row.ticket_id, Number(row.count)]));
}

/** What a ticket's claim looked like when it was read, to compare under the lock. */
export interface ClaimState {
  status: string;
  claimedById: string | null;
}

/**
 * Why: a row lock (FOR UPDATE) taken inside the change's transaction, read as
 * plain values so the stored state is not merged over the change being made
 * to the ticket entity. Null when the ticket is gone.
 */
export async function lockClaimState(em: EntityManager, ticketId: string): Promise<ClaimState | null> {
  const [row] = await em.execute<{ status: string; claimed_by_id: string | null }[]>(
    'select status, claimed_by_id from tickets.tickets where id = ? for update',
    [ticketId],
  );
  return row ? { status: row.status, claimedById: row.claimed_by_id } : null;
}
