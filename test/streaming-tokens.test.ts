import { postGraphQL } from './support/http';
import { basic, bearer, owncastClient, type OwncastClient } from './support/streaming';
import { startSystem, type TestSystem } from './support/system';

const STREAM_KEY = 'tokens-test-key';
const admin = basic(STREAM_KEY);

let system: TestSystem;
let owncast: OwncastClient;
beforeAll(async () => {
  system = await startSystem({ env: { STREAM_KEY } });
  owncast = owncastClient(system.gatewayUrl);
});
afterAll(() => system.stop());

async function createToken(name: string, scopes: string[]): Promise<string> {
  const response = await owncast.post<{ name: string; token: string }>('/api/admin/accesstokens/create', { name, scopes }, admin);
  expect(response.status).toBe(200);
  return response.body.token;
}

describe('O42–O44 access tokens', () => {
  it('lists [] when there are none', async () => {
    const response = await owncast.get('/api/admin/accesstokens', admin);
    expect(response.status).toBe(200);
    expect(response.body).toEqual([]);
  });

  it('creates a random token, stores only its hash and lists its identifier', async () => {
    const created = await owncast.post<{ name: string; token: string }>(
      '/api/admin/accesstokens/create',
      { name: 'bot', scopes: ['CAN_SEND_MESSAGES'] },
      admin,
    );
    expect(created.status).toBe(200);
    expect(created.body).toEqual({ name: 'bot', token: expect.stringMatching(/^[A-Za-z0-9_-]{43}$/) });
    const rows = await system.sql<{ id: string; token_hash: string; scopes: string[] }>('select id, token_hash, scopes from streaming.access_tokens');
    expect(rows).toHaveLength(1);
    expect(rows[0]!.token_hash).toMatch(/^[0-9a-f]{64}$/);
    expect(JSON.stringify(rows)).not.toContain(created.body.token);
    expect(rows[0]!.scopes).toEqual(['CAN_SEND_MESSAGES']);
    const listed = await owncast.get<string[]>('/api/admin/accesstokens', admin);
    expect(listed.body).toEqual([rows[0]!.id]);

    // Deletion by the identifier.
    const deleted = await owncast.post('/api/admin/accesstokens/delete', { token: rows[0]!.id }, admin);
    expect(deleted.body).toEqual({ success: true, message: 'deleted token' });
    expect((await owncast.get('/api/admin/accesstokens', admin)).body).toEqual([]);
    const again = await owncast.post('/api/admin/accesstokens/delete', { token: rows[0]!.id }, admin);
    expect(again.status).toBe(404);
    expect(again.body).toEqual({ success: false, message: expect.any(String) });
  });

  it('refuses unknown or no scopes, a missing name, and callers without the admin credentials', async () => {
    for (const body of [
      { name: 'x', scopes: ['CAN_SEND_MESSAGES', 'ROOT'] },
      { name: 'x', scopes: [] },
      { name: '', scopes: ['HAS_ADMIN_ACCESS'] },
      { scopes: ['HAS_ADMIN_ACCESS'] },
      { name: 'x', scopes: 'HAS_ADMIN_ACCESS' },
    ]) {
      const refused = await owncast.post('/api/admin/accesstokens/create', body, admin);
      expect({ body, status: refused.status, reply: refused.body }).toEqual({ body, status: 400, reply: { success: false, message: expect.any(String) } });
    }
    expect((await owncast.post('/api/admin/accesstokens/create', { name: 'x', scopes: ['HAS_ADMIN_ACCESS'] })).status).toBe(401);
    expect((await owncast.post('/api/admin/accesstokens/create', { name: 'x', scopes: ['HAS_ADMIN_ACCESS'] }, basic('nope'))).status).toBe(401);
    expect((await owncast.get('/api/admin/accesstokens', basic('nope'))).status).toBe(401);
    expect((await owncast.post('/api/admin/accesstokens/delete', { token: 'x' })).status).toBe(401);
  });
});

