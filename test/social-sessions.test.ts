import { randomUUID } from 'node:crypto';
import { GraphQLError } from 'graphql';
import pg from 'pg';
import { postGraphQL, requestJson, restCaller, type JsonResponse } from './support/http';
import { useSystem } from './support/system';
import { databaseOutageAsUnavailable, isDatabaseUnavailable } from '../common/database-errors';
import { hostWithToken as registeredHost, launchSession, type HostWithToken } from './support/social';

const system = useSystem();

interface SessionBody {
  session_id: number;
  host: string;
  status: 'running' | 'ended';
  players: string[];
  source_of_truth_key: string | null;
  created_at: string;
  ended_at: string | null;
}

const call = restCaller(() => system.gatewayUrl);

/** A registered host, with settings, and its token. */
const hostWithToken = (settings: { onlyFriends?: boolean; allowNonames?: boolean } = {}) => registeredHost(system.gatewayUrl, settings);

const launch = (host: HostWithToken) => launchSession(system.gatewayUrl, host);

const detail = (loc: (string | number)[], type: string) => ({ detail: [expect.objectContaining({ loc, type })] });

describe('F11 POST /sessions', () => {
  it('201: {session_id, source_of_truth_key} with a Location that resolves', async () => {
    const host = await hostWithToken();
    const response = await call<{ session_id: number; source_of_truth_key: string }>('POST', '/sessions', {
      token: host.token,
      body: { host: host.uuid },
    });
    expect(response.status).toBe(201);
    expect(response.body).toEqual({ session_id: expect.any(Number), source_of_truth_key: expect.stringMatching(/^[\w-]{43}$/) });
    const location = response.headers.get('location');
    expect(location).toBe(`/sessions/${response.body.session_id}`);
    const session = await call<SessionBody>('GET', location!, { token: host.token });
    expect(session.status).toBe(200);
    expect(session.body).toEqual({
      session_id: response.body.session_id,
      host: host.uuid,
      status: 'running',
      players: [],
      source_of_truth_key: response.body.source_of_truth_key,
      created_at: expect.any(String),
      ended_at: null,
    });
    const [row] = await system.sql<{ source_of_truth_key: string }>('select source_of_truth_key from social.game_sessions where id = $1', [
      response.body.session_id,
    ]);
    expect(row!.source_of_truth_key).toBe(response.body.source_of_truth_key);
  });

  it('every session gets its own key', async () => {
    const first = await hostWithToken();
    const second = await hostWithToken();
    const keys = await Promise.all(
      [first, second].map(
        async (host) =>
          (await call<{ source_of_truth_key: string }>('POST', '/sessions', { token: host.token, body: { host: host.uuid } })).body.source_of_truth_key,
      ),
    );
    expect(new Set(keys).size).toBe(2);
  });

  it('409: the host already runs a session; after ending it, a new one launches', async () => {
    const host = await hostWithToken();
    const id = await launch(host);
    const again = await call('POST', '/sessions', { token: host.token, body: { host: host.uuid } });
    expect(again.status).toBe(409);
    expect(again.body).toEqual({ message: 'The host already has a running session' });
    expect((await call('DELETE', `/sessions/${id}`, { token: host.token })).status).toBe(200);
    expect(await launch(host)).toBeGreaterThan(id);
  });

  it('401: no token, an invalid one, or the token of another host', async () => {
    const host = await hostWithToken();
    const other = await hostWithToken();
    const missing = await call('POST', '/sessions', { body: { host: host.uuid } });
    expect(missing.status).toBe(401);
    expect(missing.body).toEqual({ message: expect.any(String) });
    expect(missing.headers.get('www-authenticate')).toBe('Bearer');
    expect((await call('POST', '/sessions', { token: 'garbage', body: { host: host.uuid } })).status).toBe(401);
    expect((await call('POST', '/sessions', { token: other.token, body: { host: host.uuid } })).status).toBe(401);
    expect(await system.sql('select 1 from social.game_sessions where host_uuid = $1', [host.uuid])).toHaveLength(0);
  });

  it('404: the host of the token no longer exists', async () => {
    const host = await hostWithToken();
    await system.sql('delete from social.hosts where uuid = $1', [host.uuid]);
    const response = await call('POST', '/sessions', { token: host.token, body: { host: host.uuid } });
    expect(response.status).toBe(404);
    expect(response.body).toEqual({ message: 'not found this' });
  });

  it('422: missing body, missing host, malformed uuid, wrong type, invalid JSON', async () => {
    const host = await hostWithToken();
    const cases: [{ body?: unknown; rawBody?: string }, unknown][] = [
      [{}, detail(['body'], 'missing')],
      [{ body: {} }, detail(['body', 'host'], 'missing')],
      [{ body: { host: 'not-a-uuid' } }, detail(['body', 'host'], 'uuid_parsing')],
      [{ body: { host: 42 } }, detail(['body', 'host'], 'string_type')],
      [{ rawBody: '{"host":' }, detail(['body'], 'json_invalid')],
    ];
    for (const [options, expected] of cases) {
      const response = await call('POST', '/sessions', { token: host.token, ...options });
      expect(response.status).toBe(422);
      expect(response.body).toEqual(expected);
    }
  });

  it('20 concurrent launches by one host: exactly one session (one 201, nineteen 409)', async () => {
    const host = await hostWithToken();
    const responses = await Promise.all(Array.from({ length: 20 }, () => call('POST', '/sessions', { token: host.token, body: { host: host.uuid } })));
    const statuses = responses.map((response) => response.status).sort();
    expect(statuses.filter((status) => status === 201)).toHaveLength(1);
    expect(statuses.filter((status) => status === 409)).toHaveLength(19);
    expect(await system.sql('select id from social.game_sessions where host_uuid = $1', [host.uuid])).toHaveLength(1);
  });
});

