/**
 * Chat fan-out: N graphql-ws subscribers of Subscription.chatEvents through
 * the gateway, while messages are posted through O39 at a steady rate; reports
 * delivery latency (send → receipt) p50/p99/max and deliveries per second.
 * Everything runs on a fresh system in this process (a new database, the four
 * subgraphs and a gateway); the subscribers run in a worker thread, so they do
 * not share the servers' event loop.
 *
 *   npx tsx bench/chat-fanout.ts
 *   BENCH_SUBSCRIBERS=500 BENCH_RATE=10 BENCH_DURATION_SECONDS=20 npx tsx bench/chat-fanout.ts
 *
 * Settings (environment):
 *   BENCH_SUBSCRIBERS        subscribers (default 1000)
 *   BENCH_RATE               messages per second (default 5)
 *   BENCH_DURATION_SECONDS   seconds of sending (default 10)
 *   TEST_DATABASE_URL / DATABASE_URL  a PostgreSQL maintenance URL; unset starts an embedded one
 *
 * Exits 1 when a subscriber misses a message.
 */
import { performance } from 'node:perf_hooks';
import { isMainThread, parentPort, Worker, workerData } from 'node:worker_threads';
import { createClient, type Client } from 'graphql-ws';
import WebSocket from 'ws';
import { intFrom, SUBGRAPH_NAMES, type SubgraphName } from '../common/config';
import { createLogger } from '../common/logger';
import { startGateway, type RunningGateway } from '../gateway/server';
import { startSystem, type TestSystem } from '../test/support/system';
import { openBenchDatabase, percentile, workerOf } from './support';

const STREAM_KEY = 'bench-stream-key';
const QUERY = 'subscription { chatEvents { type message { body } } }';

/** Absolute milliseconds, sub-millisecond, comparable between threads of one process. */
const now = () => performance.timeOrigin + performance.now();

const intSetting = (name: string, fallback: number, min: number, max: number) => intFrom(process.env, name, fallback, min, max);

// ---------------------------------------------------------------------------
// Worker: the subscribers

interface WorkerJob {
  url: string;
  subscribers: number;
}

type ToWorker = { kind: 'report' } | { kind: 'stop' };
type FromWorker =
  | { kind: 'subscribed' }
  | { kind: 'quiet'; lastEventAt: number }
  | { kind: 'report'; latencies: number[]; received: number; firstAt: number; lastAt: number; errors: number };

async function workerMain(job: WorkerJob): Promise<void> {
  const port = parentPort!;
  const clients: Client[] = [];
  const latencies: number[] = [];
  let firstAt = 0;
  let lastAt = 0;
  let lastEventAt = now();
  let errors = 0;
  let joined = 0;
  const subscribeOne = () =>
    new Promise<void>((resolve) => {
      const client = createClient({ url: job.url, webSocketImpl: WebSocket, lazy: true, retryAttempts: 0 });
      clients.push(client);
      let ready = false;
      client.subscribe<{ chatEvents: { type: string; message: { body: string } | null } }>(
        { query: QUERY },
        {
          next: (result) => {
            const at = now();
            lastEventAt = at;
            const event = result.data?.chatEvents;
            if (!ready && event?.type === 'USER_JOINED') {
              ready = true;
              joined += 1;
              resolve();
            }
            if (event?.type !== 'CHAT' || !event.message) return;
            const sentAt = Number(/t=([\d.]+)/.exec(event.message.body)?.[1]);
            if (!Number.isFinite(sentAt)) return;
            latencies.push(at - sentAt);
            if (firstAt === 0) firstAt = at;
            lastAt = at;
          },
          error: () => {
            errors += 1;
            if (!ready) resolve();
          },
          complete: () => undefined,
        },
      );
    });
  // Connect in batches, so the handshakes do not all land at once.
  for (let start = 0; start < job.subscribers; start += 50) {
    await Promise.all(Array.from({ length: Math.min(50, job.subscribers - start) }, subscribeOne));
  }
  port.postMessage({ kind: 'subscribed' } satisfies FromWorker);
  // Wait for the USER_JOINED storm (each join reaches every subscriber) to settle.
  while (now() - lastEventAt < 1000) await new Promise((resolve) => setTimeout(resolve, 100));
  port.postMessage({ kind: 'quiet', lastEventAt } satisfies FromWorker);
  port.on('message', async (message: ToWorker) => {
    if (message.kind === 'report') {
      port.postMessage({ kind: 'report', latencies, received: latencies.length, firstAt, lastAt, errors: errors + (job.subscribers - joined) } satisfies FromWorker);
    } else {
      await Promise.all(clients.map((client) => client.dispose()));
      port.close();
    }
  });
}

// ---------------------------------------------------------------------------
// Main: the system and the sender

