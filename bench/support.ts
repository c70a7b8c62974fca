import { spawn, type ChildProcess } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { chmod, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import { intFrom } from '../common/config';
import { startEmbeddedPostgres, type RunningPostgres } from '../common/embedded-postgres';
import { projectPath } from '../common/paths';
import { freePort, freeStablePort } from '../test/support/free-port';

/**
 * What the benchmarks share: a PostgreSQL, the system as `npm start` runs it,
 * a worker thread running the same file, process figures from /proc,
 * percentiles and a table.
 */

export const intSetting = (name: string, fallback: number, min: number, max: number) => intFrom(process.env, name, fallback, min, max);

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
    server = await startEmbeddedPostgres({ dataDir: path.join(folder, 'pg'), port: await freeStablePort() });
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

// ---------------------------------------------------------------------------
// The system as `npm start` runs it

/** The launcher's build (scripts/fast-build.js): plain JavaScript, loaded as Node loads it, shared with `npm start`. */
// eslint-disable-next-line @typescript-eslint/no-require-imports
const launcherBuild = require('../scripts/fast-build.js') as {
  buildStaleness(entryJs: string): string | undefined;
  fastBuild(): void;
};

/** Whether the services run from source through tsx (BENCH_FROM=source) instead of compiled (BENCH_FROM=compiled, the default), as `npm start` runs them. */
export function fromSource(): boolean {
  const from = process.env.BENCH_FROM ?? 'compiled';
  if (from !== 'compiled' && from !== 'source') throw new BenchFailure(`BENCH_FROM is compiled (the default) or source, not ${from}`);
  return from === 'source';
}

/**
 * Node's arguments for one of the system's scripts (e.g. `scripts/start`,
 * `gateway/main`), as `npm start` runs it: compiled JavaScript from dist/,
 * transpiled first by the launcher's fast build when dist/ is missing or
 * older than the sources (an up-to-date `npm run build` is used as it is).
 * BENCH_FROM=source runs the TypeScript through tsx instead; tsx's output
 * keeps every function's name with a helper that gives each closure its own
 * property table, which alone adds about 6 KB per chat subscriber.
 */
export function serviceEntry(script: string): string[] {
  if (fromSource()) return ['--import', 'tsx', projectPath(`${script}.ts`)];
  const compiled = projectPath('dist', `${script}.js`);
  const stale = launcherBuild.buildStaleness(compiled);
  if (stale) {
    process.stderr.write(`building dist/ as npm start does (it is ${stale})...\n`);
    launcherBuild.fastBuild();
  }
  return [compiled];
}

export interface Supervisor {
  child: ChildProcess;
  gatewayUrl: string;
  /** The port each service listens on (gateway, the four subgraphs, the embedded PostgreSQL). */
  ports: Record<'gateway' | 'admin' | 'tickets' | 'social' | 'streaming' | 'postgres', number>;
  stop(): Promise<void>;
}

/**
 * Starts the supervisor (scripts/start, compiled as `npm start` runs it; see serviceEntry) in its
 * own process, with PostgreSQL embedded in `dataDir` and every service on a
 * free port; resolves once the banner says everything is up. `nodeFlags`
 * go to the supervisor's node and, through fork, to every service's.
 */
export async function startSupervisor(dataDir: string, extraEnv: NodeJS.ProcessEnv = {}, nodeFlags: string[] = []): Promise<Supervisor> {
  // PostgreSQL's port stays below the ephemeral range, where a reconnecting client could otherwise take it.
  const [gateway, admin, tickets, social, streaming] = await Promise.all(Array.from({ length: 5 }, () => freePort()));
  const postgres = await freeStablePort();
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    LOG_LEVEL: process.env.LOG_LEVEL ?? 'warn',
    NODE_ENV: 'production',
    GATEWAY_PORT: String(gateway),
    ADMIN_PORT: String(admin),
    TICKETS_PORT: String(tickets),
    SOCIAL_PORT: String(social),
    STREAMING_PORT: String(streaming),
    EMBEDDED_PG_DIR: path.join(dataDir, 'pg'),
    EMBEDDED_PG_PORT: String(postgres),
  };
  for (const name of ['DATABASE_URL', 'ADMIN_EMAIL', 'ADMIN_PASSWORD', 'PRINCIPAL_SECRET']) delete env[name];
  Object.assign(env, extraEnv);
  const entry = serviceEntry('scripts/start');
  // The supervisor forks every service with its own flags (e.g. --cpu-prof), so they all get them.
  const child = spawn(process.execPath, [...nodeFlags, ...entry], { cwd: projectPath(), env, stdio: ['ignore', 'pipe', 'inherit'] });
  let output = '';
  child.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const deadline = Date.now() + 180_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`the supervisor exited during start:\n${output}`);
    if (Date.now() > deadline) throw new Error(`the system did not become ready:\n${output}`);
    if (/Ctrl-C stops everything/.test(output)) break;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  return {
    child,
    gatewayUrl: `http://127.0.0.1:${gateway}`,
    ports: { gateway, admin, tickets, social, streaming, postgres },
    stop: () => stopChild(child),
  };
}

