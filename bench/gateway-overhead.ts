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
 *   TEST_DATABASE_URL / DATABASE_URL  a PostgreSQL maintenance URL to create the
 *                           throw-away database on; unset starts an embedded one
 *
 * The load comes from autocannon in a worker thread, so it does not share the
 * event loop the servers run on. Latencies are taken from each response at
 * sub-millisecond resolution (autocannon's own histogram keeps whole ms only).
 * Exits 1 when a sample answer is wrong or any request fails (non-2xx status,
 * connection error or timeout).
 */
import { cpus } from 'node:os';
import { PRINCIPAL_HEADER, signPrincipal } from '../common/principal';
import { startSystem, type TestSystem } from '../test/support/system';
import { failuresOf, loadInWorker, stopLoad, stopLoadOnSignal, type LoadReply, type LoadSummary } from './load-worker';
import { BenchFailure, intSetting, loadAverage, mainThreadCpuSeconds, openBenchDatabase, renderTable, runBench, type BenchDatabase } from './support';

const QUERY = '{ publicSettings { siteName siteDescription registrationOpen supportEmail } }';
const SETTINGS_FIELDS = ['siteName', 'siteDescription', 'registrationOpen', 'supportEmail'] as const;

// ------------------------------------------------------------------ main side

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

const ms = (value: number) => value.toFixed(2);
const times = (value: number) => (Number.isFinite(value) ? `${value.toFixed(2)}×` : 'n/a');

async function main(): Promise<number> {
  const durationSeconds = intSetting('BENCH_DURATION_SECONDS', 10, 1, 3600);
  const connections = intSetting('BENCH_CONNECTIONS', 10, 1, 10_000);
  const warmupSeconds = intSetting('BENCH_WARMUP_SECONDS', 1, 0, 600);

  const signals = stopLoadOnSignal();

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
      if (signals.interrupted()) break;
      process.stderr.write(
        `${target.label}: ${warmupSeconds > 0 ? `${warmupSeconds}s warm-up, then ` : ''}${durationSeconds}s at ${connections} connections…\n`,
      );
      let reply: LoadReply;
      const cpuBefore = mainThreadCpuSeconds();
      try {
        reply = await loadInWorker({ url: target.url, method: 'POST', headers: target.headers, bodies: [body], connections, warmupSeconds, durationSeconds });
      } catch (error) {
        if (signals.interrupted()) break;
        throw error;
      }
      if (reply.warmup) problems.push(...failuresOf(`${target.label} warm-up`, reply.warmup));
      problems.push(...failuresOf(target.label, reply.measured));
      // Warm-up and measured run together: the servers' CPU over every answer they gave.
      const answered = reply.measured.responses + (reply.warmup?.responses ?? 0);
      const cpuMsPerRequest = answered > 0 ? ((mainThreadCpuSeconds() - cpuBefore) * 1000) / answered : Number.NaN;
      results.push({ label: target.label, url: target.url, summary: reply.measured, cpuMsPerRequest });
    }
    if (signals.interrupted()) return 130;

    const [direct, gateway] = results.map((result) => result.summary);
    const [directCpu, gatewayCpu] = results.map((result) => result.cpuMsPerRequest);
    const rows = results.map(({ label, summary, cpuMsPerRequest }) => [
      label,
      summary.requestsPerSecond.toFixed(1),
      ms(summary.latencyMs.p50),
      ms(summary.latencyMs.p99),
      ms(summary.latencyMs.mean),
      ms(cpuMsPerRequest),
      String(summary.responses),
      String(summary.non2xx + summary.errors),
    ]);
    rows.push([
      'ratio (gateway cost)',
      `${times(direct.requestsPerSecond / gateway.requestsPerSecond)} fewer`,
      times(gateway.latencyMs.p50 / direct.latencyMs.p50),
      times(gateway.latencyMs.p99 / direct.latencyMs.p99),
      times(gateway.latencyMs.mean / direct.latencyMs.mean),
      times(gatewayCpu / directCpu),
      '',
      '',
    ]);

    const out: string[] = [];
    out.push('');
    out.push(`Gateway overhead — POST ${QUERY}`);
    out.push(
      `${connections} connections, ${durationSeconds}s measured per target after ${warmupSeconds}s warm-up; ` +
        `Node ${process.version}, ${cpus().length} CPUs, load average ${loadAverage()}; servers share one process, load from a worker thread`,
    );
    out.push('');
    out.push(renderTable(['target', 'requests/s', 'p50 ms', 'p99 ms', 'mean ms', 'server CPU ms/req', 'requests', 'failed'], rows));
    out.push(
      'ratio: throughput is subgraph/gateway, latency and CPU are gateway/subgraph (1.00× = no overhead); CPU is that of the main thread, where the servers run',
    );
    for (const { label, url } of results) out.push(`${label}: ${url}`);
    process.stdout.write(out.join('\n') + '\n');

    if (problems.length > 0) {
      process.stderr.write(`\nFAILED: not every request succeeded\n${problems.map((p) => `  ${p}`).join('\n')}\n`);
      return 1;
    }
    return 0;
  } finally {
    signals.dispose();
    await stopLoad();
    await system?.stop().catch((error: unknown) => process.stderr.write(`stopping the system failed: ${String(error)}\n`));
    await database?.stop().catch((error: unknown) => process.stderr.write(`stopping PostgreSQL failed: ${String(error)}\n`));
  }
}

runBench(main);
