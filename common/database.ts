import { MikroORM, PostgreSqlDriver, type EntitySchema, type Options } from '@mikro-orm/postgresql';
import { Migrator, type Migration } from '@mikro-orm/migrations';
import pg from 'pg';
import { DEFAULT_DATABASE_CONNECT_TIMEOUT_MS } from './config';
import { isDatabaseUnavailable } from './database-errors';
import type { Logger } from './logger';
import type { ConnectionPoolStats, Metrics } from './metrics';

export type MigrationClass = new (...args: ConstructorParameters<typeof Migration>) => Migration;

export interface SubgraphDatabaseOptions {
  /** The PostgreSQL schema this subgraph owns; no other subgraph touches it. */
  schema: string;
  databaseUrl: string;
  // EntitySchema is generic over each entity; the ORM accepts any of them.
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  entities: EntitySchema<any>[];
  migrations: { name: string; class: MigrationClass }[];
  poolMax: number;
  logger: Logger;
  /** Called for every SQL statement sent; tests count round trips with it. */
  onQuery?: (sql: string) => void;
  /** Reports pool usage (used, free, waiting) on /metrics. */
  metrics?: Metrics;
  /** DATABASE_CONNECT_TIMEOUT_MS: how long opening one connection may take. */
  connectTimeoutMs?: number;
}

/** A database that cannot be reached at start, with what to do about it. */
export class DatabaseUnreachable extends Error {}

/**
 * One line for an operator whose DATABASE_URL does not lead to a database:
 * where it tried (host and port, never the password), why, and the fix.
 */
export function explainConnectionFailure(error: unknown, databaseUrl: string): string {
  let target = 'the database';
  try {
    const url = new URL(databaseUrl);
    target = `${url.hostname}:${url.port || 5432}${url.pathname}`;
  } catch {
    // config.ts refuses URLs that do not parse; keep the generic words
  }
  const code = (error as { code?: unknown } | undefined)?.code;
  const reasons: Record<string, string> = {
    ECONNREFUSED: 'nothing listens there',
    ENOTFOUND: 'the host name does not resolve',
    EAI_AGAIN: 'the host name does not resolve',
    ETIMEDOUT: 'the connection timed out',
    EHOSTUNREACH: 'the host is unreachable',
    '28P01': 'the password was refused',
    '28000': 'the user may not connect',
    '3D000': 'that database does not exist',
  };
  const reason =
    (typeof code === 'string' && reasons[code]) ||
    (error instanceof Error && /timeout/i.test(error.message) ? 'the connection timed out' : error instanceof Error ? error.message : String(error));
  return `cannot connect to the PostgreSQL in DATABASE_URL (${target}: ${reason}); start PostgreSQL there or correct DATABASE_URL (unset, npm start runs an embedded PostgreSQL)`;
}

/** Opens and closes one connection, so a wrong DATABASE_URL fails before anything starts. */
export async function checkDatabaseReachable(databaseUrl: string, connectTimeoutMs = DEFAULT_DATABASE_CONNECT_TIMEOUT_MS): Promise<void> {
  const client = new pg.Client({ connectionString: databaseUrl, connectionTimeoutMillis: connectTimeoutMs });
  client.on('error', () => undefined);
  try {
    await client.connect();
  } catch (error) {
    throw new DatabaseUnreachable(explainConnectionFailure(error, databaseUrl));
  } finally {
    await client.end().catch(() => undefined);
  }
}

/** Wait between two attempts to open a pool connection: 100–400 ms, new for every attempt. */
function jitteredRetryMs(): number {
  return 100 + Math.floor(Math.random() * 300);
}

export type Database = MikroORM;

function isAuthenticationFailure(error: unknown): boolean {
  const code = (error as { code?: unknown } | undefined)?.code;
  return code === '28P01' || code === '28000' || code === '3D000';
}