describe('F12 POST /sessions/players', () => {
  it('200: {session_id} with Location; the player is listed', async () => {
    const host = await hostWithToken({ onlyFriends: false, allowNonames: true });
    const id = await launch(host);
    const response = await call('POST', '/sessions/players', { token: host.token, body: { host: host.uuid, guest: 'alice' } });
    expect(response.status).toBe(200);
    expect(response.body).toEqual({ session_id: id });
    expect(response.headers.get('location')).toBe(`/sessions/${id}`);
    const session = await call<SessionBody>('GET', `/sessions/${id}`, { token: host.token });
    expect(session.body.players).toEqual(['alice']);
  });

  it('200: a friend may join a host that welcomes only friends (the default)', async () => {
    const host = await hostWithToken();
    const friend = await hostWithToken();
    expect((await call('POST', `/hosts/${host.uuid}/friends?friend=${friend.uuid}`, { token: host.token })).status).toBe(200);
    const id = await launch(host);
    const response = await call('POST', '/sessions/players', {
      token: host.token,
      body: { host: host.uuid, guest: friend.uuid.toUpperCase() },
    });
    expect(response.status).toBe(200);
    expect(response.body).toEqual({ session_id: id });
    // A host uuid is one guest whatever its case.
    expect((await call('POST', '/sessions/players', { token: host.token, body: { host: host.uuid, guest: friend.uuid } })).status).toBe(400);
  });

  it('400: the guest is already in the session', async () => {
    const host = await hostWithToken({ onlyFriends: false, allowNonames: true });
    await launch(host);
    const body = { host: host.uuid, guest: 'bob' };
    expect((await call('POST', '/sessions/players', { token: host.token, body })).status).toBe(200);
    const again = await call('POST', '/sessions/players', { token: host.token, body });
    expect(again.status).toBe(400);
    expect(again.body).toEqual({ message: 'The guest is already in the session' });
  });

  it('401: no token, an invalid one, or the token of another host', async () => {
    const host = await hostWithToken({ onlyFriends: false, allowNonames: true });
    const other = await hostWithToken();
    await launch(host);
    const body = { host: host.uuid, guest: 'carol' };
    const missing = await call('POST', '/sessions/players', { body });
    expect(missing.status).toBe(401);
    expect(missing.body).toEqual({ message: expect.any(String) });
    expect((await call('POST', '/sessions/players', { token: 'garbage', body })).status).toBe(401);
    expect((await call('POST', '/sessions/players', { token: other.token, body })).status).toBe(401);
  });

  it('404: the host runs no session (never launched, or ended)', async () => {
    const host = await hostWithToken({ onlyFriends: false, allowNonames: true });
    const body = { host: host.uuid, guest: 'dave' };
    const none = await call('POST', '/sessions/players', { token: host.token, body });
    expect(none.status).toBe(404);
    expect(none.body).toEqual({ message: 'The host has no running session' });
    const id = await launch(host);
    await call('DELETE', `/sessions/${id}`, { token: host.token });
    expect((await call('POST', '/sessions/players', { token: host.token, body })).body).toEqual({ message: 'The host has no running session' });
  });

  it('404: the guest is on the banlist (even when also a friend)', async () => {
    const host = await hostWithToken({ onlyFriends: false, allowNonames: true });
    const banned = await hostWithToken();
    await call('POST', `/hosts/${host.uuid}/friends?friend=${banned.uuid}`, { token: host.token });
    await call('POST', `/hosts/${host.uuid}/banlist?banned=${banned.uuid}`, { token: host.token });
    await launch(host);
    const response = await call('POST', '/sessions/players', { token: host.token, body: { host: host.uuid, guest: banned.uuid } });
    expect(response.status).toBe(404);
    expect(response.body).toEqual({ message: "The guest is on the host's banlist" });
  });

  it('404: the host welcomes only friends and the guest is not one', async () => {
    const host = await hostWithToken({ onlyFriends: true, allowNonames: true });
    const stranger = await hostWithToken();
    await launch(host);
    for (const guest of [stranger.uuid, 'erin']) {
      const response = await call('POST', '/sessions/players', { token: host.token, body: { host: host.uuid, guest } });
      expect(response.status).toBe(404);
      expect(response.body).toEqual({ message: 'The host welcomes only friends and the guest is not one' });
    }
  });

  it('404: a guest without a name while the host does not allow nonames; a registered host may join', async () => {
    const host = await hostWithToken({ onlyFriends: false, allowNonames: false });
    const named = await hostWithToken();
    await launch(host);
    for (const guest of ['frank', randomUUID()]) {
      const response = await call('POST', '/sessions/players', { token: host.token, body: { host: host.uuid, guest } });
      expect(response.status).toBe(404);
      expect(response.body).toEqual({ message: 'The host does not allow guests without a name' });
    }
    expect((await call('POST', '/sessions/players', { token: host.token, body: { host: host.uuid, guest: named.uuid } })).status).toBe(200);
  });

  it('422: missing body or fields, malformed host uuid, wrong guest type', async () => {
    const host = await hostWithToken();
    const cases: [{ body?: unknown; rawBody?: string }, unknown][] = [
      [{}, detail(['body'], 'missing')],
      [{ body: { guest: 'x' } }, detail(['body', 'host'], 'missing')],
      [{ body: { host: host.uuid } }, detail(['body', 'guest'], 'missing')],
      [{ body: { host: 'nope', guest: 'x' } }, detail(['body', 'host'], 'uuid_parsing')],
      [{ body: { host: host.uuid, guest: 7 } }, detail(['body', 'guest'], 'string_type')],
    ];
    for (const [options, expected] of cases) {
      const response = await call('POST', '/sessions/players', { token: host.token, ...options });
      expect(response.status).toBe(422);
      expect(response.body).toEqual(expected);
    }
  });

  it('20 concurrent joins of one guest: exactly one player row (one 200, nineteen 400)', async () => {
    const host = await hostWithToken({ onlyFriends: false, allowNonames: true });
    const id = await launch(host);
    const responses = await Promise.all(
      Array.from({ length: 20 }, () => call('POST', '/sessions/players', { token: host.token, body: { host: host.uuid, guest: 'racer' } })),
    );
    const statuses = responses.map((response) => response.status);
    expect(statuses.filter((status) => status === 200)).toHaveLength(1);
    expect(statuses.filter((status) => status === 400)).toHaveLength(19);
    expect(await system.sql('select guest from social.session_players where session_id = $1', [id])).toEqual([{ guest: 'racer' }]);
  });
});

