/**
 * What the gateway costs: the same query sent to the gateway and straight to
 * the subgraph that answers it, one after the other in one run, on a fresh
 * system (a new database, the four subgraphs and the gateway in this process).
 *
 *   npm run bench
 *   BENCH_DURATION_SECONDS=30 BENCH_CONNECTIONS=50 npm run bench
 *
 * Settings (environment):
 *   BENCH_DURATION_SECONDS  measured seconds per target (default 10)
 *   BENCH_CONNECTIONS       concurrent connections (default 10)
 *   BENCH_WARMUP_SECONDS    unmeasured seconds per target first (default 1, 0 skips)
 *
 * CPU per request is the main thread's CPU time over the measured seconds
 * (Linux: its own ticks; elsewhere event-loop busy time), divided by the
 * responses: every server runs on
 * that thread and the load on another, so the gateway row less the subgraph
 * row is what the gateway itself costs per request.
 *   TEST_DATABASE_URL / DATABASE_URL  a PostgreSQL maintenance URL to create the
 *                           throw-away database on; unset starts an embedded one
 *
 * The load comes from autocannon in a worker thread, so it does not share the
 * event loop the servers run on. Latencies are taken from each response at
 * sub-millisecond resolution (autocannon's own histogram keeps whole ms only).
 * Exits 1 when a sample answer is wrong or any request fails (non-2xx status,
 * connection error or timeout).
 */
import { readFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { isMainThread, parentPort, Worker, workerData } from 'node:worker_threads';
import autocannon from 'autocannon';
import { PRINCIPAL_HEADER, signPrincipal } from '../common/principal';
import { startSystem, type TestSystem } from '../test/support/system';
import { openBenchDatabase, percentile, workerOf, type BenchDatabase } from './support';

const QUERY = '{ publicSettings { siteName siteDescription registrationOpen supportEmail } }';
const SETTINGS_FIELDS = ['siteName', 'siteDescription', 'registrationOpen', 'supportEmail'] as const;

/** One target's load, as handed to the worker thread. */
interface LoadJob {
  url: string;
  headers: Record<string, string>;
  body: string;
  connections: number;
  warmupSeconds: number;
  durationSeconds: number;
}

interface LoadSummary {
  durationSeconds: number;
  /** Responses received, whatever their status. */
  responses: number;
  requestsPerSecond: number;
  latencyMs: { p50: number; p99: number; mean: number; max: number };
  non2xx: number;
  errors: number;
  timeouts: number;
  statusCodes: Record<string, number>;
}

interface WorkerReply {
  warmup: LoadSummary | undefined;
  measured: LoadSummary;
}

class BenchFailure extends Error {}

// ---------------------------------------------------------------- worker side

async function runLoad(job: LoadJob, durationSeconds: number): Promise<LoadSummary> {
  const latencies: number[] = [];
  const instance = autocannon({
    url: job.url,
    method: 'POST',
    headers: job.headers,
    body: job.body,
    connections: job.connections,
    duration: durationSeconds,
  });
  instance.on('response', (_client, _statusCode, _bytes, responseTimeMs) => {
    latencies.push(responseTimeMs);
  });
  const result = await instance;
  const sorted = Float64Array.from(latencies).sort();
  const sum = latencies.reduce((total, value) => total + value, 0);
  return {
    durationSeconds: result.duration,
    responses: sorted.length,
    requestsPerSecond: result.duration > 0 ? sorted.length / result.duration : 0,
    latencyMs: {
      p50: percentile(sorted, 0.5),
      p99: percentile(sorted, 0.99),
      mean: sorted.length > 0 ? sum / sorted.length : Number.NaN,
      max: sorted.length > 0 ? sorted[sorted.length - 1] : Number.NaN,
    },
    non2xx: result.non2xx,
    errors: result.errors,
    timeouts: result.timeouts,
    statusCodes: Object.fromEntries(Object.entries(result.statusCodeStats).map(([code, { count }]) => [code, count])),
  };
}

async function workerMain(job: LoadJob): Promise<void> {
  const warmup = job.warmupSeconds > 0 ? await runLoad(job, job.warmupSeconds) : undefined;
  const measured = await runLoad(job, job.durationSeconds);
  const reply: WorkerReply = { warmup, measured };
  parentPort?.postMessage(reply);
}

// ------------------------------------------------------------------ main side

function intSetting(name: string, fallback: number, min: number, max: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw.trim() === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new BenchFailure(`${name} must be an integer from ${min} to ${max}, got "${raw}"`);
  }
  return value;
}

/**
 * CPU time this process's main thread has used, in ms: on Linux its own
 * user + system ticks (/proc/self/task/<pid>/stat), which a busy machine's
 * waiting time does not inflate; elsewhere its event-loop busy time.
 */
