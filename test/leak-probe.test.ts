import WebSocket from 'ws';
import { SUBGRAPH_NAMES } from '../common/config';
import { postGraphQL, requestJson, type JsonResponse } from './support/http';
import { hostWithSession } from './support/social';
import { startSystem, type TestSystem } from './support/system';

/**
 * Leak probe (production mode): failures that carry internals — SQL text
 * and a password column from a broken table, a subgraph that is down, an
 * unknown field or route, a too-deep body — sent over HTTP GraphQL, REST and
 * WebSocket. No answer may show SQL, addresses, subgraph ports or URLs,
 * 'password', stack traces or serviceName. Every wait is bounded by WAIT_MS.
 */
const WAIT_MS = 8000;
const PLAYER_JOINED = 'subscription Joined($id: Int!) { playerJoined(sessionId: $id) { guest joinedAt } }';

let system: TestSystem;
let host: { uuid: string; token: string; sessionId: number };
/** Every answer the probes got, as text (request ids removed: they are random hex). */
const seen: { probe: string; text: string }[] = [];

beforeAll(async () => {
  system = await startSystem();
  host = await hostWithSession(system.gatewayUrl);
});
afterAll(() => system.stop());

function withoutRequestIds(value: unknown): string {
  return JSON.stringify(value, (key, item: unknown) => (key === 'requestId' || key === 'x-request-id' ? '<id>' : item));
}

function record(probe: string, response: JsonResponse<unknown>): JsonResponse<unknown> {
  const headers = Object.fromEntries(response.headers.entries());
  seen.push({ probe, text: withoutRequestIds({ status: response.status, headers, body: response.body }) });
  return response;
}

async function graphql(probe: string, query: string, variables: Record<string, unknown> = {}, headers: Record<string, string> = {}) {
  return record(probe, await postGraphQL(`${system.gatewayUrl}/graphql`, query, variables, headers));
}

async function rest(probe: string, method: string, path: string, body?: unknown, headers: Record<string, string> = {}) {
  return record(
    probe,
    await requestJson(`${system.gatewayUrl}${path}`, {
      method,
      headers: { ...(body === undefined ? {} : { 'content-type': 'application/json' }), ...headers },
      body: body === undefined ? undefined : JSON.stringify(body),
    }),
  );
}

