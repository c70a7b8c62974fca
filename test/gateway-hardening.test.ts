import net from 'node:net';
import type { GatewayOptions, RunningGateway } from '../gateway/server';
import { postGraphQL, requestJson } from './support/http';
import { IdentityClient } from './support/identity';
import { ADMIN, createApiKey, login, type Session } from './support/platform';
import { hostWithSession } from './support/social';
import { startSystem, type TestSystem } from './support/system';
import { until, waitFor, WAIT_MS, within } from './support/wait';
import { Sockets, wsUrl, type CloseEvent, type Frame, type TestSocket } from './support/ws';

/**
 * Gateway hardening: the Origin rule (WebSocket upgrade
 * and session-cookie requests), WebSocket frame size and connection caps,
 * sockets closed when their credential is revoked, one connection_init per
 * socket, 1001 on shutdown, and a gateway that starts and recovers with a
 * subgraph down. Every wait is bounded (test/support/wait.ts).
 */
const ALLOWED = 'https://app.example.com';
const PLAYER_JOINED = 'subscription Joined($id: Int!) { playerJoined(sessionId: $id) { guest joinedAt } }';

let system: TestSystem;
let admin: Session;
const client = new IdentityClient();
const sockets = new Sockets();

beforeAll(async () => {
  system = await startSystem({ logger: client.logger, env: { ADMIN_EMAIL: ADMIN.email, ADMIN_PASSWORD: ADMIN.password } });
  client.baseUrl = system.gatewayUrl;
  admin = await login(client, ADMIN.email, ADMIN.password);
});
afterEach(() => sockets.closeAll());
afterAll(() => system.stop());

const extraGateway = (extra: Partial<GatewayOptions> = {}) => system.extraGateway(extra);

/** A graphql-transport-ws socket without a client library, to see exactly what the gateway does. */
const raw = (baseUrl: string, headers: Record<string, string> = {}) => sockets.open(wsUrl(baseUrl), { protocols: 'graphql-transport-ws', headers });

/** Opens a socket and completes connection_init; resolves with the ack or the close. */
async function initialised(baseUrl: string, payload: Record<string, unknown> = {}): Promise<TestSocket & { outcome: 'ack' | CloseEvent }> {
  const connection = raw(baseUrl);
  expect(await within(connection.opened, 'the upgrade')).toBe('open');
  connection.send({ type: 'connection_init', payload });
  const ack = connection.messages.find('a connection_ack message', (message) => message.type === 'connection_ack').then(() => 'ack' as const);
  const outcome = await within(Promise.race([ack, connection.closed]), 'connection_ack or close');
  return { ...connection, outcome };
}

const apiKey = (displayName: string) => createApiKey(client, admin, { displayName, scopes: ['settings:read'] });

