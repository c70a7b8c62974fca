import type { ApolloServerPlugin, BaseContext } from '@apollo/server';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';
import type { Config } from './config';
import { constantTimeEqual } from './constant-time';
import { ErrorCode, PUBLIC_ERROR_CODES } from './errors';
import { isPrivateAddress } from './outbound/url-policy';

/**
 * Prometheus metrics of one server (the gateway or one subgraph), served on
 * its own port at GET /metrics. Each server has its own registry, so the
 * test system (five servers in one process) still shows each server only its
 * own series. Names follow the OpenMetrics conventions: the `playroom_`
 * prefix, the unit in the name (`_seconds`), `_total` on counters. The
 * default process and Node.js metrics keep their standard names, so stock
 * dashboards work. Every label has a bounded set of values: route templates,
 * never raw URLs; a capped set of GraphQL operation names; known error codes.
 */

export const METRICS_PATH = '/metrics';
const PREFIX = 'playroom_';
/** Seconds: from a fast in-memory answer to a subgraph timeout. */
const DURATION_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];
/** Label of requests that matched no route (a 404 or a refused method): never the raw URL. */
const UNMATCHED_ROUTE = 'unmatched';
const HTTP_METHODS = new Set(['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS']);
/** Operation-name labels for operations without a usable name. */
export const OPERATION_LABEL = { anonymous: 'anonymous', unknown: 'unknown', other: 'other' } as const;
const OPERATION_NAME = /^[_A-Za-z][_0-9A-Za-z]{0,99}$/;
/** Codes counted under their own label; anything else (development mode passes unmasked codes) is OTHER. */
const COUNTED_ERROR_CODES: ReadonlySet<string> = new Set([...PUBLIC_ERROR_CODES, ErrorCode.Internal]);

/** METRICS_TOKEN and METRICS_MAX_OPERATION_NAMES, as common/config.ts reads them. */
export type MetricsOptions = Config['metrics'];

/** The tarn pool under knex (MikroORM's connection pool). */
export interface ConnectionPoolStats {
  numUsed(): number;
  numFree(): number;
  numPendingAcquires(): number;
  max: number;
}

export type SubgraphFetchResult = 'ok' | 'graphql_errors' | 'failed';
export type OutboundDeliveryResult = 'succeeded' | 'retry_scheduled' | 'failed';

/** What subscription servers count: passed to the gateway's and the subgraphs' WebSocket servers. */
export interface SubscriptionMetrics {
  /** Counts an operation as active until it ends, and each value it yields as one event sent to its subscriber. */
  observeSubscription<T>(iterator: AsyncIterator<T>): AsyncIterableIterator<T> & AsyncGenerator<T>;
  /** Events written to a subscriber by a transport that writes frames itself (the gateway's shared fan-out). */
  countEventSent(count: number): void;
}

export class Metrics implements SubscriptionMetrics {
  readonly registry = new Registry();
  private readonly token: string | undefined;
  private readonly maxOperationNames: number;
  private readonly operationNames = new Set<string>();
  private readonly webSocketSources = new Set<() => number>();
  private readonly poolSources = new Set<() => ConnectionPoolStats | undefined>();
  private readonly backlogSources = new Map<string, () => Promise<Record<string, number>>>();

  private readonly httpRequests: Counter<'method' | 'route' | 'status_class'>;
  private readonly httpDuration: Histogram<'method' | 'route' | 'status_class'>;
  private readonly graphqlOperations: Counter<'operation_name' | 'operation_type'>;
  private readonly graphqlDuration: Histogram<'operation_name' | 'operation_type'>;
  private readonly graphqlErrors: Counter<'code'>;
  private readonly subgraphFetches: Counter<'subgraph' | 'result'>;
  private readonly subgraphFetchDuration: Histogram<'subgraph'>;
  private readonly subscriptionsActive: Gauge;
  private readonly subscriptionEvents: Counter;
  private readonly outboundDeliveries: Counter<'queue' | 'result'>;
  private readonly inFlightRuns: Counter<'kind' | 'outcome'>;
  private readonly cacheLookups: Counter<'cache' | 'result'>;

