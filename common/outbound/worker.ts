import type { Knex } from '@mikro-orm/knex';
import { boolFrom, intFrom } from '../config';
import { PollingLoop } from '../polling-loop';
import type { Logger } from '../logger';
import type { Metrics } from '../metrics';
import { backoffDelayMs } from './backoff';
import { postDelivery, type DeliveryResult } from './deliver';
import { openSecret } from './secret-box';
import { DELIVERY_HEADER, EVENT_HEADER, SIGNATURE_HEADER, signDelivery, TIMESTAMP_HEADER } from './signing';
import { loggableError } from '../loggable-error';

/**
 * The outbound delivery worker, shared by every subgraph that delivers
 * (admin targets and webhooks; streaming webhooks later). It works on two
 * tables of the caller's schema:
 *
 *   <targets>(id uuid, url text, secret text null (secret-box.ts), enabled boolean)
 *   <actions>(id uuid, target_id uuid, event text, payload jsonb, status text
 *     ('queued'|'delivering'|'succeeded'|'failed'), attempts int, last_error text,
 *     last_status_code int, next_attempt_at timestamptz, locked_until timestamptz,
 *     delivered_at timestamptz, created_at timestamptz, updated_at timestamptz)
 *
 * Claiming is one statement (`FOR UPDATE SKIP LOCKED`, status → delivering,
 * attempts + 1, a lease in locked_until) so replicas never deliver an action
 * twice; a lease that ran out (a worker died mid-delivery) makes the action
 * claimable again.
 */
export interface OutboundTables {
  schema: string;
  targets: string;
  actions: string;
}

export interface DeliverySettings {
  pollIntervalMs: number;
  batchSize: number;
  timeoutMs: number;
  maxAttempts: number;
  backoffBaseMs: number;
  backoffMaxMs: number;
  allowPrivate: boolean;
  /** OUTBOUND_SECRET_KEY: opens encrypted target secrets. */
  secretKey: string | undefined;
}

/** The OUTBOUND_* variables (docs/CONFIGURATION.md), shared by every subgraph that delivers. */
export function loadDeliverySettings(env: NodeJS.ProcessEnv): DeliverySettings {
  return {
    pollIntervalMs: intFrom(env, 'OUTBOUND_POLL_INTERVAL_MS', 1000, 5, 600_000),
    batchSize: intFrom(env, 'OUTBOUND_BATCH_SIZE', 20, 1, 1000),
    timeoutMs: intFrom(env, 'OUTBOUND_TIMEOUT_MS', 10_000, 10, 120_000),
    maxAttempts: intFrom(env, 'OUTBOUND_MAX_ATTEMPTS', 8, 1, 100),
    backoffBaseMs: intFrom(env, 'OUTBOUND_BACKOFF_BASE_MS', 5000, 1, 3_600_000),
    backoffMaxMs: intFrom(env, 'OUTBOUND_BACKOFF_MAX_MS', 3_600_000, 1, 7 * 24 * 3_600_000),
    allowPrivate: boolFrom(env, 'OUTBOUND_ALLOW_PRIVATE', false),
    secretKey: env.OUTBOUND_SECRET_KEY || undefined,
  };
}

export interface DeliveryWorkerOptions extends DeliverySettings {
  knex: Knex;
  tables: OutboundTables;
  logger: Logger;
  /** Counts delivery results and reports the backlog on /metrics. */
  metrics?: Metrics;
}

interface ClaimedRow {
  id: string;
  event: string;
  payload: unknown;
  attempts: number;
  created_at: Date;
  url: string;
  secret: string | null;
}

const IDENTIFIER = /^[a-z_][a-z0-9_]{0,62}$/;

export class DeliveryWorker {
  private readonly loop = new PollingLoop(() => this.tick());
  private readonly actions: string;
  private readonly targets: string;
  /** The queue's label on /metrics: <schema>.<actions table>. */
  private readonly queue: string;
  private stopObservingBacklog: (() => void) | undefined;

  constructor(private readonly options: DeliveryWorkerOptions) {
    const { schema, targets, actions } = options.tables;
    for (const name of [schema, targets, actions]) if (!IDENTIFIER.test(name)) throw new Error(`invalid identifier ${name}`);
    this.actions = `"${schema}"."${actions}"`;
    this.targets = `"${schema}"."${targets}"`;
    this.queue = `${schema}.${actions}`;
  }

  start(): void {
    this.stopObservingBacklog = this.options.metrics?.observeOutboundBacklog(this.queue, () => this.backlog());
    this.loop.start();
  }

  stop(): Promise<void> {
    this.stopObservingBacklog?.();
    return this.loop.stop();
  }

  /** Actions waiting or in flight, for /metrics. */
  private async backlog(): Promise<Record<string, number>> {
    const rows = await this.rows<{ status: string; count: number }>(
      `select status, count(*)::int as count from ${this.actions} where status in ('queued', 'delivering') group by status`,
      [],
    );
    return { queued: 0, delivering: 0, ...Object.fromEntries(rows.map((row) => [row.status, row.count])) };
  }

