/**
 * Load from autocannon in a worker thread, so it does not share an event loop
 * with anything it measures. The main side calls `loadInWorker`; the worker
 * side (this same file, started by workerOf) runs the job and posts its summary.
 *
 * Latencies are taken from each response at sub-millisecond resolution
 * (autocannon's own histogram keeps whole milliseconds only). With
 * `expectedBodies`, every response body is compared with the one expected for
 * the request body it answers (request k of the cycle gets bodies[k], its
 * answer must equal expectedBodies[k]); a difference counts as a mismatch.
 * A body that differs only in the order of object keys is the same answer
 * (counted apart as reordered): some gateways write root fields in the order
 * their fetches finish.
 */
import { isMainThread, parentPort, workerData, type Worker } from 'node:worker_threads';
import autocannon from 'autocannon';
import { percentile, workerOf } from './support';

/** One target's load, as handed to the worker thread. */
export interface LoadJob {
  url: string;
  method: 'GET' | 'POST';
  headers: Record<string, string>;
  /** Request bodies, sent in turn across all connections (one for a fixed request; none for GET). */
  bodies: string[];
  /** When set, the answer each body must get, byte for byte (same length as bodies, or one for GET). */
  expectedBodies?: string[];
  connections: number;
  warmupSeconds: number;
  durationSeconds: number;
}

export interface LoadSummary {
  durationSeconds: number;
  /** Responses received, whatever their status. */
  responses: number;
  requestsPerSecond: number;
  latencyMs: { p50: number; p99: number; mean: number; max: number };
  non2xx: number;
  errors: number;
  timeouts: number;
  /** Responses whose body differed from the expected one. */
  mismatches: number;
  /** Responses with the same JSON as expected, its object keys in another order. */
  reordered: number;
  /** The first differing body, shortened, to show what went wrong. */
  firstMismatch?: string;
  statusCodes: Record<string, number>;
}

export interface LoadReply {
  warmup: LoadSummary | undefined;
  measured: LoadSummary;
}

// ---------------------------------------------------------------- worker side

/** JSON text with every object's keys sorted: equal for answers that differ only in key order. */
export function canonicalJson(text: string): string {
  const sorted = (value: unknown): unknown => {
    if (Array.isArray(value)) return value.map(sorted);
    if (typeof value !== 'object' || value === null) return value;
    return Object.fromEntries(
      Object.keys(value)
        .sort()
        .map((key) => [key, sorted((value as Record<string, unknown>)[key])]),
    );
  };
  try {
    return JSON.stringify(sorted(JSON.parse(text)));
  } catch {
    return text;
  }
}

async function runLoad(job: LoadJob, durationSeconds: number): Promise<LoadSummary> {
  const latencies: number[] = [];
  let mismatches = 0;
  let reordered = 0;
  const canonicalExpected = new Map<number, string>();
  let firstMismatch: string | undefined;
  let next = 0;
  const cycle = Math.max(1, job.bodies.length);
  const instance = autocannon({
    url: job.url,
    connections: job.connections,
    duration: durationSeconds,
    requests: [
      {
        method: job.method,
        headers: job.headers,
        setupRequest: (request, context) => {
          const index = next;
          next = (next + 1) % cycle;
          context.index = index;
          return job.bodies.length > 0 ? { ...request, body: job.bodies[index] } : request;
        },
        onResponse: (_status, body, context) => {
          const index = Number(context.index);
          const expected = job.expectedBodies?.[index];
          if (expected === undefined || body === expected) return;
          const canonical = canonicalExpected.get(index) ?? canonicalExpected.set(index, canonicalJson(expected)).get(index)!;
          if (canonicalJson(body) === canonical) {
            reordered += 1;
            return;
          }
          mismatches += 1;
          firstMismatch ??= body.slice(0, 300);
        },
      },
    ],
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
    mismatches,
    reordered,
    ...(firstMismatch === undefined ? {} : { firstMismatch }),
    statusCodes: Object.fromEntries(Object.entries(result.statusCodeStats).map(([code, { count }]) => [code, count])),
  };
}

async function workerMain(job: LoadJob): Promise<void> {
  const warmup = job.warmupSeconds > 0 ? await runLoad(job, job.warmupSeconds) : undefined;
  const measured = await runLoad(job, job.durationSeconds);
  const reply: LoadReply = { warmup, measured };
  parentPort?.postMessage(reply);
}

// ------------------------------------------------------------------ main side

let activeWorker: Worker | undefined;

/** Runs one target's warm-up and measurement in a worker thread. */
export function loadInWorker(job: LoadJob): Promise<LoadReply> {
  return new Promise((resolve, reject) => {
    const worker = workerOf(__filename, job);
    activeWorker = worker;
    let reply: LoadReply | undefined;
    worker.once('message', (message: LoadReply) => {
      reply = message;
    });
    worker.once('error', reject);
    worker.once('exit', (code) => {
      activeWorker = undefined;
      if (reply) resolve(reply);
      else reject(new Error(`load worker for ${job.url} exited with code ${code} and no result`));
    });
  });
}

/** Stops the running load (on Ctrl-C). */
export async function stopLoad(): Promise<void> {
  await activeWorker?.terminate();
}

/** What went wrong in a load, one line each (empty when every request succeeded with the expected body). */
export function failuresOf(label: string, summary: LoadSummary): string[] {
  const problems: string[] = [];
  if (summary.non2xx > 0) problems.push(`${summary.non2xx} non-2xx responses (status counts ${JSON.stringify(summary.statusCodes)})`);
  if (summary.errors > 0) problems.push(`${summary.errors} connection errors (${summary.timeouts} of them timeouts)`);
  if (summary.mismatches > 0) problems.push(`${summary.mismatches} bodies differ from ours, e.g. ${summary.firstMismatch}`);
  if (summary.responses === 0) problems.push('no responses at all');
  return problems.map((problem) => `${label}: ${problem}`);
}

if (!isMainThread && (workerData as { url?: unknown } | null)?.url !== undefined) {
  workerMain(workerData as LoadJob).catch((error: unknown) => {
    // The main thread sees the exit without a result and reports it.
    process.stderr.write(`load worker failed: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 1;
  });
}

/**
 * Ctrl-C or SIGTERM stops the running load at once; the bench asks
 * `interrupted()` between steps and stops there. `dispose()` removes the handlers.
 */
export function stopLoadOnSignal(): { interrupted: () => boolean; dispose: () => void } {
  let interrupted = false;
  const onSignal = () => {
    if (interrupted) return;
    interrupted = true;
    process.stderr.write('\ninterrupted: stopping\n');
    void stopLoad();
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  return {
    interrupted: () => interrupted,
    dispose: () => {
      process.off('SIGINT', onSignal);
      process.off('SIGTERM', onSignal);
    },
  };
}
