import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { SUBGRAPH_NAMES, type SubgraphName } from '../../common/config';
import { ensureDatabase } from '../../common/embedded-postgres';
import { createLogger, type Logger } from '../../common/logger';
import { startSubgraph, type RunningSubgraph } from '../../common/subgraph-server';
import type { RateLimitSettings } from '../../gateway/rate-limit';
import { startGateway, type GatewayOptions, type RunningGateway } from '../../gateway/server';
import { SUBGRAPHS } from '../../subgraphs';

export interface TestSystem {
  gatewayUrl: string;
  /** The gateway itself (subscription counts). */
  gateway: RunningGateway;
  databaseUrl: string;
  principalSecret: string;
  /** HOST_TOKEN_SECRET of the social subgraph, unless options.env pinned another. */
  hostTokenSecret: string;
  subgraphs: Record<SubgraphName, RunningSubgraph>;
  /** SQL statements each subgraph has sent since start or the last reset. */
  queries: Record<SubgraphName, string[]>;
  resetQueryLog(): void;
  /** Runs SQL against this system's database. */
  sql<T extends pg.QueryResultRow>(text: string, values?: unknown[]): Promise<T[]>;
  /** Counts rows, for "nothing stored" checks: `countRows('tickets.messages where ticket_id = ...')`. */
  countRows(tableAndCondition: string): Promise<number>;
  stopSubgraph(name: SubgraphName): Promise<void>;
  /**
   * Another gateway in front of this system's subgraphs (or `subgraphUrls`),
   * trusting the same principal secret; `stop()` closes it unless the test
   * closed it first.
   */
  extraGateway(options?: Partial<ExtraGatewayOptions>): Promise<RunningGateway>;
  /** Another replica of one subgraph on this system's database; `stop()` closes it unless the test did. */
  replica(name: SubgraphName, options?: { logger?: Logger; env?: NodeJS.ProcessEnv; port?: number }): Promise<RunningSubgraph>;
  /** Closes this when the system stops (a server the test started itself); closes it once, whoever asks first. */
  closeOnStop<T extends { close(): Promise<void> }>(running: T): T;
  /** The logger the system's servers log to. */
  logger: Logger;
  stop(): Promise<void>;
}

export interface TestSystemOptions {
  development?: boolean;
  logger?: Logger;
  env?: NodeJS.ProcessEnv;
  /** The gateway's TRUST_PROXY setting (default: X-Forwarded-For is not trusted). */
  trustProxy?: boolean | string;
  /** General-API rate limits; by default so high that only suites testing them meet them. */
  rateLimits?: RateLimitSettings;
  /** The gateway's CREDENTIAL_CACHE_SECONDS (default: the configured default). */
  credentialCacheSeconds?: number;
  /** The gateway's ALLOWED_ORIGINS (default: none besides its own). */
  allowedOrigins?: string[];
  /** The PostgreSQL server to create this system's database on (default: the test run's, TEST_DATABASE_URL). */
  serverUrl?: string;
}

function testDatabaseUrl(): string {
  const url = process.env.TEST_DATABASE_URL;
  if (!url) throw new Error('TEST_DATABASE_URL is unset: run the tests through jest (test/support/global-setup.ts)');
  return url;
}

/**
 * The whole system for one test file: a fresh database, the four subgraphs
 * and the gateway, each a real HTTP server on a free port of this machine.
 */