describe('the Origin rule', () => {
  let gateway: RunningGateway;
  beforeAll(async () => {
    gateway = await extraGateway({ allowedOrigins: [ALLOWED] });
  });

  it('refuses a WebSocket upgrade from a foreign origin with 403, before graphql-ws', async () => {
    expect(await within(raw(gateway.url, { origin: 'https://evil.example' }).opened, 'the refusal')).toBe(403);
    expect(await within(raw(gateway.url, { origin: 'null' }).opened, 'the refusal')).toBe(403);
    expect(await within(raw(system.gatewayUrl, { origin: ALLOWED }).opened, 'the refusal (not listed there)')).toBe(403);
  });

  it('accepts no Origin (non-browser clients), a listed origin and the gateway’s own origin', async () => {
    expect(await within(raw(gateway.url).opened, 'the upgrade')).toBe('open');
    expect(await within(raw(gateway.url, { origin: ALLOWED }).opened, 'the upgrade')).toBe('open');
    expect(await within(raw(gateway.url, { origin: gateway.url }).opened, 'the upgrade')).toBe('open');
  });

  it('refuses session-cookie requests from a foreign origin (GraphQL and REST), not cookie-less ones', async () => {
    const session = await login(client, ADMIN.email, ADMIN.password);
    const cookie = { cookie: session.cookie, 'x-csrf-token': session.csrf };
    const foreign = await postGraphQL(`${gateway.url}/graphql`, '{ __typename }', {}, { ...cookie, origin: 'https://evil.example' });
    expect(foreign.status).toBe(403);
    expect(foreign.body.errors?.[0]?.extensions).toEqual({ code: 'FORBIDDEN' });
    const rest = await requestJson(`${gateway.url}/api/auth/session`, { headers: { ...cookie, origin: 'https://evil.example' } });
    expect(rest.status).toBe(403);
    expect(rest.body).toMatchObject({ success: false, data: null, error: { code: 'forbidden' } });

    expect((await postGraphQL(`${gateway.url}/graphql`, '{ __typename }', {}, { ...cookie, origin: ALLOWED })).status).toBe(200);
    expect((await requestJson(`${gateway.url}/api/auth/session`, { headers: { ...cookie, origin: gateway.url } })).status).toBe(200);
    expect((await requestJson(`${gateway.url}/api/auth/session`, { headers: cookie })).status).toBe(200);
    // Without the cookie the Origin does not matter (public data, no ambient credential).
    expect((await requestJson(`${gateway.url}/api/settings/public`, { headers: { origin: 'https://evil.example' } })).status).toBe(200);
  });

  it('compares scheme, host and port exactly: userinfo, another scheme, a path or a trailing slash is not the gateway’s origin', async () => {
    const session = await login(client, ADMIN.email, ADMIN.password);
    const cookie = { cookie: session.cookie, 'x-csrf-token': session.csrf };
    const own = new URL(gateway.url);
    const lookalikes = [
      `http://evil.example@${own.host}`,
      `http://user:pass@${own.host}`,
      `https://${own.host}`,
      `ws://${own.host}`,
      `${gateway.url}/`,
      `${gateway.url}/graphql`,
      `${gateway.url}?x=1`,
      `${ALLOWED}/`,
      `${ALLOWED}@evil.example`,
    ];
    for (const origin of lookalikes) {
      const graphql = await postGraphQL(`${gateway.url}/graphql`, '{ __typename }', {}, { ...cookie, origin });
      expect({ origin, status: graphql.status }).toEqual({ origin, status: 403 });
      const rest = await requestJson(`${gateway.url}/api/auth/session`, { headers: { ...cookie, origin } });
      expect({ origin, status: rest.status }).toEqual({ origin, status: 403 });
      expect({ origin, upgrade: await within(raw(gateway.url, { origin }).opened, 'the refusal') }).toEqual({ origin, upgrade: 403 });
    }
    // The exact origins still pass.
    expect((await postGraphQL(`${gateway.url}/graphql`, '{ __typename }', {}, { ...cookie, origin: gateway.url })).status).toBe(200);
    expect((await postGraphQL(`${gateway.url}/graphql`, '{ __typename }', {}, { ...cookie, origin: ALLOWED })).status).toBe(200);
  });
});

describe('the session cookie on a WebSocket', () => {
  const JOINED = 'subscription { chatEvents(displayName: "cookie-test") { type displayName clientId user { username } } }';

  /** The subscriber's own USER_JOINED on a cookie socket, after connection_init with `payload`. */
  async function ownJoin(payload: Record<string, unknown>): Promise<Frame | CloseEvent> {
    const connection = raw(system.gatewayUrl, { cookie: admin.cookie });
    expect(await within(connection.opened, 'the upgrade')).toBe('open');
    connection.send({ type: 'connection_init', payload });
    const ack = connection.messages.find('a connection_ack message', (message) => message.type === 'connection_ack');
    const outcome = await within(Promise.race([ack, connection.closed]), 'connection_ack or close');
    if (!('type' in outcome)) return outcome;
    connection.send({ id: '1', type: 'subscribe', payload: { query: JOINED } });
    return connection.waitForMessage(
      'its own USER_JOINED',
      (frame) => frame.type === 'next' && (frame.payload as { data?: { chatEvents?: { clientId?: string } } }).data?.chatEvents?.clientId != null,
    );
  }
  const joinedAs = (frame: Frame | CloseEvent) =>
    (frame as Frame & { payload: { data: { chatEvents: { user: { username: string } | null; displayName: string } } } }).payload.data.chatEvents;

  it('counts with its CSRF token in connectionParams: the socket is the signed-in user', async () => {
    expect(joinedAs(await ownJoin({ 'x-csrf-token': admin.csrf })).user).toEqual({ username: expect.any(String) });
  });

  it('without a token the cookie does not count: the socket is an anonymous viewer, as on public HTTP reads', async () => {
    const joined = joinedAs(await ownJoin({}));
    expect(joined.user).toBeNull();
    expect(joined.displayName).toBe('cookie-test');
  });

  it('with a wrong token the socket is refused (4403)', async () => {
    expect(await ownJoin({ 'x-csrf-token': 'not-the-token' })).toEqual({ code: 4403, reason: expect.stringContaining('x-csrf-token') });
  });
});