describe('GET and DELETE /sessions/{id}', () => {
  it('DELETE ends the session (200 with the session); ending again changes nothing', async () => {
    const host = await hostWithToken({ onlyFriends: false, allowNonames: true });
    const id = await launch(host);
    await call('POST', '/sessions/players', { token: host.token, body: { host: host.uuid, guest: 'gina' } });
    const ended = await call<SessionBody>('DELETE', `/sessions/${id}`, { token: host.token });
    expect(ended.status).toBe(200);
    expect(ended.body).toMatchObject({ session_id: id, host: host.uuid, status: 'ended', players: ['gina'], ended_at: expect.any(String) });
    const again = await call<SessionBody>('DELETE', `/sessions/${id}`, { token: host.token });
    expect(again.status).toBe(200);
    expect(again.body.ended_at).toBe(ended.body.ended_at);
    const [row] = await system.sql<{ status: string; ended_at: Date | null }>('select status, ended_at from social.game_sessions where id = $1', [id]);
    expect(row).toEqual({ status: 'ended', ended_at: expect.any(Date) });
  });

  it('401 without the host’s token, 404 for an unknown session, 422 for a bad id', async () => {
    const host = await hostWithToken();
    const other = await hostWithToken();
    const id = await launch(host);
    for (const method of ['GET', 'DELETE']) {
      expect((await call(method, `/sessions/${id}`)).status).toBe(401);
      expect((await call(method, `/sessions/${id}`, { token: other.token })).status).toBe(401);
      const unknown = await call(method, '/sessions/999999', { token: host.token });
      expect(unknown.status).toBe(404);
      expect(unknown.body).toEqual({ message: 'Session not found' });
      expect((await call(method, '/sessions/abc', { token: host.token })).status).toBe(422);
    }
    expect((await call<SessionBody>('GET', `/sessions/${id}`, { token: host.token })).body.status).toBe('running');
  });
});

