import { defineEntity, p, type InferEntity } from '@mikro-orm/postgresql';
import { baseProperties } from '../../../common/entity-base';

/** One delivery of one event to one target or webhook, with its attempts; the delivery worker claims and updates these rows. */
export const OutboundAction = defineEntity({
  name: 'OutboundAction',
  tableName: 'outbound_actions',
  properties: {
    ...baseProperties(),
    targetId: p.uuid(),
    /** The domain event it delivers (null for test deliveries). */
    eventId: p.uuid().nullable(),
    event: p.text(),
    payload: p.json<Record<string, unknown>>(),
    status: p.enum(['queued', 'delivering', 'succeeded', 'failed']),
    attempts: p.integer(),
    lastError: p.text().nullable(),
    lastStatusCode: p.integer().nullable(),
    nextAttemptAt: p.datetime(),
    /** While a worker delivers it: until when its claim holds. */
    lockedUntil: p.datetime().nullable(),
    deliveredAt: p.datetime().nullable(),
  },
});
export type OutboundAction = InferEntity<typeof OutboundAction>;
export type ActionStatus = OutboundAction['status'];