export async function startSystem(options: TestSystemOptions = {}): Promise<TestSystem> {
  const databaseUrl = new URL(options.serverUrl ?? testDatabaseUrl());
  databaseUrl.pathname = `/test_${randomBytes(6).toString('hex')}`;
  await ensureDatabase(databaseUrl.toString());
  const principalSecret = randomBytes(32).toString('base64url');
  const hostTokenSecret = randomBytes(32).toString('base64url');
  const logger = options.logger ?? createLogger('test', process.env.TEST_LOG_LEVEL ?? 'silent');
  const queries = Object.fromEntries(SUBGRAPH_NAMES.map((name) => [name, [] as string[]])) as Record<SubgraphName, string[]>;
  const development = options.development ?? false;

  const started: RunningSubgraph[] = [];
  let gateway: RunningGateway | undefined;
  const pool = new pg.Pool({ connectionString: databaseUrl.toString(), max: 2 });
  // An idle connection the server drops (outage tests terminate backends) must not crash the run.
  pool.on('error', () => undefined);
  try {
    for (const name of SUBGRAPH_NAMES) {
      started.push(
        await startSubgraph(SUBGRAPHS[name], {
          host: '127.0.0.1',
          port: 0,
          databaseUrl: databaseUrl.toString(),
          databasePoolMax: 4,
          principalSecret,
          development,
          logger: logger.child({ subgraph: name }),
          // ADMIN_URL and PRINCIPAL_SECRET: subgraphs call the admin subgraph directly (started first).
          env: {
            HOST_TOKEN_SECRET: hostTokenSecret,
            PRINCIPAL_SECRET: principalSecret,
            ADMIN_URL: started.find((s) => s.name === 'admin')?.url,
            ...options.env,
          },
          onQuery: (sql) => queries[name].push(sql),
        }),
      );
    }
    const subgraphs = Object.fromEntries(started.map((subgraph) => [subgraph.name, subgraph])) as Record<SubgraphName, RunningSubgraph>;
    gateway = await startGateway({
      host: '127.0.0.1',
      port: 0,
      subgraphUrls: Object.fromEntries(started.map((subgraph) => [subgraph.name, subgraph.url])) as Record<SubgraphName, string>,
      principalSecret,
      principalTtlSeconds: 30,
      subgraphTimeoutMs: 5000,
      development,
      docsEnabled: true,
      logger: logger.child({ service: 'gateway' }),
      trustProxy: options.trustProxy,
      credentialCacheSeconds: options.credentialCacheSeconds,
      allowedOrigins: options.allowedOrigins,
      rateLimits: options.rateLimits ?? { windowSeconds: 60, perPlan: { free: 1_000_000, pro: 1_000_000, enterprise: 1_000_000 } },
    });
    const runningGateway = gateway;
    const stopped = new Set<SubgraphName>();
    const extras: { close(): Promise<void> }[] = [];
    const closeOnStop = <T extends { close(): Promise<void> }>(running: T): T => {
      const close = running.close.bind(running);
      let closing: Promise<void> | undefined;
      running.close = () => (closing ??= close());
      extras.push(running);
      return running;
    };
    const system: TestSystem = {
      gatewayUrl: runningGateway.url,
      gateway: runningGateway,
      databaseUrl: databaseUrl.toString(),
      principalSecret,
      hostTokenSecret: options.env?.HOST_TOKEN_SECRET ?? hostTokenSecret,
      subgraphs,
      queries,
      resetQueryLog: () => SUBGRAPH_NAMES.forEach((name) => queries[name].splice(0)),
      sql: async (text, values) => (await pool.query(text, values)).rows,
      countRows: async (table) => Number((await pool.query<{ n: string }>(`select count(*) as n from ${table}`)).rows[0]!.n),
      stopSubgraph: async (name) => {
        stopped.add(name);
        await subgraphs[name].close();
      },
      logger,
      closeOnStop,
      extraGateway: async (extra = {}) => closeOnStop(await startExtraGateway(system, { logger, ...extra })),
      replica: async (name, extra = {}) => closeOnStop(await startSubgraphReplica(system, name, { ...extra, logger: extra.logger ?? logger })),
      stop: async () => {
        // Extra servers first, newest first: a gateway before the replicas it fronts.
        for (const extra of extras.reverse()) await extra.close();
        await runningGateway.close();
        for (const subgraph of started) if (!stopped.has(subgraph.name)) await subgraph.close();
        await pool.end();
        await dropDatabase(databaseUrl);
      },
    };
    return system;
  } catch (error) {
    await gateway?.close().catch(() => undefined);
    for (const subgraph of started) await subgraph.close().catch(() => undefined);
    await pool.end();
    throw error;
  }
}

