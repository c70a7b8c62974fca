/**
 * Chat fan-out against the system as `npm start` runs it: the supervisor
 * (compiled, dist/scripts/start.js; see serviceEntry in support.ts) in its
 * own process starts PostgreSQL (embedded, in a
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
 *   BENCH_IDLE_SECONDS        seconds the connected subscribers sit idle before the memory is read (default 30)
 *   BENCH_WARMUP_SECONDS      seconds of uncounted messages before the run (default 3)
 *   BENCH_MODE                all (default: the three below in turn, then side by side), graphql-ws, entry (Owncast's /entry socket) or mix (half each)
 *   BENCH_CLIENT_PROCESSES    processes the subscribers are spread over (default 2)
 *   BENCH_CONNECT_CONCURRENCY handshakes each subscriber process keeps in flight while connecting (default 50)
 *   BENCH_FROM                compiled (default: dist/, built first when stale, as npm start) or source (through tsx)
 *   BENCH_NODE_FLAGS          Node flags for the system's processes, e.g. `--cpu-prof --cpu-prof-dir=/tmp/prof` to profile them
 *
 * Reports: time to connect N, send → receive p50/p99/max, deliveries per
 * second, delivered of expected, and the gateway's and the streaming
 * subgraph's CPU seconds and RSS (right after connecting, after the
 * subscribers sat idle, and the peak; /proc/<pid>/stat and status).
 * Exits 1 when a delivery is missing (or a send failed), 2 when the mode
 * needs /entry and this gateway does not serve it.
 */
import { fork, type ChildProcess } from 'node:child_process';
import { chmod, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { openRawSocket, type RawSocket } from './raw-websocket';
import { childPid, cpuSeconds, fromSource, intSetting, loadAverage, memoryMb, renderTable, runBench, startSupervisor, type Supervisor } from './support';

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
  /** Handshakes this process keeps in flight while connecting. */
  concurrency: number;
}

