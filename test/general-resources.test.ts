/* eslint-disable @typescript-eslint/no-explicit-any -- response bodies are plain JSON; the assertions check their shape */
import { errorCode, generalApi, type GeneralUser } from './support/general-api';
import { postGraphQL } from './support/http';
import { ADMIN } from './support/platform';
import { startSystem, type TestSystem } from './support/system';

/**
 * Resources of the general API (G1–G5). Pagination, sorting and
 * filtering against 250 resources seeded in SQL; who may do what (owners
 * manage their own, admins everyone's, another user's resource is 404); the
 * G envelope and error codes; the same data over GraphQL.
 */
let system: TestSystem;
const api = generalApi(() => system);
const { call } = api;
let owner: GeneralUser;
let other: GeneralUser;
let adminToken: string;

const STATUS = (i: number) => (i % 5 <= 2 ? 'active' : i % 5 === 3 ? 'inactive' : 'archived');
const TYPE = (i: number) => (i % 2 === 0 ? 'standard' : 'premium');
const NAME = (i: number) => `res-${String(i).padStart(3, '0')}`;
const SEEDED = Array.from({ length: 250 }, (_, index) => index + 1);

beforeAll(async () => {
  system = await startSystem({ env: { ADMIN_EMAIL: ADMIN.email, ADMIN_PASSWORD: ADMIN.password } });
  owner = await api.user('owner');
  other = await api.user('other');
  adminToken = await api.login(ADMIN.email, ADMIN.password);
  // 250 resources of `owner`: created one minute apart, updated in the reverse order.
  await system.sql(
    `insert into admin.resources (owner_id, name, description, type, status, metadata, created_at, updated_at)
     select $1, 'res-' || lpad(i::text, 3, '0'), 'seeded ' || i,
            case when i % 2 = 0 then 'standard' else 'premium' end,
            case when i % 5 <= 2 then 'active' when i % 5 = 3 then 'inactive' else 'archived' end,
            jsonb_build_object('n', i),
            timestamptz '2025-01-01T00:00:00Z' + i * interval '1 minute',
            timestamptz '2025-06-01T00:00:00Z' - i * interval '1 minute'
     from generate_series(1, 250) as i`,
    [owner.id],
  );
});
afterAll(() => system.stop());

const names = (response: { body: any }) => (response.body.data as { name: string }[]).map((resource) => resource.name);

describe('G1 pagination', () => {
  it('defaults to page 1 of 20, oldest first, with meta', async () => {
    const response = await call<any>('GET', '/v1/resources', { token: owner.token });
    expect(response.status).toBe(200);
    expect(response.body.meta).toEqual({ page: 1, per_page: 20, total: 250, total_pages: 13 });
    expect(names(response)).toEqual(SEEDED.slice(0, 20).map(NAME));
    expect(response.body.data[0]).toEqual({
      id: expect.any(String),
      name: 'res-001',
      description: 'seeded 1',
      type: 'premium',
      status: 'active',
      metadata: { n: 1 },
      owner_id: owner.id,
      created_at: '2025-01-01T00:01:00.000Z',
      updated_at: '2025-05-31T23:59:00.000Z',
    });
  });

  it('serves later, last and past-the-end pages', async () => {
    const third = await call<any>('GET', '/v1/resources?page=3&per_page=50', { token: owner.token });
    expect(third.body.meta).toEqual({ page: 3, per_page: 50, total: 250, total_pages: 5 });
    expect(names(third)).toEqual(SEEDED.slice(100, 150).map(NAME));
    const last = await call<any>('GET', '/v1/resources?page=13', { token: owner.token });
    expect(names(last)).toEqual(SEEDED.slice(240).map(NAME));
    const beyond = await call<any>('GET', '/v1/resources?page=14', { token: owner.token });
    expect(beyond.status).toBe(200);
    expect(beyond.body.data).toEqual([]);
    expect(beyond.body.meta).toEqual({ page: 14, per_page: 20, total: 250, total_pages: 13 });
  });

  it('walks every page once with per_page=100 (no row repeated or skipped)', async () => {
    const seen: string[] = [];
    for (let page = 1; page <= 3; page += 1) {
      const response = await call<any>('GET', `/v1/resources?page=${page}&per_page=100&sort=-status`, { token: owner.token });
      expect(response.body.meta.total_pages).toBe(3);
      seen.push(...(response.body.data as { id: string }[]).map((resource) => resource.id));
    }
    expect(seen).toHaveLength(250);
    expect(new Set(seen).size).toBe(250);
  });

  it.each([['per_page=101'], ['per_page=0'], ['page=0'], ['page=abc'], ['per_page=-5']])('refuses %s with 400 invalid_request', async (query) => {
    const response = await call<any>('GET', `/v1/resources?${query}`, { token: owner.token });
    expect(response.status).toBe(400);
    expect(errorCode(response)).toBe('invalid_request');
  });
});

