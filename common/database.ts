import { MikroORM, PostgreSqlDriver, type EntitySchema, type Options } from '@mikro-orm/postgresql';
import { Migrator, type Migration } from '@mikro-orm/migrations';
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
}

export type Database = MikroORM;

export async function openDatabase(options: SubgraphDatabaseOptions): Promise<Database> {
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
    pool: { min: 0, max: options.poolMax },
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
  const orm = await MikroORM.init(config);
  // A dropped idle connection (e.g. PostgreSQL restarted) must not crash the process.
  const knex = orm.em.getConnection().getKnex();
  knex.client.pool?.on?.('createFail', (_: unknown, error: Error) =>
    options.logger.warn({ err: { message: error.message } }, 'database connection failed'),
  );
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
    await knex.raw('select pg_advisory_unlock(hashtext(?))', [`migrate:${schema}`]).connection(lockClient).catch(() => undefined);
    await knex.client.releaseConnection(lockClient);
  }
}
