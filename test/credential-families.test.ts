import { IdentityClient } from './support/identity';
import { generalTokens } from './support/general-api';
import { ADMIN, createApiKey, login, type Session } from './support/platform';
import { hostWithToken } from './support/social';
import { basic, createAccessToken, owncastClient } from './support/streaming';
import { startSystem, type TestSystem } from './support/system';

/**
 * Each REST family accepts exactly the credentials its specification names
 * (ENDPOINTS.md): P the session cookie or a prapi_ key (P5–P8 the admin
 * session only), O HTTP Basic on admin routes and an integration access
 * token on integration routes, F a host token, G a /v1 bearer token. For
 * each family the accepted credentials work and every other kind is
 * refused, in the family's error shape, before anything changes.
 */
const STREAM_KEY = 'credential-families-stream-key';
const client = new IdentityClient();
let system: TestSystem;

type Kind = 'session' | 'apiKey' | 'bearerToken' | 'basicAdmin' | 'accessToken' | 'hostToken';
let session: Session;
let host: { uuid: string; token: string };
const headersOf: Partial<Record<Kind, Record<string, string>>> = {};

beforeAll(async () => {
  system = await startSystem({ logger: client.logger, env: { ADMIN_EMAIL: ADMIN.email, ADMIN_PASSWORD: ADMIN.password, STREAM_KEY } });
  client.baseUrl = system.gatewayUrl;
  session = await login(client, ADMIN.email, ADMIN.password);
  const key = await createApiKey(client, session, { displayName: 'families', scopes: ['settings:read', 'settings:write', 'tickets:read'] });
  const bearer = await generalTokens(client, ADMIN.email, ADMIN.password);
  const accessToken = await createAccessToken(owncastClient(system.gatewayUrl), basic(STREAM_KEY), 'families', ['HAS_ADMIN_ACCESS', 'CAN_SEND_MESSAGES']);
  host = await hostWithToken(system.gatewayUrl);
  headersOf.session = { cookie: session.cookie, 'x-csrf-token': session.csrf };
  headersOf.apiKey = { authorization: `Bearer ${key.secret}` };
  headersOf.bearerToken = { authorization: `Bearer ${bearer.access}` };
  headersOf.basicAdmin = { authorization: basic(STREAM_KEY) };
  headersOf.accessToken = { authorization: `Bearer ${accessToken}` };
  headersOf.hostToken = { authorization: `Bearer ${host.token}` };
});
afterAll(() => system.stop());

const ALL_KINDS: Kind[] = ['session', 'apiKey', 'bearerToken', 'basicAdmin', 'accessToken', 'hostToken'];

interface Case {
  route: string;
  method: string;
  path: () => string;
  accepted: Kind[];
  /** The refusal's status and body shape for a credential of kind `kind`. */
  refusal: (kind: Kind) => { status: number; body: unknown; challenge?: string };
}

const platformRefusal = (sessionOnly: boolean) => (kind: Kind) => {
  // A key on a session-only route is a valid P credential without the right; other kinds are no P credential.
  const forbidden = sessionOnly && kind === 'apiKey';
  return {
    status: forbidden ? 403 : 401,
    body: { success: false, data: null, error: { code: forbidden ? 'forbidden' : 'unauthorized', message: expect.any(String) } },
  };
};

const CASES: Case[] = [
  { route: 'P2', method: 'GET', path: () => '/api/admin/settings', accepted: ['session', 'apiKey'], refusal: platformRefusal(false) },
  { route: 'P5', method: 'GET', path: () => '/api/admin/tokens', accepted: ['session'], refusal: platformRefusal(true) },
  {
    route: 'O6',
    method: 'GET',
    path: () => '/api/admin/status',
    accepted: ['basicAdmin'],
    refusal: () => ({ status: 401, body: { success: false, message: expect.any(String) }, challenge: 'Basic realm="Owncast"' }),
  },
  {
    route: 'O49',
    method: 'GET',
    path: () => '/api/integrations/chat',
    accepted: ['accessToken'],
    refusal: () => ({ status: 401, body: { success: false, message: expect.any(String) }, challenge: 'Bearer realm="Owncast"' }),
  },
  {
    route: 'F4',
    method: 'GET',
    path: () => `/hosts/${host.uuid}`,
    accepted: ['hostToken'],
    refusal: () => ({ status: 401, body: { message: expect.any(String) }, challenge: 'Bearer' }),
  },
  {
    route: 'G6',
    method: 'GET',
    path: () => '/v1/users/me',
    accepted: ['bearerToken'],
    refusal: () => ({ status: 401, body: { error: { code: 'authentication_required', message: expect.any(String) } } }),
  },
];

describe.each(CASES)('$route $method', (testCase) => {
  it.each(testCase.accepted)('accepts %s', async (kind) => {
    const response = await client.call(testCase.method, testCase.path(), { headers: headersOf[kind] });
    expect({ kind, status: response.status }).toEqual({ kind, status: 200 });
  });

  it.each(ALL_KINDS.filter((kind) => !testCase.accepted.includes(kind)))('refuses %s in the family’s shape', async (kind) => {
    const response = await client.call(testCase.method, testCase.path(), { headers: headersOf[kind] });
    const expected = testCase.refusal(kind);
    expect({ kind, status: response.status, body: response.body }).toEqual({ kind, status: expected.status, body: expected.body });
    if (expected.challenge) expect(response.headers.get('www-authenticate')).toBe(expected.challenge);
  });
});

describe('credentials on the routes that issue long-lived ones', () => {
  const keyCount = () => system.countRows('admin.api_keys');
  const body = { displayName: 'minted', scopes: ['settings:read'], allowedIps: [], banFields: [] };

  it('a /v1 bearer token cannot mint an API key (P6), over REST or GraphQL', async () => {
    const before = await keyCount();
    const rest = await client.call('POST', '/api/admin/tokens', { headers: headersOf.bearerToken, body });
    expect(rest.status).toBe(401);
    expect(rest.body).toMatchObject({ success: false, data: null, error: { code: 'unauthorized' } });
    const graphql = await client.graphql(
      'mutation($input: CreateApiKeyInput!) { createApiKey(input: $input) { secret } }',
      { input: body },
      headersOf.bearerToken,
    );
    expect(graphql.body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect(graphql.body.data).toBeNull();
    expect(await keyCount()).toBe(before);
  });

  it('the session cookie that rides along with an accepted credential does not count', async () => {
    const withCookie = (kind: Kind) => ({ ...headersOf[kind], cookie: session.cookie });
    expect((await client.call('GET', '/v1/users/me', { headers: withCookie('bearerToken') })).status).toBe(200);
    expect((await client.call('GET', `/hosts/${host.uuid}`, { headers: withCookie('hostToken') })).status).toBe(200);
    expect((await client.call('GET', '/api/integrations/chat', { headers: withCookie('accessToken') })).status).toBe(200);
  });

  it('a credential of no known kind is refused on authenticated routes, public routes still answer', async () => {
    const odd = { authorization: 'Token abc' };
    expect((await client.call('GET', '/api/admin/settings', { headers: odd })).status).toBe(401);
    expect((await client.call('GET', '/v1/users/me', { headers: odd })).status).toBe(401);
    expect((await client.call('GET', '/api/settings/public', { headers: headersOf.hostToken })).status).toBe(200);
    expect((await client.call('GET', '/api/status', { headers: headersOf.bearerToken })).status).toBe(200);
  });
});