describe('G1 sorting', () => {
  it.each([
    ['created_at', SEEDED],
    ['-created_at', [...SEEDED].reverse()],
    ['name', SEEDED],
    ['-name', [...SEEDED].reverse()],
    ['updated_at', [...SEEDED].reverse()],
    ['-updated_at', SEEDED],
  ])('sort=%s', async (sort, order) => {
    const response = await call<any>('GET', `/v1/resources?per_page=100&page=2&sort=${sort}`, { token: owner.token });
    expect(response.status).toBe(200);
    expect(names(response)).toEqual(order.slice(100, 200).map(NAME));
  });

  it('sorts by status and type, ties broken by id so pages are stable', async () => {
    const byStatus = await call<any>('GET', '/v1/resources?per_page=100&sort=-status', { token: owner.token });
    const statuses = (byStatus.body.data as { status: string }[]).map((resource) => resource.status);
    expect(statuses).toEqual([...statuses].sort().reverse());
    expect(statuses[0]).toBe('inactive');
    const byType = await call<any>('GET', '/v1/resources?per_page=100&page=2&sort=type', { token: owner.token });
    expect((byType.body.data as { type: string }[]).map((resource) => resource.type)).toEqual([
      ...Array<string>(25).fill('premium'),
      ...Array<string>(75).fill('standard'),
    ]);
  });

  it.each([['bogus'], ['owner_id'], ['--name'], ['metadata']])('refuses sort=%s', async (sort) => {
    const response = await call<any>('GET', `/v1/resources?sort=${sort}`, { token: owner.token });
    expect(response.status).toBe(400);
    expect(errorCode(response)).toBe('invalid_request');
  });
});

describe('G1 filters', () => {
  it('filter[status]', async () => {
    const response = await call<any>('GET', '/v1/resources?filter[status]=inactive&per_page=100', { token: owner.token });
    expect(response.body.meta.total).toBe(SEEDED.filter((i) => STATUS(i) === 'inactive').length);
    expect(response.body.meta.total).toBe(50);
    expect(new Set((response.body.data as { status: string }[]).map((resource) => resource.status))).toEqual(new Set(['inactive']));
  });

  it('filter[type] with filter[status], sorted and paginated', async () => {
    const expected = SEEDED.filter((i) => STATUS(i) === 'active' && TYPE(i) === 'premium');
    const response = await call<any>('GET', '/v1/resources?filter%5Btype%5D=premium&filter%5Bstatus%5D=active&sort=-name&per_page=10&page=2', {
      token: owner.token,
    });
    expect(response.body.meta).toEqual({ page: 2, per_page: 10, total: expected.length, total_pages: Math.ceil(expected.length / 10) });
    expect(names(response)).toEqual([...expected].reverse().slice(10, 20).map(NAME));
  });

  it('an unknown type matches nothing; an unknown status is 400', async () => {
    const none = await call<any>('GET', '/v1/resources?filter[type]=nothing', { token: owner.token });
    expect(none.body).toEqual({ data: [], meta: { page: 1, per_page: 20, total: 0, total_pages: 0 } });
    const invalid = await call<any>('GET', '/v1/resources?filter[status]=deleted', { token: owner.token });
    expect(invalid.status).toBe(400);
    expect(errorCode(invalid)).toBe('invalid_request');
  });
});