/** One subscription over a raw graphql-transport-ws socket: every message and the close, until the first result or close. */
async function websocket(probe: string, query: string, variables: Record<string, unknown>, connectionParams: Record<string, unknown> = {}) {
  const socket = new WebSocket(`${system.gatewayUrl.replace(/^http/, 'ws')}/graphql`, 'graphql-transport-ws');
  const messages: { type: string; payload?: unknown }[] = [];
  let close: { code: number; reason: string } | undefined;
  socket.on('message', (data: WebSocket.RawData) => messages.push(JSON.parse(data.toString()) as { type: string }));
  socket.on('close', (code, reason) => (close = { code, reason: reason.toString() }));
  await new Promise((resolve, reject) => {
    socket.once('open', resolve);
    socket.once('error', reject);
  });
  socket.send(JSON.stringify({ type: 'connection_init', payload: connectionParams }));
  const deadline = Date.now() + WAIT_MS;
  while (!close && !messages.some((message) => message.type === 'connection_ack')) {
    if (Date.now() > deadline) throw new Error(`${probe}: no connection_ack`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  if (!close) socket.send(JSON.stringify({ id: '1', type: 'subscribe', payload: { query, variables } }));
  while (!close && !messages.some((message) => ['next', 'error', 'complete'].includes(message.type))) {
    if (Date.now() > deadline) throw new Error(`${probe}: no answer over WebSocket`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  socket.terminate();
  seen.push({ probe, text: withoutRequestIds({ messages, close }) });
  return { messages, close };
}

/** Runs probes with a table moved away, then puts it back. */
async function withTableMoved(table: string, probes: () => Promise<void>): Promise<void> {
  const [schema, name] = table.split('.');
  await system.sql(`alter table ${table} rename to ${name}_moved`);
  try {
    await probes();
  } finally {
    await system.sql(`alter table ${schema}.${name}_moved rename to ${name}`);
  }
}

describe('leak probe', () => {
  it('a database failure carrying SQL and a password column (admin.users moved away): HTTP GraphQL and REST', async () => {
    await withTableMoved('admin.users', async () => {
      const register = { email: 'probe@example.com', username: 'probe', password: 'Sup3r-Secret-Passw0rd' };
      const http = await graphql(
        'register over GraphQL (users table missing)',
        'mutation($email: EmailAddress!, $username: NonEmptyString!, $password: NonEmptyString!) { register(email: $email, username: $username, password: $password) { email } }',
        register,
      );
      expect((http.body as { errors?: { extensions?: { code?: string } }[] }).errors?.[0]?.extensions?.code).toBe('INTERNAL_SERVER_ERROR');
      expect((await rest('POST /v1/auth/register (users table missing)', 'POST', '/v1/auth/register', register)).status).toBe(500);
      expect(
        (await rest('POST /api/auth/login (users table missing)', 'POST', '/api/auth/login', { email: register.email, password: register.password })).status,
      ).toBe(500);
    });
  });

  it('a database failure over GraphQL, REST and WebSocket (streaming.config and social.game_sessions moved away)', async () => {
    await withTableMoved('streaming.config', async () => {
      await graphql('instanceDetails (config table missing)', '{ instanceDetails { name } }');
      expect((await rest('GET /api/config (config table missing)', 'GET', '/api/config')).status).toBe(500);
    });
    await withTableMoved('social.game_sessions', async () => {
      await graphql('gameSession (sessions table missing)', `{ gameSession(id: ${host.sessionId}) { id } }`);
      expect(
        (await rest('GET /sessions/:id (sessions table missing)', 'GET', `/sessions/${host.sessionId}`, undefined, { authorization: `Bearer ${host.token}` }))
          .status,
      ).toBe(500);
      const ws = await websocket('playerJoined (sessions table missing)', PLAYER_JOINED, { id: host.sessionId }, { authorization: `Bearer ${host.token}` });
      expect(withoutRequestIds(ws.messages)).toContain('Internal server error');
    });
  });

  it('unknown fields and routes, and a body nested too deep', async () => {
    await graphql('unknown field', '{ nope }');
    await graphql('unknown field inside', '{ publicSetting { siteName } }');
    const deep = record(
      'deeply nested variables',
      await requestJson(`${system.gatewayUrl}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: `{"query": "query($v: JSON) { __typename }", "variables": {"v": ${'['.repeat(5000)}${']'.repeat(5000)}}}`,
      }),
    );
    expect(deep.status).toBe(400);
    for (const path of ['/api/nope', '/api/admin/nope', '/v1/nope', '/nope']) await rest(`unknown route ${path}`, 'GET', path);
    const ws = await websocket('unknown field over WebSocket', 'subscription { nope }', {});
    expect(withoutRequestIds(ws.messages)).toContain('GRAPHQL_VALIDATION_FAILED');
    await websocket('a query over WebSocket', '{ __typename }', {});
  });

  it('a subgraph that is down, over GraphQL, REST and WebSocket', async () => {
    await system.stopSubgraph('social');
    await graphql('gameSession (social down)', `{ gameSession(id: ${host.sessionId}) { id } }`);
    // A domain that cannot be reached is the service unavailable for now, as the family's 503.
    expect((await rest('POST /hosts (social down)', 'POST', '/hosts')).status).toBe(503);
    const ws = await websocket('playerJoined (social down)', PLAYER_JOINED, { id: host.sessionId }, { authorization: `Bearer ${host.token}` });
    expect(withoutRequestIds(ws.messages)).toContain('SERVICE_UNAVAILABLE');
    await rest('/readyz (social down)', 'GET', '/readyz');
  });

  it('no answer shows SQL, addresses, ports, URLs, passwords, stacks or serviceName', () => {
    const ports = SUBGRAPH_NAMES.map((name) => new URL(system.subgraphs[name].url).port);
    const forbidden: RegExp[] = [
      /\b(select|insert into|update \S+ set|delete from|relation|syntax error|does not exist|violates|constraint)\b/i,
      /127\.0\.0\.1|localhost|::1|ECONNREFUSED|fetch failed/i,
      /password|passw0rd|scrypt/i,
      /stack|serviceName|node_modules|\.ts:\d+/i,
      /postgres(ql)?:\/\//i,
      ...ports.map((port) => new RegExp(`\\b${port}\\b`)),
      ...SUBGRAPH_NAMES.map((name) => new RegExp(system.subgraphs[name].url.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&'))),
    ];
    expect(seen.length).toBeGreaterThanOrEqual(20);
    const leaks = seen.flatMap(({ probe, text }) =>
      forbidden.filter((pattern) => pattern.test(text)).map((pattern) => `${probe}: ${String(pattern)} in ${text}`),
    );
    expect(leaks).toEqual([]);
  });
});
