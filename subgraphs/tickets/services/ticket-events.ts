import type { EntityManager } from '@mikro-orm/postgresql';
import { recordEvent } from '../../../common/outbox';
import { inTransaction } from '../../../common/transaction';
import type { Context } from '../context';
import type { Ticket } from '../entities/ticket';

/** The event types tickets.outbox_events carries to the admin subgraph's outbound engine. */
export type TicketEventType = 'ticket.created' | 'ticket.updated' | 'ticket.message.created' | 'ticket.deleted';

export type RecordEvent = (type: TicketEventType, payload: Record<string, unknown>) => Promise<void>;

/**
 * Runs a change and records its events in the same transaction (so an event
 * exists exactly when its change committed), then wakes this replica's outbox
 * relay so the events go out now rather than at its next poll.
 */
export function changeWithEvents<T>(context: Context, work: (tx: EntityManager, record: RecordEvent) => Promise<T>): Promise<T> {
  return inTransaction(
    context.em,
    (tx) =>
      work(tx, async (type, payload) => {
        await recordEvent(tx, 'tickets', type, payload);
      }),
    () => context.background?.relay.wake(),
  );
}

/** What every ticket event says about the ticket. */
export const ticketPayload = (ticket: Ticket) => ({
  ticketId: ticket.id,
  title: ticket.title,
  categoryId: ticket.categoryId ?? null,
  ownerId: ticket.ownerId,
  status: ticket.status,
  claimedById: ticket.claimedById ?? null,
});
