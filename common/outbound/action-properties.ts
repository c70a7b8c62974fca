import { p } from '@mikro-orm/postgresql';
import { baseProperties } from '../entity-base';

/**
 * The columns of a delivery action table (admin.outbound_actions,
 * streaming.webhook_actions): one row per delivery of one event to one
 * target, which DeliveryWorker (worker.ts) claims and updates with its own
 * statements, so every table it runs on has exactly these. Spread into the
 * entity's `properties`, next to what only that table has.
 */
export const deliveryActionProperties = () => ({
  ...baseProperties(),
  targetId: p.uuid(),
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
});
