import { randomUUID } from 'node:crypto';
import type { Knex } from '@mikro-orm/knex';
import { PollingLoop } from './polling-loop';
import type { EntityManager } from '@mikro-orm/postgresql';
import { intFrom, loadConfig } from './config';
import type { Logger } from './logger';
import type { ServiceName } from './principal';
import type { BackgroundWork, SubgraphRuntime } from './subgraph-server';
import { adminServiceCall, callService } from './service-call';
import { loggableError } from './loggable-error';
import { OutboxEvent } from './outbox-event';

/**
 * Durable domain events (transactional outbox). A subgraph writes each event
 * with `recordEvent(em, schema, type, payload)` in the same transaction as the
 * change it describes, into its own `<schema>.outbox_events` table (create it
 * with `outboxTableSql(schema)` in a migration). An `OutboxRelay` in every
 * replica forwards unrelayed rows to the admin subgraph's internal
 * `ingestDomainEvents` mutation, signed with the subgraph's own service
 * principal, and marks them relayed. Rows are claimed with
 * `FOR UPDATE SKIP LOCKED`, so replicas share the work; an event may be
 * forwarded twice if a relay dies between forwarding and marking, and admin
 * ignores event ids it has seen, so every event becomes actions exactly once.
 */
export interface DomainEvent {
  id: string;
  type: string;
  payload: Record<string, unknown>;
  occurredAt: string;
}

const IDENTIFIER = /^[a-z_][a-z0-9_]{0,62}$/;
/** resource.created, ticket.message_added, ... */
export const EVENT_TYPE = /^[a-z][a-z0-9_]*(\.[a-z][a-z0-9_]*)+$/;

function tableSchema(schema: string): string {
  if (!IDENTIFIER.test(schema)) throw new Error(`invalid schema name ${schema}`);
  return schema;
}

function tableOf(schema: string): string {
  return `"${tableSchema(schema)}"."outbox_events"`;
}

/** DDL of the outbox table, for the owning subgraph's migration. */
export function outboxTableSql(schema: string): string[] {
  const table = tableOf(schema);
  return [
    `create table ${table} (
      id uuid primary key default gen_random_uuid(),
      type text not null,
      payload jsonb not null,
      occurred_at timestamptz not null default clock_timestamp(),
      relayed_at timestamptz,
      attempts integer not null default 0,
      last_error text
    )`,
    `create index outbox_events_pending on ${table} (occurred_at) where relayed_at is null`,
  ];
}

/**
 * Records an event in the caller's transaction (use inside em.transactional
 * or with an em whose flush is in one). Returns the event id.
 */
export async function recordEvent(em: EntityManager, schema: string, type: string, payload: Record<string, unknown>): Promise<string> {
  if (!EVENT_TYPE.test(type)) throw new Error(`invalid event type ${type}`);
  // One insert, outside the unit of work: the event is written where the caller's statements are, in its transaction.
  const id = randomUUID();
  await em.insert(OutboxEvent, { id, type, payload }, { schema: tableSchema(schema) });
  return id;
}

export type EventForwarder = (events: DomainEvent[]) => Promise<void>;

export interface OutboxRelayOptions {
  knex: Knex;
  schema: string;
  forward: EventForwarder;
  logger: Logger;
  pollIntervalMs: number;
  batchSize?: number;
}

interface OutboxRow {
  id: string;
  type: string;
  payload: Record<string, unknown>;
  occurred_at: Date;
}

/** Forwards a schema's unrelayed outbox rows; one per process, as many processes as replicas. */
export class OutboxRelay {
  private readonly loop = new PollingLoop(() => this.tick());
  private failures = 0;
  private readonly table: string;

  constructor(private readonly options: OutboxRelayOptions) {
    this.table = tableOf(options.schema);
  }

  start(): void {
    this.loop.start();
  }

  stop(): Promise<void> {
    return this.loop.stop();
  }

  /** Relays now instead of at the next poll (after a local recordEvent committed). */
  wake(): void {
    this.loop.wake();
  }