  constructor(options: MetricsOptions) {
    this.token = options.token;
    this.maxOperationNames = options.maxOperationNames;
    const registers = [this.registry];
    collectDefaultMetrics({ register: this.registry });
    this.httpRequests = new Counter({
      name: `${PREFIX}http_requests_total`,
      help: 'HTTP requests answered, by route template and status class',
      labelNames: ['method', 'route', 'status_class'],
      registers,
    });
    this.httpDuration = new Histogram({
      name: `${PREFIX}http_request_duration_seconds`,
      help: 'Time from receiving an HTTP request to sending its response',
      labelNames: ['method', 'route', 'status_class'],
      buckets: DURATION_BUCKETS,
      registers,
    });
    this.graphqlOperations = new Counter({
      name: `${PREFIX}graphql_operations_total`,
      help: 'GraphQL operations run (HTTP and REST-translated), by operation name',
      labelNames: ['operation_name', 'operation_type'],
      registers,
    });
    this.graphqlDuration = new Histogram({
      name: `${PREFIX}graphql_operation_duration_seconds`,
      help: 'Time from receiving a GraphQL operation to sending its response',
      labelNames: ['operation_name', 'operation_type'],
      buckets: DURATION_BUCKETS,
      registers,
    });
    this.graphqlErrors = new Counter({
      name: `${PREFIX}graphql_errors_total`,
      help: 'Errors in GraphQL responses, by extensions.code as the client sees it',
      labelNames: ['code'],
      registers,
    });
    this.subgraphFetches = new Counter({
      name: `${PREFIX}subgraph_fetches_total`,
      help: 'Gateway requests to a subgraph while executing a query plan, by subgraph and result',
      labelNames: ['subgraph', 'result'],
      registers,
    });
    this.subgraphFetchDuration = new Histogram({
      name: `${PREFIX}subgraph_fetch_duration_seconds`,
      help: 'Duration of one gateway request to a subgraph',
      labelNames: ['subgraph'],
      buckets: DURATION_BUCKETS,
      registers,
    });
    this.inFlightRuns = new Counter({
      name: `${PREFIX}inflight_deduplication_total`,
      help: 'Gateway: queries and subgraph fetches run (executed) or answered by an identical one already running (shared)',
      labelNames: ['kind', 'outcome'],
      registers,
    });
    this.cacheLookups = new Counter({
      name: `${PREFIX}graphql_cache_lookups_total`,
      help: 'Lookups in the parsed-and-validated document cache and the gateway query plan cache, by result',
      labelNames: ['cache', 'result'],
      registers,
    });
    const webSocketSources = this.webSocketSources;
    new Gauge({
      name: `${PREFIX}websocket_connections`,
      help: 'Open GraphQL-over-WebSocket connections',
      registers,
      collect() {
        let open = 0;
        for (const count of webSocketSources) open += count();
        this.set(open);
      },
    });
    this.subscriptionsActive = new Gauge({ name: `${PREFIX}subscriptions_active`, help: 'Subscriptions running now', registers });
    this.subscriptionEvents = new Counter({
      name: `${PREFIX}subscription_events_total`,
      help: 'Subscription events sent, one per subscriber (the fan-out)',
      registers,
    });
    this.outboundDeliveries = new Counter({
      name: `${PREFIX}outbound_deliveries_total`,
      help: 'Outbound delivery attempts (targets, webhooks), by queue and result',
      labelNames: ['queue', 'result'],
      registers,
    });
    const backlogSources = this.backlogSources;
    new Gauge({
      name: `${PREFIX}outbound_actions`,
      help: 'Outbound actions waiting (queued) or in flight (delivering), by queue',
      labelNames: ['queue', 'state'],
      registers,
      async collect() {
        this.reset();
        for (const [queue, read] of backlogSources) {
          // A database outage must not break the whole scrape: that queue's series is left out.
          const counts = await read().catch(() => undefined);
          for (const [state, count] of Object.entries(counts ?? {})) this.set({ queue, state }, count);
        }
      },
    });
    const poolSources = this.poolSources;
    const poolStats = () => [...poolSources].map((read) => read()).filter((pool): pool is ConnectionPoolStats => pool !== undefined);
    new Gauge({
      name: `${PREFIX}db_pool_connections`,
      help: 'Database pool connections, in use or idle',
      labelNames: ['state'],
      registers,
      collect() {
        const pools = poolStats();
        this.set(
          { state: 'used' },
          pools.reduce((sum, pool) => sum + pool.numUsed(), 0),
        );
        this.set(
          { state: 'free' },
          pools.reduce((sum, pool) => sum + pool.numFree(), 0),
        );
      },
    });
    new Gauge({
      name: `${PREFIX}db_pool_pending_acquires`,
      help: 'Requests waiting for a database pool connection',
      registers,
      collect() {
        this.set(poolStats().reduce((sum, pool) => sum + pool.numPendingAcquires(), 0));
      },
    });
    new Gauge({
      name: `${PREFIX}db_pool_max_connections`,
      help: 'Largest size of the database pool (DATABASE_POOL_MAX)',
      registers,
      collect() {
        this.set(poolStats().reduce((sum, pool) => sum + pool.max, 0));
      },
    });
  }