async function main(): Promise<number> {
  const subscribers = intSetting('BENCH_SUBSCRIBERS', 1000, 1, 100_000);
  const rate = intSetting('BENCH_RATE', 5, 1, 10_000);
  const durationSeconds = intSetting('BENCH_DURATION_SECONDS', 10, 1, 3600);
  const database = await openBenchDatabase();
  let system: TestSystem | undefined;
  let gateway: RunningGateway | undefined;
  let worker: Worker | undefined;
  try {
    process.env.TEST_DATABASE_URL = database.maintenanceUrl;
    system = await startSystem({ env: { STREAM_KEY } });
    // A gateway of its own, allowing every subscriber to connect.
    gateway = await startGateway({
      host: '127.0.0.1',
      port: 0,
      subgraphUrls: Object.fromEntries(SUBGRAPH_NAMES.map((name) => [name, system!.subgraphs[name].url])) as Record<SubgraphName, string>,
      principalSecret: system.principalSecret,
      principalTtlSeconds: 60,
      subgraphTimeoutMs: 10_000,
      development: false,
      docsEnabled: false,
      logger: createLogger('bench', 'silent'),
      subscriptions: { maxConnections: subscribers + 10, maxConnectionsPerAddress: subscribers + 10, maxConnectionsPerCredential: subscribers + 10 },
    });
    const base = gateway.url;
    const created = await fetch(`${base}/api/admin/accesstokens/create`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Basic ${Buffer.from(`admin:${STREAM_KEY}`).toString('base64')}` },
      body: JSON.stringify({ name: 'bench', scopes: ['CAN_SEND_MESSAGES'] }),
    });
    const token = ((await created.json()) as { token: string }).token;

    process.stdout.write(`subscribing ${subscribers} clients through the gateway...\n`);
    const subscribeStarted = now();
    const job: WorkerJob = { url: `${base.replace(/^http/, 'ws')}/graphql`, subscribers };
    // From source (tsx), the worker needs tsx's require hook before it can load this .ts file.
    worker = workerOf(__filename, job);
    const messages: FromWorker[] = [];
    let workerFailure: Error | undefined;
    const waitFor = async <K extends FromWorker['kind']>(kind: K): Promise<Extract<FromWorker, { kind: K }>> => {
      for (;;) {
        const found = messages.findIndex((message) => message.kind === kind);
        if (found >= 0) return messages.splice(found, 1)[0] as Extract<FromWorker, { kind: K }>;
        // A dead worker never answers: fail instead of waiting forever.
        if (workerFailure) throw workerFailure;
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
    };
    worker.on('message', (message: FromWorker) => messages.push(message));
    worker.on('error', (error) => (workerFailure = error));
    worker.on('exit', (code) => (workerFailure ??= new Error(`subscriber worker exited with code ${code}`)));
    await waitFor('subscribed');
    const subscribedAfter = (now() - subscribeStarted) / 1000;
    await waitFor('quiet');
    process.stdout.write(`subscribed in ${subscribedAfter.toFixed(1)} s; join events settled after ${((now() - subscribeStarted) / 1000).toFixed(1)} s\n`);

    const total = rate * durationSeconds;
    process.stdout.write(`sending ${total} messages at ${rate}/s...\n`);
    const started = now();
    const sends: Promise<void>[] = [];
    let failedSends = 0;
    for (let index = 0; index < total; index += 1) {
      const due = started + (index * 1000) / rate;
      const wait = due - now();
      if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
      sends.push(
        fetch(`${base}/api/integrations/chat/user`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
          body: JSON.stringify({ user: 'bench', body: `t=${now().toFixed(3)}` }),
        }).then(
          (response) => {
            if (response.status !== 200) failedSends += 1;
            return response.body?.cancel();
          },
          () => {
            failedSends += 1;
          },
        ),
      );
    }
    await Promise.all(sends);
    const expected = total * subscribers;
    // Let the last deliveries arrive (up to 10 s).
    let report: Extract<FromWorker, { kind: 'report' }>;
    const deadline = now() + 10_000;
    for (;;) {
      worker.postMessage({ kind: 'report' } satisfies ToWorker);
      report = await waitFor('report');
      if (report.received >= expected || now() > deadline) break;
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
    const sorted = [...report.latencies].sort((a, b) => a - b);
    const seconds = (report.lastAt - started) / 1000;
    const lines = [
      `subscribers            ${subscribers}`,
      `messages sent          ${total} at ${rate}/s over ${durationSeconds} s (${failedSends} failed)`,
      `deliveries             ${report.received} of ${expected}`,
      `latency p50 / p99 / max ${percentile(sorted, 0.5).toFixed(1)} / ${percentile(sorted, 0.99).toFixed(1)} / ${(sorted[sorted.length - 1] ?? Number.NaN).toFixed(1)} ms (send → receipt)`,
      `delivered per second   ${(report.received / seconds).toFixed(0)} (first send to last receipt, ${seconds.toFixed(1)} s)`,
      `subscriber errors      ${report.errors}`,
    ];
    process.stdout.write(`${lines.join('\n')}\n`);
    worker.postMessage({ kind: 'stop' } satisfies ToWorker);
    return report.received >= expected && failedSends === 0 ? 0 : 1;
  } finally {
    await worker?.terminate();
    await gateway?.close().catch(() => undefined);
    await system?.stop().catch((error: unknown) => process.stderr.write(`stopping the system failed: ${String(error)}\n`));
    await database.stop().catch(() => undefined);
  }
}

if (isMainThread) {
  main().then(
    (code) => process.exit(code),
    (error: unknown) => {
      process.stderr.write(`\nFAILED: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
      process.exit(1);
    },
  );
} else {
  workerMain(workerData as WorkerJob).catch((error: unknown) => {
    process.stderr.write(`worker failed: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  });
}