describe('GraphQL', () => {
  it('launchSession, joinSession, gameSession and endSession', async () => {
    const host = await hostWithToken({ onlyFriends: false, allowNonames: true });
    const headers = { authorization: `Bearer ${host.token}` };
    const launched = await postGraphQL<{ launchSession: { sessionId: number; sourceOfTruthKey: string; session: { status: string } } }>(
      `${system.gatewayUrl}/graphql`,
      'mutation($host: UUID!) { launchSession(host: $host) { sessionId sourceOfTruthKey session { status } } }',
      { host: host.uuid },
      headers,
    );
    expect(launched.body.errors).toBeUndefined();
    const { sessionId, sourceOfTruthKey } = launched.body.data!.launchSession;
    expect(launched.body.data!.launchSession.session.status).toBe('RUNNING');
    for (const guest of ['p1', 'p2']) {
      const joined = await postGraphQL(
        `${system.gatewayUrl}/graphql`,
        'mutation($host: UUID!, $guest: String!) { joinSession(host: $host, guest: $guest) { id } }',
        { host: host.uuid, guest },
        headers,
      );
      expect(joined.body.data).toEqual({ joinSession: { id: sessionId } });
    }
    const read = await postGraphQL(
      `${system.gatewayUrl}/graphql`,
      `query($id: Int!) { gameSession(id: $id) { id status sourceOfTruthKey host { uuid onlyFriends }
         players(first: 1) { totalCount edges { node { guest joinedAt } } pageInfo { hasNextPage } } endedAt } }`,
      { id: sessionId },
      headers,
    );
    expect(read.body.errors).toBeUndefined();
    expect(read.body.data).toEqual({
      gameSession: {
        id: sessionId,
        status: 'RUNNING',
        sourceOfTruthKey,
        host: { uuid: host.uuid, onlyFriends: false },
        players: { totalCount: 2, edges: [{ node: { guest: 'p1', joinedAt: expect.any(String) } }], pageInfo: { hasNextPage: true } },
        endedAt: null,
      },
    });
    const ended = await postGraphQL(
      `${system.gatewayUrl}/graphql`,
      'mutation($id: Int!) { endSession(id: $id) { status endedAt } }',
      { id: sessionId },
      headers,
    );
    expect(ended.body.data).toEqual({ endSession: { status: 'ENDED', endedAt: expect.any(String) } });
  });

  it('errors carry codes: CONFLICT, NOT_FOUND, BAD_USER_INPUT, UNAUTHENTICATED', async () => {
    const host = await hostWithToken({ onlyFriends: false, allowNonames: true });
    const headers = { authorization: `Bearer ${host.token}` };
    const launchOp = 'mutation($host: UUID!) { launchSession(host: $host) { sessionId } }';
    const joinOp = 'mutation($host: UUID!, $guest: String!) { joinSession(host: $host, guest: $guest) { id } }';
    const codeOf = (response: JsonResponse<{ errors?: { extensions?: Record<string, unknown> }[] }>) => response.body.errors?.[0]?.extensions?.code;
    expect(codeOf(await postGraphQL(`${system.gatewayUrl}/graphql`, joinOp, { host: host.uuid, guest: 'x' }, headers))).toBe('NOT_FOUND');
    await postGraphQL(`${system.gatewayUrl}/graphql`, launchOp, { host: host.uuid }, headers);
    expect(codeOf(await postGraphQL(`${system.gatewayUrl}/graphql`, launchOp, { host: host.uuid }, headers))).toBe('CONFLICT');
    await postGraphQL(`${system.gatewayUrl}/graphql`, joinOp, { host: host.uuid, guest: 'x' }, headers);
    expect(codeOf(await postGraphQL(`${system.gatewayUrl}/graphql`, joinOp, { host: host.uuid, guest: 'x' }, headers))).toBe('BAD_USER_INPUT');
    expect(codeOf(await postGraphQL(`${system.gatewayUrl}/graphql`, launchOp, { host: host.uuid }))).toBe('UNAUTHENTICATED');
  });

  it('players and hosts of many sessions are loaded in batches', async () => {
    const host = await hostWithToken({ onlyFriends: false, allowNonames: true });
    const ids: number[] = [];
    for (const guest of ['a', 'b', 'c']) {
      const id = await launch(host);
      ids.push(id);
      await call('POST', '/sessions/players', { token: host.token, body: { host: host.uuid, guest } });
      await call('DELETE', `/sessions/${id}`, { token: host.token });
    }
    system.resetQueryLog();
    const fields = 'id host { uuid allowNonames } players { totalCount edges { node { guest } } }';
    const query = `{ ${ids.map((id, index) => `s${index}: gameSession(id: ${id}) { ${fields} }`).join(' ')} }`;
    const response = await postGraphQL(`${system.gatewayUrl}/graphql`, query, {}, { authorization: `Bearer ${host.token}` });
    expect(response.body.errors).toBeUndefined();
    expect(response.body.data).toEqual(
      Object.fromEntries(
        ids.map((id, index) => [
          `s${index}`,
          { id, host: { uuid: host.uuid, allowNonames: true }, players: { totalCount: 1, edges: [{ node: { guest: ['a', 'b', 'c'][index] } }] } },
        ]),
      ),
    );
    const social = system.queries.social;
    expect(social.filter((sql) => sql.includes('game_sessions'))).toHaveLength(1);
    expect(social.filter((sql) => sql.includes('session_players'))).toHaveLength(1);
    expect(social.filter((sql) => /from "?social"?\."?hosts"?/.test(sql))).toHaveLength(1);
  });
});

