import { IdentityClient } from './support/identity';
import { ADMIN } from './support/platform';
import { startSystem, type TestSystem } from './support/system';

/**
 * Abuse controls on password checks: failures for one account or
 * one address are slowed and then refused with 429, the same way for
 * registered and unknown emails. Limits are lowered here to keep it quick.
 */
const client = new IdentityClient();
let system: TestSystem;

beforeAll(async () => {
  system = await startSystem({
    logger: client.logger,
    env: { ADMIN_EMAIL: ADMIN.email, ADMIN_PASSWORD: ADMIN.password, LOGIN_MAX_FAILURES_PER_ACCOUNT: '4', LOGIN_MAX_FAILURES_PER_ADDRESS: '12' },
    // This gateway sits behind a (simulated) proxy on 127.0.0.1, so X-Forwarded-For names the client.
    trustProxy: '127.0.0.1',
  });
  client.baseUrl = system.gatewayUrl;
});
afterAll(() => system.stop());

/** The delays the admin subgraph logged as it slowed sign-in attempts, in order. */
const slowedBy = () =>
  client.logLines
    .map((line) => JSON.parse(line) as { msg?: string; delayMs?: number })
    .filter((line) => line.msg === 'sign-in attempt slowed')
    .map((line) => line.delayMs);

async function attempts(path: string, email: string, count: number): Promise<{ statuses: number[]; bodies: string[] }> {
  const statuses: number[] = [];
  const bodies: string[] = [];
  for (let i = 0; i < count; i += 1) {
    const response = await client.call(path === 'graphql' ? 'POST' : 'POST', path === 'graphql' ? '/graphql' : path, {
      body:
        path === 'graphql'
          ? { query: 'mutation($e: String!) { login(email: $e, password: "wrong password") { csrfToken } }', variables: { e: email } }
          : { email, password: 'wrong password' },
    });
    statuses.push(response.status);
    bodies.push(JSON.stringify(response.body));
  }
  return { statuses, bodies };
}

it('slows and then refuses (429) repeated failures for one account, registered or not, without telling them apart', async () => {
  const known = await attempts('/api/auth/login', ADMIN.email, 5);
  const unknown = await attempts('/api/auth/login', 'ghost@example.com', 5);
  expect(known.statuses).toEqual([401, 401, 401, 401, 429]);
  expect(unknown.statuses).toEqual(known.statuses);
  expect(unknown.bodies).toEqual(known.bodies);
  expect(known.bodies[4]).toContain('"code":"rate_limited"');
  // The right password is refused too while the account is locked.
  const locked = await client.call('POST', '/v1/auth/login', { body: ADMIN });
  expect(locked.status).toBe(429);
  expect(locked.body).toEqual({ error: { code: 'rate_limit_exceeded', message: expect.any(String) } });
  // From the third failure on, each attempt is slowed (the delay is the service's decision, read from its log, not timed):
  // this address has failed 8 times already, so each of these waits the longest, 1 s.
  const before = slowedBy().length;
  const slowed = await attempts('/v1/auth/login', 'third@example.com', 4);
  expect(slowed.statuses).toEqual([401, 401, 401, 401]);
  expect(slowedBy().slice(before)).toEqual([1000, 1000, 1000, 1000]);
});

it('refuses an address with too many failures across accounts, over GraphQL as well', async () => {
  // 14 failures so far from this address with the limit at 12: every further attempt is 429.
  const response = await attempts('graphql', 'someone-new@example.com', 1);
  expect(JSON.parse(response.bodies[0]!).errors[0].extensions.code).toBe('RATE_LIMITED');
  expect(client.logLines.join('\n')).not.toContain('wrong password');
});