type ToClient = { kind: 'start'; job: ClientJob } | { kind: 'report'; run: string } | { kind: 'stop' };
type FromClient =
  | { kind: 'ready' }
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
   * counted. Each text frame carries at most one chat message, so finding
   * the run's marker in the frame's raw bytes and reading the digits after
   * it counts exactly what JSON.parse would, without parsing (or even
   * decoding) any event. The receipt time is the chunk's arrival.
   */
  let marker = Buffer.alloc(0);
  const onFrame = (transport: Transport, data: Buffer, start: number, end: number, at: number) => {
    if (marker.length === 0) return;
    const found = data.indexOf(marker, start);
    if (found < 0 || found >= end) return;
    let digits = found + marker.length;
    let sent = 0;
    let scale = 0;
    // The send time: milliseconds with a decimal fraction, read digit by digit.
    for (; digits < end; digits += 1) {
      const byte = data[digits]!;
      if (byte === 0x2e && scale === 0) scale = 1;
      else if (byte >= 0x30 && byte <= 0x39) {
        if (scale === 0) sent = sent * 10 + (byte - 0x30);
        else sent += (byte - 0x30) / 10 ** scale++;
      } else break;
    }
    if (digits === found + marker.length) return;
    const bucket = Math.max(0, Math.round((at - sent) / BUCKET_MS));
    histograms[transport].set(bucket, (histograms[transport].get(bucket) ?? 0) + 1);
    received[transport] += 1;
  };

  /**
   * graphql-ws's protocol spoken directly (connection_init, subscribe), so
   * the subscriber processes do not parse and validate every event as the
   * graphql-ws client library does. Admitted once its own USER_JOINED (the
   * only event of this operation with a clientId) arrives.
   */
  const graphqlWs = async (url: string): Promise<Subscriber | undefined> => {
    let admitted = false;
    let settle: (subscriber: Subscriber | undefined) => void = () => undefined;
    const outcome = new Promise<Subscriber | undefined>((resolve) => (settle = resolve));
    const fail = () => {
      if (admitted) return;
      admitted = true;
      settle(undefined);
    };
    let socket: RawSocket;
    try {
      socket = await openRawSocket(
        url,
        { protocol: 'graphql-transport-ws', now },
        {
          text: (data, start, end, at) => {
            if (admitted) {
              onFrame('graphql-ws', data, start, end, at);
              return;
            }
            const text = data.toString('utf8', start, end);
            if (text.includes('"connection_ack"')) socket.sendText(JSON.stringify({ id: '1', type: 'subscribe', payload: { query: QUERY } }));
            else if (text.includes('"USER_JOINED"') && /"clientId":"[^"]+"/.test(text)) {
              admitted = true;
              settle({ transport: 'graphql-ws', stop: () => socket.close() });
            } else if (text.includes('"error"') || text.includes('"complete"')) fail();
          },
          closed: fail,
        },
      );
    } catch {
      return undefined;
    }
    socket.sendText('{"type":"connection_init","payload":{}}');
    return outcome;
  };

  /** Owncast 0.0.7's chat socket (shared/OWNCAST-CHAT-0.0.7.md): an Origin is required, events are JSON objects, PING wants PONG. */
  let entryUnavailable: string | undefined;
  const PING = Buffer.from('"type":"PING"');
  const entry = async (url: string): Promise<Subscriber | undefined> => {
    let socket: RawSocket | undefined;
    try {
      socket = await openRawSocket(
        url,
        { origin: 'http://localhost', now },
        {
          text: (data, start, end, at) => {
            // The bench's message bodies never contain PING's type, so a short frame carrying it is a PING.
            if (end - start < 64) {
              const ping = data.indexOf(PING, start);
              if (ping >= 0 && ping < end) {
                socket?.sendText('{"type":"PONG"}');
                return;
              }
            }
            onFrame('entry', data, start, end, at);
          },
          closed: () => undefined,
        },
      );
    } catch (error) {
      entryUnavailable ??= `/entry ${error instanceof Error ? error.message : String(error)}`;
      return undefined;
    }
    const opened = socket;
    return { transport: 'entry', stop: () => opened.close() };
  };

  process.on('message', (message: ToClient) => {
    if (message.kind === 'start') {
      void (async () => {
        const { job } = message;
        const ws = job.gatewayUrl.replace(/^http/, 'ws');
        let failed = 0;
        // A window of handshakes in flight (not batches that each wait for their slowest), so the
        // connects neither all land at once nor stall behind one slow admission.
        let next = 0;
        const connectOne = async (): Promise<void> => {
          while (next < job.transports.length && !entryUnavailable) {
            const transport = job.transports[next]!;
            next += 1;
            const subscriber = await (transport === 'graphql-ws' ? graphqlWs(`${ws}/graphql`) : entry(`${ws}/entry`));
            if (subscriber) subscribers.push(subscriber);
            else failed += 1;
          }
        };
        await Promise.all(Array.from({ length: Math.min(job.concurrency, job.transports.length) }, connectOne));
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
  // Started (and compiled, from source): the CPU it spends from here on is the load's.
  process.send!({ kind: 'ready' } satisfies FromClient);
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

type Mode = 'graphql-ws' | 'entry' | 'mix';
const MODES: readonly Mode[] = ['graphql-ws', 'entry', 'mix'];

interface RunSettings {
  subscribers: number;
  rate: number;
  durationSeconds: number;
  warmupSeconds: number;
  idleSeconds: number;
  processes: number;
  concurrency: number;
}

/** One mode's figures, for the side-by-side table. */
interface ModeFigures {
  mode: Mode;
  connectSeconds: number;
  delivered: number;
  expected: number;
  latency: Partial<Record<Transport, { p50: number; p99: number; max: number }>>;
  post: { p50: number; p99: number };
  deliveredPerSecond: number;
  cpuPerThousand: { gateway: number; streaming: number; clients: number };
  gatewayRss: { connected: number; idle: number; peak: number };
  streamingRss: { idle: number; peak: number };
  complete: boolean;
}

/** Runs one mode on a system of its own (so that each mode's memory and CPU are its own); 'unavailable' when this gateway serves no /entry. */
async function runMode(mode: Mode, settings: RunSettings): Promise<ModeFigures | 'unavailable'> {
  const { subscribers, rate, durationSeconds, warmupSeconds, idleSeconds, processes, concurrency } = settings;
  const transports: Transport[] = Array.from({ length: subscribers }, (_, index) =>
    mode === 'graphql-ws' ? 'graphql-ws' : mode === 'entry' ? 'entry' : index % 2 === 0 ? 'graphql-ws' : 'entry',
  );

  const dataDir = await mkdtemp(path.join(tmpdir(), 'playroom-bench-'));
  // Run as root, PostgreSQL runs as the `postgres` user and must pass through this folder.
  await chmod(dataDir, 0o711);
  let supervisor: Supervisor | undefined;
  const clients: ChildProcess[] = [];
  try {
    process.stdout.write(`starting the system (supervisor, ${fromSource() ? 'from source' : 'compiled'})...\n`);
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

    await collect('ready');
    /** The load generator runs on the measured machine: its CPU is reported too. */
    const clientsCpu = () => clients.reduce((sum, child) => sum + cpuSeconds(child.pid!), 0);
    const clientsCpuBefore = clientsCpu();
    const cpuBefore: Record<'gateway' | 'streaming', Measured> = {
      gateway: { pid: gatewayPid, cpu: cpuSeconds(gatewayPid) },
      streaming: { pid: streamingPid, cpu: cpuSeconds(streamingPid) },
    };
    process.stdout.write(`connecting ${subscribers} subscribers (${mode}) from ${processes} processes...\n`);
    const connectStarted = now();
    clients.forEach((child, index) =>
      child.send({
        kind: 'start',
        job: { gatewayUrl: base, transports: transports.filter((_, position) => position % processes === index), concurrency },
      } satisfies ToClient),
    );
    const connected = await collect('connected');
    const connectSeconds = (now() - connectStarted) / 1000;
    const unavailable = connected.find((report) => report.entryUnavailable)?.entryUnavailable;
    if (unavailable) {
      process.stdout.write(`\n/entry is unavailable on this gateway (${unavailable}): BENCH_MODE=${mode} cannot run here.\n`);
      return 'unavailable';
    }
    const connectedCount = connected.reduce((sum, report) => sum + report.connected, 0);
    const connectedRss = { gateway: memoryMb(gatewayPid).rss, streaming: memoryMb(streamingPid).rss };
    const cpuConnect = {
      gateway: cpuSeconds(gatewayPid) - cpuBefore.gateway.cpu,
      streaming: cpuSeconds(streamingPid) - cpuBefore.streaming.cpu,
      clients: clientsCpu() - clientsCpuBefore,
    };
    process.stdout.write(`connected ${connectedCount} of ${subscribers} in ${connectSeconds.toFixed(2)} s\n`);
    // Right after connecting, RSS still holds the connects' garbage (V8 gives pages back once the heap
    // stops growing, after some seconds); the subscribers sitting idle are what the memory figure is about.
    if (idleSeconds > 0) {
      process.stdout.write(`idle for ${idleSeconds} s...\n`);
      await new Promise((resolve) => setTimeout(resolve, idleSeconds * 1000));
    }
    const idleRss = { gateway: memoryMb(gatewayPid).rss, streaming: memoryMb(streamingPid).rss };

    const run = `run${Date.now().toString(36)}`;
    /** Why sends failed (HTTP status or error), reported with the figures. */
    const failures = new Map<string, number>();
    const failed = (why: string) => {
      failures.set(why, (failures.get(why) ?? 0) + 1);
      return false;
    };
    /** How long each post took to answer: the part of send → receipt spent before the event leaves the streaming subgraph. */
    const answered = new Map<number, number>();
    const post = (body: string, sentAt: number, record: boolean) =>
      fetch(`${base}/api/integrations/chat/user`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
        body: JSON.stringify({ user: 'bench', body }),
      }).then(
        async (response) => {
          await response.body?.cancel();
          if (!record) return response.status === 200;
          const bucket = Math.round((now() - sentAt) / BUCKET_MS);
          answered.set(bucket, (answered.get(bucket) ?? 0) + 1);
          return response.status === 200 || failed(`HTTP ${response.status}`);
        },
        (error: Error) => (!record ? false : failed(error.cause instanceof Error ? error.cause.message : error.message)),
      );
    const report = async () => {
      clients.forEach((child) => child.send({ kind: 'report', run } satisfies ToClient));
      return collect('report');
    };
    await report();

    /** Posts `count` messages at the run's rate, each made by `bodyAt` from its send time; resolves with whether each was answered 200. */
    const sendAtRate = async (count: number, bodyAt: (sentAt: number) => string, record: boolean): Promise<boolean[]> => {
      const begun = now();
      const sends: Promise<boolean>[] = [];
      for (let index = 0; index < count; index += 1) {
        const due = begun + (index * 1000) / rate;
        const wait = due - now();
        if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
        const sentAt = now();
        sends.push(post(bodyAt(sentAt), sentAt, record));
      }
      return Promise.all(sends);
    };
    // Warm-up at the same rate, not counted (subscribers count only the run's marker): the first
    // requests of a process pay for JIT compilation, new pooled connections and first-use caches,
    // which is start-up, not the steady state this bench measures.
    if (warmupSeconds > 0) {
      process.stdout.write(`warming up: ${rate * warmupSeconds} messages at ${rate}/s, not counted...\n`);
      const warmed = await sendAtRate(rate * warmupSeconds, (sentAt) => `warm-up t=${sentAt.toFixed(3)}`, false);
      const refused = warmed.filter((ok) => !ok).length;
      if (refused > 0) process.stdout.write(`warning: ${refused} warm-up posts failed\n`);
      // The warm-up's last events may still be fanning out; the run starts after them.
      await new Promise((resolve) => setTimeout(resolve, 1000));
    }

    const cpuStart = { gateway: cpuSeconds(gatewayPid), streaming: cpuSeconds(streamingPid), clients: clientsCpu() };
    const total = rate * durationSeconds;
    process.stdout.write(`sending ${total} messages at ${rate}/s...\n`);
    const started = now();
    const answers = await sendAtRate(total, (sentAt) => `${run} t=${sentAt.toFixed(3)}`, true);
    const failedSends = answers.filter((ok) => !ok).length;
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
    const cpuSend = {
      gateway: cpuSeconds(gatewayPid) - cpuStart.gateway,
      streaming: cpuSeconds(streamingPid) - cpuStart.streaming,
      clients: clientsCpu() - cpuStart.clients,
    };
    /** CPU milliseconds per 1,000 deliveries (or per subscriber while connecting): what a shared machine's load does not distort much. */
    const perThousand = (cpu: number) => (receivedTotal > 0 ? ((cpu * 1000) / receivedTotal) * 1000 : Number.NaN);
    const perSubscriber = (cpu: number) => (connectedCount > 0 ? (cpu * 1000) / connectedCount : Number.NaN);
    const peak = { gateway: memoryMb(gatewayPid), streaming: memoryMb(streamingPid) };
    const lines = [
      '',
      `subscribers            ${subscribers} (${mode}), from ${processes} processes`,
      `connected              ${connectedCount} of ${subscribers} in ${connectSeconds.toFixed(2)} s`,
      `messages stored        ${stored} (read back through O13)`,
      `messages sent          ${total} at ${rate}/s over ${durationSeconds} s (${failedSends} failed${failures.size ? `: ${[...failures].map(([why, count]) => `${count} ${why}`).join(', ')}` : ''})`,
    ];
    const latencies: ModeFigures['latency'] = {};
    for (const transport of ['graphql-ws', 'entry'] as const) {
      if (expectedPer[transport] === 0) continue;
      const histogram = reports.flatMap((item) => item.byTransport[transport].histogram);
      const merged = new Map<number, number>();
      for (const [bucket, count] of histogram) merged.set(bucket, (merged.get(bucket) ?? 0) + count);
      const received = reports.reduce((acc, item) => acc + item.byTransport[transport].received, 0);
      const latency = fromHistogram([...merged]);
      latencies[transport] = latency;
      lines.push(
        `${transport.padEnd(10)} delivered ${received} of ${expectedPer[transport]}`,
        `${''.padEnd(10)} latency p50 / p99 / max ${latency.p50.toFixed(1)} / ${latency.p99.toFixed(1)} / ${latency.max.toFixed(1)} ms (send → receipt)`,
      );
    }
    const postLatency = fromHistogram([...answered]);
    lines.push(
      `post answered          p50 / p99 / max ${postLatency.p50.toFixed(1)} / ${postLatency.p99.toFixed(1)} / ${postLatency.max.toFixed(1)} ms (O39 round trip)`,
    );
    const seconds = (finished - started) / 1000;
    lines.push(
      `delivered per second   ${(receivedTotal / seconds).toFixed(0)} (${receivedTotal} in ${seconds.toFixed(1)} s, first send to last check)`,
      `gateway                CPU ${cpuConnect.gateway.toFixed(1)} s connecting + ${cpuSend.gateway.toFixed(1)} s sending`,
      `                       RSS ${connectedRss.gateway.toFixed(0)} MB right after connecting, ${idleRss.gateway.toFixed(0)} MB after ${idleSeconds} s idle, peak ${peak.gateway.peak.toFixed(0)} MB`,
      `streaming subgraph     CPU ${cpuConnect.streaming.toFixed(1)} s connecting + ${cpuSend.streaming.toFixed(1)} s sending`,
      `                       RSS ${connectedRss.streaming.toFixed(0)} MB right after connecting, ${idleRss.streaming.toFixed(0)} MB after ${idleSeconds} s idle, peak ${peak.streaming.peak.toFixed(0)} MB`,
      `subscriber processes   CPU ${cpuConnect.clients.toFixed(1)} s connecting + ${cpuSend.clients.toFixed(1)} s sending`,
      `CPU per subscriber     connecting: gateway ${perSubscriber(cpuConnect.gateway).toFixed(2)} ms, streaming ${perSubscriber(cpuConnect.streaming).toFixed(2)} ms, subscribers ${perSubscriber(cpuConnect.clients).toFixed(2)} ms`,
      `CPU per 1,000 deliveries sending: gateway ${perThousand(cpuSend.gateway).toFixed(1)} ms, streaming ${perThousand(cpuSend.streaming).toFixed(1)} ms, subscribers ${perThousand(cpuSend.clients).toFixed(1)} ms`,
      `machine load (1/5/15 min) ${loadAverage()}`,
    );
    process.stdout.write(`${lines.join('\n')}\n`);
    const complete = receivedTotal >= expected && failedSends === 0 && connectedCount === subscribers;
    if (!complete)
      process.stdout.write(`\nMISSING: ${expected - receivedTotal} deliveries, ${failedSends} failed sends, ${subscribers - connectedCount} not connected\n`);
    return {
      mode,
      connectSeconds,
      delivered: receivedTotal,
      expected,
      latency: latencies,
      post: { p50: postLatency.p50, p99: postLatency.p99 },
      deliveredPerSecond: receivedTotal / seconds,
      cpuPerThousand: { gateway: perThousand(cpuSend.gateway), streaming: perThousand(cpuSend.streaming), clients: perThousand(cpuSend.clients) },
      gatewayRss: { connected: connectedRss.gateway, idle: idleRss.gateway, peak: peak.gateway.peak },
      streamingRss: { idle: idleRss.streaming, peak: peak.streaming.peak },
      complete,
    };
  } finally {
    for (const child of clients) if (child.exitCode === null) child.send({ kind: 'stop' } satisfies ToClient);
    await Promise.all(clients.map((child) => (child.exitCode !== null ? undefined : new Promise((resolve) => child.once('exit', resolve)))));
    await supervisor?.stop();
    await rm(dataDir, { recursive: true, force: true });
  }
}

/** The modes side by side, one row each. */
function sideBySide(figures: ModeFigures[], settings: RunSettings): string {
  const ms = (value: number) => value.toFixed(1);
  const latency = (figure: ModeFigures) =>
    (['graphql-ws', 'entry'] as const)
      .filter((transport) => figure.latency[transport])
      .map((transport) => {
        const { p50, p99, max } = figure.latency[transport]!;
        return `${figure.mode === 'mix' ? `${transport === 'entry' ? 'entry' : 'ws'} ` : ''}${ms(p50)} / ${ms(p99)} / ${ms(max)}`;
      })
      .join(', ');
  const rows = figures.map((figure) => [
    figure.mode,
    `${figure.connectSeconds.toFixed(2)} s`,
    `${figure.delivered} of ${figure.expected}`,
    latency(figure),
    `${ms(figure.post.p50)} / ${ms(figure.post.p99)}`,
    figure.deliveredPerSecond.toFixed(0),
    `${ms(figure.cpuPerThousand.gateway)} / ${ms(figure.cpuPerThousand.streaming)} / ${ms(figure.cpuPerThousand.clients)}`,
    `${figure.gatewayRss.connected.toFixed(0)} / ${figure.gatewayRss.idle.toFixed(0)} / ${figure.gatewayRss.peak.toFixed(0)}`,
    `${figure.streamingRss.idle.toFixed(0)} / ${figure.streamingRss.peak.toFixed(0)}`,
  ]);
  return [
    `\n${settings.subscribers} subscribers, ${settings.rate} messages/s for ${settings.durationSeconds} s, each mode on a system of its own:`,
    renderTable(
      [
        'mode',
        `connect ${settings.subscribers}`,
        'delivered',
        'send → receipt p50 / p99 / max ms',
        'post p50 / p99 ms',
        'deliveries/s',
        'CPU ms per 1,000: gateway / streaming / subscribers',
        `gateway RSS MB: connected / ${settings.idleSeconds} s idle / peak`,
        'streaming RSS MB: idle / peak',
      ],
      rows,
    ),
  ].join('\n');
}

async function main(): Promise<number> {
  const settings: RunSettings = {
    subscribers: intSetting('BENCH_SUBSCRIBERS', 1000, 1, 100_000),
    rate: intSetting('BENCH_RATE', 50, 1, 10_000),
    durationSeconds: intSetting('BENCH_DURATION_SECONDS', 30, 1, 3600),
    warmupSeconds: intSetting('BENCH_WARMUP_SECONDS', 3, 0, 600),
    idleSeconds: intSetting('BENCH_IDLE_SECONDS', 30, 0, 3600),
    processes: intSetting('BENCH_CLIENT_PROCESSES', 2, 1, 64),
    concurrency: intSetting('BENCH_CONNECT_CONCURRENCY', 50, 1, 10_000),
  };
  const chosen = process.env.BENCH_MODE ?? 'all';
  if (chosen !== 'all' && !(MODES as readonly string[]).includes(chosen)) throw new Error('BENCH_MODE is all, graphql-ws, entry or mix');
  // What was stored is read back through O13, which lists the newest 10,000 messages.
  if (settings.rate * settings.durationSeconds > 10_000) throw new Error('at most 10,000 messages per run (BENCH_RATE × BENCH_DURATION_SECONDS)');
  const modes = chosen === 'all' ? MODES : [chosen as Mode];
  const figures: ModeFigures[] = [];
  let entryUnavailable = false;
  for (const mode of modes) {
    // Both modes after graphql-ws need /entry: once it is missing, neither can run.
    if (entryUnavailable) break;
    if (modes.length > 1) process.stdout.write(`\n=== ${mode}\n`);
    const result = await runMode(mode, settings);
    if (result === 'unavailable') entryUnavailable = true;
    else figures.push(result);
  }
  if (figures.length > 1) process.stdout.write(`${sideBySide(figures, settings)}\n`);
  // A missing delivery is the failure that matters most; a gateway without /entry comes next.
  if (!figures.every((figure) => figure.complete)) return 1;
  return entryUnavailable ? 2 : 0;
}

if (process.argv.includes('--subscribers')) {
  clientMain();
} else {
  runBench(main);
}