describe('OpenAPI', () => {
  it('lists F11, F12 and the session routes with the hostToken scheme', async () => {
    const response = await requestJson<{ paths: Record<string, Record<string, { operationId: string; security?: unknown[] }>> }>(
      `${system.gatewayUrl}/openapi.json`,
    );
    const paths = response.body.paths;
    expect(paths['/sessions']?.post).toMatchObject({ operationId: 'F11', security: [{ hostToken: [] }] });
    expect(paths['/sessions/players']?.post).toMatchObject({ operationId: 'F12', security: [{ hostToken: [] }] });
    expect(paths['/sessions/{id}']?.get?.operationId).toBe('F11a');
    expect(paths['/sessions/{id}']?.delete?.operationId).toBe('F11b');
  });
});

describe('database outage mapping', () => {
  it('connection errors become SERVICE_UNAVAILABLE, a unique violation CONFLICT; others pass unchanged', async () => {
    const refused = Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' });
    const shutdown = Object.assign(new Error('terminating connection due to administrator command'), { code: '57P01' });
    const broken = Object.assign(new Error('connection failure'), { code: '08006' });
    const timeout = Object.assign(new Error('Knex: Timeout acquiring a connection.'), { name: 'KnexTimeoutError' });
    const formatted = { message: 'Unexpected error', path: ['launchSession'] };
    for (const error of [refused, shutdown, broken, timeout, new Error('wrapped', { cause: refused })]) {
      expect(isDatabaseUnavailable(error)).toBe(true);
      expect(databaseOutageAsUnavailable(formatted, new GraphQLError('x', { originalError: error, path: ['launchSession'] }))).toMatchObject({
        extensions: { code: 'SERVICE_UNAVAILABLE' },
      });
    }
    const unique = Object.assign(new Error('duplicate key'), { code: '23505' });
    expect(isDatabaseUnavailable(unique)).toBe(false);
    // Not an outage: a write that lost a race with an identical one, answered as a conflict (common/database-errors.ts).
    expect(databaseOutageAsUnavailable(formatted, new GraphQLError('x', { originalError: unique, path: ['launchSession'] }))).toMatchObject({
      extensions: { code: 'CONFLICT' },
    });
    const domain = new GraphQLError('nope', { extensions: { code: 'NOT_FOUND' } });
    expect(databaseOutageAsUnavailable(formatted, domain)).toBe(formatted);
  });
});

