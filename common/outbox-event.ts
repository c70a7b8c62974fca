import { defineEntity, p, type InferEntity } from '@mikro-orm/postgresql';
import { uuidPrimaryKey } from './entity-base';

/**
 * One row of a subgraph's transactional outbox (`<schema>.outbox_events`,
 * made by `outboxTableSql` in common/outbox.ts). Every subgraph that records
 * events has the same table in its own schema, so this one entity serves
 * them all: each lists it among its entities, and the table's schema is the
 * subgraph's own. Events are written with `recordEvent`; the relay claims and
 * marks them with its own SQL (FOR UPDATE SKIP LOCKED).
 */
export const OutboxEvent = defineEntity({
  name: 'OutboxEvent',
  tableName: 'outbox_events',
  properties: {
    id: uuidPrimaryKey(),
    /** `resource.created`, `ticket.updated`, ... (EVENT_TYPE). */
    type: p.text(),
    payload: p.json<Record<string, unknown>>(),
    /** Set by the database (clock_timestamp()), so events of one transaction keep their order. */
    occurredAt: p.datetime().defaultRaw('clock_timestamp()'),
    relayedAt: p.datetime().nullable(),
    /** Forwarding attempts, and the last failure's message while it is not relayed. */
    attempts: p.integer().default(0),
    lastError: p.text().nullable(),
  },
});
export type OutboxEvent = InferEntity<typeof OutboxEvent>;
