import { randomUUID } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { createClient, type Client } from 'graphql-ws';
import WebSocket from 'ws';
import { SUBGRAPH_NAMES, type SubgraphName } from '../common/config';
import type { RunningGateway } from '../gateway/server';
import { freePort } from './support/free-port';
import { generalApi } from './support/general-api';
import { postGraphQL, requestJson } from './support/http';
import { scrape, type Scrape } from './support/prometheus';
import { basic, ingestHook, owncastClient } from './support/streaming';
import { startSystem, subgraphUrlsOf, type TestSystem } from './support/system';
import { until, within } from './support/wait';

/**
 * GET /metrics of the gateway and of each subgraph, scraped before and after
 * real requests: each test checks that exactly the series it caused moved.
 */
const STREAM_KEY = 'metrics-test-stream-key';
const METRICS_TOKEN = 'metrics-test-token-0123456789';

let system: TestSystem;
/** A second gateway over the same subgraphs, with METRICS_TOKEN and a cap of two operation names. */
let guarded: RunningGateway;
const api = generalApi(() => system);

const subgraphBase = (name: SubgraphName) => system.subgraphs[name].url.replace(/\/graphql$/, '');
const gatewayMetrics = () => scrape(system.gatewayUrl);
const subgraphMetrics = (name: SubgraphName) => scrape(subgraphBase(name));

beforeAll(async () => {
  // X-Forwarded-For is trusted so a test can appear to come from a public address.
  system = await startSystem({ trustProxy: true, env: { STREAM_KEY, OUTBOUND_ALLOW_PRIVATE: 'true', OUTBOUND_POLL_INTERVAL_MS: '50' } });
  guarded = await system.extraGateway({ metrics: { token: METRICS_TOKEN, maxOperationNames: 2 } });
});
afterAll(async () => {
  await system?.stop();
});

describe('every process', () => {
  it('serves the default process metrics and nothing secret', async () => {
    for (const base of [system.gatewayUrl, ...SUBGRAPH_NAMES.map(subgraphBase)]) {
      const response = await fetch(`${base}/metrics`);
      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/);
      const text = await response.text();
      expect(text).toMatch(/^process_cpu_user_seconds_total \d/m);
      expect(text).toMatch(/^nodejs_heap_size_used_bytes \d/m);
      for (const secret of [system.principalSecret, system.hostTokenSecret, new URL(system.databaseUrl).password, STREAM_KEY]) {
        expect(text).not.toContain(secret);
      }
    }
  });

  it('reports the database pool of each subgraph: its size, and a connection in use', async () => {
    const knex = system.subgraphs.admin.orm.em.getConnection().getKnex();
    const connection: unknown = await knex.client.acquireConnection();
    try {
      const metrics = await subgraphMetrics('admin');
      // startSystem gives every subgraph a pool of 4.
      expect(metrics.value('playroom_db_pool_max_connections')).toBe(4);
      expect(metrics.value('playroom_db_pool_connections', { state: 'used' })).toBeGreaterThanOrEqual(1);
      expect(
        metrics.value('playroom_db_pool_connections', { state: 'used' }) + metrics.value('playroom_db_pool_connections', { state: 'free' }),
      ).toBeLessThanOrEqual(4);
    } finally {
      await knex.client.releaseConnection(connection);
    }
  });
});

describe('HTTP routes', () => {
  const requests = (metrics: Scrape, labels: Record<string, string>) => metrics.value('playroom_http_requests_total', labels);

  it('counts a REST call once under its route template, never its raw URL', async () => {
    const ok = { method: 'GET', route: '/api/settings/public', status_class: '2xx' };
    const missing = { method: 'GET', route: '/hosts/:host', status_class: '4xx' };
    const unmatched = { method: 'GET', route: 'unmatched', status_class: '4xx' };
    const before = await gatewayMetrics();
    const host = randomUUID();
    const unknownPath = `/no-such-route-${randomUUID()}`;
    expect((await requestJson(`${system.gatewayUrl}/api/settings/public`)).status).toBe(200);
    // Without its host token: refused (401), still under the template.
    expect((await requestJson(`${system.gatewayUrl}/hosts/${host}`)).status).toBe(401);
    expect((await requestJson(`${system.gatewayUrl}${unknownPath}`)).status).toBe(404);
    const after = await gatewayMetrics();
    expect(requests(after, ok) - requests(before, ok)).toBe(1);
    expect(after.value('playroom_http_request_duration_seconds_count', ok) - before.value('playroom_http_request_duration_seconds_count', ok)).toBe(1);
    expect(requests(after, missing) - requests(before, missing)).toBe(1);
    expect(requests(after, unmatched) - requests(before, unmatched)).toBe(1);
    expect(after.text).not.toContain(host);
    expect(after.text).not.toContain(unknownPath);
  });
});