describe('O38 POST /api/integrations/streamtitle', () => {
  it('takes an access token with HAS_ADMIN_ACCESS', async () => {
    const token = await createToken('title bot', ['HAS_ADMIN_ACCESS']);
    const response = await owncast.post('/api/integrations/streamtitle', { value: 'Any% glitchless' }, bearer(token));
    expect(response.status).toBe(200);
    expect(response.body).toEqual({ success: true, message: expect.any(String) });
    expect((await owncast.get<{ streamTitle: string }>('/api/status')).body.streamTitle).toBe('Any% glitchless');
    const bad = await owncast.post('/api/integrations/streamtitle', { value: 12 }, bearer(token));
    expect(bad.status).toBe(400);
    const [row] = await system.sql<{ last_used_at: Date | null }>(`select last_used_at from streaming.access_tokens where name = 'title bot'`);
    expect(row!.last_used_at).not.toBeNull();
  });

  it('refuses tokens without the scope (403), unknown tokens and no token (401), and deleted tokens', async () => {
    const chatOnly = await createToken('chat only', ['CAN_SEND_MESSAGES', 'CAN_SEND_SYSTEM_MESSAGES']);
    const forbidden = await owncast.post('/api/integrations/streamtitle', { value: 'x' }, bearer(chatOnly));
    expect(forbidden.status).toBe(403);
    expect(forbidden.body).toEqual({ success: false, message: expect.stringContaining('HAS_ADMIN_ACCESS') });
    for (const authorization of [undefined, bearer('not-a-token'), 'Bearer']) {
      const refused = await owncast.post('/api/integrations/streamtitle', { value: 'x' }, authorization);
      expect(refused.status).toBe(401);
      expect(refused.headers.get('www-authenticate')).toBe('Bearer realm="Owncast"');
    }
    const token = await createToken('short lived', ['HAS_ADMIN_ACCESS']);
    expect((await owncast.post('/api/admin/accesstokens/delete', { token }, admin)).status).toBe(200);
    expect((await owncast.post('/api/integrations/streamtitle', { value: 'x' }, bearer(token))).status).toBe(401);
  });

  it('is not an admin credential', async () => {
    const token = await createToken('admin scope', ['HAS_ADMIN_ACCESS']);
    expect((await owncast.get('/api/admin/serverconfig', bearer(token))).status).toBe(401);
  });
});

describe('GraphQL access tokens', () => {
  it('lists tokens as a Relay connection and refuses anonymous callers', async () => {
    const url = `${system.gatewayUrl}/graphql`;
    const created = await postGraphQL<{ createAccessToken: { token: string; accessToken: { id: string; scopes: string[] } } }>(
      url,
      'mutation { createAccessToken(name: "gql", scopes: ["CAN_SEND_SYSTEM_MESSAGES"]) { token accessToken { id name scopes createdAt } } }',
      {},
      { authorization: admin },
    );
    expect(created.body.data?.createAccessToken.accessToken.scopes).toEqual(['CAN_SEND_SYSTEM_MESSAGES']);
    const page = await postGraphQL<{ accessTokens: { totalCount: number; edges: { node: { name: string } }[]; pageInfo: { hasNextPage: boolean } } }>(
      url,
      '{ accessTokens(first: 1) { totalCount edges { cursor node { id name } } pageInfo { hasNextPage endCursor } } }',
      {},
      { authorization: admin },
    );
    expect(page.body.data?.accessTokens.edges).toHaveLength(1);
    expect(page.body.data?.accessTokens.totalCount).toBeGreaterThan(1);
    expect(page.body.data?.accessTokens.pageInfo.hasNextPage).toBe(true);
    const anonymous = await postGraphQL(url, '{ accessTokens { totalCount } }');
    expect(anonymous.body.errors?.[0]?.extensions).toMatchObject({ code: 'UNAUTHENTICATED' });
    const unknownScope = await postGraphQL(url, 'mutation { createAccessToken(name: "x", scopes: ["NOPE"]) { token } }', {}, { authorization: admin });
    expect(unknownScope.body.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT' });
  });
});
