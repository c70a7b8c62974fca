/* eslint-disable @typescript-eslint/no-explicit-any -- response bodies are plain JSON; the assertions check their shape */
import { generalTokens, type GeneralTokens } from './support/general-api';
import { postGraphQL } from './support/http';
import { IdentityClient, sessionCookieFrom } from './support/identity';
import { ADMIN, createApiKey, login, type ApiKeyRequest, type Envelope, type Session } from './support/platform';
import { startSystem, type TestSystem } from './support/system';

/**
 * One identity model. Platform login (cookie + CSRF), API keys
 * (P5–P8) through each header, general-API tokens (G6–G8, G14–G17), and the
 * gateway's 401/403 refusals in each family's shape. The last test checks
 * that no secret shows up after it was issued, in any response or log line.
 */
const client = new IdentityClient();
let system: TestSystem;

// Secrets to look for in later responses and in every log line.
const issuedSecrets: string[] = [];
const passwords: string[] = [ADMIN.password];

// The helpers below record what each issued, for the leak check at the end.
async function restLogin(email: string, password: string): Promise<Session> {
  const session = await login(client, email, password, { issues: true });
  issuedSecrets.push(session.cookie.slice('session='.length));
  return session;
}

async function createKey(admin: Session, key: ApiKeyRequest): Promise<{ id: string; secret: string }> {
  const token = await createApiKey(client, admin, { displayName: 'key', ...key }, { issues: true });
  issuedSecrets.push(token.secret);
  return token;
}

async function generalLogin(email: string, password: string): Promise<GeneralTokens> {
  const tokens = await generalTokens(client, email, password, { issues: true });
  issuedSecrets.push(tokens.refresh);
  return tokens;
}

const ticketsQuery = '{ ticketCategories { totalCount } }';
const tokenCount = () => system.countRows('admin.api_keys');

let admin: Session;
let member: { id: string; session: Session; email: string; password: string };

beforeAll(async () => {
  system = await startSystem({ logger: client.logger, env: { ADMIN_EMAIL: ADMIN.email, ADMIN_PASSWORD: ADMIN.password } });
  client.baseUrl = system.gatewayUrl;
  admin = await restLogin(ADMIN.email, ADMIN.password);
  // A user without roles, created by the admin over GraphQL.
  const password = 'member password 1';
  passwords.push(password);
  const created = await client.graphql<{ createUser: { id: string } }>(
    'mutation($input: CreateUserInput!) { createUser(input: $input) { id } }',
    { input: { email: 'member@example.com', username: 'member', password, firstName: 'Mem' } },
    { cookie: admin.cookie, 'x-csrf-token': admin.csrf },
  );
  expect(created.body.errors).toBeUndefined();
  member = { id: created.body.data!.createUser.id, session: await restLogin('member@example.com', password), email: 'member@example.com', password };
});
afterAll(() => system.stop());