describe('WebSocket abuse', () => {
  it('closes a socket that sends a message over SUBSCRIPTION_MAX_PAYLOAD_BYTES (64 KiB) with 1009', async () => {
    const connection = raw(system.gatewayUrl);
    expect(await within(connection.opened, 'the upgrade')).toBe('open');
    connection.send({ type: 'connection_init', payload: { padding: 'x'.repeat(65 * 1024) } });
    expect((await within(connection.closed, 'the close')).code).toBe(1009);
    // A message under the limit is fine.
    expect((await initialised(system.gatewayUrl, { padding: 'x'.repeat(60 * 1024) })).outcome).toBe('ack');
  });

  it('caps sockets per client address (1013), and frees the slot when one closes', async () => {
    const gateway = await extraGateway({ subscriptions: { maxConnectionsPerAddress: 2 } });
    const first = raw(gateway.url);
    const second = raw(gateway.url);
    expect(await within(first.opened, 'the first upgrade')).toBe('open');
    expect(await within(second.opened, 'the second upgrade')).toBe('open');
    const third = raw(gateway.url);
    expect(await within(third.closed, 'the refusal')).toEqual({ code: 1013, reason: expect.stringContaining('this address') });
    await within(first.close(), 'the first close');
    // The server counts the socket down when its side of the close is done, which the client does not see: try again until then.
    const outcome = await waitFor('a freed slot', async () => ((await initialised(gateway.url)).outcome === 'ack' ? 'ack' : undefined), WAIT_MS, 50);
    expect(outcome).toBe('ack');
  });

  it('caps sockets per credential (1013); another credential still connects', async () => {
    const gateway = await extraGateway({ subscriptions: { maxConnectionsPerCredential: 1 } });
    const key = await apiKey('ws-cap');
    const other = await apiKey('ws-cap-other');
    expect((await initialised(gateway.url, { authorization: `Bearer ${key.secret}` })).outcome).toBe('ack');
    expect((await initialised(gateway.url, { authorization: `Bearer ${key.secret}` })).outcome).toEqual({
      code: 1013,
      reason: expect.stringContaining('this credential'),
    });
    expect((await initialised(gateway.url, { authorization: `Bearer ${other.secret}` })).outcome).toBe('ack');
    // Host tokens count by their value.
    const host = await hostWithSession(system.gatewayUrl);
    expect((await initialised(gateway.url, { authorization: `Bearer ${host.token}` })).outcome).toBe('ack');
    expect((await initialised(gateway.url, { authorization: `Bearer ${host.token}` })).outcome).toMatchObject({ code: 1013 });
  });

  it('a second connection_init on one socket is closed with 4429 (graphql-ws)', async () => {
    const connection = await initialised(system.gatewayUrl);
    expect(connection.outcome).toBe('ack');
    connection.send({ type: 'connection_init', payload: {} });
    expect(await within(connection.closed, 'the close')).toEqual({ code: 4429, reason: 'Too many initialisation requests' });
  });

  it('closes an open socket with 4401 when its API key is revoked elsewhere (periodic check, CREDENTIAL_CACHE_SECONDS=1)', async () => {
    const gateway = await extraGateway({ credentialCacheSeconds: 1 });
    const key = await apiKey('ws-revoke-sql');
    const connection = await initialised(gateway.url, { authorization: `Bearer ${key.secret}` });
    expect(connection.outcome).toBe('ack');
    await system.sql('update admin.api_keys set revoked = true where id = $1', [key.id]);
    expect(await within(connection.closed, 'the close after revocation')).toEqual({ code: 4401, reason: expect.stringContaining('API key') });
  });

  it('closes it at once when the key is revoked through the same gateway (cache invalidation), long before the cache expires', async () => {
    const gateway = await extraGateway({ credentialCacheSeconds: 60 });
    const key = await apiKey('ws-revoke-rest');
    const connection = await initialised(gateway.url, { authorization: `Bearer ${key.secret}` });
    expect(connection.outcome).toBe('ack');
    const revoked = await requestJson(`${gateway.url}/api/admin/tokens`, {
      method: 'PUT',
      headers: { 'content-type': 'application/json', cookie: admin.cookie, 'x-csrf-token': admin.csrf },
      body: JSON.stringify({ id: key.id, revoked: true }),
    });
    expect(revoked.status).toBe(200);
    expect((await within(connection.closed, 'the close after revocation', 5000)).code).toBe(4401);
  });
});

