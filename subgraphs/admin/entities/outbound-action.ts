import { defineEntity, p, type InferEntity } from '@mikro-orm/postgresql';
import { deliveryActionProperties } from '../../../common/outbound/action-properties';

/** One delivery of one event to one target or webhook, with its attempts; the delivery worker claims and updates these rows. */
export const OutboundAction = defineEntity({
  name: 'OutboundAction',
  tableName: 'outbound_actions',
  properties: {
    ...deliveryActionProperties(),
    /** The domain event it delivers (null for test deliveries). */
    eventId: p.uuid().nullable(),
  },
});
export type OutboundAction = InferEntity<typeof OutboundAction>;
export type ActionStatus = OutboundAction['status'];