  // -------------------------------------------------------------------------
  // HTTP (common/http-app.ts)

  /** Counts and times every request by route template, and serves GET /metrics on this app. */
  instrumentHttp(app: FastifyInstance): void {
    app.addHook('onResponse', async (request, reply) => {
      const labels = {
        method: HTTP_METHODS.has(request.method) ? request.method : 'OTHER',
        route: request.routeOptions.url ?? UNMATCHED_ROUTE,
        status_class: `${Math.floor(reply.statusCode / 100)}xx`,
      };
      this.httpRequests.inc(labels);
      this.httpDuration.observe(labels, reply.elapsedTime / 1000);
    });
    app.get(METRICS_PATH, { schema: { hide: true }, logLevel: 'warn' }, async (request, reply) => {
      const refusal = this.refusal(request);
      if (refusal) return reply.code(refusal.status).headers(refusal.headers).type('text/plain').send(refusal.message);
      return reply.type(this.registry.contentType).send(await this.registry.metrics());
    });
  }

  /**
   * With METRICS_TOKEN, only a scraper sending it as a bearer token; without,
   * only clients on internal addresses (loopback, private, link-local; the
   * address honours TRUST_PROXY), since the gateway's port is public.
   */
  private refusal(request: FastifyRequest): { status: number; headers: Record<string, string>; message: string } | undefined {
    if (this.token !== undefined) {
      const given = /^Bearer (.+)$/i.exec(request.headers.authorization ?? '')?.[1];
      if (given !== undefined && constantTimeEqual(given, this.token)) return undefined;
      return { status: 401, headers: { 'www-authenticate': 'Bearer realm="metrics"' }, message: 'Metrics need the METRICS_TOKEN bearer token' };
    }
    if (isPrivateAddress(request.ip)) return undefined;
    return { status: 403, headers: {}, message: 'Metrics are served to internal addresses only; set METRICS_TOKEN to scrape from elsewhere' };
  }

  // -------------------------------------------------------------------------
  // GraphQL (Apollo Server plugin chain of the gateway and every subgraph)

  /** Counts and times each operation by name, and each error in its response by code. */
  graphqlPlugin<TContext extends BaseContext>(): ApolloServerPlugin<TContext> {
    return {
      requestDidStart: async () => {
        const started = process.hrtime.bigint();
        let labels: { operation_name: string; operation_type: string } = { operation_name: OPERATION_LABEL.unknown, operation_type: 'unknown' };
        return {
          didResolveOperation: async ({ operationName, operation }) => {
            labels = { operation_name: this.operationLabel(operationName), operation_type: operation?.operation ?? 'unknown' };
          },
          willSendResponse: async ({ response }) => {
            this.graphqlOperations.inc(labels);
            this.graphqlDuration.observe(labels, Number(process.hrtime.bigint() - started) / 1e9);
            const errors = response.body.kind === 'single' ? response.body.singleResult.errors : response.body.initialResult.errors;
            for (const error of errors ?? []) {
              const code = error.extensions?.code;
              this.graphqlErrors.inc({ code: typeof code === 'string' && COUNTED_ERROR_CODES.has(code) ? code : 'OTHER' });
            }
          },
        };
      },
    };
  }