it('behind a trusted proxy, the address from X-Forwarded-For decides API key allow-lists and address limits', async () => {
  // As if the failure window had passed for the admin account.
  await system.sql("delete from admin.login_failures where key = 'email:root@example.com'");
  const login = await client.call<{ data: { csrfToken: string } }>('POST', '/api/auth/login', {
    body: ADMIN,
    headers: { 'x-forwarded-for': '192.0.2.10' },
    issues: true,
  });
  expect(login.status).toBe(200);
  const cookie = /session=[^;]*/.exec(login.headers.get('set-cookie') ?? '')![0];
  const created = await client.call<{ data: { token: { secret: string } } }>('POST', '/api/admin/tokens', {
    headers: { cookie, 'x-csrf-token': login.body.data.csrfToken, 'x-forwarded-for': '192.0.2.10' },
    body: { displayName: 'proxied', scopes: ['tickets:read'], allowedIps: ['10.1.2.0/24', '2001:db8::/32'], banFields: [] },
    issues: true,
  });
  const secret = created.body.data.token.secret;
  const query = { query: '{ ticketCategories { totalCount } }' };
  expect((await client.call('POST', '/graphql', { body: query, headers: { 'x-api-key': secret, 'x-forwarded-for': '10.1.2.3' } })).status).toBe(200);
  expect((await client.call('POST', '/graphql', { body: query, headers: { 'x-api-key': secret, 'x-forwarded-for': '2001:db8::7' } })).status).toBe(200);
  expect((await client.call('POST', '/graphql', { body: query, headers: { 'x-api-key': secret, 'x-forwarded-for': '10.1.3.3' } })).status).toBe(403);
  expect((await client.call('POST', '/graphql', { body: query, headers: { 'x-api-key': secret } })).status).toBe(403);
});

it('IPv4-mapped allow-list entries and clients match their IPv4 forms; a bad entry is refused at creation and on update (400)', async () => {
  await system.sql("delete from admin.login_failures where key = 'email:root@example.com'");
  const forwarded = { 'x-forwarded-for': '192.0.2.11' };
  const login = await client.call<{ data: { csrfToken: string } }>('POST', '/api/auth/login', { body: ADMIN, headers: forwarded, issues: true });
  expect(login.status).toBe(200);
  const admin = { cookie: /session=[^;]*/.exec(login.headers.get('set-cookie') ?? '')![0], 'x-csrf-token': login.body.data.csrfToken, ...forwarded };
  const create = (allowedIps: string[]) =>
    client.call<{ data: { token: { id: string; secret: string } } | null; error: { code: string; message: string } | null }>('POST', '/api/admin/tokens', {
      headers: admin,
      body: { displayName: 'mapped', scopes: ['tickets:read'], allowedIps, banFields: [] },
      issues: true,
    });
  const query = { query: '{ ticketCategories { totalCount } }' };
  const from = async (secret: string, address?: string) =>
    (await client.call('POST', '/graphql', { body: query, headers: { 'x-api-key': secret, ...(address ? { 'x-forwarded-for': address } : {}) } })).status;

  // The entry of the report: accepted, and it works for the loopback client instead of answering 500.
  const loopback = await create(['::ffff:127.0.0.0/104']);
  expect(loopback.status).toBe(200);
  expect(await from(loopback.body.data!.token.secret)).toBe(200);
  expect(await from(loopback.body.data!.token.secret, '127.9.9.9')).toBe(200);
  expect(await from(loopback.body.data!.token.secret, '10.0.0.1')).toBe(403);

  // A mapped range matches IPv4 clients and their mapped form; an IPv4 range matches mapped clients.
  const mapped = (await create(['::ffff:10.9.0.0/112', '10.7.0.0/16'])).body.data!.token.secret;
  expect(await from(mapped, '10.9.1.2')).toBe(200);
  expect(await from(mapped, '::ffff:10.9.1.2')).toBe(200);
  expect(await from(mapped, '::ffff:10.7.3.4')).toBe(200);
  expect(await from(mapped, '10.8.0.1')).toBe(403);
  expect(await from(mapped, '::ffff:10.8.0.1')).toBe(403);

  // Entries that cannot be matched are refused when saved, in the family's shape.
  for (const bad of ['::ffff:127.0.0.0/129', '127.0.0.1/33', '10.0.0.0/-1', '::ffff:10.0.0.0/1e2', '10.0.0.0/8/8']) {
    const refused = await create([bad]);
    expect({ bad, status: refused.status, code: refused.body.error?.code }).toEqual({ bad, status: 400, code: 'invalid_input' });
  }
  const updated = await client.call<{ error: { code: string } | null }>('PUT', '/api/admin/tokens', {
    headers: admin,
    body: { id: loopback.body.data!.token.id, allowedIps: ['::ffff:127.0.0.0/200'] },
  });
  expect(updated.status).toBe(400);
  expect(updated.body.error?.code).toBe('invalid_input');
});