describe('platform login (REST)', () => {
  it('sets an HttpOnly, SameSite=Lax session cookie (not Secure over plain HTTP) and returns the user and a CSRF token', async () => {
    const response = await client.call<Envelope>('POST', '/api/auth/login', { body: ADMIN, issues: true });
    expect(response.status).toBe(200);
    const cookie = response.headers.get('set-cookie')!;
    expect(cookie).toMatch(/^session=[\w-]{40,}; Path=\/; HttpOnly; SameSite=Lax; Max-Age=\d+$/);
    expect(cookie).not.toMatch(/Secure/);
    issuedSecrets.push(sessionCookieFrom(response).slice('session='.length));
    expect(response.body).toMatchObject({
      success: true,
      error: null,
      data: { user: { email: ADMIN.email, roles: ['admin'] }, csrfToken: expect.any(String) },
    });
    expect(JSON.stringify(response.body)).not.toContain(sessionCookieFrom(response).slice('session='.length));
  });

  it('refuses a wrong password and an unknown email with the same 401', async () => {
    const wrong = await client.call<Envelope>('POST', '/api/auth/login', { body: { email: ADMIN.email, password: 'wrong password' } });
    const unknown = await client.call<Envelope>('POST', '/api/auth/login', { body: { email: 'nobody@example.com', password: 'wrong password' } });
    expect(wrong.status).toBe(401);
    expect(unknown.status).toBe(401);
    expect(wrong.body).toEqual(unknown.body);
    expect(wrong.body.error).toEqual({ code: 'unauthorized', message: 'Invalid email or password' });
  });

  it('GET /api/auth/session returns the user and CSRF token; 401 without a session', async () => {
    const response = await client.call<Envelope>('GET', '/api/auth/session', { headers: { cookie: admin.cookie } });
    expect(response.status).toBe(200);
    expect(response.body.data).toMatchObject({ user: { email: ADMIN.email }, csrfToken: admin.csrf });
    const anonymous = await client.call<Envelope>('GET', '/api/auth/session');
    expect(anonymous.status).toBe(401);
    expect(anonymous.body.error?.code).toBe('unauthorized');
  });

  it('logout needs the CSRF token, then ends the session server-side and clears the cookie', async () => {
    const session = await restLogin(ADMIN.email, ADMIN.password);
    const noCsrf = await client.call<Envelope>('POST', '/api/auth/logout', { headers: { cookie: session.cookie } });
    expect(noCsrf.status).toBe(403);
    expect((await client.call('GET', '/api/auth/session', { headers: { cookie: session.cookie } })).status).toBe(200);
    const anonymous = await client.call<Envelope>('POST', '/api/auth/logout');
    expect(anonymous.status).toBe(401);
    const done = await client.call<Envelope>('POST', '/api/auth/logout', { headers: { cookie: session.cookie, 'x-csrf-token': session.csrf } });
    expect(done.status).toBe(200);
    expect(done.headers.get('set-cookie')).toMatch(/^session=; .*Max-Age=0/);
    expect((await client.call('GET', '/api/auth/session', { headers: { cookie: session.cookie } })).status).toBe(401);
    const rows = await system.sql('select 1 from admin.login_sessions where token_hash = encode(sha256($1::bytea), $2)', [session.cookie.slice(8), 'hex']);
    expect(rows).toHaveLength(0);
  });
});

