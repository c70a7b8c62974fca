/**
 * Chat fan-out against the system as `npm start` runs it: the supervisor
 * (scripts/start.ts) in its own process starts PostgreSQL (embedded, in a
 * temporary folder), the four subgraphs and the gateway as separate
 * processes; the subscribers run in child processes of their own; this
 * process only posts messages (O39, POST /api/integrations/chat/user) at a
 * steady rate and collects the figures.
 *
 *   npm run bench:chat
 *   BENCH_SUBSCRIBERS=5000 BENCH_RATE=10 BENCH_DURATION_SECONDS=30 npm run bench:chat
 *   BENCH_MODE=mix npm run bench:chat
 *
 * Settings (environment):
 *   BENCH_SUBSCRIBERS         subscribers (default 1000)
 *   BENCH_RATE                messages per second (default 50)
 *   BENCH_DURATION_SECONDS    seconds of sending (default 30)
 *   BENCH_MODE                graphql-ws (default), entry (Owncast's /entry socket) or mix (half each)
 *   BENCH_CLIENT_PROCESSES    processes the subscribers are spread over (default 2)
 *   BENCH_FROM                source (default: node --import tsx scripts/start.ts, as npm start) or dist (npm run build first)
 *   BENCH_NODE_FLAGS          Node flags for the system's processes, e.g. `--cpu-prof --cpu-prof-dir=/tmp/prof` to profile them
 *
 * Reports: time to connect N, send → receive p50/p99/max, deliveries per
 * second, delivered of expected, and the gateway's and the streaming
 * subgraph's CPU seconds and peak RSS (/proc/<pid>/stat and status).
 * Exits 1 when a delivery is missing (or a send failed), 2 when the mode
 * needs /entry and this gateway does not serve it.
 */
