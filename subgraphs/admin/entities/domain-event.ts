import { defineEntity, p, type InferEntity } from '@mikro-orm/postgresql';

/** A domain event already turned into actions, kept by id so an event forwarded twice creates its actions once. */
export const DomainEventRecord = defineEntity({
  name: 'DomainEventRecord',
  tableName: 'domain_events',
  properties: {
    id: p.uuid().primary(),
    /** The subgraph that recorded it. */
    source: p.text(),
    type: p.text(),
    occurredAt: p.datetime(),
    receivedAt: p.datetime(),
  },
});
export type DomainEventRecord = InferEntity<typeof DomainEventRecord>;
