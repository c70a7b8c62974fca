import { defineEntity, p, type InferEntity } from '@mikro-orm/postgresql';
import { createdAtProperty, uuidPrimaryKey } from '../../../common/entity-base';

/** An Owncast webhook: where to post the events it asked for (common/outbound/worker.ts delivers them). */
export const Webhook = defineEntity({
  name: 'Webhook',
  tableName: 'webhooks',
  properties: {
    id: uuidPrimaryKey(),
    url: p.text(),
    /** Owncast webhooks are not signed; the column is the delivery engine's shared target shape. */
    secret: p.text().nullable(),
    enabled: p.boolean(),
    events: p.json<string[]>(),
    createdAt: createdAtProperty(),
  },
});
export type Webhook = InferEntity<typeof Webhook>;