  /** Names come from clients: only the first maxOperationNames distinct valid ones get their own series. */
  private operationLabel(name: string | null): string {
    if (!name) return OPERATION_LABEL.anonymous;
    if (!OPERATION_NAME.test(name)) return OPERATION_LABEL.other;
    if (this.operationNames.has(name)) return name;
    if (this.operationNames.size >= this.maxOperationNames) return OPERATION_LABEL.other;
    this.operationNames.add(name);
    return name;
  }

  // -------------------------------------------------------------------------
  // Gateway → subgraph (gateway/subgraph-data-source.ts)

  /** Starts timing one fetch; call the result with how it ended. */
  subgraphFetch(subgraph: string): (result: SubgraphFetchResult) => void {
    const stop = this.subgraphFetchDuration.startTimer({ subgraph });
    return (result) => {
      stop();
      this.subgraphFetches.inc({ subgraph, result });
    };
  }

  /** One query or subgraph fetch that ran, or that waited for an identical one (gateway/in-flight.ts). */
  inFlight(kind: 'operation' | 'subgraph_fetch', shared: boolean): void {
    this.inFlightRuns.inc({ kind, outcome: shared ? 'shared' : 'executed' });
  }

  /** One lookup in the document or query plan cache (gateway/counted-cache.ts). */
  cacheLookup(cache: 'document' | 'query_plan', hit: boolean): void {
    this.cacheLookups.inc({ cache, result: hit ? 'hit' : 'miss' });
  }

  // -------------------------------------------------------------------------
  // WebSockets (gateway/subscriptions.ts, common/subgraph-websocket.ts)

  /** Adds a WebSocket server's open-connection count to playroom_websocket_connections; returns the undo. */
  observeWebSockets(count: () => number): () => void {
    this.webSocketSources.add(count);
    return () => this.webSocketSources.delete(count);
  }

  countEventSent(count: number): void {
    this.subscriptionEvents.inc(count);
  }

  observeSubscription<T>(source: AsyncIterator<T>): AsyncIterableIterator<T> & AsyncGenerator<T> {
    this.subscriptionsActive.inc();
    let active = true;
    const ended = () => {
      if (!active) return;
      active = false;
      this.subscriptionsActive.dec();
    };
    const iterator = {
      next: async (): Promise<IteratorResult<T>> => {
        let result: IteratorResult<T>;
        try {
          result = await source.next();
        } catch (error) {
          ended();
          throw error;
        }
        if (result.done) ended();
        else this.subscriptionEvents.inc();
        return result;
      },
      return: async (value?: unknown): Promise<IteratorResult<T>> => {
        ended();
        return (await source.return?.(value)) ?? { value: undefined, done: true };
      },
      throw: async (error?: unknown): Promise<IteratorResult<T>> => {
        ended();
        if (source.throw) return source.throw(error);
        throw error;
      },
      [Symbol.asyncIterator]() {
        return iterator;
      },
    };
    return iterator as AsyncIterableIterator<T> & AsyncGenerator<T>;
  }

  // -------------------------------------------------------------------------
  // Outbound deliveries (common/outbound/worker.ts)

  outboundDelivery(queue: string, result: OutboundDeliveryResult): void {
    this.outboundDeliveries.inc({ queue, result });
  }

  /** Reads a queue's backlog (counts by state) at each scrape; returns the undo. */
  observeOutboundBacklog(queue: string, read: () => Promise<Record<string, number>>): () => void {
    this.backlogSources.set(queue, read);
    return () => {
      if (this.backlogSources.get(queue) === read) this.backlogSources.delete(queue);
    };
  }

  // -------------------------------------------------------------------------
  // Database pool (common/database.ts)

  /** Reads the pool at each scrape (undefined while there is none); returns the undo. */
  observeConnectionPool(read: () => ConnectionPoolStats | undefined): () => void {
    this.poolSources.add(read);
    return () => this.poolSources.delete(read);
  }
}