describe('G1–G5 permissions', () => {
  let otherResource: string;
  let ownersResource: string;

  beforeAll(async () => {
    const created = await call<any>('POST', '/v1/resources', { token: other.token, body: { name: 'Theirs', type: 'standard' } });
    otherResource = created.body.data.id;
    ownersResource = (await call<any>('GET', '/v1/resources?per_page=1', { token: owner.token })).body.data[0].id;
  });

  it('every endpoint is 401 authentication_required without credentials or with a bad token', async () => {
    const requests: [string, string, unknown?][] = [
      ['GET', '/v1/resources'],
      ['GET', `/v1/resources/${ownersResource}`],
      ['POST', '/v1/resources', { name: 'x' }],
      ['PATCH', `/v1/resources/${ownersResource}`, { name: 'x' }],
      ['DELETE', `/v1/resources/${ownersResource}`],
    ];
    for (const [method, path, body] of requests) {
      for (const token of [undefined, 'not-a-token', `${owner.token.slice(0, -4)}AAAA`]) {
        const response = await call<any>(method, path, { token, body });
        expect([method, path, token === undefined ? 'none' : 'bad', response.status]).toEqual([method, path, token === undefined ? 'none' : 'bad', 401]);
        expect(errorCode(response)).toBe('authentication_required');
      }
    }
  });

  it("lists only the caller's own resources; admins list everyone's", async () => {
    const mine = await call<any>('GET', '/v1/resources', { token: other.token });
    expect(mine.body.meta.total).toBe(1);
    expect(mine.body.data[0].id).toBe(otherResource);
    const all = await call<any>('GET', '/v1/resources?per_page=1', { token: adminToken });
    expect(all.body.meta.total).toBe(251);
  });

  it("another user's resource is 404 resource_not_found for G2, G4 and G5, and stays unchanged", async () => {
    for (const [method, body] of [['GET'], ['PATCH', { name: 'stolen' }], ['DELETE']] as const) {
      const response = await call<any>(method, `/v1/resources/${otherResource}`, { token: owner.token, body });
      expect(response.status).toBe(404);
      expect(response.body).toEqual({ error: { code: 'resource_not_found', message: 'No such resource' } });
    }
    const still = await call<any>('GET', `/v1/resources/${otherResource}`, { token: other.token });
    expect(still.body.data.name).toBe('Theirs');
  });

  it("admins read, change and delete anyone's resource", async () => {
    const read = await call<any>('GET', `/v1/resources/${otherResource}`, { token: adminToken });
    expect(read.status).toBe(200);
    const changed = await call<any>('PATCH', `/v1/resources/${otherResource}`, { token: adminToken, body: { status: 'archived' } });
    expect(changed.status).toBe(200);
    expect(changed.body.data).toMatchObject({ name: 'Theirs', status: 'archived', owner_id: other.id });
    const deleted = await call('DELETE', `/v1/resources/${otherResource}`, { token: adminToken });
    expect(deleted.status).toBe(204);
    expect((await call('GET', `/v1/resources/${otherResource}`, { token: other.token })).status).toBe(404);
  });

  it('API keys are refused with 401 authentication_required (the general API takes bearer access tokens only)', async () => {
    await system.sql(
      `insert into admin.api_keys (display_name, identifier, secret_hash, scopes)
       values ('k', 'prapi_testkey1', encode(sha256('prapi_the-test-key'::bytea), 'hex'), '{users:read}')`,
    );
    const response = await call<any>('GET', '/v1/resources', { token: 'prapi_the-test-key' });
    expect(response.status).toBe(401);
    expect(errorCode(response)).toBe('authentication_required');
  });
});

describe('G2–G5 lifecycle and validation', () => {
  it('creates (201 with defaults), reads, patches partially and deletes (204)', async () => {
    const created = await call<any>('POST', '/v1/resources', {
      token: other.token,
      body: { name: 'New Resource', description: 'Resource description', metadata: { key: 'value' } },
    });
    expect(created.status).toBe(201);
    expect(created.headers.get('location')).toBe(`/v1/resources/${created.body.data.id}`);
    expect(created.body.data).toMatchObject({ name: 'New Resource', type: 'standard', status: 'active', metadata: { key: 'value' }, owner_id: other.id });
    const id = created.body.data.id as string;

    const patched = await call<any>('PATCH', `/v1/resources/${id}`, { token: other.token, body: { name: 'Updated Name' } });
    expect(patched.status).toBe(200);
    expect(patched.body.data).toMatchObject({ name: 'Updated Name', description: 'Resource description', metadata: { key: 'value' } });
    expect(Date.parse(patched.body.data.updated_at)).toBeGreaterThanOrEqual(Date.parse(created.body.data.updated_at));

    const cleared = await call<any>('PATCH', `/v1/resources/${id}`, {
      token: other.token,
      body: { description: null, metadata: {}, status: 'inactive', type: 'premium' },
    });
    expect(cleared.body.data).toMatchObject({ name: 'Updated Name', description: null, metadata: {}, status: 'inactive', type: 'premium' });

    const read = await call<any>('GET', `/v1/resources/${id}`, { token: other.token });
    expect(read.body).toEqual({ data: cleared.body.data });

    const deleted = await call('DELETE', `/v1/resources/${id}`, { token: other.token });
    expect(deleted.status).toBe(204);
    expect(deleted.body).toBeUndefined();
    const again = await call<any>('DELETE', `/v1/resources/${id}`, { token: other.token });
    expect(again.status).toBe(404);
    expect(errorCode(again)).toBe('resource_not_found');
  });

  it.each([
    ['no name', {}],
    ['empty name', { name: '' }],
    ['blank name', { name: '   ' }],
    ['name not a string', { name: 5 }],
    ['bad type', { name: 'x', type: 'Not A Type' }],
    ['bad status', { name: 'x', status: 'deleted' }],
    ['metadata not an object', { name: 'x', metadata: ['a'] }],
    ['unknown field', { name: 'x', owner_id: 'someone' }],
  ])('POST refuses %s with 400 invalid_request', async (_label, body) => {
    const response = await call<any>('POST', '/v1/resources', { token: other.token, body });
    expect(response.status).toBe(400);
    expect(errorCode(response)).toBe('invalid_request');
  });

  it('POST refuses a body that is not JSON', async () => {
    const response = await call<any>('POST', '/v1/resources', { token: other.token, rawBody: '{"name":' });
    expect(response.status).toBe(400);
    expect(errorCode(response)).toBe('invalid_request');
  });

  it('PATCH refuses an empty body, a null name and a bad status; unknown and malformed ids are 404', async () => {
    const id = (await call<any>('POST', '/v1/resources', { token: other.token, body: { name: 'Keep' } })).body.data.id as string;
    for (const body of [{}, { name: null }, { status: 'gone' }, { metadata: 'x' }]) {
      const response = await call<any>('PATCH', `/v1/resources/${id}`, { token: other.token, body });
      expect([JSON.stringify(body), response.status, errorCode(response)]).toEqual([JSON.stringify(body), 400, 'invalid_request']);
    }
    for (const missing of ['7f8e3f5c-1b7a-4a53-9d1e-0a0b0c0d0e0f', 'res_123']) {
      const response = await call<any>('GET', `/v1/resources/${missing}`, { token: other.token });
      expect(response.status).toBe(404);
      expect(errorCode(response)).toBe('resource_not_found');
    }
  });

  it('every /v1 answer carries the X-RateLimit headers', async () => {
    const response = await call('GET', '/v1/resources', { token: other.token });
    expect(response.headers.get('x-ratelimit-limit')).toBe('1000000');
    expect(Number(response.headers.get('x-ratelimit-remaining'))).toBeGreaterThan(0);
    expect(Number(response.headers.get('x-ratelimit-reset'))).toBeGreaterThan(Date.now() / 1000);
  });
});