/** SIGTERM, then SIGKILL after 30 s; resolves when the process is gone. */
export function stopChild(child: ChildProcess): Promise<void> {
  return new Promise<void>((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) return resolve();
    const timer = setTimeout(() => child.kill('SIGKILL'), 30_000);
    child.once('exit', () => {
      clearTimeout(timer);
      resolve();
    });
    child.kill('SIGTERM');
  });
}

// ---------------------------------------------------------------------------
// Process figures from /proc

const CLOCK_TICKS = 100; // USER_HZ on Linux

function statFields(pid: number, statPath = `/proc/${pid}/stat`): string[] {
  const stat = readFileSync(statPath, 'utf8');
  // Fields after the command name (which may contain spaces) start at its closing parenthesis.
  return stat.slice(stat.lastIndexOf(')') + 2).split(' ');
}

/** CPU seconds (user + system) the process has used. */
export function cpuSeconds(pid: number): number {
  const fields = statFields(pid);
  return (Number(fields[11]) + Number(fields[12])) / CLOCK_TICKS;
}

/**
 * CPU seconds this process's main thread has used: when servers run in the
 * bench's own process and the load comes from a worker thread, this is the
 * servers' share alone.
 */
export function mainThreadCpuSeconds(): number {
  const fields = statFields(process.pid, `/proc/self/task/${process.pid}/stat`);
  return (Number(fields[11]) + Number(fields[12])) / CLOCK_TICKS;
}

/**
 * CPU seconds of the process and all its descendants, the ended ones
 * included (their time is in their parent's cutime/cstime once reaped), e.g.
 * PostgreSQL's postmaster and its backends.
 */
export function treeCpuSeconds(root: number): number {
  const children = new Map<number, number[]>();
  const ticks = new Map<number, number>();
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const fields = statFields(Number(name));
      const ppid = Number(fields[1]);
      children.set(ppid, [...(children.get(ppid) ?? []), Number(name)]);
      ticks.set(Number(name), Number(fields[11]) + Number(fields[12]) + Number(fields[13]) + Number(fields[14]));
    } catch {
      // the process ended meanwhile
    }
  }
  let total = 0;
  const pending = [root];
  while (pending.length > 0) {
    const pid = pending.pop()!;
    total += ticks.get(pid) ?? 0;
    pending.push(...(children.get(pid) ?? []));
  }
  return total / CLOCK_TICKS;
}

export function memoryMb(pid: number): { rss: number; peak: number } {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = (name: string) => Number(new RegExp(`^${name}:\\s+(\\d+)`, 'm').exec(status)?.[1] ?? Number.NaN);
  return { rss: kb('VmRSS') / 1024, peak: kb('VmHWM') / 1024 };
}

/** The child of `parent` whose command line contains `entry` (e.g. gateway/main). */
export function childPid(parent: number, entry: string): number | undefined {
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      if (Number(statFields(Number(name))[1]) !== parent) continue;
      if (readFileSync(`/proc/${name}/cmdline`, 'utf8').includes(entry)) return Number(name);
    } catch {
      // the process ended meanwhile
    }
  }
  return undefined;
}

/** The 1-minute load average, as the figures' context. */
export function loadAverage(): string {
  return readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ');
}

// ---------------------------------------------------------------------------
// Output

function pad(text: string, width: number, align: 'left' | 'right'): string {
  return align === 'left' ? text.padEnd(width) : text.padStart(width);
}

/** A box-drawn table; the first column left-aligned, the others right-aligned. */
export function renderTable(header: string[], rows: string[][]): string {
  const widths = header.map((cell, column) => Math.max(cell.length, ...rows.map((row) => row[column].length)));
  const line = (cells: string[]) => '│ ' + cells.map((cell, column) => pad(cell, widths[column], column === 0 ? 'left' : 'right')).join(' │ ') + ' │';
  const rule = (left: string, middle: string, right: string) => left + widths.map((w) => '─'.repeat(w + 2)).join(middle) + right;
  return [rule('┌', '┬', '┐'), line(header), rule('├', '┼', '┤'), ...rows.map(line), rule('└', '┴', '┘')].join('\n');
}

/** A failure the bench explains in its own words (no stack). */
export class BenchFailure extends Error {}

/** Runs a bench's main and exits with its code; a failure is printed as one FAILED line (a stack only for the unexpected). */
export function runBench(main: () => Promise<number>): void {
  main().then(
    (code) => process.exit(code),
    (error: unknown) => {
      process.stderr.write(
        `\nFAILED: ${error instanceof BenchFailure ? error.message : error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
      );
      process.exit(1);
    },
  );
}