describe('graceful shutdown', () => {
  it('closes open subscriptions with 1001 Going Away and ends them on the subgraph', async () => {
    const gateway = await extraGateway();
    const host = await hostWithSession(system.gatewayUrl);
    const connection = await initialised(gateway.url, { authorization: `Bearer ${host.token}` });
    expect(connection.outcome).toBe('ack');
    connection.send({ id: '1', type: 'subscribe', payload: { query: PLAYER_JOINED, variables: { id: host.sessionId } } });
    const topic = `player-joined:${host.sessionId}`;
    await until(() => system.subgraphs.social.events.listenerCount(topic) === 1, 'the subscription on the subgraph');
    await within(gateway.close(), 'the gateway to close');
    expect(await within(connection.closed, 'the close')).toEqual({ code: 1001, reason: 'Going away' });
    await until(() => system.subgraphs.social.events.listenerCount(topic) === 0, 'the subgraph to stop listening');
  });
});

describe("Apollo's usage reporting", () => {
  /** Where a TCP connection was asked to go, whatever the caller (http, https, tls, a resource detector). */
  function hostOf(args: unknown[]): string {
    const first = Array.isArray(args[0]) ? (args[0] as unknown[])[0] : args[0];
    if (first && typeof first === 'object') {
      const options = first as { host?: string; path?: string };
      return options.path ?? options.host ?? 'localhost';
    }
    return typeof args[1] === 'string' ? args[1] : 'localhost';
  }

  it('stays off: a gateway started, queried and stopped opens no connection that leaves this machine', async () => {
    const saved = process.env.APOLLO_TELEMETRY_DISABLED;
    delete process.env.APOLLO_TELEMETRY_DISABLED;
    const hosts: string[] = [];
    const connect = net.Socket.prototype.connect;
    const spy = jest.spyOn(net.Socket.prototype, 'connect').mockImplementation(function (this: net.Socket, ...args: unknown[]) {
      hosts.push(hostOf(args));
      return (connect as (...args: unknown[]) => net.Socket).apply(this, args);
    });
    try {
      const gateway = await extraGateway();
      const response = await postGraphQL(`${gateway.url}/graphql`, '{ publicSettings { siteName } }');
      expect(response.status).toBe(200);
      await within(gateway.close(), 'the gateway to close');
    } finally {
      spy.mockRestore();
      if (saved === undefined) delete process.env.APOLLO_TELEMETRY_DISABLED;
      else process.env.APOLLO_TELEMETRY_DISABLED = saved;
    }
    // The query itself went to the subgraphs, so the spy saw connections.
    expect(hosts.length).toBeGreaterThan(0);
    expect(hosts.filter((host) => !['127.0.0.1', 'localhost', '::1'].includes(host) && !host.startsWith('/'))).toEqual([]);
  });
});

describe('failure isolation', () => {
  it('a gateway starts with a subgraph down, serves the others, and picks the subgraph up when it returns on the same port', async () => {
    const port = Number(new URL(system.subgraphs.tickets.url).port);
    await system.stopSubgraph('tickets');
    const gateway = await within(extraGateway(), 'the gateway to start');
    const down = await postGraphQL(`${gateway.url}/graphql`, '{ ticketCategories { totalCount } }');
    // A subgraph that cannot be reached is unavailable for now (try again), not an internal error.
    expect(down.body.errors?.[0]?.extensions?.code).toBe('SERVICE_UNAVAILABLE');
    expect((await requestJson(`${gateway.url}/api/settings/public`)).status).toBe(200);
    expect((await requestJson(`${gateway.url}/readyz`)).status).toBe(503);

    const restarted = await system.replica('tickets', { port, env: { PRINCIPAL_SECRET: system.principalSecret, ADMIN_URL: system.subgraphs.admin.url } });
    expect(restarted.url).toBe(system.subgraphs.tickets.url);
    const back = await postGraphQL(`${gateway.url}/graphql`, '{ ticketCategories { totalCount } }');
    // The subgraph answers again: its own refusal of an anonymous caller, not the outage.
    expect(back.body.errors?.[0]).toMatchObject({ extensions: { code: 'UNAUTHENTICATED' } });
    expect((await requestJson(`${gateway.url}/readyz`)).status).toBe(200);
    // The system's own gateway (started before the outage) recovers too.
    expect((await postGraphQL(`${system.gatewayUrl}/graphql`, '{ ticketCategories { totalCount } }')).body.errors?.[0]?.extensions?.code).toBe(
      'UNAUTHENTICATED',
    );
  });
});
