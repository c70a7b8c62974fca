import { defineEntity, type InferEntity } from '@mikro-orm/postgresql';
import { deliveryActionProperties } from '../../../common/outbound/action-properties';

/**
 * One queued delivery of a webhook event. The delivery engine
 * (common/outbound/worker.ts) claims and updates these rows with its own
 * statements (SKIP LOCKED); the entity names the table for the ORM.
 */
export const WebhookAction = defineEntity({
  name: 'WebhookAction',
  tableName: 'webhook_actions',
  properties: deliveryActionProperties(),
});
export type WebhookAction = InferEntity<typeof WebhookAction>;
