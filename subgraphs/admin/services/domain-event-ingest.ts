import type { EntityManager } from '@mikro-orm/postgresql';
import { domainError, ErrorCode } from '../../../common/errors';
import { EVENT_TYPE, type DomainEvent } from '../../../common/outbox';
import type { Context } from '../context';
import { insertActionsForEvents } from '../queries';
import { assertAllowed, MANAGER_ROLES } from './permissions';

/**
 * Turns domain events into actions for every enabled target whose filter
 * matches (no filter = every event). Event ids already seen are skipped, so
 * an event forwarded twice creates its actions once. Returns how many
 * actions were created.
 *
 * A webhook receives only general-API events (from the admin subgraph) that
 * are its account's: a resource event whose `owner_id` is the webhook's
 * owner, or, for an organization webhook, an event whose `organization_id`
 * is its organization while the owner still manages that organization. A
 * disabled owner's webhooks receive nothing. Checking membership here, per
 * event, means that leaving an organization stops its events at once.
 */
export async function ingestEvents(em: EntityManager, source: string, events: readonly DomainEvent[]): Promise<number> {
  if (events.length === 0) return 0;
  return insertActionsForEvents(em, source, events, MANAGER_ROLES);
}

/** Mutation.ingestDomainEvents: other subgraphs' outbox relays hand their events here (at most 500 at once). */
export async function ingestDomainEvents(context: Context, events: DomainEvent[]): Promise<number> {
  const source = await assertAllowed(context, 'event:ingest');
  if (events.length > 500) throw domainError(ErrorCode.BadUserInput, 'At most 500 events at once', { field: 'events' });
  for (const event of events) {
    if (!EVENT_TYPE.test(event.type) || event.type.length > 100)
      throw domainError(ErrorCode.BadUserInput, `Invalid event type ${event.type.slice(0, 100)}`, { field: 'events' });
  }
  const created = await ingestEvents(context.em, source, events);
  if (created > 0) context.background?.worker.wake();
  return created;
}
