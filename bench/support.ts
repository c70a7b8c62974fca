import { chmod, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import { startEmbeddedPostgres, type RunningPostgres } from '../common/embedded-postgres';
import { freePort } from '../test/support/free-port';

/** What the benchmarks share: a PostgreSQL, a worker thread running the same file, percentiles. */

export interface BenchDatabase {
  maintenanceUrl: string;
  stop(): Promise<void>;
}

/** TEST_DATABASE_URL or DATABASE_URL when set, else an embedded PostgreSQL in a temporary folder. */
export async function openBenchDatabase(): Promise<BenchDatabase> {
  const given = process.env.TEST_DATABASE_URL || process.env.DATABASE_URL;
  if (given) return { maintenanceUrl: given, stop: async () => undefined };
  const folder = await mkdtemp(path.join(tmpdir(), 'playroom-bench-'));
  let server: RunningPostgres;
  try {
    // mkdtemp makes the folder 0700; run as root, PostgreSQL runs as the
    // `postgres` user and must be able to pass through it to its data folder.
    await chmod(folder, 0o711);
    server = await startEmbeddedPostgres({ dataDir: path.join(folder, 'pg'), port: await freePort() });
  } catch (error) {
    await rm(folder, { recursive: true, force: true });
    throw error;
  }
  return {
    maintenanceUrl: server.url,
    stop: async () => {
      try {
        await server.stop();
      } finally {
        await rm(folder, { recursive: true, force: true });
      }
    },
  };
}

/** Starts `file` again in a worker thread; from source (tsx) it first installs tsx's require hook. */
export function workerOf(file: string, workerData: unknown): Worker {
  return file.endsWith('.ts')
    ? new Worker(`require(${JSON.stringify(require.resolve('tsx/cjs'))}); require(${JSON.stringify(file)});`, { eval: true, workerData })
    : new Worker(file, { workerData });
}

/** The p-quantile (0 < p ≤ 1) of ascending values, nearest rank. */
export function percentile(sorted: ArrayLike<number>, p: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(p * sorted.length) - 1))]!;
}