import { fork, type ChildProcess } from 'node:child_process';
import { chmod, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import WebSocket from 'ws';
import { childPid, cpuSeconds, intSetting, loadAverage, memoryMb, startSupervisor, type Supervisor } from './support';

const STREAM_KEY = 'bench-stream-key';
/** What a graphql-ws subscriber selects: the message body (its send time) and enough to see its own join. */
const QUERY = 'subscription { chatEvents { type clientId message { body } } }';
/** Latencies are counted in buckets of this many milliseconds (sent between processes as a sparse histogram). */
const BUCKET_MS = 0.1;

/** Absolute milliseconds with sub-millisecond precision, comparable between processes of one machine. */
const now = () => performance.timeOrigin + performance.now();

type Transport = 'graphql-ws' | 'entry';

// ---------------------------------------------------------------------------
// Client processes: the subscribers

interface ClientJob {
  gatewayUrl: string;
  transports: Transport[];
}

type ToClient = { kind: 'start'; job: ClientJob } | { kind: 'report'; run: string } | { kind: 'stop' };
type FromClient =
  | { kind: 'connected'; connected: number; failed: number; entryUnavailable?: string }
  | { kind: 'report'; byTransport: Record<Transport, { histogram: [number, number][]; received: number }> };

/** One subscriber: counts the run's messages it receives, with their latency. */
interface Subscriber {
  transport: Transport;
  stop(): void;
}

function clientMain(): void {
  const subscribers: Subscriber[] = [];
  const histograms: Record<Transport, Map<number, number>> = { 'graphql-ws': new Map(), entry: new Map() };
  const received: Record<Transport, number> = { 'graphql-ws': 0, entry: 0 };
  let run = '';

  /**
   * A message body is `<run> t=<send time>`: only the current run's are
   * counted. Each WebSocket message carries at most one chat message, so
   * finding the run's marker in the raw bytes and reading the digits after
   * it counts exactly what JSON.parse would, without parsing every event.
   */
  let marker = Buffer.alloc(0);
  const onFrame = (transport: Transport, data: Buffer, at: number) => {
    if (marker.length === 0) return;
    const found = data.indexOf(marker);
    if (found < 0) return;
    let end = found + marker.length;
    while (end < data.length && ((data[end]! >= 0x30 && data[end]! <= 0x39) || data[end] === 0x2e)) end += 1;
    const sent = Number(data.toString('latin1', found + marker.length, end));
    if (!Number.isFinite(sent)) return;
    const bucket = Math.max(0, Math.round((at - sent) / BUCKET_MS));
    histograms[transport].set(bucket, (histograms[transport].get(bucket) ?? 0) + 1);
    received[transport] += 1;
  };
  const asBuffer = (data: WebSocket.RawData): Buffer => (Buffer.isBuffer(data) ? data : Array.isArray(data) ? Buffer.concat(data) : Buffer.from(data));

  /**
   * graphql-ws's protocol spoken directly (connection_init, subscribe), so
   * the subscriber processes do not parse and validate every event as the
   * graphql-ws client library does. Admitted once its own USER_JOINED (the
   * only event of this operation with a clientId) arrives.
   */
  const graphqlWs = (url: string) =>
    new Promise<Subscriber | undefined>((resolve) => {
      const socket = new WebSocket(url, 'graphql-transport-ws');
      let admitted = false;
      const fail = () => {
        if (admitted) return;
        admitted = true;
        resolve(undefined);
      };
      socket.once('open', () => socket.send('{"type":"connection_init","payload":{}}'));
      socket.once('error', fail);
      socket.once('close', fail);
      socket.on('message', (raw) => {
        const at = now();
        const data = asBuffer(raw);
        if (!admitted) {
          const text = data.toString();
          if (text.includes('"connection_ack"')) socket.send(JSON.stringify({ id: '1', type: 'subscribe', payload: { query: QUERY } }));
          else if (text.includes('"USER_JOINED"') && /"clientId":"[^"]+"/.test(text)) {
            admitted = true;
            resolve({ transport: 'graphql-ws', stop: () => socket.close(1000) });
          } else if (text.includes('"error"') || text.includes('"complete"')) fail();
          return;
        }
        onFrame('graphql-ws', data, at);
      });
    });

  /** Owncast 0.0.7's chat socket (shared/OWNCAST-CHAT-0.0.7.md): an Origin is required, events are JSON objects, PING wants PONG. */
  let entryUnavailable: string | undefined;
  const PING = Buffer.from('"type":"PING"');
  const entry = (url: string) =>
    new Promise<Subscriber | undefined>((resolve) => {
      const socket = new WebSocket(url, { headers: { origin: 'http://localhost' } });
      socket.once('unexpected-response', (request, response) => {
        entryUnavailable = `/entry answered HTTP ${response.statusCode}`;
        request.destroy();
        resolve(undefined);
      });
      socket.once('error', (error) => {
        entryUnavailable ??= error.message;
        resolve(undefined);
      });
      socket.once('open', () => resolve({ transport: 'entry', stop: () => socket.close() }));
      socket.on('message', (raw) => {
        const at = now();
        const data = asBuffer(raw);
        // The bench's message bodies never contain PING's type, so a frame carrying it is a PING.
        if (data.length < 64 && data.includes(PING)) socket.send('{"type":"PONG"}');
        else onFrame('entry', data, at);
      });
    });

  process.on('message', (message: ToClient) => {
    if (message.kind === 'start') {
      void (async () => {
        const { job } = message;
        const ws = job.gatewayUrl.replace(/^http/, 'ws');
        let failed = 0;
        // In batches, so the handshakes do not all land at once.
        for (let start = 0; start < job.transports.length; start += 50) {
          const batch = await Promise.all(
            job.transports.slice(start, start + 50).map((transport) => (transport === 'graphql-ws' ? graphqlWs(`${ws}/graphql`) : entry(`${ws}/entry`))),
          );
          for (const subscriber of batch) {
            if (subscriber) subscribers.push(subscriber);
            else failed += 1;
          }
          if (entryUnavailable) break;
        }
        process.send!({ kind: 'connected', connected: subscribers.length, failed, ...(entryUnavailable ? { entryUnavailable } : {}) } satisfies FromClient);
      })();
    } else if (message.kind === 'report') {
      if (run !== message.run) {
        // A new run: count from zero.
        run = message.run;
        marker = Buffer.from(`${run} t=`);
        for (const histogram of Object.values(histograms)) histogram.clear();
        received['graphql-ws'] = 0;
        received.entry = 0;
      }
      process.send!({
        kind: 'report',
        byTransport: {
          'graphql-ws': { histogram: [...histograms['graphql-ws']], received: received['graphql-ws'] },
          entry: { histogram: [...histograms.entry], received: received.entry },
        },
      } satisfies FromClient);
    } else {
      for (const subscriber of subscribers) subscriber.stop();
      setTimeout(() => process.exit(0), 500).unref();
    }
  });
}

