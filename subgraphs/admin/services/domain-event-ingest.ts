import type { EntityManager } from '@mikro-orm/postgresql';
import { domainError, ErrorCode } from '../../../common/errors';
import { EVENT_TYPE, type DomainEvent } from '../../../common/outbox';
import type { Context } from '../context';
import { arrayLiteral } from './outbound-checks';
import { MANAGER_ROLES } from './organization-service';

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
  const rows = await em.execute<{ id: string }[]>(
    `with incoming as (
       select * from jsonb_to_recordset(?::jsonb) as x(id uuid, type text, payload jsonb, "occurredAt" timestamptz)
     ), inserted as (
       insert into admin.domain_events (id, source, type, occurred_at)
       select id, ?, type, "occurredAt" from incoming on conflict (id) do nothing returning id
     )
     insert into admin.outbound_actions (target_id, event_id, event, payload)
     select t.id, i.id, i.type, i.payload
     from incoming i join inserted using (id)
     join admin.outbound_targets t on t.enabled and (t.events is null or i.type = any(t.events))
     left join admin.users owner on owner.id = t.owner_id
     where t.kind = 'target'
        or (? = 'admin' and not owner.disabled and (
              (t.organization_id is null and i.payload ->> 'owner_id' = t.owner_id::text)
           or (t.organization_id::text = i.payload ->> 'organization_id' and exists (
                 select 1 from admin.organization_members m
                 where m.organization_id = t.organization_id and m.user_id = t.owner_id and m.role = any(?::text[])))))
     order by i."occurredAt"
     returning id`,
    [JSON.stringify(events), source, source, arrayLiteral([...MANAGER_ROLES])],
  );
  return rows.length;
}

/** Mutation.ingestDomainEvents: subgraphs' service principals only (never the gateway, never a user). */
export async function ingestDomainEvents(context: Context, events: DomainEvent[]): Promise<number> {
  const { em, principal, background } = context;
  if (principal.kind !== 'service' || principal.service === 'gateway') throw domainError(ErrorCode.Forbidden, 'Not available');
  if (events.length > 500) throw domainError(ErrorCode.BadUserInput, 'At most 500 events at once', { field: 'events' });
  for (const event of events) {
    if (!EVENT_TYPE.test(event.type) || event.type.length > 100)
      throw domainError(ErrorCode.BadUserInput, `Invalid event type ${event.type.slice(0, 100)}`, { field: 'events' });
  }
  const created = await ingestEvents(em, principal.service, events);
  if (created > 0) background?.worker.wake();
  return created;
}