describe('database outage', () => {
  /** Runs SQL on the maintenance database, which stays reachable while this test's database is closed. */
  async function maintenance(text: string, values: unknown[] = []): Promise<void> {
    const url = new URL(system.databaseUrl);
    url.pathname = '/postgres';
    const client = new pg.Client({ connectionString: url.toString() });
    await client.connect();
    try {
      await client.query(text, values);
    } finally {
      await client.end();
    }
  }

  it('503 {message} rather than a hang when the database refuses connections', async () => {
    const host = await hostWithToken({ onlyFriends: false, allowNonames: true });
    const name = new URL(system.databaseUrl).pathname.slice(1);
    const quoted = `"${name.replace(/"/g, '""')}"`;
    await maintenance(`alter database ${quoted} allow_connections false`);
    try {
      await maintenance('select pg_terminate_backend(pid) from pg_stat_activity where datname = $1', [name]);
      const launched = await call('POST', '/sessions', { token: host.token, body: { host: host.uuid } });
      const joined = await call('POST', '/sessions/players', { token: host.token, body: { host: host.uuid, guest: 'h' } });
      // Not only the session routes: every subgraph maps an outage in formatError.
      const registered = await call('POST', '/hosts');
      for (const response of [launched, joined, registered]) {
        expect(response.status).toBe(503);
        expect(response.body).toEqual({ message: 'Service unavailable: the database is unreachable' });
      }
      // Not a hang either: a subgraph that hung would meet the gateway's 5 s subgraph timeout, whose answer is another message.
    } finally {
      await maintenance(`alter database ${quoted} allow_connections true`);
    }
    // Service comes back once the database does.
    expect((await call('POST', '/sessions', { token: host.token, body: { host: host.uuid } })).status).toBe(201);
  });
});