  /** Looks for due actions now instead of at the next poll. */
  wake(): void {
    this.loop.wake();
  }

  /** One batch; a full batch means more are due, so the next runs at once. */
  private async tick(): Promise<number> {
    let claimed = 0;
    try {
      claimed = await this.processBatch();
    } catch (error) {
      this.options.logger.error({ err: { message: loggableError(error).message } }, 'outbound worker batch failed');
    }
    return claimed >= this.options.batchSize ? 0 : this.options.pollIntervalMs;
  }

  /** Claims and delivers one batch of due actions; returns how many it claimed. */
  async processBatch(): Promise<number> {
    const rows = await this.rows<ClaimedRow>(
      `with picked as (
         select a.id from ${this.actions} a join ${this.targets} t on t.id = a.target_id
         where t.enabled and ((a.status = 'queued' and a.next_attempt_at <= now()) or (a.status = 'delivering' and a.locked_until < now()))
         order by a.next_attempt_at limit ? for update of a skip locked
       )
       update ${this.actions} a set status = 'delivering', attempts = a.attempts + 1, updated_at = now(),
         locked_until = now() + make_interval(secs => ?)
       from picked, ${this.targets} t
       where a.id = picked.id and t.id = a.target_id
       returning a.id, a.event, a.payload, a.attempts, a.created_at, t.url, t.secret`,
      [this.options.batchSize, this.leaseSeconds()],
    );
    await Promise.all(rows.map((row) => this.deliver(row)));
    return rows.length;
  }

  /**
   * Delivers one action now, whatever its schedule (a manual retry or a test
   * delivery). Returns false when another worker holds it right now.
   */
  async deliverNow(actionId: string): Promise<boolean> {
    const [row] = await this.rows<ClaimedRow>(
      `update ${this.actions} a set status = 'delivering', attempts = a.attempts + 1, updated_at = now(),
         locked_until = now() + make_interval(secs => ?)
       from ${this.targets} t
       where a.id = (select id from ${this.actions} where id = ? and (status <> 'delivering' or locked_until < now()) for update skip locked)
         and t.id = a.target_id
       returning a.id, a.event, a.payload, a.attempts, a.created_at, t.url, t.secret`,
      [this.leaseSeconds(), actionId],
    );
    if (!row) return false;
    await this.deliver(row);
    return true;
  }

  private leaseSeconds(): number {
    // Long enough for the request and its bookkeeping; a dead worker's claim expires after it.
    return Math.ceil(this.options.timeoutMs / 1000) + 30;
  }

  private async deliver(row: ClaimedRow): Promise<void> {
    const body = JSON.stringify({ id: row.id, event: row.event, createdAt: new Date(row.created_at).toISOString(), data: row.payload });
    const timestamp = Math.floor(Date.now() / 1000);
    const headers: Record<string, string> = { [TIMESTAMP_HEADER]: String(timestamp), [EVENT_HEADER]: row.event, [DELIVERY_HEADER]: row.id };
    let result: DeliveryResult;
    try {
      if (row.secret) headers[SIGNATURE_HEADER] = signDelivery(openSecret(row.secret, this.options.secretKey), timestamp, body);
      result = await postDelivery(row.url, body, headers, this.options.timeoutMs, this.options.allowPrivate);
    } catch (error) {
      result = { ok: false, error: error instanceof Error ? error.message : 'delivery failed' };
    }
    await this.record(row, result);
  }

  private async record(row: ClaimedRow, result: DeliveryResult): Promise<void> {
    const final = row.attempts >= this.options.maxAttempts;
    this.options.metrics?.outboundDelivery(this.queue, result.ok ? 'succeeded' : final ? 'failed' : 'retry_scheduled');
    if (result.ok) {
      await this.rows(
        `update ${this.actions} set status = 'succeeded', last_error = null, last_status_code = ?, delivered_at = now(),
           locked_until = null, updated_at = now() where id = ? and status = 'delivering'`,
        [result.statusCode ?? null, row.id],
      );
      return;
    }
    const delayMs = backoffDelayMs(row.attempts, this.options.backoffBaseMs, this.options.backoffMaxMs);
    await this.rows(
      `update ${this.actions} set status = ?, last_error = ?, last_status_code = ?, locked_until = null, updated_at = now(),
         next_attempt_at = now() + make_interval(secs => ?) where id = ? and status = 'delivering'`,
      [final ? 'failed' : 'queued', (result.error ?? 'delivery failed').slice(0, 500), result.statusCode ?? null, final ? 0 : delayMs / 1000, row.id],
    );
    this.options.logger.info({ action: row.id, attempts: row.attempts, final, error: result.error }, 'outbound delivery failed');
  }

  private async rows<T>(sql: string, bindings: readonly unknown[]): Promise<T[]> {
    const result = (await this.options.knex.raw(sql, bindings as Knex.RawBinding[])) as { rows: T[] };
    return result.rows;
  }
}