function mainThreadCpuMs(): number {
  try {
    const stat = readFileSync(`/proc/self/task/${process.pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    // Fields 14 and 15 of stat(5) (utime, stime), counted from the state field (3rd).
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / CLOCK_TICKS_PER_SECOND;
  } catch {
    return performance.eventLoopUtilization().active;
  }
}
/** USER_HZ: 100 on every Linux architecture Node runs on. */
const CLOCK_TICKS_PER_SECOND = 100;

let activeWorker: Worker | undefined;

/** Runs one target's warm-up and measurement in a worker thread (this same file). */
function loadInWorker(job: LoadJob): Promise<WorkerReply> {
  return new Promise((resolve, reject) => {
    // From source (tsx), the worker needs tsx's require hook before it can load this .ts file.
    const worker = workerOf(__filename, job);
    activeWorker = worker;
    let reply: WorkerReply | undefined;
    worker.once('message', (message: WorkerReply) => {
      reply = message;
    });
    worker.once('error', reject);
    worker.once('exit', (code) => {
      activeWorker = undefined;
      if (reply) resolve(reply);
      else reject(new BenchFailure(`load worker for ${job.url} exited with code ${code} and no result`));
    });
  });
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Sends the query once and checks the answer is a 2xx with the settings and no GraphQL errors. */
async function sampleAnswer(label: string, url: string, headers: Record<string, string>, body: string): Promise<unknown> {
  const response = await fetch(url, { method: 'POST', headers, body, signal: AbortSignal.timeout(10_000) });
  const text = await response.text();
  const fail = (why: string): never => {
    throw new BenchFailure(`${label} sample answer ${why} (HTTP ${response.status}): ${text.slice(0, 500)}`);
  };
  if (!response.ok) fail('is not 2xx');
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return fail('is not JSON');
  }
  if (!isRecord(parsed)) return fail('is not a JSON object');
  if (parsed.errors !== undefined) fail('has GraphQL errors');
  const data = parsed.data;
  if (!isRecord(data) || !isRecord(data.publicSettings)) return fail('has no data.publicSettings');
  const settings = data.publicSettings;
  const missing = SETTINGS_FIELDS.filter((field) => !(field in settings));
  if (missing.length > 0) fail(`lacks ${missing.join(', ')}`);
  return data;
}

function failuresOf(label: string, summary: LoadSummary): string[] {
  const problems: string[] = [];
  if (summary.non2xx > 0) problems.push(`${summary.non2xx} non-2xx responses (status counts ${JSON.stringify(summary.statusCodes)})`);
  if (summary.errors > 0) problems.push(`${summary.errors} connection errors (${summary.timeouts} of them timeouts)`);
  if (summary.responses === 0) problems.push('no responses at all');
  return problems.map((problem) => `${label}: ${problem}`);
}

function pad(text: string, width: number, align: 'left' | 'right'): string {
  return align === 'left' ? text.padEnd(width) : text.padStart(width);
}

function renderTable(header: string[], rows: string[][]): string {
  const widths = header.map((cell, column) => Math.max(cell.length, ...rows.map((row) => row[column].length)));
  const line = (cells: string[]) =>
    '│ ' + cells.map((cell, column) => pad(cell, widths[column], column === 0 ? 'left' : 'right')).join(' │ ') + ' │';
  const rule = (left: string, middle: string, right: string) => left + widths.map((w) => '─'.repeat(w + 2)).join(middle) + right;
  return [rule('┌', '┬', '┐'), line(header), rule('├', '┼', '┤'), ...rows.map(line), rule('└', '┴', '┘')].join('\n');
}

const ms = (value: number) => value.toFixed(2);
const times = (value: number) => (Number.isFinite(value) ? `${value.toFixed(2)}×` : 'n/a');


async function main(): Promise<number> {
  const durationSeconds = intSetting('BENCH_DURATION_SECONDS', 10, 1, 3600);
  const connections = intSetting('BENCH_CONNECTIONS', 10, 1, 10_000);
  const warmupSeconds = intSetting('BENCH_WARMUP_SECONDS', 1, 0, 600);

  let interrupted = false;
  const onSignal = () => {
    if (interrupted) return;
    interrupted = true;
    process.stderr.write('\ninterrupted: stopping\n');
    void activeWorker?.terminate();
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);

  let database: BenchDatabase | undefined;
  let system: TestSystem | undefined;
  try {
    process.stderr.write('starting PostgreSQL, four subgraphs and the gateway…\n');
    database = await openBenchDatabase();
    process.env.TEST_DATABASE_URL = database.maintenanceUrl;
    system = await startSystem();

    // Outlives both runs; the gateway signs its own short-lived ones per request.
    const ttlSeconds = Math.max(300, 2 * (warmupSeconds + durationSeconds) + 120);
    const principal = await signPrincipal({ kind: 'anonymous', clientIp: '127.0.0.1' }, system.principalSecret, ttlSeconds, 'bench');
    const body = JSON.stringify({ query: QUERY });
    const targets: { label: string; url: string; headers: Record<string, string> }[] = [
      {
        label: 'subgraph (admin)',
        url: system.subgraphs.admin.url,
        headers: { 'content-type': 'application/json', [PRINCIPAL_HEADER]: principal },
      },
      { label: 'gateway', url: `${system.gatewayUrl}/graphql`, headers: { 'content-type': 'application/json' } },
    ];

    const answers = [];
    for (const target of targets) answers.push(await sampleAnswer(target.label, target.url, target.headers, body));
    if (JSON.stringify(answers[0]) !== JSON.stringify(answers[1])) {
      throw new BenchFailure(`gateway and subgraph answer differently: ${JSON.stringify(answers[1])} vs ${JSON.stringify(answers[0])}`);
    }

    const results: { label: string; url: string; summary: LoadSummary; cpuMsPerRequest: number }[] = [];
    const problems: string[] = [];
    for (const target of targets) {
      if (interrupted) break;
      process.stderr.write(
        `${target.label}: ${warmupSeconds > 0 ? `${warmupSeconds}s warm-up, then ` : ''}${durationSeconds}s at ${connections} connections…\n`,
      );
      let reply: WorkerReply;
      let busyMs: number;
      try {
        const job = { url: target.url, headers: target.headers, body, connections };
        if (warmupSeconds > 0) {
          const warmup = await loadInWorker({ ...job, warmupSeconds: 0, durationSeconds: warmupSeconds });
          problems.push(...failuresOf(`${target.label} warm-up`, warmup.measured));
        }
        // The servers' CPU: this thread's own CPU time (the load runs on another thread).
        const before = mainThreadCpuMs();
        reply = await loadInWorker({ ...job, warmupSeconds: 0, durationSeconds });
        busyMs = mainThreadCpuMs() - before;
      } catch (error) {
        if (interrupted) break;
        throw error;
      }
      problems.push(...failuresOf(target.label, reply.measured));
      results.push({ label: target.label, url: target.url, summary: reply.measured, cpuMsPerRequest: busyMs / Math.max(1, reply.measured.responses) });
    }
    if (interrupted) return 130;

    const [direct, gateway] = results.map((result) => result.summary);
    const [directCpu, gatewayCpu] = results.map((result) => result.cpuMsPerRequest);
    const rows = results.map(({ label, summary, cpuMsPerRequest }) => [
      label,
      summary.requestsPerSecond.toFixed(1),
      cpuMsPerRequest.toFixed(3),
      ms(summary.latencyMs.p50),
      ms(summary.latencyMs.p99),
      ms(summary.latencyMs.mean),
      String(summary.responses),
      String(summary.non2xx + summary.errors),
    ]);
    rows.push([
      'ratio (gateway cost)',
      `${times(direct.requestsPerSecond / gateway.requestsPerSecond)} fewer`,
      `+${(gatewayCpu - directCpu).toFixed(3)}`,
      times(gateway.latencyMs.p50 / direct.latencyMs.p50),
      times(gateway.latencyMs.p99 / direct.latencyMs.p99),
      times(gateway.latencyMs.mean / direct.latencyMs.mean),
      '',
      '',
    ]);

    const out: string[] = [];
    out.push('');
    out.push(`Gateway overhead — POST ${QUERY}`);
    out.push(
      `${connections} connections, ${durationSeconds}s measured per target after ${warmupSeconds}s warm-up; ` +
        `Node ${process.version}, ${cpus().length} CPUs; servers share one process, load from a worker thread`,
    );
    out.push('');
    out.push(renderTable(['target', 'requests/s', 'CPU ms/req', 'p50 ms', 'p99 ms', 'mean ms', 'requests', 'failed'], rows));
    out.push('ratio: throughput is subgraph/gateway, latency is gateway/subgraph (1.00× = no overhead)');
    out.push(
      "CPU ms/req: the servers' main-thread CPU time per response (gateway row: gateway + subgraph; the ratio row's figure is the gateway's own share)",
    );
    for (const { label, url } of results) out.push(`${label}: ${url}`);
    process.stdout.write(out.join('\n') + '\n');

    if (problems.length > 0) {
      process.stderr.write(`\nFAILED: not every request succeeded\n${problems.map((p) => `  ${p}`).join('\n')}\n`);
      return 1;
    }
    return 0;
  } finally {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
    await activeWorker?.terminate();
    await system?.stop().catch((error: unknown) => process.stderr.write(`stopping the system failed: ${String(error)}\n`));
    await database?.stop().catch((error: unknown) => process.stderr.write(`stopping PostgreSQL failed: ${String(error)}\n`));
  }
}

if (isMainThread) {
  main().then(
    (code) => process.exit(code),
    (error: unknown) => {
      process.stderr.write(`\nFAILED: ${error instanceof BenchFailure ? error.message : error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
      process.exit(1);
    },
  );
} else {
  workerMain(workerData as LoadJob).catch((error: unknown) => {
    // The main thread sees the exit without a result and reports it.
    process.stderr.write(`load worker failed: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 1;
  });
}