async function dropDatabase(databaseUrl: URL): Promise<void> {
  const maintenance = new URL(databaseUrl);
  maintenance.pathname = '/postgres';
  const client = new pg.Client({ connectionString: maintenance.toString() });
  await client.connect();
  try {
    await client.query(`drop database if exists ${client.escapeIdentifier(databaseUrl.pathname.slice(1))} with (force)`);
  } finally {
    await client.end();
  }
}

/** Every subgraph's URL in this system, for a second gateway in front of them (or of some replicas). */
export function subgraphUrlsOf(system: Pick<TestSystem, 'subgraphs'>): Record<SubgraphName, string> {
  return Object.fromEntries(SUBGRAPH_NAMES.map((name) => [name, system.subgraphs[name].url])) as Record<SubgraphName, string>;
}

/**
 * Another replica of one subgraph on this system's database and principal
 * secret, as a second replica runs in production (fan-out and failover tests),
 * on `port` when given (a subgraph back on the port it went down on).
 * The caller stops it.
 */
export function startSubgraphReplica(
  system: Pick<TestSystem, 'databaseUrl' | 'principalSecret'>,
  name: SubgraphName,
  options: { logger: Logger; env?: NodeJS.ProcessEnv; port?: number },
): Promise<RunningSubgraph> {
  return startSubgraph(SUBGRAPHS[name], {
    host: '127.0.0.1',
    port: options.port ?? 0,
    databaseUrl: system.databaseUrl,
    databasePoolMax: 2,
    principalSecret: system.principalSecret,
    development: false,
    logger: options.logger,
    env: options.env ?? {},
  });
}

/**
 * Another gateway replica that trusts this system's subgraphs (the same
 * principal secret), in front of `subgraphUrls`, all of this system's by
 * default. The caller stops it.
 */
export function startExtraGateway(system: Pick<TestSystem, 'subgraphs' | 'principalSecret'>, options: ExtraGatewayOptions): Promise<RunningGateway> {
  return startGateway(extraGatewayOptions(system, options));
}

export type ExtraGatewayOptions = { logger: Logger; subgraphUrls?: Record<SubgraphName, string> } & Partial<GatewayOptions>;

/** The options startExtraGateway starts a gateway with, for tests that start (and restart) it themselves. */
export function extraGatewayOptions(system: Pick<TestSystem, 'subgraphs' | 'principalSecret'>, options: ExtraGatewayOptions): GatewayOptions {
  const { logger, subgraphUrls, ...extra } = options;
  return {
    host: '127.0.0.1',
    port: 0,
    subgraphUrls: subgraphUrls ?? subgraphUrlsOf(system),
    principalSecret: system.principalSecret,
    principalTtlSeconds: 30,
    subgraphTimeoutMs: 5000,
    development: false,
    docsEnabled: false,
    logger,
    ...extra,
  };
}

/**
 * The system of one test file: started before its tests (beforeAll) and
 * stopped after them (afterAll). The answer stands for the started system,
 * so the file reads `system.gatewayUrl` as if it had started it itself;
 * reading it before beforeAll has run is an error that says so.
 */
export function useSystem(options: TestSystemOptions | (() => TestSystemOptions) = {}): TestSystem {
  let started: TestSystem | undefined;
  beforeAll(async () => {
    started = await startSystem(typeof options === 'function' ? options() : options);
  });
  afterAll(() => started?.stop());
  return new Proxy({} as TestSystem, {
    get: (_target, property) => {
      if (!started) throw new Error(`the test system is read (${String(property)}) before beforeAll started it`);
      return started[property as keyof TestSystem];
    },
  });
}
