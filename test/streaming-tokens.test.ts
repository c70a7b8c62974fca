import { postGraphQL } from './support/http';
import { basic, bearer, owncastClient, createAccessToken } from './support/streaming';
import { useSystem } from './support/system';

const STREAM_KEY = 'tokens-test-key';
const admin = basic(STREAM_KEY);

/** Owncast 0.0.7's AccessToken object. */
interface OwncastToken {
  token: string;
  name: string;
  scopes: string[];
  timestamp: string;
  lastUsed: string | null;
}

const system = useSystem({ env: { STREAM_KEY } });
const owncast = owncastClient(() => system.gatewayUrl);

const createToken = (name: string, scopes: string[]) => createAccessToken(owncast, admin, name, scopes);

describe('O42–O44 access tokens', () => {
  it('lists [] when there are none', async () => {
    const response = await owncast.get('/api/admin/accesstokens', admin);
    expect(response.status).toBe(200);
    expect(response.body).toEqual([]);
  });

  it('creates a random token, stores only its hash and lists its identifier', async () => {
    const created = await owncast.post<OwncastToken>('/api/admin/accesstokens/create', { name: 'bot', scopes: ['CAN_SEND_MESSAGES'] }, admin);
    expect(created.status).toBe(200);
    expect(created.body).toEqual({
      token: expect.stringMatching(/^[A-Za-z0-9_-]{43}$/),
      name: 'bot',
      scopes: ['CAN_SEND_MESSAGES'],
      timestamp: expect.any(String),
      lastUsed: null,
    });
    expect(Date.parse(created.body.timestamp)).not.toBeNaN();
    const rows = await system.sql<{ id: string; token_hash: string; scopes: string[] }>('select id, token_hash, scopes from streaming.access_tokens');
    expect(rows).toHaveLength(1);
    expect(rows[0]!.token_hash).toMatch(/^[0-9a-f]{64}$/);
    expect(JSON.stringify(rows)).not.toContain(created.body.token);
    expect(rows[0]!.scopes).toEqual(['CAN_SEND_MESSAGES']);
    // The list shows 0.0.7's objects; their `token` is the identifier, never the secret.
    const listed = await owncast.get<OwncastToken[]>('/api/admin/accesstokens', admin);
    expect(listed.body).toEqual([{ token: rows[0]!.id, name: 'bot', scopes: ['CAN_SEND_MESSAGES'], timestamp: created.body.timestamp, lastUsed: null }]);
    expect(JSON.stringify(listed.body)).not.toContain(created.body.token);

    // The admin UI's flow: delete by the `token` of the list entry.
    const deleted = await owncast.post('/api/admin/accesstokens/delete', { token: listed.body[0]!.token }, admin);
    expect(deleted.body).toEqual({ success: true, message: 'deleted token' });
    expect((await owncast.get('/api/admin/accesstokens', admin)).body).toEqual([]);
    const again = await owncast.post('/api/admin/accesstokens/delete', { token: rows[0]!.id }, admin);
    expect(again.status).toBe(404);
    expect(again.body).toEqual({ success: false, message: expect.any(String) });
  });

  it('still deletes by the secret itself', async () => {
    const secret = await createToken('by secret', ['CAN_SEND_MESSAGES']);
    expect((await owncast.post('/api/admin/accesstokens/delete', { token: secret }, admin)).body).toEqual({ success: true, message: 'deleted token' });
    const listed = await owncast.get<OwncastToken[]>('/api/admin/accesstokens', admin);
    expect(listed.body.map((token) => token.name)).not.toContain('by secret');
  });

  it('writes lastUsed on use at most once a minute per token', async () => {
    const secret = await createToken('busy bot', ['HAS_ADMIN_ACCESS']);
    const lastUsed = async () =>
      (await system.sql<{ last_used_at: Date | null }>(`select last_used_at from streaming.access_tokens where name = 'busy bot'`))[0]!.last_used_at;
    const use = async () => expect((await owncast.get('/api/integrations/clients', bearer(secret))).status).toBe(200);
    await use();
    const first = await lastUsed();
    expect(first).not.toBeNull();
    const listed = await owncast.get<OwncastToken[]>('/api/admin/accesstokens', admin);
    expect(listed.body.find((token) => token.name === 'busy bot')!.lastUsed).toBe(first!.toISOString());
    // Uses while the stored time is less than a minute old leave the row alone. The stored time is
    // pinned an hour ahead, so however slowly these requests run, it stays recent.
    await system.sql(`update streaming.access_tokens set last_used_at = now() + interval '1 hour' where name = 'busy bot'`);
    const pinned = await lastUsed();
    await use();
    await use();
    expect(await lastUsed()).toEqual(pinned);
    // Once the stored time is a minute old, the next use writes it again.
    await system.sql(`update streaming.access_tokens set last_used_at = now() - interval '61 seconds' where name = 'busy bot'`);
    const aged = await lastUsed();
    await use();
    const refreshed = await lastUsed();
    expect(refreshed!.getTime()).toBeGreaterThan(aged!.getTime());
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

describe("Owncast 0.0.7's own integration bodies and paths", () => {
  interface ChatMessage {
    id: string;
    author: string;
    body: string;
  }
  const chat = async () => (await owncast.get<ChatMessage[]>('/api/chat')).body;

  it('O39 takes `author` (and ignores the `id` 0.0.7 requires) as well as `user`', async () => {
    const token = await createToken('0.0.7 bot', ['CAN_SEND_MESSAGES']);
    const sent = await owncast.post('/api/integrations/chat/user', { id: 'chosen-by-client', author: 'Gabe', body: 'hi from 0.0.7' }, bearer(token));
    expect(sent.status).toBe(200);
    expect(sent.body).toEqual({ success: true, message: 'sent' });
    expect((await owncast.post('/api/integrations/chat/user', { user: '', author: 'Gabe2', body: 'both fields' }, bearer(token))).status).toBe(200);
    expect((await owncast.post('/api/integrations/chat/user', { user: 'seedbot', body: 'the seed way' }, bearer(token))).status).toBe(200);
    const messages = await chat();
    const byBody = (body: string) => messages.find((message) => message.body.includes(body));
    expect(byBody('hi from 0.0.7')).toMatchObject({ author: 'Gabe' });
    expect(byBody('hi from 0.0.7')!.id).not.toBe('chosen-by-client');
    expect(byBody('both fields')).toMatchObject({ author: 'Gabe2' });
    expect(byBody('the seed way')).toMatchObject({ author: 'seedbot' });
    const nameless = await owncast.post('/api/integrations/chat/user', { id: 'x', author: '', body: 'nobody' }, bearer(token));
    expect(nameless.status).toBe(400);
    expect(nameless.body).toEqual({ success: false, message: expect.any(String) });
  });

  it('O50 answers on the path 0.0.7 registers (/messagevisibility) and the one its document names', async () => {
    const sender = await createToken('visibility sender', ['CAN_SEND_MESSAGES']);
    const moderator = await createToken('visibility moderator', ['HAS_ADMIN_ACCESS']);
    await owncast.post('/api/integrations/chat/user', { author: 'Mod', body: 'hide me please' }, bearer(sender));
    const id = (await chat()).find((message) => message.body.includes('hide me please'))!.id;
    const hidden = await owncast.post('/api/integrations/chat/messagevisibility', { idArray: [id], visible: false }, bearer(moderator));
    expect(hidden.status).toBe(200);
    expect(hidden.body).toEqual({ success: true, message: expect.any(String) });
    expect((await chat()).map((message) => message.id)).not.toContain(id);
    expect((await owncast.post('/api/integrations/chat/updatemessagevisibility', { idArray: [id], visible: true }, bearer(moderator))).status).toBe(200);
    expect((await chat()).map((message) => message.id)).toContain(id);
    // The new path has the same rules: a token with HAS_ADMIN_ACCESS and nothing else.
    expect((await owncast.post('/api/integrations/chat/messagevisibility', { idArray: [id], visible: false }, bearer(sender))).status).toBe(403);
    expect((await owncast.post('/api/integrations/chat/messagevisibility', { idArray: [id], visible: false })).status).toBe(401);
    expect((await chat()).map((message) => message.id)).toContain(id);
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