describe('GraphQL', () => {
  it('records one fetch of each subgraph a cross-subgraph query needs, and the operation by name', async () => {
    const user = await api.user('metricsreader');
    const query = 'query MetricsMeTickets { me { username tickets { totalCount } } }';
    const fetches = (metrics: Scrape, subgraph: string) => metrics.value('playroom_subgraph_fetches_total', { subgraph, result: 'ok' });
    const fetchTimes = (metrics: Scrape, subgraph: string) => metrics.value('playroom_subgraph_fetch_duration_seconds_count', { subgraph });
    const operation = { operation_name: 'MetricsMeTickets', operation_type: 'query' };
    const ticketsRequests = { method: 'POST', route: '/graphql', status_class: '2xx' };
    const [gatewayBefore, ticketsBefore] = await Promise.all([gatewayMetrics(), subgraphMetrics('tickets')]);

    const response = await postGraphQL(`${system.gatewayUrl}/graphql`, query, {}, { authorization: `Bearer ${user.token}` });
    expect(response.body).toEqual({ data: { me: { username: 'metricsreader', tickets: { totalCount: 0 } } } });

    const [gatewayAfter, ticketsAfter] = await Promise.all([gatewayMetrics(), subgraphMetrics('tickets')]);
    expect(fetches(gatewayAfter, 'admin') - fetches(gatewayBefore, 'admin')).toBe(1);
    expect(fetches(gatewayAfter, 'tickets') - fetches(gatewayBefore, 'tickets')).toBe(1);
    expect(fetchTimes(gatewayAfter, 'admin') - fetchTimes(gatewayBefore, 'admin')).toBe(1);
    expect(fetchTimes(gatewayAfter, 'tickets') - fetchTimes(gatewayBefore, 'tickets')).toBe(1);
    expect(gatewayAfter.value('playroom_graphql_operations_total', operation) - gatewayBefore.value('playroom_graphql_operations_total', operation)).toBe(1);
    expect(
      gatewayAfter.value('playroom_graphql_operation_duration_seconds_count', operation) -
        gatewayBefore.value('playroom_graphql_operation_duration_seconds_count', operation),
    ).toBe(1);
    // The tickets subgraph saw that one fetch on its own port.
    expect(ticketsAfter.value('playroom_http_requests_total', ticketsRequests) - ticketsBefore.value('playroom_http_requests_total', ticketsRequests)).toBe(1);
    expect(
      ticketsAfter.sum('playroom_graphql_operations_total', { operation_type: 'query' }) -
        ticketsBefore.sum('playroom_graphql_operations_total', { operation_type: 'query' }),
    ).toBe(1);
  });

  it('counts errors by the code the client sees, and a refused document as an unknown operation', async () => {
    const errors = (metrics: Scrape, code: string) => metrics.value('playroom_graphql_errors_total', { code });
    const unknown = { operation_name: 'unknown', operation_type: 'unknown' };
    const refused = { method: 'POST', route: '/graphql', status_class: '4xx' };
    const before = await gatewayMetrics();
    const unauthenticated = await postGraphQL(`${system.gatewayUrl}/graphql`, '{ ticketCategories { totalCount } }');
    expect(unauthenticated.body.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    const invalid = await postGraphQL(`${system.gatewayUrl}/graphql`, '{ noSuchField }');
    expect(invalid.status).toBe(400);
    const after = await gatewayMetrics();
    expect(errors(after, 'UNAUTHENTICATED') - errors(before, 'UNAUTHENTICATED')).toBe(1);
    expect(errors(after, 'GRAPHQL_VALIDATION_FAILED') - errors(before, 'GRAPHQL_VALIDATION_FAILED')).toBe(1);
    expect(after.value('playroom_graphql_operations_total', unknown) - before.value('playroom_graphql_operations_total', unknown)).toBe(1);
    expect(after.value('playroom_http_requests_total', refused) - before.value('playroom_http_requests_total', refused)).toBe(1);
  });

  it('records a fetch of an unreachable subgraph as failed, and the error the client got by its code', async () => {
    const closedPort = await freePort();
    const cut = await system.extraGateway({
      subgraphUrls: { ...subgraphUrlsOf(system), admin: `http://127.0.0.1:${closedPort}/graphql` },
      metrics: { token: undefined, maxOperationNames: 10 },
    });
    try {
      const response = await postGraphQL(`${cut.url}/graphql`, 'query CutOff { publicSettings { siteName } }');
      const code = response.body.errors?.[0]?.extensions?.code;
      expect(typeof code).toBe('string');
      const metrics = await scrape(cut.url);
      expect(metrics.value('playroom_subgraph_fetches_total', { subgraph: 'admin', result: 'failed' })).toBe(1);
      expect(metrics.value('playroom_subgraph_fetches_total', { subgraph: 'admin', result: 'ok' })).toBe(0);
      expect(metrics.value('playroom_graphql_errors_total', { code: code as string })).toBe(response.body.errors!.length);
    } finally {
      await cut.close();
    }
  });

  it('keeps at most METRICS_MAX_OPERATION_NAMES names apart; later ones and anonymous ones are collapsed', async () => {
    const auth = { authorization: `Bearer ${METRICS_TOKEN}` };
    for (const name of ['CapFirst', 'CapSecond', 'CapThird']) {
      expect((await postGraphQL(`${guarded.url}/graphql`, `query ${name} { publicSettings { siteName } }`)).status).toBe(200);
    }
    expect((await postGraphQL(`${guarded.url}/graphql`, '{ publicSettings { siteName } }')).status).toBe(200);
    const metrics = await scrape(guarded.url, auth);
    const count = (operation_name: string) => metrics.value('playroom_graphql_operations_total', { operation_name, operation_type: 'query' });
    expect(count('CapFirst')).toBe(1);
    expect(count('CapSecond')).toBe(1);
    expect(count('CapThird')).toBe(0);
    expect(metrics.text).not.toContain('CapThird');
    expect(count('other')).toBe(1);
    expect(count('anonymous')).toBe(1);
  });
});

describe('access to /metrics', () => {
  it('without METRICS_TOKEN answers internal addresses only (the address honours TRUST_PROXY)', async () => {
    expect((await fetch(`${system.gatewayUrl}/metrics`)).status).toBe(200);
    const outside = await fetch(`${system.gatewayUrl}/metrics`, { headers: { 'x-forwarded-for': '8.8.8.8' } });
    expect(outside.status).toBe(403);
    expect(await outside.text()).toBe('Metrics are served to internal addresses only; set METRICS_TOKEN to scrape from elsewhere');
    const inside = await fetch(`${system.gatewayUrl}/metrics`, { headers: { 'x-forwarded-for': '10.1.2.3' } });
    expect(inside.status).toBe(200);
  });

  it('with METRICS_TOKEN requires it as a bearer token, even from loopback', async () => {
    const missing = await fetch(`${guarded.url}/metrics`);
    expect(missing.status).toBe(401);
    expect(missing.headers.get('www-authenticate')).toBe('Bearer realm="metrics"');
    expect(await missing.text()).not.toContain(METRICS_TOKEN);
    expect((await fetch(`${guarded.url}/metrics`, { headers: { authorization: `Bearer ${METRICS_TOKEN}x` } })).status).toBe(401);
    expect((await fetch(`${guarded.url}/metrics`, { headers: { authorization: `Bearer ${METRICS_TOKEN}` } })).status).toBe(200);
  });
});

describe('subscriptions and outbound deliveries', () => {
  let client: Client | undefined;
  afterEach(async () => {
    await client?.dispose();
    client = undefined;
  });

  it('counts open sockets, active subscriptions and each event sent, in the gateway and the streaming subgraph, and the webhook delivery', async () => {
    const received: string[] = [];
    const receiver = http.createServer((request, response) => {
      let text = '';
      request.on('data', (chunk: Buffer) => (text += chunk.toString()));
      request.on('end', () => {
        received.push((JSON.parse(text) as { event: string }).event);
        response.end('ok');
      });
    });
    await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
    try {
      const owncast = owncastClient(system.gatewayUrl);
      const url = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hook`;
      expect((await owncast.post('/api/admin/webhooks/create', { url, events: ['STREAM_STARTED'] }, basic(STREAM_KEY))).status).toBe(200);
      const delivered = { queue: 'streaming.webhook_actions', result: 'succeeded' };
      const [gatewayBefore, streamingBefore] = await Promise.all([gatewayMetrics(), subgraphMetrics('streaming')]);
      expect(gatewayBefore.value('playroom_websocket_connections')).toBe(0);
      expect(gatewayBefore.value('playroom_subscriptions_active')).toBe(0);

      const events: unknown[] = [];
      client = createClient({ url: system.gatewayUrl.replace(/^http/, 'ws') + '/graphql', webSocketImpl: WebSocket, retryAttempts: 0 });
      const subscription = client.iterate({ query: 'subscription { streamStatus { online } }' });
      const first = subscription.next();
      // Both ends are open: the client's socket at the gateway and the gateway's one upstream socket at the subgraph.
      // streamStatus is shared across viewers, so the subgraph runs two: the group's and this subscriber's admission (member).
      await until(async () => {
        const [gateway, streaming] = await Promise.all([gatewayMetrics(), subgraphMetrics('streaming')]);
        return gateway.value('playroom_subscriptions_active') === 1 && streaming.value('playroom_subscriptions_active') === 2;
      }, 'the subscription to be active in the gateway and the streaming subgraph');
      const [gatewayOpen, streamingOpen] = await Promise.all([gatewayMetrics(), subgraphMetrics('streaming')]);
      expect(gatewayOpen.value('playroom_websocket_connections')).toBe(1);
      expect(streamingOpen.value('playroom_websocket_connections')).toBe(1);

      expect((await ingestHook(owncast, 'on_publish', STREAM_KEY)).status).toBe(200);
      events.push((await within(first, 'the streamStatus event')).value);
      expect(events[0]).toEqual({ data: { streamStatus: { online: true } } });
      await until(() => received.length === 1, 'the STREAM_STARTED webhook');
      await until(
        async () =>
          (await subgraphMetrics('streaming')).value('playroom_outbound_deliveries_total', delivered) >
          streamingBefore.value('playroom_outbound_deliveries_total', delivered),
        'the delivery to be counted',
      );

      const [gatewayAfter, streamingAfter] = await Promise.all([gatewayMetrics(), subgraphMetrics('streaming')]);
      expect(gatewayAfter.value('playroom_subscription_events_total') - gatewayBefore.value('playroom_subscription_events_total')).toBe(events.length);
      expect(streamingAfter.value('playroom_subscription_events_total') - streamingBefore.value('playroom_subscription_events_total')).toBe(events.length);
      expect(
        streamingAfter.value('playroom_outbound_deliveries_total', delivered) - streamingBefore.value('playroom_outbound_deliveries_total', delivered),
      ).toBe(1);
      expect(streamingAfter.value('playroom_outbound_actions', { queue: 'streaming.webhook_actions', state: 'queued' })).toBe(0);

      await client.dispose();
      client = undefined;
      await until(async () => {
        const [gateway, streaming] = await Promise.all([gatewayMetrics(), subgraphMetrics('streaming')]);
        return (
          gateway.value('playroom_subscriptions_active') === 0 &&
          gateway.value('playroom_websocket_connections') === 0 &&
          streaming.value('playroom_subscriptions_active') === 0
        );
      }, 'both ends to be closed');
      // The gateway keeps its upstream connection open a while after its last subscription, to be reused.
    } finally {
      await new Promise((resolve) => receiver.close(resolve));
    }
  });
});