describe('GraphQL', () => {
  it('serves the same resources as a Relay connection with owners batched by a DataLoader', async () => {
    system.resetQueryLog();
    const response = await postGraphQL<any>(
      `${system.gatewayUrl}/graphql`,
      `{ resources(first: 50, filter: { status: archived }, orderBy: { field: name, direction: desc }) {
          totalCount pageInfo { hasNextPage endCursor } edges { node { name status owner { id username } } } } }`,
      {},
      { authorization: `Bearer ${owner.token}` },
    );
    expect(response.body.errors).toBeUndefined();
    const { resources } = response.body.data;
    expect(resources.totalCount).toBe(50);
    expect(resources.pageInfo.hasNextPage).toBe(false);
    expect(resources.edges[0].node).toEqual({ name: 'res-249', status: 'archived', owner: { id: owner.id, username: 'owner' } });
    const userQueries = system.queries.admin.filter((sql) => /from "users"|from admin\.users/i.test(sql) && !/password_hash|disabled, plan/.test(sql));
    expect(userQueries.length).toBeLessThanOrEqual(1);
  });

  it('resource(id) is null for another user', async () => {
    const id = (await call<any>('POST', '/v1/resources', { token: other.token, body: { name: 'Hidden' } })).body.data.id as string;
    const response = await postGraphQL<any>(
      `${system.gatewayUrl}/graphql`,
      'query($id: UUID!) { resource(id: $id) { id } }',
      { id },
      { authorization: `Bearer ${owner.token}` },
    );
    expect(response.body.data).toEqual({ resource: null });
  });
});

describe('domain events', () => {
  it('records resource.created, resource.updated and resource.deleted in the admin outbox', async () => {
    const id = (await call<any>('POST', '/v1/resources', { token: other.token, body: { name: 'Evented' } })).body.data.id as string;
    await call('PATCH', `/v1/resources/${id}`, { token: other.token, body: { status: 'inactive' } });
    await call('DELETE', `/v1/resources/${id}`, { token: other.token });
    const events = await system.sql<{ type: string; payload: any }>(
      "select type, payload from admin.outbox_events where payload->>'id' = $1 order by occurred_at",
      [id],
    );
    expect(events.map((event) => event.type)).toEqual(['resource.created', 'resource.updated', 'resource.deleted']);
    expect(events[0]!.payload).toEqual({ id, owner_id: other.id, name: 'Evented', type: 'standard', status: 'active' });
    expect(events[1]!.payload).toMatchObject({ status: 'inactive', changed: ['status'] });
  });

  it('records nothing for a refused change', async () => {
    const before = await system.sql<{ n: string }>("select count(*) as n from admin.outbox_events where type like 'resource.%'");
    await call('PATCH', `/v1/resources/00000000-0000-0000-0000-000000000001`, { token: other.token, body: { name: 'x' } });
    await call('POST', '/v1/resources', { token: other.token, body: { name: 'x', type: 'BAD' } });
    const after = await system.sql<{ n: string }>("select count(*) as n from admin.outbox_events where type like 'resource.%'");
    expect(after[0]!.n).toBe(before[0]!.n);
  });
});
