import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { type Principal } from '../common/principal';
import { generalApi, type GeneralUser } from './support/general-api';
import { requestJson, type JsonResponse } from './support/http';
import { IdentityClient } from './support/identity';
import { ADMIN, login, type Session } from './support/platform';
import { hostWithToken } from './support/social';
import { basic } from './support/streaming';
import { startSystem, type TestSystem } from './support/system';
import { until, within } from './support/wait';
import { postToSubgraphAs } from './support/principals';

/**
 * Idempotency-Key on the REST creation routes of every family: a retry with
 * the same key answers the first answer and writes nothing; another request
 * with the key, or another caller, never gets that answer.
 */
const STREAM_KEY = 'idempotency-test-stream-key';

let system: TestSystem;
const general = generalApi(() => system);
let alice: GeneralUser;
let bob: GeneralUser;
beforeAll(async () => {
  system = await startSystem({ env: { STREAM_KEY, OUTBOUND_ALLOW_PRIVATE: 'true', ADMIN_EMAIL: ADMIN.email, ADMIN_PASSWORD: ADMIN.password } });
  alice = await general.user('alice');
  bob = await general.user('bob');
});
afterAll(() => system.stop());

function post<T = unknown>(path: string, body: unknown, headers: Record<string, string>): Promise<JsonResponse<T>> {
  return requestJson<T>(`${system.gatewayUrl}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(body),
  });
}

async function count(sql: string, values: unknown[] = []): Promise<number> {
  return Number((await system.sql<{ n: string }>(`select count(*) as n from (${sql}) counted`, values))[0]!.n);
}

const bearerOf = (user: GeneralUser) => ({ authorization: `Bearer ${user.token}` });

describe('family G: POST /v1/resources', () => {
  const resources = (name: string) => count('select 1 from admin.resources where name = $1', [name]);

  it('a retry with the same key answers the first answer (status, body, Location) and creates nothing', async () => {
    const key = randomUUID();
    const first = await post<{ data: { id: string } }>(
      '/v1/resources',
      { name: 'retried', metadata: { a: 1, b: 2 } },
      { ...bearerOf(alice), 'idempotency-key': key },
    );
    expect(first.status).toBe(201);
    expect(first.headers.get('idempotent-replayed')).toBeNull();
    // Same JSON with its keys in another order is the same request.
    const retry = await post('/v1/resources', { metadata: { b: 2, a: 1 }, name: 'retried' }, { ...bearerOf(alice), 'idempotency-key': key });
    expect(retry.status).toBe(201);
    expect(retry.body).toEqual(first.body);
    expect(retry.headers.get('location')).toBe(`/v1/resources/${first.body.data.id}`);
    expect(retry.headers.get('content-type')).toBe(first.headers.get('content-type'));
    expect(retry.headers.get('idempotent-replayed')).toBe('true');
    expect(await resources('retried')).toBe(1);
  });

  it('without a key every POST creates (the header is optional)', async () => {
    expect((await post('/v1/resources', { name: 'unkeyed' }, bearerOf(alice))).status).toBe(201);
    expect((await post('/v1/resources', { name: 'unkeyed' }, bearerOf(alice))).status).toBe(201);
    expect(await resources('unkeyed')).toBe(2);
  });

  it('the same key with a different body is refused with 409 in the family shape and writes nothing', async () => {
    const key = randomUUID();
    expect((await post('/v1/resources', { name: 'first body' }, { ...bearerOf(alice), 'idempotency-key': key })).status).toBe(201);
    const other = await post('/v1/resources', { name: 'second body' }, { ...bearerOf(alice), 'idempotency-key': key });
    expect(other.status).toBe(409);
    expect(other.body).toEqual({ error: { code: 'invalid_request', message: expect.stringContaining('different request') } });
    expect(await resources('second body')).toBe(0);
    // Another path with the key is another request too.
    const elsewhere = await post('/v1/organizations', { name: 'Org', slug: `org-${key.slice(0, 8)}` }, { ...bearerOf(alice), 'idempotency-key': key });
    expect(elsewhere.status).toBe(409);
    expect(await count('select 1 from admin.organizations where slug = $1', [`org-${key.slice(0, 8)}`])).toBe(0);
  });

  it('two callers with the same key are independent, and one never gets the other’s answer', async () => {
    const key = `shared-key-${randomUUID()}`;
    const body = { name: 'same request, two callers' };
    const fromAlice = await post<{ data: { id: string; owner_id: string } }>('/v1/resources', body, { ...bearerOf(alice), 'idempotency-key': key });
    const fromBob = await post<{ data: { id: string; owner_id: string } }>('/v1/resources', body, { ...bearerOf(bob), 'idempotency-key': key });
    expect(fromAlice.status).toBe(201);
    expect(fromBob.status).toBe(201);
    expect(fromBob.headers.get('idempotent-replayed')).toBeNull();
    expect(fromBob.body.data.owner_id).toBe(bob.id);
    expect(fromBob.body.data.id).not.toBe(fromAlice.body.data.id);
    // Each caller's retry replays their own answer.
    const bobAgain = await post<{ data: { id: string } }>('/v1/resources', body, { ...bearerOf(bob), 'idempotency-key': key });
    expect(bobAgain.headers.get('idempotent-replayed')).toBe('true');
    expect(bobAgain.body.data.id).toBe(fromBob.body.data.id);
    const aliceAgain = await post<{ data: { id: string } }>('/v1/resources', body, { ...bearerOf(alice), 'idempotency-key': key });
    expect(aliceAgain.body.data.id).toBe(fromAlice.body.data.id);
    expect(await count('select 1 from admin.resources where name = $1', [body.name])).toBe(2);
    // A different body from Bob is Bob's own mismatch, not a replay of Alice's.
    expect((await post('/v1/resources', { name: 'bob other' }, { ...bearerOf(bob), 'idempotency-key': key })).status).toBe(409);
  });

  it('a bad key is a 400 in the family shape and creates nothing', async () => {
    for (const key of ['x'.repeat(256), 'caf\u00e9']) {
      const response = await post('/v1/resources', { name: 'bad key' }, { ...bearerOf(alice), 'idempotency-key': key });
      expect(response.status).toBe(400);
      expect(response.body).toEqual({ error: { code: 'invalid_request', message: expect.stringMatching(/idempotency-key/i) } });
    }
    expect((await post('/v1/resources', { name: 'bad key' }, { ...bearerOf(alice), 'idempotency-key': 'x'.repeat(255) })).status).toBe(201);
    expect(await resources('bad key')).toBe(1);
  });

  it('a retry while the first attempt still runs is a 409; once it finished, the retry replays', async () => {
    const key = randomUUID();
    const lock = new pg.Client({ connectionString: system.databaseUrl });
    await lock.connect();
    try {
      // Hold the first attempt inside its insert: it has claimed the key and not answered.
      await lock.query('begin');
      await lock.query('lock table admin.resources in access exclusive mode');
      const first = post<{ data: { id: string } }>('/v1/resources', { name: 'in flight' }, { ...bearerOf(alice), 'idempotency-key': key });
      await until(
        async () => (await count(`select 1 from pg_stat_activity where wait_event_type = 'Lock' and query ilike '%insert into "admin"."resources"%'`)) > 0,
        'the first attempt to wait for the lock',
      );
      const concurrent = await post('/v1/resources', { name: 'in flight' }, { ...bearerOf(alice), 'idempotency-key': key });
      expect(concurrent.status).toBe(409);
      expect(concurrent.body).toEqual({ error: { code: 'invalid_request', message: expect.stringContaining('still being processed') } });
      await lock.query('commit');
      const answered = await within(first, 'the first attempt');
      expect(answered.status).toBe(201);
      const retry = await post<{ data: { id: string } }>('/v1/resources', { name: 'in flight' }, { ...bearerOf(alice), 'idempotency-key': key });
      expect(retry.headers.get('idempotent-replayed')).toBe('true');
      expect(retry.body.data.id).toBe(answered.body.data.id);
    } finally {
      await lock.query('rollback').catch(() => undefined);
      await lock.end();
    }
    expect(await resources('in flight')).toBe(1);
  });

  it('a final 4xx is stored and replayed; a transient refusal (403) is not, so the same retry runs again later', async () => {
    const slug = `members-${randomUUID().slice(0, 8)}`;
    const organization = (await post<{ data: { id: string } }>('/v1/organizations', { name: 'Members', slug }, bearerOf(alice))).body.data;
    const members = `/v1/organizations/${organization.id}/members`;
    const key = randomUUID();
    const nobody = { user_id: randomUUID() };
    const missing = await post(members, nobody, { ...bearerOf(alice), 'idempotency-key': key });
    expect(missing.status).toBe(404);
    const again = await post(members, nobody, { ...bearerOf(alice), 'idempotency-key': key });
    expect(again.status).toBe(404);
    expect(again.body).toEqual(missing.body);
    expect(again.headers.get('idempotent-replayed')).toBe('true');

    // Bob, a plain member, may not add members: 403, not stored.
    await system.sql(`insert into admin.organization_members (organization_id, user_id, role) values ($1, $2, 'member')`, [organization.id, bob.id]);
    const carol = await general.user('carol');
    const bobKey = randomUUID();
    const forbidden = await post(members, { user_id: carol.id }, { ...bearerOf(bob), 'idempotency-key': bobKey });
    expect(forbidden.status).toBe(403);
    await system.sql(`update admin.organization_members set role = 'admin' where organization_id = $1 and user_id = $2`, [organization.id, bob.id]);
    const retried = await post(members, { user_id: carol.id }, { ...bearerOf(bob), 'idempotency-key': bobKey });
    expect(retried.status).toBe(201);
    expect(retried.headers.get('idempotent-replayed')).toBeNull();
    expect(await count('select 1 from admin.organization_members where organization_id = $1 and user_id = $2', [organization.id, carol.id])).toBe(1);
  });

  it('a key lives 24 hours; once expired, the same request runs again', async () => {
    const [{ now: before }] = (await system.sql<{ now: Date }>('select clock_timestamp() as now')) as [{ now: Date }];
    const key = randomUUID();
    const body = { name: 'expiring' };
    expect((await post('/v1/resources', body, { ...bearerOf(alice), 'idempotency-key': key })).status).toBe(201);
    const records = await system.sql<{ lifetime: number }>(
      'select extract(epoch from expires_at - created_at)::int as lifetime from admin.idempotency_keys where created_at >= $1',
      [before],
    );
    expect(records).toEqual([{ lifetime: 24 * 3600 }]);
    await system.sql(`update admin.idempotency_keys set expires_at = now() - interval '1 second' where created_at >= $1`, [before]);
    const afterExpiry = await post('/v1/resources', body, { ...bearerOf(alice), 'idempotency-key': key });
    expect(afterExpiry.status).toBe(201);
    expect(afterExpiry.headers.get('idempotent-replayed')).toBeNull();
    expect(await resources('expiring')).toBe(2);
  });

  it('routes that create nothing ignore the header', async () => {
    const created = await post<{ data: { id: string } }>('/v1/resources', { name: 'patched' }, bearerOf(alice));
    const key = randomUUID();
    for (const name of ['patched once', 'patched twice']) {
      const response = await requestJson(`${system.gatewayUrl}/v1/resources/${created.body.data.id}`, {
        method: 'PATCH',
        headers: { 'content-type': 'application/json', ...bearerOf(alice), 'idempotency-key': key },
        body: JSON.stringify({ name }),
      });
      expect(response.status).toBe(200);
      expect(response.headers.get('idempotent-replayed')).toBeNull();
    }
    expect((await system.sql<{ name: string }>('select name from admin.resources where id = $1', [created.body.data.id]))[0]!.name).toBe('patched twice');
  });
});

describe('family P', () => {
  const client = new IdentityClient();
  let admin: Session;
  beforeAll(async () => {
    client.baseUrl = system.gatewayUrl;
    admin = await login(client, ADMIN.email, ADMIN.password);
  });
  const adminHeaders = () => ({ cookie: admin.cookie, 'x-csrf-token': admin.csrf });

  it('POST /api/tickets/categories: a retry replays, a different body is a 409 in the envelope', async () => {
    const key = randomUUID();
    const first = await post<{ data: { category: { id: string } } }>(
      '/api/tickets/categories',
      { name: 'Idempotent' },
      { ...adminHeaders(), 'idempotency-key': key },
    );
    expect(first.status).toBe(200);
    const retry = await post('/api/tickets/categories', { name: 'Idempotent' }, { ...adminHeaders(), 'idempotency-key': key });
    expect(retry.body).toEqual(first.body);
    expect(retry.headers.get('idempotent-replayed')).toBe('true');
    expect(await count('select 1 from tickets.categories where name = $1', ['Idempotent'])).toBe(1);
    const other = await post('/api/tickets/categories', { name: 'Other' }, { ...adminHeaders(), 'idempotency-key': key });
    expect(other.status).toBe(409);
    expect(other.body).toEqual({ success: false, data: null, error: { code: 'conflict', message: expect.stringContaining('different request') } });
    expect(await count('select 1 from tickets.categories where name = $1', ['Other'])).toBe(0);
    // The cookie counts only with the session's CSRF token and from an allowed Origin, for a replay too.
    const withoutCsrf = await post('/api/tickets/categories', { name: 'Idempotent' }, { cookie: admin.cookie, 'idempotency-key': key });
    expect(withoutCsrf.status).toBe(403);
    expect(withoutCsrf.headers.get('idempotent-replayed')).toBeNull();
    const foreign = await post(
      '/api/tickets/categories',
      { name: 'Idempotent' },
      { ...adminHeaders(), origin: 'https://evil.example', 'idempotency-key': key },
    );
    expect(foreign.status).toBe(403);
    expect(foreign.headers.get('idempotent-replayed')).toBeNull();
  });

  it('POST /api/admin/tokens: the replayed one-time secret is stored only sealed; an API key of the same user is another caller', async () => {
    const key = randomUUID();
    const body = { displayName: 'idempotent key', scopes: ['tickets:write', 'tickets:read'], allowedIps: [], banFields: [] };
    const first = await post<{ data: { token: { id: string; secret: string } } }>('/api/admin/tokens', body, { ...adminHeaders(), 'idempotency-key': key });
    expect(first.status).toBe(200);
    const retry = await post<{ data: { token: { id: string; secret: string } } }>('/api/admin/tokens', body, { ...adminHeaders(), 'idempotency-key': key });
    expect(retry.body).toEqual(first.body);
    expect(await count(`select 1 from admin.api_keys where display_name = 'idempotent key'`)).toBe(1);
    // Neither the key, the secret nor any answer text is readable in the table.
    const rows = await system.sql<Record<string, unknown>>('select * from admin.idempotency_keys');
    const table = JSON.stringify(rows);
    expect(table).not.toContain(key);
    expect(table).not.toContain(first.body.data.token.secret);
    expect(table).not.toContain('idempotent key');
    expect(table).not.toContain(Buffer.from(first.body.data.token.secret).toString('base64'));

    // The new key (an actor-linked key of the admin) with the admin's key value: its own record.
    const apiKey = { authorization: `Bearer ${first.body.data.token.secret}` };
    const category = { name: 'By key' };
    const bySession = await post<{ data: { category: { id: string } } }>('/api/tickets/categories', category, { ...adminHeaders(), 'idempotency-key': key });
    expect(bySession.status).toBe(409); // the session already used this key for the token request
    const byKey = await post<{ data: { category: { id: string } } }>('/api/tickets/categories', category, { ...apiKey, 'idempotency-key': key });
    expect(byKey.status).toBe(200);
    expect(byKey.headers.get('idempotent-replayed')).toBeNull();
  });
});

describe('family O', () => {
  const admin = { authorization: basic(STREAM_KEY) };

  it('POST /api/admin/webhooks/create: a retry replays, a different body is a 409 BasicResponse', async () => {
    const key = randomUUID();
    const body = { url: 'http://127.0.0.1:9/idempotent', events: ['CHAT'] };
    const first = await post<{ id: string }>('/api/admin/webhooks/create', body, { ...admin, 'idempotency-key': key });
    expect(first.status).toBe(200);
    const retry = await post('/api/admin/webhooks/create', body, { ...admin, 'idempotency-key': key });
    expect(retry.body).toEqual(first.body);
    expect(retry.headers.get('idempotent-replayed')).toBe('true');
    expect(await count(`select 1 from streaming.webhooks where url = $1`, [body.url])).toBe(1);
    const other = await post('/api/admin/webhooks/create', { ...body, events: ['USER_JOINED'] }, { ...admin, 'idempotency-key': key });
    expect(other.status).toBe(409);
    expect(other.body).toEqual({ success: false, message: expect.stringContaining('different request') });
    expect(await count(`select 1 from streaming.webhooks where url = $1`, [body.url])).toBe(1);
  });

  it('an integration access token and the admin are different callers', async () => {
    const token = (await post<{ token: string }>('/api/admin/accesstokens/create', { name: 'bot', scopes: ['CAN_SEND_MESSAGES'] }, admin)).body.token;
    const key = randomUUID();
    const bot = { authorization: `Bearer ${token}` };
    const sent = await post<{ success: boolean }>('/api/integrations/chat/user', { user: 'bot', body: 'exactly once' }, { ...bot, 'idempotency-key': key });
    expect(sent.status).toBe(200);
    const retry = await post('/api/integrations/chat/user', { user: 'bot', body: 'exactly once' }, { ...bot, 'idempotency-key': key });
    expect(retry.headers.get('idempotent-replayed')).toBe('true');
    expect(await count(`select 1 from streaming.chat_messages where body like '%exactly once%'`)).toBe(1);
    // The admin's own use of the key is unrelated to the bot's.
    const byAdmin = await post('/api/admin/webhooks/create', { url: 'http://127.0.0.1:9/admin', events: ['CHAT'] }, { ...admin, 'idempotency-key': key });
    expect(byAdmin.status).toBe(200);
  });
});

describe('family F', () => {
  it('POST /sessions: a retry answers the same 201 and Location; one session; a bad key is a 422', async () => {
    const host = await hostWithToken(system.gatewayUrl);
    const other = await hostWithToken(system.gatewayUrl);
    const key = randomUUID();
    const bearer = { authorization: `Bearer ${host.token}` };
    const first = await post<{ session_id: number }>('/sessions', { host: host.uuid }, { ...bearer, 'idempotency-key': key });
    expect(first.status).toBe(201);
    const retry = await post('/sessions', { host: host.uuid }, { ...bearer, 'idempotency-key': key });
    expect(retry.status).toBe(201);
    expect(retry.body).toEqual(first.body);
    expect(retry.headers.get('location')).toBe(`/sessions/${first.body.session_id}`);
    expect(retry.headers.get('idempotent-replayed')).toBe('true');
    expect(await count('select 1 from social.game_sessions where host_uuid = $1', [host.uuid])).toBe(1);
    // Another host with the same key: its own session.
    const otherFirst = await post<{ session_id: number }>(
      '/sessions',
      { host: other.uuid },
      { authorization: `Bearer ${other.token}`, 'idempotency-key': key },
    );
    expect(otherFirst.status).toBe(201);
    expect(otherFirst.body.session_id).not.toBe(first.body.session_id);
    const bad = await post('/sessions', { host: host.uuid }, { ...bearer, 'idempotency-key': 'k'.repeat(300) });
    expect(bad.status).toBe(422);
    expect(bad.body).toEqual({ detail: [expect.objectContaining({ loc: ['header', 'idempotency-key'] })] });
  });
});

describe('the records', () => {
  it('are reachable only by the gateway: not on the public schema, refused on the admin subgraph for anyone else', async () => {
    const claim = `mutation { claimIdempotencyKey(recordKey: "${'a'.repeat(64)}", fingerprint: "${'b'.repeat(64)}", leaseSeconds: 60, ttlSeconds: 60) { state claimToken } }`;
    const viaGateway = await post<{ errors?: { extensions?: { code?: string } }[] }>('/graphql', { query: claim }, bearerOf(alice));
    expect(viaGateway.body.errors?.[0]?.extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
    const principals: Principal[] = [
      { kind: 'service', service: 'streaming', clientIp: '' },
      { kind: 'user', clientIp: '', userId: alice.id, username: 'alice', roles: [], permissions: ['admin'], authMethod: 'bearer' },
      { kind: 'anonymous', clientIp: '' },
    ];
    for (const principal of principals) {
      const response = await postToSubgraphAs(system, 'admin', principal, claim);
      expect(response.body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    }
    expect(await count(`select 1 from admin.idempotency_keys where record_key = $1`, ['a'.repeat(64)])).toBe(0);
  });
});

describe('the OpenAPI document', () => {
  it('documents the header on creation routes only', async () => {
    const document = (
      await requestJson<{ paths: Record<string, Record<string, { parameters?: { name: string; in: string }[] }>> }>(`${system.gatewayUrl}/openapi.json`)
    ).body;
    const hasHeader = (path: string, method: string) =>
      (document.paths[path]?.[method]?.parameters ?? []).some((parameter) => parameter.in === 'header' && parameter.name === 'idempotency-key');
    for (const [path, method] of [
      ['/v1/resources', 'post'],
      ['/api/tickets', 'post'],
      ['/api/admin/webhooks/create', 'post'],
      ['/sessions', 'post'],
    ] as const) {
      expect(hasHeader(path, method)).toBe(true);
    }
    expect(hasHeader('/v1/resources/{id}', 'patch')).toBe(false);
    expect(hasHeader('/v1/auth/login', 'post')).toBe(false);
  });
});

describe('a database fault after the commit', () => {
  const admin = { authorization: basic(STREAM_KEY) };

  /** The backend of a statement waiting for a lock, if one is. */
  async function blockedBackend(statement: string): Promise<number | undefined> {
    const rows = await system.sql<{ pid: number }>(`select pid from pg_stat_activity where wait_event_type = 'Lock' and query ilike $1`, [`%${statement}%`]);
    return rows[0]?.pid;
  }

  /** Holds streaming.webhook_actions locked while `run` goes; unlocks even if it fails. */
  async function withWebhookActionsLocked<T>(run: () => Promise<T>): Promise<T> {
    const lock = new pg.Client({ connectionString: system.databaseUrl });
    await lock.connect();
    try {
      await lock.query('begin');
      await lock.query('lock table streaming.webhook_actions in access exclusive mode');
      return await run();
    } finally {
      await lock.query('rollback').catch(() => undefined);
      await lock.end();
    }
  }

  it('O47: a webhook stored before the fault is answered as created, once', async () => {
    const url = `http://127.0.0.1:9/after-commit-${randomUUID()}`;
    const response = await withWebhookActionsLocked(async () => {
      let settled = false;
      const answer = post('/api/admin/webhooks/create', { url, events: ['CHAT'] }, admin).finally(() => (settled = true));
      // Until the answer arrives, or a read that follows the insert waits for the lock: then its connection dies.
      const blocked: { pid?: number } = {};
      await until(async () => settled || (blocked.pid = await blockedBackend('from streaming.webhooks w')) !== undefined, 'the answer or a blocked read');
      if (blocked.pid !== undefined) await system.sql('select pg_terminate_backend($1)', [blocked.pid]);
      return within(answer, 'the webhook answer');
    });
    expect(response.status).toBe(200);
    expect(response.body).toEqual(expect.objectContaining({ url, events: ['CHAT'] }));
    expect(await count('select 1 from streaming.webhooks where url = $1', [url])).toBe(1);
  });

  it('O39: a message and its webhook deliveries commit together; a fault answers 503, and the keyed retry stores the message once', async () => {
    // A webhook that wants CHAT, so the message has a delivery to queue.
    expect((await post('/api/admin/webhooks/create', { url: 'http://127.0.0.1:9/chat-outbox', events: ['CHAT'] }, admin)).status).toBe(200);
    const token = (await post<{ token: string }>('/api/admin/accesstokens/create', { name: 'outbox bot', scopes: ['CAN_SEND_MESSAGES'] }, admin)).body.token;
    const marker = `outbox-${randomUUID()}`;
    const headers = { authorization: `Bearer ${token}`, 'idempotency-key': marker };
    const body = { user: 'bot', body: marker };
    const messages = () => count('select 1 from streaming.chat_messages where body like $1', [`%${marker}%`]);
    const deliveries = () => count(`select 1 from streaming.webhook_actions where payload->'eventData'->>'body' like $1`, [`%${marker}%`]);

    const faulted = await withWebhookActionsLocked(async () => {
      const answer = post('/api/integrations/chat/user', body, headers);
      const blocked: { pid?: number } = {};
      await until(async () => (blocked.pid = await blockedBackend('insert into streaming.webhook_actions')) !== undefined, 'the delivery insert to wait');
      await system.sql('select pg_terminate_backend($1)', [blocked.pid]);
      return within(answer, 'the chat answer');
    });
    // The gateway ran the post once more under the same message id (route retryUnavailable); that run may
    // still commit after the 503 (it waited on the lock), so the answer is "try again", not "nothing stored".
    expect(faulted.status).toBe(503);

    // A 5xx is not stored: the same key runs the request again, once.
    const retry = await post('/api/integrations/chat/user', body, headers);
    expect(retry.status).toBe(200);
    expect(retry.headers.get('idempotent-replayed')).toBeNull();
    const replay = await post('/api/integrations/chat/user', body, headers);
    expect(replay.headers.get('idempotent-replayed')).toBe('true');
    // Never two messages, never a lost or doubled delivery.
    expect(await messages()).toBe(1);
    // One delivery for each webhook that wants CHAT (this suite made several).
    expect(await deliveries()).toBe(await count(`select 1 from streaming.webhooks where enabled and events @> '["CHAT"]'::jsonb`));
  });
});