// ---------------------------------------------------------------------------
// Main: the system, the subscribers' processes and the sender

function startSystem(dataDir: string): Promise<Supervisor> {
  const limit = String(intSetting('BENCH_SUBSCRIBERS', 1000, 1, 100_000) + 100);
  return startSupervisor(
    dataDir,
    {
      STREAM_KEY,
      // Every subscriber comes from this machine's address.
      SUBSCRIPTION_MAX_CONNECTIONS: limit,
      SUBSCRIPTION_MAX_CONNECTIONS_PER_ADDRESS: limit,
      SUBSCRIPTION_MAX_CONNECTIONS_PER_CREDENTIAL: limit,
    },
    (process.env.BENCH_NODE_FLAGS ?? '').split(/\s+/).filter(Boolean),
  );
}

interface Measured {
  pid: number;
  cpu: number;
}

/** How many of this run's messages the system stored (O13 lists every message, hidden ones too). */
async function storedMessages(base: string, run: string): Promise<number> {
  const response = await fetch(`${base}/api/admin/chat/messages`, {
    headers: { authorization: `Basic ${Buffer.from(`admin:${STREAM_KEY}`).toString('base64')}` },
  });
  if (response.status !== 200) throw new Error(`reading the stored messages answered HTTP ${response.status}`);
  const messages = (await response.json()) as { body?: string }[];
  return messages.filter((message) => message.body?.includes(`${run} t=`)).length;
}

function fromHistogram(entries: [number, number][]): { p50: number; p99: number; max: number } {
  const sorted = entries.sort(([a], [b]) => a - b);
  const total = sorted.reduce((sum, [, count]) => sum + count, 0);
  const at = (p: number) => {
    const rank = Math.max(1, Math.ceil(p * total));
    let seen = 0;
    for (const [bucket, count] of sorted) {
      seen += count;
      if (seen >= rank) return bucket * BUCKET_MS;
    }
    return Number.NaN;
  };
  return { p50: at(0.5), p99: at(0.99), max: total > 0 ? sorted[sorted.length - 1]![0] * BUCKET_MS : Number.NaN };
}