describe('platform login (GraphQL)', () => {
  it('the login mutation sets the cookie and never puts the session token in the body', async () => {
    const response = await client.graphql<{ login: { csrfToken: string; user: { email: string } } }>(
      'mutation($email: String!, $password: String!) { login(email: $email, password: $password) { csrfToken user { email } } }',
      ADMIN,
      {},
      true,
    );
    expect(response.status).toBe(200);
    expect(response.body.data?.login.user.email).toBe(ADMIN.email);
    const cookie = sessionCookieFrom(response);
    issuedSecrets.push(cookie.slice(8));
    expect(JSON.stringify(response.body)).not.toContain(cookie.slice(8));
    const session = await client.graphql<{ currentSession: { csrfToken: string } }>('{ currentSession { csrfToken } }', {}, { cookie });
    expect(session.body.data?.currentSession.csrfToken).toBe(response.body.data?.login.csrfToken);
  });

  it('a session-authenticated mutation without a matching x-csrf-token is 403 and changes nothing', async () => {
    const mutation = 'mutation { createRole(name: "csrf-test", permissions: []) { id } }';
    const missing = await client.graphql(mutation, {}, { cookie: admin.cookie });
    expect(missing.status).toBe(403);
    expect(missing.body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const wrong = await client.graphql(mutation, {}, { cookie: admin.cookie, 'x-csrf-token': 'not-the-token' });
    expect(wrong.status).toBe(403);
    expect(await system.sql("select 1 from admin.roles where name = 'csrf-test'")).toHaveLength(0);
    // Queries need no CSRF token.
    const query = await client.graphql('{ me { username } }', {}, { cookie: admin.cookie });
    expect(query.body.data).toEqual({ me: { username: 'admin' } });
  });

  it('GraphQL over GET never runs a mutation', async () => {
    const url = `/graphql?query=${encodeURIComponent('mutation { createRole(name: "get-test", permissions: []) { id } }')}`;
    const response = await client.call('GET', url, { headers: { cookie: admin.cookie, 'x-csrf-token': admin.csrf, 'apollo-require-preflight': 'true' } });
    expect(response.status).toBe(405);
    expect(await system.sql("select 1 from admin.roles where name = 'get-test'")).toHaveLength(0);
  });
});

describe('admins manage users and roles over GraphQL', () => {
  const headers = () => ({ cookie: admin.cookie, 'x-csrf-token': admin.csrf });

  it('creates a role, assigns it, and the user gets its permissions; disabling a user ends their sessions', async () => {
    const role = await client.graphql<{ createRole: { id: string } }>(
      'mutation { createRole(name: "support", permissions: ["manage_tickets"]) { id } }',
      {},
      headers(),
    );
    const roleId = role.body.data!.createRole.id;
    const assigned = await client.graphql<{ setUserRoles: { roles: { edges: { node: { name: string } }[] }; permissions: string[] } }>(
      'mutation($user: UUID!, $roles: [UUID!]!) { setUserRoles(userId: $user, roleIds: $roles) { roles { edges { node { name } } } permissions } }',
      { user: member.id, roles: [roleId] },
      headers(),
    );
    expect(assigned.body.data?.setUserRoles).toEqual({ roles: { edges: [{ node: { name: 'support' } }] }, permissions: ['manage_tickets'] });
    const me = await client.graphql<{ me: { permissions: string[] } }>('{ me { permissions } }', {}, { cookie: member.session.cookie });
    expect(me.body.data?.me.permissions).toEqual(['manage_tickets']);

    const password = 'temporary password 1';
    passwords.push(password);
    const created = await client.graphql<{ createUser: { id: string } }>(
      'mutation($input: CreateUserInput!) { createUser(input: $input) { id } }',
      { input: { email: 'leaver@example.com', username: 'leaver', password, plan: 'pro' } },
      headers(),
    );
    const leaver = await restLogin('leaver@example.com', password);
    const disabled = await client.graphql<{ updateUser: { disabled: boolean } }>(
      'mutation($id: UUID!) { updateUser(input: { id: $id, disabled: true }) { disabled } }',
      { id: created.body.data!.createUser.id },
      headers(),
    );
    expect(disabled.body.data?.updateUser.disabled).toBe(true);
    expect((await client.call('GET', '/api/auth/session', { headers: { cookie: leaver.cookie } })).status).toBe(401);
    expect((await client.call('POST', '/api/auth/login', { body: { email: 'leaver@example.com', password } })).status).toBe(401);
  });

  it('refuses user management to anonymous callers (401) and to non-admins (403)', async () => {
    const mutation = 'mutation { createRole(name: "nope", permissions: []) { id } }';
    expect((await client.graphql(mutation)).body.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    const member403 = await client.graphql(mutation, {}, { cookie: member.session.cookie, 'x-csrf-token': member.session.csrf });
    expect(member403.body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    // user:manage, as role:manage above: creating a user is refused alike, and creates none.
    const createUser = 'mutation { createUser(input: { email: "sneaky@example.com", username: "sneaky", password: "sneaky password 1" }) { id } }';
    expect((await client.graphql(createUser)).body.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    const byMember = await client.graphql(createUser, {}, { cookie: member.session.cookie, 'x-csrf-token': member.session.csrf });
    expect(byMember.body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect(await system.countRows("admin.users where lower(email) = 'sneaky@example.com'")).toBe(0);
  });

  it('lists roles to anyone signed in (role:list), not to anonymous callers (401)', async () => {
    const roles = '{ roles(first: 5) { totalCount } }';
    const anonymous = await client.graphql(roles);
    expect(anonymous.body.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    expect(anonymous.body.data ?? null).toBeNull();
    const byMember = await client.graphql<{ roles: { totalCount: number } }>(roles, {}, { cookie: member.session.cookie });
    expect(byMember.body.errors).toBeUndefined();
    expect(byMember.body.data!.roles.totalCount).toBeGreaterThanOrEqual(1);
  });

  it('profile:update, session:end and tokens:revoke are for signed-in users: an API key is refused, and changes nothing', async () => {
    const key = await createKey(admin, { scopes: ['users:read', 'users:write'] });
    const asKey = (query: string) => client.graphql(query, {}, { 'x-api-key': key.secret });
    const profile = await asKey('mutation { updateMyProfile(input: { firstName: "Keyed" }) { id } }');
    expect(profile.body.errors?.[0]).toMatchObject({ message: 'Only a signed-in user has a profile', extensions: { code: 'FORBIDDEN' } });
    expect(await system.sql("select id from admin.users where first_name = 'Keyed'")).toEqual([]);
    const revoke = await asKey('mutation { revokeTokens }');
    expect(revoke.body.errors?.[0]).toMatchObject({ message: 'Only a signed-in user can log out', extensions: { code: 'FORBIDDEN' } });
    // A bearer-token user has no platform session to end.
    const bearer = (await generalLogin(member.email, member.password)).access;
    const logout = await client.graphql('mutation { logout }', {}, { authorization: `Bearer ${bearer}` });
    expect(logout.body.errors?.[0]).toMatchObject({ message: 'No session to end', extensions: { code: 'UNAUTHENTICATED' } });
    // The bearer token still works: nothing was ended.
    expect((await client.call('GET', '/v1/users/me', { headers: { authorization: `Bearer ${bearer}` } })).status).toBe(200);
  });

  it('hides emails of other users from non-admins', async () => {
    const response = await client.graphql<{ _entities: unknown }>('{ me { email } }', {}, { cookie: member.session.cookie });
    expect(response.body.data).toEqual({ me: { email: member.email } });
  });
});

describe('API keys (P5–P8)', () => {
  let key: { id: string; secret: string };

  it('the bootstrap admin creates a tickets:read key and uses it through each of the three headers', async () => {
    key = await createKey(admin, { displayName: 'tickets reader', scopes: ['tickets:read'] });
    expect(key.secret).toMatch(/^prapi_[\w-]{40,}$/);
    for (const headers of [{ authorization: `Bearer ${key.secret}` }, { 'x-api-key': key.secret }, { 'x-api-token': key.secret }] as Record<string, string>[]) {
      const response = await client.graphql(ticketsQuery, {}, headers);
      expect(response.status).toBe(200);
      expect(response.body).toEqual({ data: { ticketCategories: { totalCount: 0 } } });
    }
    // The same over GraphQL: createApiKey with a session + CSRF.
    const graphql = await client.graphql<{ createApiKey: { secret: string; apiKey: { identifier: string } } }>(
      'mutation { createApiKey(input: { displayName: "gql", scopes: ["tickets:read"], allowedIps: [], banFields: [] }) { secret apiKey { identifier } } }',
      {},
      { cookie: admin.cookie, 'x-csrf-token': admin.csrf },
      true,
    );
    const secret = graphql.body.data!.createApiKey.secret;
    issuedSecrets.push(secret);
    expect(secret.startsWith(graphql.body.data!.createApiKey.apiKey.identifier)).toBe(true);
    expect((await client.graphql(ticketsQuery, {}, { 'x-api-key': secret })).body).toEqual({ data: { ticketCategories: { totalCount: 0 } } });
  });

  it('P5 lists keys with a non-secret identifier and never the secret', async () => {
    const response = await client.call<Envelope>('GET', '/api/admin/tokens', { headers: { cookie: admin.cookie } });
    expect(response.status).toBe(200);
    const tokens = response.body.data!.tokens as Record<string, unknown>[];
    const listed = tokens.find((token) => token.id === key.id)!;
    expect(listed).toMatchObject({ displayName: 'tickets reader', scopes: ['tickets:read'], revoked: false, identifier: key.secret.slice(0, 14) });
    expect(listed.lastUsedAt).toEqual(expect.any(String));
    expect(JSON.stringify(response.body)).not.toContain(key.secret);
    expect(JSON.stringify(response.body)).not.toMatch(/secret/i);
  });

  it.each([
    ['P5', 'GET', '/api/admin/tokens', undefined],
    ['P6', 'POST', '/api/admin/tokens', { displayName: 'x', scopes: [], allowedIps: [], banFields: [] }],
    ['P7', 'PUT', '/api/admin/tokens', { id: '00000000-0000-4000-8000-000000000000', displayName: 'x' }],
    ['P8', 'DELETE', '/api/admin/tokens?id=00000000-0000-4000-8000-000000000000', undefined],
  ])(
    '%s refuses no credentials (401), an API key (403, wrong scope), a non-admin (403, wrong role) and, for changes, a missing CSRF token (403)',
    async (_id, method, path, body) => {
      const before = await tokenCount();
      const none = await client.call<Envelope>(method, path, { body });
      expect(none.status).toBe(401);
      expect(none.body).toMatchObject({ success: false, data: null, error: { code: 'unauthorized' } });
      const byKey = await client.call<Envelope>(method, path, { body, headers: { 'x-api-key': key.secret } });
      expect(byKey.status).toBe(403);
      expect(byKey.body.error?.code).toBe('forbidden');
      const byMember = await client.call<Envelope>(method, path, { body, headers: { cookie: member.session.cookie, 'x-csrf-token': member.session.csrf } });
      expect(byMember.status).toBe(403);
      if (method !== 'GET') {
        const noCsrf = await client.call<Envelope>(method, path, { body, headers: { cookie: admin.cookie } });
        expect(noCsrf.status).toBe(403);
        expect(noCsrf.body.error?.message).toMatch(/csrf/i);
      }
      expect(await tokenCount()).toBe(before);
    },
  );

  it('P6 rejects unknown scopes, ban fields and malformed addresses with 400; accepts IPv4/IPv6 CIDR ranges', async () => {
    const post = (body: Record<string, unknown>, issues = false) =>
      client.call<Envelope>('POST', '/api/admin/tokens', {
        headers: { cookie: admin.cookie, 'x-csrf-token': admin.csrf },
        body: { displayName: 'bad', scopes: ['tickets:read'], allowedIps: [], banFields: [], ...body },
        issues,
      });
    const scope = await post({ scopes: ['tickets:everything'] });
    expect(scope.status).toBe(400);
    expect(scope.body.error).toMatchObject({ code: 'invalid_input', message: expect.stringMatching(/scope/) });
    expect((await post({ banFields: ['password'] })).status).toBe(400);
    expect((await post({ allowedIps: ['10.0.0.0/33'] })).status).toBe(400);
    expect((await post({ allowedIps: ['not-an-ip'] })).status).toBe(400);
    expect((await post({ expiresAt: '2001-01-01T00:00:00Z' })).status).toBe(400);
    expect((await post({ scopes: undefined })).status).toBe(400);
    const ok = await post({ displayName: 'cidr', allowedIps: ['10.0.0.0/8', '2001:db8::/32', '::1', '127.0.0.1'], banFields: ['id', 'reason'] }, true);
    expect(ok.status).toBe(200);
    issuedSecrets.push((ok.body.data!.token as { secret: string }).secret);
  });

  it('a key is refused (403) from an address outside its allowedIps, and X-Forwarded-For is ignored without a trusted proxy', async () => {
    const outside = await createKey(admin, { scopes: ['tickets:read'], allowedIps: ['10.1.2.0/24', '2001:db8::/32'] });
    const response = await client.graphql(ticketsQuery, {}, { 'x-api-key': outside.secret, 'x-forwarded-for': '10.1.2.3' });
    expect(response.status).toBe(403);
    expect(response.body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const rest = await client.call<Envelope>('GET', '/api/settings/public', { headers: { authorization: `Bearer ${outside.secret}` } });
    expect(rest.status).toBe(403);
    expect(rest.body.error?.code).toBe('forbidden');
    const inside = await createKey(admin, { scopes: ['tickets:read'], allowedIps: ['127.0.0.0/8', '::1'] });
    expect((await client.graphql(ticketsQuery, {}, { 'x-api-key': inside.secret })).status).toBe(200);
  });

  /**
   * A gateway of this system whose clock stands still until the test moves it on (`later(ms)`), for what
   * must happen once time has passed: however slowly the requests go, for it no time passes between them.
   */
  async function gatewayWithClock(credentialCacheSeconds?: number) {
    let nowMs = Date.now();
    const gateway = await system.extraGateway({ now: () => nowMs, credentialCacheSeconds });
    const tickets = (secret: string) => postGraphQL(`${gateway.url}/graphql`, ticketsQuery, {}, { 'x-api-key': secret });
    return { tickets, later: (ms: number) => void (nowMs += ms) };
  }

  it('an expired key stops working (401), even while the gateway has its answer cached', async () => {
    // A cache of four hours, so the answer is still cached when the clock is two hours on, past the key's expiry.
    const { tickets, later } = await gatewayWithClock(4 * 3600);
    const shortLived = await createKey(admin, { scopes: ['tickets:read'], expiresAt: new Date(Date.now() + 3_600_000).toISOString() });
    expect((await tickets(shortLived.secret)).status).toBe(200);
    later(2 * 3_600_000);
    const response = await tickets(shortLived.secret);
    expect(response.status).toBe(401);
    expect(response.body.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    // The admin subgraph refuses an expired key itself (the key expired in its own clock, the database's).
    const expired = await createKey(admin, { scopes: ['tickets:read'], expiresAt: new Date(Date.now() + 3_600_000).toISOString() });
    await system.sql("update admin.api_keys set expires_at = now() - interval '1 second' where id = $1", [expired.id]);
    const refused = await client.graphql(ticketsQuery, {}, { 'x-api-key': expired.secret });
    expect(refused.status).toBe(401);
    expect(refused.body.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
  });

  it('P8 revokes (401 afterwards, still listed); P7 can restore; P8 permanent deletes the record (401 afterwards)', async () => {
    const target = await createKey(admin, { scopes: ['tickets:read'] });
    const headers = { cookie: admin.cookie, 'x-csrf-token': admin.csrf };
    expect((await client.graphql(ticketsQuery, {}, { 'x-api-token': target.secret })).status).toBe(200);
    const revoked = await client.call<Envelope>('DELETE', `/api/admin/tokens?id=${target.id}`, { headers });
    expect(revoked.status).toBe(200);
    expect(revoked.body.data!.token).toMatchObject({ id: target.id, revoked: true });
    const refused = await client.call<Envelope>('GET', '/api/settings/public', { headers: { 'x-api-token': target.secret } });
    expect(refused.status).toBe(401);
    expect(refused.body.error?.code).toBe('unauthorized');
    const restored = await client.call<Envelope>('PUT', '/api/admin/tokens', { headers, body: { id: target.id, revoked: false, displayName: 'restored' } });
    expect(restored.body.data!.token).toMatchObject({ revoked: false, displayName: 'restored' });
    expect((await client.graphql(ticketsQuery, {}, { 'x-api-token': target.secret })).status).toBe(200);
    const deleted = await client.call<Envelope>('DELETE', `/api/admin/tokens?id=${target.id}&permanent=true`, { headers });
    expect(deleted.status).toBe(200);
    expect((await client.graphql(ticketsQuery, {}, { authorization: `Bearer ${target.secret}` })).status).toBe(401);
    const list = await client.call<Envelope>('GET', '/api/admin/tokens', { headers: { cookie: admin.cookie } });
    expect((list.body.data!.tokens as { id: string }[]).some((token) => token.id === target.id)).toBe(false);
    expect((await client.call<Envelope>('DELETE', `/api/admin/tokens?id=${target.id}`, { headers })).status).toBe(404);
    const malformed = await client.call<Envelope>('DELETE', '/api/admin/tokens?id=resource_id', { headers });
    expect(malformed.status).toBe(400);
    expect(malformed.body.error?.code).toBe('invalid_input');
  });

  it('a revocation made elsewhere (another gateway replica) takes effect within the 5 s cache bound', async () => {
    const { tickets, later } = await gatewayWithClock();
    const target = await createKey(admin, { scopes: ['tickets:read'] });
    expect((await tickets(target.secret)).status).toBe(200);
    await system.sql('update admin.api_keys set revoked = true where id = $1', [target.id]);
    // Still cached 4.9 s later (the bound is what it says), refused once 5 s have passed.
    later(4900);
    expect((await tickets(target.secret)).status).toBe(200);
    later(200);
    expect((await tickets(target.secret)).status).toBe(401);
  });

  it('an unknown prapi_ key is 401 on every route; foreign bearer tokens pass through as anonymous', async () => {
    const unknown = await client.call<Envelope>('GET', '/api/settings/public', { headers: { 'x-api-key': 'prapi_unknown' } });
    expect(unknown.status).toBe(401);
    const foreign = await client.call<Envelope>('GET', '/api/settings/public', { headers: { authorization: 'Bearer some-other-domain-token' } });
    expect(foreign.status).toBe(200);
  });

  it('an actor-linked key acts with its creator’s permissions ∩ its scopes', async () => {
    // Over GraphQL: the general API (/v1) takes bearer tokens only (test/credential-families.test.ts).
    const users = '{ users(first: 5) { totalCount } }';
    const usersKey = await createKey(admin, { scopes: ['users:read'] });
    const listed = await client.graphql(users, {}, { 'x-api-key': usersKey.secret });
    expect(listed.status).toBe(200);
    expect(listed.body.errors).toBeUndefined();
    const wrongScope = await client.graphql(users, {}, { 'x-api-key': key.secret });
    expect(wrongScope.body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });
});

describe('general API (G6–G8, G14–G17)', () => {
  let tokens: { access: string; refresh: string };
  const password = 'new user password';

  it('G17 registers; a registered email gets the same answer and changes nothing', async () => {
    passwords.push(password);
    const first = await client.call<Record<string, any>>('POST', '/v1/auth/register', { body: { email: 'new@example.com', username: 'newbie', password } });
    expect(first.status).toBe(201);
    expect(first.body).toEqual({ data: { email: 'new@example.com', username: 'newbie' } });
    const again = await client.call<Record<string, any>>('POST', '/v1/auth/register', {
      body: { email: 'new@example.com', username: 'newbie', password: 'other password 2' },
    });
    expect(again.status).toBe(201);
    expect(again.body).toEqual(first.body);
    const invalid = await client.call<Record<string, any>>('POST', '/v1/auth/register', { body: { email: 'not-an-email', username: 'x1', password } });
    expect(invalid.status).toBe(400);
    expect(invalid.body.error.code).toBe('invalid_request');
  });

  it('G17 is refused (403) while registration is closed (user:register), and creates nothing', async () => {
    await system.sql(`update admin.settings set value = 'false' where key = 'registrationOpen'`);
    try {
      const refused = await client.call<Record<string, any>>('POST', '/v1/auth/register', { body: { email: 'late@example.com', username: 'late', password } });
      expect(refused.status).toBe(403);
      expect(refused.body.error.message).toBe('Registration is closed');
      expect(await system.countRows("admin.users where lower(email) = 'late@example.com'")).toBe(0);
    } finally {
      await system.sql(`update admin.settings set value = 'true' where key = 'registrationOpen'`);
    }
  });

  it('G14 logs in with access_token (JWT), refresh_token, token_type Bearer, expires_in 3600', async () => {
    tokens = await generalLogin('new@example.com', password);
    expect(tokens.access.split('.')).toHaveLength(3);
    const wrong = await client.call<Record<string, any>>('POST', '/v1/auth/login', { body: { email: 'new@example.com', password: 'other password 2' } });
    expect(wrong.status).toBe(401);
    expect(wrong.body).toEqual({ error: { code: 'authentication_required', message: 'Invalid email or password' } });
    const response = await client.call<Record<string, any>>('POST', '/v1/auth/login', { body: { email: 'new@example.com', password }, issues: true });
    issuedSecrets.push(response.body.refresh_token);
    expect(response.body).toEqual({ access_token: expect.any(String), refresh_token: expect.any(String), token_type: 'Bearer', expires_in: 3600 });
  });

  it('G6 returns the current user; 401 without or with a forged token', async () => {
    const me = await client.call<Record<string, any>>('GET', '/v1/users/me', { headers: { authorization: `Bearer ${tokens.access}` } });
    expect(me.status).toBe(200);
    expect(me.body.data).toMatchObject({
      email: 'new@example.com',
      username: 'newbie',
      profile: { first_name: null, last_name: null, avatar_url: null },
      created_at: expect.any(String),
    });
    const none = await client.call<Record<string, any>>('GET', '/v1/users/me');
    expect(none.status).toBe(401);
    expect(none.body.error.code).toBe('authentication_required');
    const [header, payload] = tokens.access.split('.');
    const forged = await client.call<Record<string, any>>('GET', '/v1/users/me', { headers: { authorization: `Bearer ${header}.${payload}.AAAA` } });
    expect(forged.status).toBe(401);
    expect(forged.body.error.code).toBe('authentication_required');
  });

  it('G7 updates the profile; 401 without credentials or with the platform session cookie', async () => {
    const body = { profile: { first_name: 'Jane', last_name: 'Smith', avatar_url: 'https://example.com/a.png' } };
    const updated = await client.call<Record<string, any>>('PATCH', '/v1/users/me', { body, headers: { authorization: `Bearer ${tokens.access}` } });
    expect(updated.status).toBe(200);
    expect(updated.body.data.profile).toEqual({ first_name: 'Jane', last_name: 'Smith', avatar_url: 'https://example.com/a.png' });
    expect((await client.call('PATCH', '/v1/users/me', { body })).status).toBe(401);
    const bySession = await client.call<Record<string, any>>('PATCH', '/v1/users/me', {
      body,
      headers: { cookie: member.session.cookie, 'x-csrf-token': member.session.csrf },
    });
    expect(bySession.status).toBe(401);
    expect(bySession.body.error.code).toBe('authentication_required');
    const invalid = await client.call<Record<string, any>>('PATCH', '/v1/users/me', {
      body: { profile: { avatar_url: 'not a url' } },
      headers: { authorization: `Bearer ${tokens.access}` },
    });
    expect(invalid.status).toBe(400);
  });

  it('G8 lists users for admins with page/per_page/search/role and meta; 401 without credentials, 403 for others', async () => {
    const adminTokens = await generalLogin(ADMIN.email, ADMIN.password);
    const page = await client.call<Record<string, any>>('GET', '/v1/users?per_page=2&page=1', { headers: { authorization: `Bearer ${adminTokens.access}` } });
    expect(page.status).toBe(200);
    expect(page.body.data).toHaveLength(2);
    expect(page.body.meta).toEqual({ page: 1, per_page: 2, total: 4, total_pages: 2 });
    const second = await client.call<Record<string, any>>('GET', '/v1/users?per_page=2&page=2', { headers: { authorization: `Bearer ${adminTokens.access}` } });
    expect(second.body.data).toHaveLength(2);
    expect(second.body.data[0].id).not.toBe(page.body.data[0].id);
    const search = await client.call<Record<string, any>>('GET', '/v1/users?search=newb', { headers: { authorization: `Bearer ${adminTokens.access}` } });
    expect(search.body.data.map((user: { username: string }) => user.username)).toEqual(['newbie']);
    const role = await client.call<Record<string, any>>('GET', '/v1/users?role=admin', { headers: { authorization: `Bearer ${adminTokens.access}` } });
    expect(role.body.data.map((user: { username: string }) => user.username)).toEqual(['admin']);
    expect(role.body.meta).toEqual({ page: 1, per_page: 20, total: 1, total_pages: 1 });
    expect((await client.call('GET', '/v1/users')).status).toBe(401);
    const other = await client.call<Record<string, any>>('GET', '/v1/users', { headers: { authorization: `Bearer ${tokens.access}` } });
    expect(other.status).toBe(403);
    expect(other.body.error.code).toBe('insufficient_permissions');
    expect((await client.call('GET', '/v1/users?per_page=101', { headers: { authorization: `Bearer ${adminTokens.access}` } })).status).toBe(400);
  });

  it('G15 rotates the refresh token; reusing an old one revokes the whole family (and its access tokens)', async () => {
    const family = await generalLogin('new@example.com', password);
    const rotated = await client.call<Record<string, any>>('POST', '/v1/auth/refresh', { body: { refresh_token: family.refresh }, issues: true });
    expect(rotated.status).toBe(200);
    issuedSecrets.push(rotated.body.refresh_token);
    expect(rotated.body.refresh_token).not.toBe(family.refresh);
    expect((await client.call('GET', '/v1/users/me', { headers: { authorization: `Bearer ${rotated.body.access_token}` } })).status).toBe(200);
    const reuse = await client.call<Record<string, any>>('POST', '/v1/auth/refresh', { body: { refresh_token: family.refresh } });
    expect(reuse.status).toBe(401);
    expect(reuse.body.error.code).toBe('authentication_required');
    expect((await client.call('POST', '/v1/auth/refresh', { body: { refresh_token: rotated.body.refresh_token } })).status).toBe(401);
    expect((await client.call('GET', '/v1/users/me', { headers: { authorization: `Bearer ${rotated.body.access_token}` } })).status).toBe(401);
    expect((await client.call('POST', '/v1/auth/refresh', { body: {} })).status).toBe(400);
  });

  it('G16 revokes the token family: 204, then the refresh and access tokens are refused; 401 without credentials', async () => {
    const family = await generalLogin('new@example.com', password);
    expect((await client.call('POST', '/v1/auth/logout')).status).toBe(401);
    const done = await client.call('POST', '/v1/auth/logout', {
      body: { refresh_token: family.refresh },
      headers: { authorization: `Bearer ${family.access}` },
    });
    expect(done.status).toBe(204);
    expect((await client.call('GET', '/v1/users/me', { headers: { authorization: `Bearer ${family.access}` } })).status).toBe(401);
    expect((await client.call('POST', '/v1/auth/refresh', { body: { refresh_token: family.refresh } })).status).toBe(401);
  });
});

describe('secrets', () => {
  it('no response after issuance and no log line contains an API key, password, password hash, session or refresh token', async () => {
    const hashes = (await system.sql<{ password_hash: string }>('select password_hash from admin.users')).map((row) => row.password_hash);
    const later = client.responses.filter((response) => response.label !== 'issues').map((response) => response.text);
    const logs = client.logLines.join('\n');
    expect(issuedSecrets.length).toBeGreaterThan(10);
    for (const secret of [...issuedSecrets, ...passwords, ...hashes]) {
      expect(secret.length).toBeGreaterThan(8);
      expect(logs).not.toContain(secret);
      for (const text of later) expect(text).not.toContain(secret);
    }
    for (const hash of hashes) expect(hash.split('$')[5]!.length).toBeGreaterThan(20);
    for (const [hash] of hashes.map((hash) => [hash.split('$')[5]!])) expect(logs).not.toContain(hash);
  });
});
