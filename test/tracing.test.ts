import { fork, spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { createClient } from 'graphql-ws';
import pg from 'pg';
import WebSocket from 'ws';
import { ensureDatabase } from '../common/embedded-postgres';
import type { ChildMessage } from '../common/process-lifecycle';
import { PROJECT_ROOT } from '../common/paths';
import { freePort } from './support/free-port';
import { postGraphQL, restCaller } from './support/http';
import { until, within } from './support/wait';

/**
 * Tracing across real processes: the gateway and the admin and tickets
 * subgraphs run as child processes (from source, as `npm start` runs them)
 * with OTEL_EXPORTER_OTLP_ENDPOINT pointing at an OTLP/HTTP receiver in this
 * test. One cross-subgraph query must arrive as one trace: the gateway's
 * spans, each subgraph's server span as the child of the gateway's request to
 * it (W3C traceparent), and each subgraph's database spans under that.
 */

/** How long the processes may take to start on a busy machine. */
const START_MS = 90_000;
const STREAM_KEY = 'tracing-test-stream-key';

interface OtlpValue {
  stringValue?: string;
  intValue?: string | number;
  boolValue?: boolean;
}
interface OtlpSpan {
  traceId: string;
  spanId: string;
  parentSpanId?: string;
  name: string;
  kind: number;
  attributes?: { key: string; value: OtlpValue }[];
}
interface OtlpExport {
  resourceSpans?: { resource?: { attributes?: { key: string; value: OtlpValue }[] }; scopeSpans?: { spans?: OtlpSpan[] }[] }[];
}
interface ReceivedSpan extends OtlpSpan {
  service: string;
}

const SPAN_KIND = { server: 2, client: 3 } as const;

function attribute(span: { attributes?: { key: string; value: OtlpValue }[] }, key: string): string | undefined {
  const value = span.attributes?.find((item) => item.key === key)?.value;
  return value?.stringValue ?? (value?.intValue !== undefined ? String(value.intValue) : undefined);
}

/** A tiny OTLP/HTTP receiver: takes JSON exports on /v1/traces and keeps every span with its service name. */
async function startReceiver(): Promise<{ url: string; spans: ReceivedSpan[]; refused: string[]; close(): Promise<void> }> {
  const spans: ReceivedSpan[] = [];
  const refused: string[] = [];
  const server = http.createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      if (request.url !== '/v1/traces' || !request.headers['content-type']?.startsWith('application/json')) {
        refused.push(`${request.method} ${request.url} ${request.headers['content-type']}`);
        response.writeHead(415).end();
        return;
      }
      const body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as OtlpExport;
      for (const resourceSpans of body.resourceSpans ?? []) {
        const service = attribute(resourceSpans.resource ?? {}, 'service.name') ?? '';
        for (const scopeSpans of resourceSpans.scopeSpans ?? []) for (const span of scopeSpans.spans ?? []) spans.push({ ...span, service });
      }
      response.writeHead(200, { 'content-type': 'application/json' }).end('{}');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    spans,
    refused,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

/** Forks one service entry from source and resolves once it reports ready. */
function startService(entry: string, env: NodeJS.ProcessEnv, children: ChildProcess[]): Promise<void> {
  const child = fork(entry, [], { cwd: PROJECT_ROOT, env, execArgv: ['--import', 'tsx'], stdio: ['ignore', 'ignore', 'pipe', 'ipc'] });
  children.push(child);
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  return within(
    new Promise<void>((resolve, reject) => {
      child.on('message', (message: ChildMessage) => {
        if (message.type === 'ready') resolve();
        if (message.type === 'failed') reject(new Error(`${entry}: ${message.message}`));
      });
      child.once('exit', (code) => reject(new Error(`${entry} exited with ${code}: ${stderr}`)));
    }),
    `${entry} to start`,
    START_MS,
  );
}

async function stopService(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGTERM');
  await within(exited, 'a service to stop', 30_000).catch(() => child.kill('SIGKILL'));
}

describe('tracing (OTEL_EXPORTER_OTLP_ENDPOINT set)', () => {
  const children: ChildProcess[] = [];
  let receiver: Awaited<ReturnType<typeof startReceiver>>;
  let databaseUrl: URL;
  let gatewayUrl: string;

  beforeAll(
    async () => {
      receiver = await startReceiver();
      databaseUrl = new URL(process.env.TEST_DATABASE_URL!);
      databaseUrl.pathname = `/test_${randomBytes(6).toString('hex')}`;
      await ensureDatabase(databaseUrl.toString());
      const [gateway, admin, tickets, social, streaming] = await Promise.all([freePort(), freePort(), freePort(), freePort(), freePort()]);
      gatewayUrl = `http://127.0.0.1:${gateway}`;
      const env: NodeJS.ProcessEnv = {
        ...process.env,
        DATABASE_URL: databaseUrl.toString(),
        PRINCIPAL_SECRET: randomBytes(32).toString('base64url'),
        HOST_TOKEN_SECRET: randomBytes(32).toString('base64url'),
        GATEWAY_PORT: String(gateway),
        ADMIN_PORT: String(admin),
        TICKETS_PORT: String(tickets),
        // Not started: no test here needs it.
        SOCIAL_PORT: String(social),
        STREAMING_PORT: String(streaming),
        LOG_LEVEL: 'warn',
        OTEL_EXPORTER_OTLP_ENDPOINT: receiver.url,
        // Export each batch soon after its spans end, so the test's wait is short.
        OTEL_BSP_SCHEDULE_DELAY: '100',
        STREAM_KEY,
      };
      for (const name of ['ADMIN_URL', 'TICKETS_URL', 'SOCIAL_URL', 'STREAMING_URL', 'OTEL_EXPORTER_OTLP_TRACES_ENDPOINT', 'OTEL_SERVICE_NAME'])
        delete env[name];
      await Promise.all(['admin', 'tickets', 'streaming'].map((name) => startService(`subgraphs/${name}/main.ts`, env, children)));
      await startService('gateway/main.ts', env, children);
    },
    START_MS * 2 + 30_000,
  );

  afterAll(async () => {
    for (const child of [...children].reverse()) await stopService(child);
    await receiver?.close();
    if (databaseUrl) {
      const maintenance = new URL(databaseUrl);
      maintenance.pathname = '/postgres';
      const client = new pg.Client({ connectionString: maintenance.toString() });
      await client.connect();
      await client.query(`drop database if exists ${client.escapeIdentifier(databaseUrl.pathname.slice(1))} with (force)`);
      await client.end();
    }
  }, 120_000);

  it('sends one trace for a cross-subgraph query: gateway spans, both subgraphs’ server spans and their database spans', async () => {
    const call = restCaller(() => gatewayUrl);
    const credentials = { email: 'traced@example.com', username: 'traced', password: 'traced password 1' };
    expect((await call('POST', '/v1/auth/register', { body: credentials })).status).toBe(201);
    const login = await call<{ access_token: string }>('POST', '/v1/auth/login', { body: { email: credentials.email, password: credentials.password } });
    expect(login.status).toBe(200);

    const query = 'query TracedMeTickets { me { username tickets { totalCount } } }';
    const response = await postGraphQL(`${gatewayUrl}/graphql`, query, {}, { authorization: `Bearer ${login.body.access_token}` });
    expect(response.body).toEqual({ data: { me: { username: 'traced', tickets: { totalCount: 0 } } } });

    // The gateway's own span for this operation names the trace.
    await until(
      () => receiver.spans.some((span) => span.name === 'gateway.request' && attribute(span, 'graphql.operation.name') === 'TracedMeTickets'),
      'the gateway.request span',
    );
    const traceId = receiver.spans.find((span) => span.name === 'gateway.request' && attribute(span, 'graphql.operation.name') === 'TracedMeTickets')!.traceId;
    const inTrace = () => receiver.spans.filter((span) => span.traceId === traceId);
    const isDatabaseSpan = (span: ReceivedSpan) => attribute(span, 'db.system') === 'postgresql' || attribute(span, 'db.system.name') === 'postgresql';
    const hasServer = (service: string) => inTrace().some((span) => span.service === service && span.kind === SPAN_KIND.server);
    const hasDatabase = (service: string) => inTrace().some((span) => span.service === service && isDatabaseSpan(span));
    await until(
      () => hasServer('playroom-admin') && hasServer('playroom-tickets') && hasDatabase('playroom-admin') && hasDatabase('playroom-tickets'),
      'server and database spans of both subgraphs in the trace',
    );
    expect(receiver.refused).toEqual([]);

    const spans = inTrace();
    const byId = new Map(spans.map((span) => [span.spanId, span]));
    // The gateway's side: the incoming request, the query plan's fetch of each subgraph.
    expect(spans.some((span) => span.service === 'playroom-gateway' && span.kind === SPAN_KIND.server)).toBe(true);
    for (const subgraph of ['admin', 'tickets']) {
      expect(spans.some((span) => span.service === 'playroom-gateway' && span.name === 'gateway.fetch' && attribute(span, 'service') === subgraph)).toBe(true);
    }
    for (const service of ['playroom-admin', 'playroom-tickets']) {
      // Each subgraph request continues the gateway's: its parent is the gateway's outgoing request span.
      const servers = spans.filter((span) => span.service === service && span.kind === SPAN_KIND.server);
      // Named after the route template, not just the method.
      expect(servers.some((span) => span.name === 'POST /graphql' && attribute(span, 'http.route') === '/graphql')).toBe(true);
      for (const server of servers) {
        const parent = byId.get(server.parentSpanId ?? '');
        expect(parent).toMatchObject({ service: 'playroom-gateway', kind: SPAN_KIND.client });
      }
      // Each database span of the subgraph descends from one of its server spans.
      for (const database of spans.filter((span) => span.service === service && isDatabaseSpan(span))) {
        let ancestor = byId.get(database.parentSpanId ?? '');
        while (ancestor && ancestor.service === service && ancestor.kind !== SPAN_KIND.server) ancestor = byId.get(ancestor.parentSpanId ?? '');
        expect(servers).toContainEqual(ancestor);
      }
    }
    // Statements go out with placeholders, never the values bound to them.
    for (const span of spans.filter(isDatabaseSpan)) {
      expect(JSON.stringify(span.attributes)).not.toContain(login.body.access_token);
    }
  }, 60_000);

  it('continues the trace of a subscription over graphql-ws from the gateway into the streaming subgraph and its database', async () => {
    const client = createClient({ url: `${gatewayUrl.replace('http', 'ws')}/graphql`, webSocketImpl: WebSocket, lazy: true, retryAttempts: 0 });
    try {
      // The subscriber's own USER_JOINED always comes: the subscription is set up at both ends once it arrives.
      const first = await within(
        new Promise<unknown>((resolve, reject) => {
          client.subscribe(
            { query: 'subscription TracedChat { chatEvents(displayName: "tracer") { type } }', operationName: 'TracedChat' },
            { next: resolve, error: reject, complete: () => reject(new Error('completed before an event')) },
          );
        }),
        'the first chat event',
      );
      expect(first).toEqual({ data: { chatEvents: { type: 'USER_JOINED' } } });
    } finally {
      await client.dispose();
    }

    const isSubscribe = (span: ReceivedSpan) =>
      span.service === 'playroom-gateway' && span.name === 'gateway.subscribe' && attribute(span, 'graphql.operation.name') === 'TracedChat';
    const subgraphSpans = () =>
      receiver.spans.filter((span) => span.service === 'playroom-streaming' && span.kind === SPAN_KIND.server && span.name === 'subscription TracedChat');
    await until(() => receiver.spans.some(isSubscribe) && subgraphSpans().length > 0, 'the gateway’s and the subgraph’s subscription spans');
    const sent = receiver.spans.filter(isSubscribe);
    expect(sent.every((span) => span.kind === SPAN_KIND.client && attribute(span, 'service') === 'streaming')).toBe(true);
    // Each subscribe the subgraph served is the child of one the gateway sent, in the same trace (W3C traceparent in extensions).
    for (const server of subgraphSpans()) {
      expect(sent).toContainEqual(expect.objectContaining({ traceId: server.traceId, spanId: server.parentSpanId }));
    }
    // The subscribe resolver's statements (registering the chat client) are in that trace, under the subgraph's span.
    const traceIds = new Set(subgraphSpans().map((span) => span.traceId));
    const serverIds = new Set(subgraphSpans().map((span) => span.spanId));
    const isDatabaseSpan = (span: ReceivedSpan) => attribute(span, 'db.system') === 'postgresql' || attribute(span, 'db.system.name') === 'postgresql';
    const byId = () => new Map(receiver.spans.map((span) => [span.spanId, span]));
    const underServer = (span: ReceivedSpan) => {
      const spans = byId();
      let ancestor = spans.get(span.parentSpanId ?? '');
      while (ancestor && !serverIds.has(ancestor.spanId)) ancestor = spans.get(ancestor.parentSpanId ?? '');
      return ancestor !== undefined;
    };
    await until(
      () => receiver.spans.some((span) => span.service === 'playroom-streaming' && traceIds.has(span.traceId) && isDatabaseSpan(span) && underServer(span)),
      'a database span of the streaming subgraph under its subscription span',
    );
  }, 60_000);
});

describe('tracing off (no OTEL_EXPORTER_OTLP_ENDPOINT)', () => {
  /** How many OpenTelemetry SDK and instrumentation modules a process has loaded after importing common/tracing.ts. */
  async function sdkModulesLoaded(endpoint: string | undefined): Promise<number> {
    const env: NodeJS.ProcessEnv = { ...process.env, OTEL_EXPORTER_OTLP_ENDPOINT: endpoint };
    if (endpoint === undefined) delete env.OTEL_EXPORTER_OTLP_ENDPOINT;
    delete env.OTEL_EXPORTER_OTLP_TRACES_ENDPOINT;
    const probe =
      "require('./common/tracing'); process.stdout.write(String(Object.keys(require.cache).filter((file) => /@opentelemetry[\\\\/](sdk-trace|instrumentation)/.test(file)).length)); process.exit(0)";
    const child = spawn(process.execPath, ['--import', 'tsx', '-e', probe], { cwd: PROJECT_ROOT, env, stdio: ['ignore', 'pipe', 'inherit'] });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    await within(new Promise((resolve) => child.once('exit', resolve)), 'the probe process', START_MS);
    return Number(output);
  }

  it(
    'does not even load the OpenTelemetry SDK (it does when the endpoint is set)',
    async () => {
      expect(await sdkModulesLoaded(undefined)).toBe(0);
      expect(await sdkModulesLoaded('http://127.0.0.1:9')).toBeGreaterThan(0);
    },
    START_MS * 2,
  );
});
