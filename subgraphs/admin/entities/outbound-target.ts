import { defineEntity, p, type InferEntity } from '@mikro-orm/postgresql';
import { baseProperties } from '../../../common/entity-base';

/**
 * Where events are delivered: a platform target (kind `target`, admins'
 * own) or an account's webhook (kind `webhook`, with its owner, and an
 * organization when it receives that organization's events). The delivery
 * worker (common/outbound/worker.ts) reads the same table.
 */
export const OutboundTarget = defineEntity({
  name: 'OutboundTarget',
  tableName: 'outbound_targets',
  properties: {
    ...baseProperties(),
    kind: p.enum(['target', 'webhook']),
    name: p.text(),
    url: p.text(),
    /** Sealed with OUTBOUND_SECRET_KEY (common/outbound/secret-box.ts); read only when asked for. */
    secret: p.text().nullable().lazy(true, false),
    enabled: p.boolean(),
    /** The event types it receives; null: every event (targets only). */
    events: p.array().columnType('text[]').nullable(),
    createdBy: p.uuid().nullable(),
    ownerId: p.uuid().nullable(),
    organizationId: p.uuid().nullable(),
  },
});
export type OutboundTarget = InferEntity<typeof OutboundTarget>;
export type TargetKind = OutboundTarget['kind'];