  private async tick(): Promise<number> {
    let relayed = 0;
    try {
      relayed = await this.relayOnce();
      this.failures = 0;
    } catch (error) {
      this.failures += 1;
      this.options.logger.warn({ err: { message: loggableError(error).message }, schema: this.options.schema }, 'outbox relay failed');
    }
    // After failures wait longer (up to 30 s) so a down admin subgraph is not hammered.
    return this.failures > 0 ? Math.min(30_000, this.options.pollIntervalMs * 2 ** this.failures) : relayed > 0 ? 0 : this.options.pollIntervalMs;
  }

  /** Forwards one batch; returns how many rows were relayed. */
  async relayOnce(): Promise<number> {
    const batchSize = this.options.batchSize ?? 100;
    // The failure is recorded in the same transaction, which must commit, so it is thrown after.
    const outcome = await this.options.knex.transaction(async (trx): Promise<{ relayed: number; error?: unknown }> => {
      const { rows } = (await trx.raw(
        `select id, type, payload, occurred_at from ${this.table} where relayed_at is null order by occurred_at limit ? for update skip locked`,
        [batchSize],
      )) as { rows: OutboxRow[] };
      if (rows.length === 0) return { relayed: 0 };
      const ids = `{${rows.map((row) => row.id).join(',')}}`;
      try {
        await this.options.forward(
          rows.map((row) => ({ id: row.id, type: row.type, payload: row.payload, occurredAt: new Date(row.occurred_at).toISOString() })),
        );
      } catch (error) {
        const message = error instanceof Error ? error.message : 'forward failed';
        await trx.raw(`update ${this.table} set attempts = attempts + 1, last_error = ? where id = any(?::uuid[])`, [message.slice(0, 500), ids]);
        return { relayed: 0, error };
      }
      await trx.raw(`update ${this.table} set relayed_at = now(), attempts = attempts + 1, last_error = null where id = any(?::uuid[])`, [ids]);
      return { relayed: rows.length };
    });
    if (outcome.error !== undefined) throw outcome.error;
    return outcome.relayed;
  }
}

const INGEST = 'mutation IngestDomainEvents($events: [DomainEventInput!]!) { ingestDomainEvents(events: $events) }';

/**
 * Forwards events to the admin subgraph directly (ingestDomainEvents is
 * @inaccessible, so not on the gateway), signed as `{kind: 'service', service}`.
 */
export function adminIngestForwarder(options: {
  adminUrl: string;
  principalSecret: string;
  service: ServiceName;
  principalTtlSeconds?: number;
  timeoutMs?: number;
}): EventForwarder {
  const call = adminServiceCall(options.service, {
    ...options,
    principalTtlSeconds: options.principalTtlSeconds ?? 30,
    timeoutMs: options.timeoutMs ?? 10_000,
  });
  return async (events) => {
    await callService<number>(call, { query: INGEST, variables: { events }, field: 'ingestDomainEvents', requestId: `outbox-${options.service}` });
  };
}

/** What a relaying subgraph's requests reach while the relay runs: the relay, to wake it after a commit. */
export interface OutboxRelayHandles {
  relay: OutboxRelay;
}

/**
 * The `startBackground` of a subgraph that records events: relays its
 * `<name>.outbox_events` to the admin subgraph (ADMIN_URL) every
 * OUTBOX_POLL_INTERVAL_MS (default 1000 ms), e.g.
 * `startBackground: outboxRelayBackground('tickets')` in subgraphs/tickets/index.ts.
 * The relay reaches requests as `context.background.relay`.
 */
export function outboxRelayBackground<TSettings = unknown>(service: Exclude<ServiceName, 'gateway' | 'admin'>) {
  return async (runtime: SubgraphRuntime<TSettings>): Promise<BackgroundWork<OutboxRelayHandles>> => {
    const config = loadConfig(runtime.env);
    const pollIntervalMs = intFrom(runtime.env, 'OUTBOX_POLL_INTERVAL_MS', 1000, 5, 600_000);
    const relay = new OutboxRelay({
      knex: runtime.orm.em.getConnection().getKnex(),
      schema: service,
      pollIntervalMs,
      logger: runtime.logger.child({ worker: 'outbox' }),
      forward: adminIngestForwarder({
        adminUrl: config.subgraphUrls.admin,
        principalSecret: runtime.principalSecret,
        principalTtlSeconds: config.principalTtlSeconds,
        service,
        timeoutMs: config.subgraphTimeoutMs,
      }),
    });
    relay.start();
    return { handles: { relay }, stop: () => relay.stop() };
  };
}