async function main(): Promise<number> {
  const subscribers = intSetting('BENCH_SUBSCRIBERS', 1000, 1, 100_000);
  const rate = intSetting('BENCH_RATE', 50, 1, 10_000);
  const durationSeconds = intSetting('BENCH_DURATION_SECONDS', 30, 1, 3600);
  const processes = intSetting('BENCH_CLIENT_PROCESSES', 2, 1, 64);
  const mode = process.env.BENCH_MODE ?? 'graphql-ws';
  if (!['graphql-ws', 'entry', 'mix'].includes(mode)) throw new Error('BENCH_MODE is graphql-ws, entry or mix');
  // What was stored is read back through O13, which lists the newest 10,000 messages.
  if (rate * durationSeconds > 10_000) throw new Error('at most 10,000 messages per run (BENCH_RATE × BENCH_DURATION_SECONDS)');
  const transports: Transport[] = Array.from({ length: subscribers }, (_, index) =>
    mode === 'graphql-ws' ? 'graphql-ws' : mode === 'entry' ? 'entry' : index % 2 === 0 ? 'graphql-ws' : 'entry',
  );

  const dataDir = await mkdtemp(path.join(tmpdir(), 'playroom-bench-'));
  // Run as root, PostgreSQL runs as the `postgres` user and must pass through this folder.
  await chmod(dataDir, 0o711);
  let supervisor: Supervisor | undefined;
  const clients: ChildProcess[] = [];
  try {
    process.stdout.write(`starting the system (supervisor, ${process.env.BENCH_FROM === 'dist' ? 'compiled' : 'from source'})...\n`);
    supervisor = await startSystem(dataDir);
    const base = supervisor.gatewayUrl;
    const gatewayPid = childPid(supervisor.child.pid!, path.join('gateway', 'main'));
    const streamingPid = childPid(supervisor.child.pid!, path.join('subgraphs', 'streaming', 'main'));
    if (!gatewayPid || !streamingPid) throw new Error('gateway or streaming process not found under the supervisor');
    const created = await fetch(`${base}/api/admin/accesstokens/create`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Basic ${Buffer.from(`admin:${STREAM_KEY}`).toString('base64')}` },
      body: JSON.stringify({ name: 'bench', scopes: ['CAN_SEND_MESSAGES'] }),
    });
    const token = ((await created.json()) as { token: string }).token;

    // Subscriber processes, each with its share of the subscribers.
    const inbox = new Map<ChildProcess, FromClient[]>();
    for (let index = 0; index < processes; index += 1) {
      const child = fork(__filename, ['--subscribers'], {
        execArgv: __filename.endsWith('.ts') ? ['--import', 'tsx'] : [],
        stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
      });
      inbox.set(child, []);
      child.on('message', (message: FromClient) => inbox.get(child)!.push(message));
      clients.push(child);
    }
    const collect = async <K extends FromClient['kind']>(kind: K): Promise<Extract<FromClient, { kind: K }>[]> => {
      const found: Extract<FromClient, { kind: K }>[] = [];
      for (const child of clients) {
        for (;;) {
          const messages = inbox.get(child)!;
          const index = messages.findIndex((message) => message.kind === kind);
          if (index >= 0) {
            found.push(messages.splice(index, 1)[0] as Extract<FromClient, { kind: K }>);
            break;
          }
          if (child.exitCode !== null) throw new Error(`a subscriber process exited (code ${child.exitCode})`);
          await new Promise((resolve) => setTimeout(resolve, 20));
        }
      }
      return found;
    };

    const cpuBefore: Record<'gateway' | 'streaming', Measured> = {
      gateway: { pid: gatewayPid, cpu: cpuSeconds(gatewayPid) },
      streaming: { pid: streamingPid, cpu: cpuSeconds(streamingPid) },
    };
    process.stdout.write(`connecting ${subscribers} subscribers (${mode}) from ${processes} processes...\n`);
    const connectStarted = now();
    clients.forEach((child, index) =>
      child.send({
        kind: 'start',
        job: { gatewayUrl: base, transports: transports.filter((_, position) => position % processes === index) },
      } satisfies ToClient),
    );
    const connected = await collect('connected');
    const connectSeconds = (now() - connectStarted) / 1000;
    const unavailable = connected.find((report) => report.entryUnavailable)?.entryUnavailable;
    if (unavailable) {
      process.stdout.write(`\n/entry is unavailable on this gateway (${unavailable}): BENCH_MODE=${mode} cannot run here.\n`);
      return 2;
    }
    const connectedCount = connected.reduce((sum, report) => sum + report.connected, 0);
    const idle = { gateway: memoryMb(gatewayPid), streaming: memoryMb(streamingPid) };
    const cpuConnect = { gateway: cpuSeconds(gatewayPid) - cpuBefore.gateway.cpu, streaming: cpuSeconds(streamingPid) - cpuBefore.streaming.cpu };
    process.stdout.write(`connected ${connectedCount} of ${subscribers} in ${connectSeconds.toFixed(2)} s\n`);

    const run = `run${Date.now().toString(36)}`;
    /** Why sends failed (HTTP status or error), reported with the figures. */
    const failures = new Map<string, number>();
    const failed = (why: string) => {
      failures.set(why, (failures.get(why) ?? 0) + 1);
      return false;
    };
    const post = (body: string) =>
      fetch(`${base}/api/integrations/chat/user`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
        body: JSON.stringify({ user: 'bench', body }),
      }).then(
        async (response) => {
          await response.body?.cancel();
          return response.status === 200 || failed(`HTTP ${response.status}`);
        },
        (error: Error) => failed(error.cause instanceof Error ? error.cause.message : error.message),
      );
    const report = async () => {
      clients.forEach((child) => child.send({ kind: 'report', run } satisfies ToClient));
      return collect('report');
    };
    await report();

    const cpuStart = { gateway: cpuSeconds(gatewayPid), streaming: cpuSeconds(streamingPid) };
    const total = rate * durationSeconds;
    process.stdout.write(`sending ${total} messages at ${rate}/s...\n`);
    const started = now();
    const sends: Promise<boolean>[] = [];
    for (let index = 0; index < total; index += 1) {
      const due = started + (index * 1000) / rate;
      const wait = due - now();
      if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
      sends.push(post(`${run} t=${now().toFixed(3)}`));
    }
    const failedSends = (await Promise.all(sends)).filter((ok) => !ok).length;
    // A post that failed may still have been stored (an answer lost to a timeout): every subscriber must get what was stored.
    const stored = await storedMessages(base, run);
    const expectedPer = { 'graphql-ws': 0, entry: 0 } as Record<Transport, number>;
    for (const transport of transports) expectedPer[transport] += stored;
    const expected = expectedPer['graphql-ws'] + expectedPer.entry;
    // The last deliveries: wait until everything arrived or nothing more has come for 5 s.
    let reports = await report();
    let receivedTotal = 0;
    let lastProgress = now();
    for (;;) {
      const sum = reports.reduce((acc, item) => acc + item.byTransport['graphql-ws'].received + item.byTransport.entry.received, 0);
      if (sum > receivedTotal) lastProgress = now();
      receivedTotal = sum;
      if (receivedTotal >= expected || now() - lastProgress > 5000) break;
      await new Promise((resolve) => setTimeout(resolve, 250));
      reports = await report();
    }
    const finished = now();
    const cpuSend = { gateway: cpuSeconds(gatewayPid) - cpuStart.gateway, streaming: cpuSeconds(streamingPid) - cpuStart.streaming };
    const peak = { gateway: memoryMb(gatewayPid), streaming: memoryMb(streamingPid) };
    const lines = [
      '',
      `subscribers            ${subscribers} (${mode}), from ${processes} processes`,
      `connected              ${connectedCount} of ${subscribers} in ${connectSeconds.toFixed(2)} s`,
      `messages stored        ${stored} (read back through O13)`,
      `messages sent          ${total} at ${rate}/s over ${durationSeconds} s (${failedSends} failed${failures.size ? `: ${[...failures].map(([why, count]) => `${count} ${why}`).join(', ')}` : ''})`,
    ];
    for (const transport of ['graphql-ws', 'entry'] as const) {
      if (expectedPer[transport] === 0) continue;
      const histogram = reports.flatMap((item) => item.byTransport[transport].histogram);
      const merged = new Map<number, number>();
      for (const [bucket, count] of histogram) merged.set(bucket, (merged.get(bucket) ?? 0) + count);
      const received = reports.reduce((acc, item) => acc + item.byTransport[transport].received, 0);
      const latency = fromHistogram([...merged]);
      lines.push(
        `${transport.padEnd(10)} delivered ${received} of ${expectedPer[transport]}`,
        `${''.padEnd(10)} latency p50 / p99 / max ${latency.p50.toFixed(1)} / ${latency.p99.toFixed(1)} / ${latency.max.toFixed(1)} ms (send → receipt)`,
      );
    }
    const seconds = (finished - started) / 1000;
    lines.push(
      `delivered per second   ${(receivedTotal / seconds).toFixed(0)} (${receivedTotal} in ${seconds.toFixed(1)} s, first send to last check)`,
      `gateway                CPU ${cpuConnect.gateway.toFixed(1)} s connecting + ${cpuSend.gateway.toFixed(1)} s sending; RSS ${idle.gateway.rss.toFixed(0)} MB idle after connect, peak ${peak.gateway.peak.toFixed(0)} MB`,
      `streaming subgraph     CPU ${cpuConnect.streaming.toFixed(1)} s connecting + ${cpuSend.streaming.toFixed(1)} s sending; RSS ${idle.streaming.rss.toFixed(0)} MB idle after connect, peak ${peak.streaming.peak.toFixed(0)} MB`,
      `machine load (1/5/15 min) ${loadAverage()}`,
    );
    process.stdout.write(`${lines.join('\n')}\n`);
    const complete = receivedTotal >= expected && failedSends === 0 && connectedCount === subscribers;
    if (!complete)
      process.stdout.write(`\nMISSING: ${expected - receivedTotal} deliveries, ${failedSends} failed sends, ${subscribers - connectedCount} not connected\n`);
    return complete ? 0 : 1;
  } finally {
    for (const child of clients) if (child.exitCode === null) child.send({ kind: 'stop' } satisfies ToClient);
    await Promise.all(clients.map((child) => (child.exitCode !== null ? undefined : new Promise((resolve) => child.once('exit', resolve)))));
    await supervisor?.stop();
    await rm(dataDir, { recursive: true, force: true });
  }
}

if (process.argv.includes('--subscribers')) {
  clientMain();
} else {
  main().then(
    (code) => process.exit(code),
    (error: unknown) => {
      process.stderr.write(`\nFAILED: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
      process.exit(1);
    },
  );
}
