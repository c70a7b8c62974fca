import { defineEntity, p, type InferEntity } from '@mikro-orm/postgresql';
import { baseProperties } from '../../../common/entity-base';

/**
 * One queued delivery of a webhook event. The delivery engine
 * (common/outbound/worker.ts) claims and updates these rows with its own
 * statements (SKIP LOCKED); the entity names the table for the ORM.
 */
export const WebhookAction = defineEntity({
  name: 'WebhookAction',
  tableName: 'webhook_actions',
  properties: {
    ...baseProperties(),
    targetId: p.uuid(),
    event: p.text(),
    payload: p.json<Record<string, unknown>>(),
    status: p.enum(['queued', 'delivering', 'succeeded', 'failed']),
    attempts: p.integer(),
    lastError: p.text().nullable(),
    lastStatusCode: p.integer().nullable(),
    nextAttemptAt: p.datetime(),
    lockedUntil: p.datetime().nullable(),
    deliveredAt: p.datetime().nullable(),
  },
});
export type WebhookAction = InferEntity<typeof WebhookAction>;