export async function openDatabase(options: SubgraphDatabaseOptions): Promise<Database> {
  const connectTimeoutMs = options.connectTimeoutMs ?? DEFAULT_DATABASE_CONNECT_TIMEOUT_MS;
  const config: Options = {
    driver: PostgreSqlDriver,
    clientUrl: options.databaseUrl,
    schema: options.schema,
    entities: options.entities,
    extensions: [Migrator],
    migrations: {
      migrationsList: options.migrations,
      tableName: `${options.schema}.mikro_orm_migrations`,
      transactional: true,
      allOrNothing: true,
      snapshot: false,
    },
    // A request waits at most this long for a connection (and each attempt to open one is bounded by
    // the connect timeout): during an outage requests fail fast with 503 instead of queueing for a
    // minute, and attempts to reconnect are made only while requests wait, never in a tight loop.
    pool: {
      min: 0,
      max: options.poolMax,
      acquireTimeoutMillis: 2 * connectTimeoutMs,
      createTimeoutMillis: connectTimeoutMs,
      idleTimeoutMillis: 30_000,
    },
    driverOptions: {
      connection: { connectionTimeoutMillis: connectTimeoutMs, keepAlive: true },
      // knex reports dropped connections on the console; send them to the process's log instead.
      log: {
        warn: (message: unknown) => options.logger.warn({ knex: String(message) }, 'database connection dropped'),
        error: (message: unknown) => options.logger.error({ knex: String(message) }, 'database driver error'),
        deprecate: () => undefined,
        debug: () => undefined,
      },
    },
    // A request must use its own forked EntityManager, never the global one.
    allowGlobalContext: false,
    debug: false,
    // The migrator reports through the ORM logger; send that to pino, not the console.
    logger: (message: string) => options.logger.debug({ orm: message }),
    colors: false,
    discovery: { warnWhenNoEntities: false },
    onQuery: (sql: string) => {
      options.onQuery?.(sql);
      return sql;
    },
  };
  let orm: MikroORM;
  try {
    orm = await MikroORM.init(config);
  } catch (error) {
    if (isDatabaseUnavailable(error) || isAuthenticationFailure(error)) throw new DatabaseUnreachable(explainConnectionFailure(error, options.databaseUrl));
    throw error;
  }
  // A dropped idle connection (e.g. PostgreSQL restarted) must not crash the process.
  const knex = orm.em.getConnection().getKnex();
  const pool = knex.client.pool as { on?: (event: string, listener: (...args: unknown[]) => void) => void } | undefined;
  pool?.on?.('createFail', (_: unknown, error: unknown) =>
    options.logger.warn({ err: { message: error instanceof Error ? error.message : String(error) } }, 'database connection failed'),
  );
  // tarn (knex's pool) retries a failed connect after a fixed interval; replicas that lost the
  // database together would retry in lockstep, so every retry draws its own wait.
  if (pool) Object.defineProperty(pool, 'createRetryIntervalMillis', { get: jitteredRetryMs, configurable: true });
  // Read at each scrape through the ORM, so a pool made anew after a reconnect is the one reported.
  options.metrics?.observeConnectionPool(() => orm.em.getConnection().getKnex().client.pool as ConnectionPoolStats | undefined);
  return orm;
}

/**
 * Applies this subgraph's pending migrations. Replicas of one subgraph may
 * start together, so the run is serialised with a PostgreSQL advisory lock
 * keyed by the schema name.
 */
export async function migrateDatabase(orm: Database, schema: string, logger: Logger): Promise<string[]> {
  const connection = orm.em.getConnection();
  const knex = connection.getKnex();
  const lockClient = await knex.client.acquireConnection();
  try {
    await knex.raw('select pg_advisory_lock(hashtext(?))', [`migrate:${schema}`]).connection(lockClient);
    await knex.raw(`create schema if not exists ${knex.client.wrapIdentifier(schema)}`);
    const applied = await orm.getMigrator().up();
    const names = applied.map((m) => m.name);
    if (names.length > 0) logger.info({ schema, migrations: names }, 'migrations applied');
    return names;
  } finally {
    await knex
      .raw('select pg_advisory_unlock(hashtext(?))', [`migrate:${schema}`])
      .connection(lockClient)
      .catch(() => undefined);
    await knex.client.releaseConnection(lockClient);
  }
}
