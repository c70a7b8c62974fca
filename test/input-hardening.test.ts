import { createClient } from 'graphql-ws';
import WebSocket from 'ws';
import { IdentityClient } from './support/identity';
import { ADMIN, login, type Session } from './support/platform';
import { hostWithToken } from './support/social';
import { basic } from './support/streaming';
import { startSystem, type TestSystem } from './support/system';
import { within } from './support/wait';

/**
 * Input that once escaped the callers' conventions: a NUL character (which
 * PostgreSQL cannot take) anywhere in a request, in every REST family, in
 * GraphQL variables and literals and over WebSocket; and what the logs keep
 * of a failed statement.
 */
const STREAM_KEY = 'input-hardening-stream-key';
const client = new IdentityClient();
let system: TestSystem;
let admin: Session;

beforeAll(async () => {
  system = await startSystem({ logger: client.logger, env: { ADMIN_EMAIL: ADMIN.email, ADMIN_PASSWORD: ADMIN.password, STREAM_KEY } });
  client.baseUrl = system.gatewayUrl;
  admin = await login(client, ADMIN.email, ADMIN.password);
});
afterAll(() => system.stop());

/** Error-level log lines (pino level 50 and up) written since `from`. */
function errorLinesSince(from: number): string[] {
  return client.logLines.slice(from).filter((line) => (JSON.parse(line) as { level: number }).level >= 50);
}

describe('a NUL character is invalid input, before it reaches SQL', () => {
  const NUL_EMAIL = 'a\u0000b@example.com';

  it('in each REST family: body, query string and path, in the family’s own shape', async () => {
    const logsFrom = client.logLines.length;
    system.resetQueryLog();

    const general = await client.call<{ error: { code: string; message: string } }>('POST', '/v1/auth/login', { body: { email: NUL_EMAIL, password: 'x' } });
    expect(general.status).toBe(400);
    expect(general.body).toEqual({ error: { code: 'invalid_request', message: expect.stringMatching(/email.*NUL/) } });
    const generalQuery = await client.call<{ error: { code: string } }>('GET', '/v1/resources?filter%5Bstatus%5D=%00');
    expect(generalQuery.status).toBe(400);
    expect(generalQuery.body.error.code).toBe('invalid_request');
    const generalPath = await client.call<{ error: { code: string } }>('GET', '/v1/organizations/a%00b');
    expect(generalPath.status).toBe(400);
    expect(generalPath.body.error.code).toBe('invalid_request');

    const platform = await client.call<{ success: boolean; error: { code: string; message: string } }>('POST', '/api/auth/login', {
      body: { email: NUL_EMAIL, password: 'x' },
    });
    expect(platform.status).toBe(400);
    expect(platform.body).toMatchObject({ success: false, data: null, error: { code: 'invalid_input', message: expect.stringMatching(/email.*NUL/) } });
    const platformNested = await client.call<{ error: { code: string; message: string } }>('POST', '/api/admin/tokens', {
      headers: { cookie: admin.cookie, 'x-csrf-token': admin.csrf },
      body: { displayName: 'nul', scopes: ['tickets:read'], allowedIps: ['10.0.0.1', '10.0.0.\u00002'], banFields: [] },
    });
    expect(platformNested.status).toBe(400);
    expect(platformNested.body.error).toEqual({ code: 'invalid_input', message: expect.stringContaining('allowedIps.1') });

    const host = await hostWithToken(system.gatewayUrl);
    const social = await client.call<{ detail: { loc: (string | number)[]; msg: string; type: string }[] }>('POST', '/sessions/players', {
      headers: { authorization: `Bearer ${host.token}` },
      body: { host: host.uuid, guest: 'guest\u0000' },
    });
    expect(social.status).toBe(422);
    expect(social.body.detail).toEqual([{ loc: ['body', 'guest'], msg: expect.stringContaining('NUL'), type: 'value_error' }]);
    const socialQuery = await client.call('POST', `/hosts/${host.uuid}/friends?friend=%00`, { headers: { authorization: `Bearer ${host.token}` } });
    expect(socialQuery.status).toBe(422);

    const streaming = await client.call<{ success: boolean; message: string }>('POST', '/api/admin/config/name', {
      headers: { authorization: basic(STREAM_KEY) },
      body: { value: 'my\u0000stream' },
    });
    expect(streaming.status).toBe(400);
    expect(streaming.body).toEqual({ success: false, message: expect.stringMatching(/value.*NUL/) });

    // Nothing reached the database with the NUL, and nothing was logged as an error.
    const statements = Object.values(system.queries).flat();
    expect(statements.filter((sql) => sql.includes('\u0000'))).toEqual([]);
    expect(errorLinesSince(logsFrom)).toEqual([]);
  });

  it('in GraphQL variables and string literals: BAD_USER_INPUT with HTTP 400', async () => {
    const logsFrom = client.logLines.length;
    const variable = await client.graphql('mutation($e: String!) { login(email: $e, password: "x") { csrfToken } }', { e: NUL_EMAIL });
    expect(variable.status).toBe(400);
    expect(variable.body.errors?.[0]).toMatchObject({ message: expect.stringContaining('"$e"'), extensions: { code: 'BAD_USER_INPUT' } });
    const nested = await client.graphql(
      'mutation($input: CreateApiKeyInput!) { createApiKey(input: $input) { secret } }',
      {
        input: { displayName: 'x', scopes: [], allowedIps: ['\u0000'], banFields: [] },
      },
      { cookie: admin.cookie, 'x-csrf-token': admin.csrf },
    );
    expect(nested.status).toBe(400);
    expect(nested.body.errors?.[0]).toMatchObject({ message: expect.stringContaining('input.allowedIps.0'), extensions: { code: 'BAD_USER_INPUT' } });
    const literal = await client.graphql('mutation { login(email: "a\\u0000b@example.com", password: "x") { csrfToken } }');
    expect(literal.status).toBe(400);
    expect(literal.body.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(errorLinesSince(logsFrom)).toEqual([]);
  });

  it('over WebSocket: a subscribe with a NUL in a variable is refused with BAD_USER_INPUT', async () => {
    const ws = createClient({ url: `${system.gatewayUrl.replace(/^http/, 'ws')}/graphql`, webSocketImpl: WebSocket, retryAttempts: 0, lazy: true });
    try {
      const outcome = await within(
        new Promise<unknown>((resolve) => {
          ws.subscribe(
            { query: 'subscription($name: String) { chatEvents(displayName: $name) { __typename } }', variables: { name: 'x\u0000' } },
            { next: resolve, error: resolve, complete: () => resolve('complete') },
          );
        }),
        'the refusal',
      );
      expect(JSON.stringify(outcome)).toContain('BAD_USER_INPUT');
      expect(JSON.stringify(outcome)).toContain('NUL');
    } finally {
      await ws.dispose();
    }
  });
});

describe('what the logs keep of a failed statement', () => {
  it('logs a database error by its SQLSTATE, never the statement or the values in it', async () => {
    const logsFrom = client.logLines.length;
    const email = 'statement-probe@example.com';
    await system.sql('alter table admin.users rename to users_moved');
    try {
      const failed = await client.call('POST', '/v1/auth/register', { body: { email, username: 'statementprobe', password: 'a long enough password' } });
      expect(failed.status).toBe(500);
    } finally {
      await system.sql('alter table admin.users_moved rename to users');
    }
    const lines = errorLinesSince(logsFrom);
    expect(lines.length).toBeGreaterThan(0);
    expect(lines.join('\n')).toContain('SQLSTATE 42P01');
    for (const line of lines) {
      expect(line).not.toContain(email);
      expect(line).not.toMatch(/\b(select|insert into|update \S+ set|delete from)\b/i);
    }
  });
});

describe('the HTTP layer’s own refusals come in the caller’s convention', () => {
  /** Every refusal below, for the check that none speaks Fastify or Apollo. */
  const answers: { label: string; text: string }[] = [];
  async function probe<T = Record<string, unknown>>(
    label: string,
    method: string,
    path: string,
    init: { headers?: Record<string, string>; body?: string } = {},
  ) {
    const response = await fetch(`${system.gatewayUrl}${path}`, { method, headers: init.headers, body: init.body });
    const text = await response.text();
    answers.push({ label, text });
    return { status: response.status, body: JSON.parse(text) as T };
  }
  const json = { 'content-type': 'application/json' };
  const long = 'a'.repeat(150);

  it('unknown routes: 404 in the family the path belongs to', async () => {
    expect(await probe('G unknown', 'GET', '/v1/nope')).toEqual({ status: 404, body: { error: { code: 'resource_not_found', message: expect.any(String) } } });
    expect(await probe('P unknown', 'GET', '/api/nope')).toEqual({
      status: 404,
      body: { success: false, data: null, error: { code: 'not_found', message: expect.any(String) } },
    });
    expect(await probe('P admin unknown', 'DELETE', '/api/admin/settings')).toMatchObject({
      status: 404,
      body: { success: false, error: { code: 'not_found' } },
    });
    expect(await probe('O unknown', 'GET', '/api/integrations/nope')).toEqual({ status: 404, body: { success: false, message: expect.any(String) } });
    expect(await probe('F unknown', 'GET', '/hosts/x/y/z')).toEqual({ status: 404, body: { message: expect.any(String) } });
    expect(await probe('F unknown sessions', 'PATCH', '/sessions')).toEqual({ status: 404, body: { message: expect.any(String) } });
    expect(await probe('GraphQL wrong method', 'PUT', '/graphql')).toEqual({
      status: 404,
      body: { errors: [{ message: expect.any(String), extensions: { code: 'NOT_FOUND' } }] },
    });
    expect(await probe('no family', 'GET', '/nope')).toEqual({ status: 404, body: { error: { code: 'not_found', message: expect.any(String) } } });
  });

  it('too-long path segments (414) and malformed URLs (400), without echoing the URL', async () => {
    expect(await probe('F long segment', 'GET', `/hosts/${long}`)).toEqual({ status: 414, body: { message: expect.any(String) } });
    expect(await probe('G long segment', 'GET', `/v1/organizations/${long}`)).toEqual({
      status: 414,
      body: { error: { code: 'invalid_request', message: expect.any(String) } },
    });
    expect(await probe('G bad escape', 'GET', '/v1/organizations/%zz')).toEqual({
      status: 400,
      body: { error: { code: 'invalid_request', message: expect.any(String) } },
    });
    expect(await probe('F bad escape', 'GET', '/hosts/%zz')).toEqual({ status: 400, body: { message: expect.any(String) } });
  });

  it('unreadable bodies: in the family’s shape on REST, as GraphQL errors on /graphql', async () => {
    expect(await probe('GraphQL media type', 'POST', '/graphql', { headers: { 'content-type': 'text/foo' }, body: 'x' })).toEqual({
      status: 415,
      body: { errors: [{ message: expect.stringContaining('application/json'), extensions: { code: 'BAD_REQUEST' } }] },
    });
    expect(await probe('GraphQL empty JSON', 'POST', '/graphql', { headers: json })).toMatchObject({
      status: 400,
      body: { errors: [{ extensions: { code: 'BAD_REQUEST' } }] },
    });
    expect(await probe('GraphQL bad JSON', 'POST', '/graphql', { headers: json, body: '{"query":' })).toMatchObject({
      status: 400,
      body: { errors: [{ extensions: { code: 'BAD_REQUEST' } }] },
    });
    expect(await probe('G bad JSON', 'POST', '/v1/auth/login', { headers: json, body: '{"email":' })).toEqual({
      status: 400,
      body: { error: { code: 'invalid_request', message: 'The body is not valid JSON' } },
    });
    expect(await probe('P media type', 'POST', '/api/auth/login', { headers: { 'content-type': 'text/foo' }, body: 'x' })).toMatchObject({
      status: 415,
      body: { success: false, error: { code: 'invalid_input' } },
    });
    expect(await probe('F bad JSON', 'POST', '/sessions', { headers: json, body: '{' })).toEqual({
      status: 422,
      body: { detail: [{ loc: ['body'], msg: 'JSON decode error', type: 'json_invalid' }] },
    });
    expect(await probe('G too large', 'POST', '/v1/auth/login', { headers: json, body: JSON.stringify({ email: 'x'.repeat(1024 * 1024 + 10) }) })).toEqual({
      status: 413,
      body: { error: { code: 'invalid_request', message: expect.stringContaining('larger than') } },
    });
  });

  it('CSRF prevention and introspection refusals in our words, naming the header to send', async () => {
    const refused = await probe<{ errors: { message: string; extensions: { code: string } }[] }>(
      'GraphQL GET without preflight',
      'GET',
      '/graphql?query=%7B__typename%7D',
    );
    expect(refused.status).toBe(400);
    expect(refused.body.errors[0]!.message).toContain('graphql-preflight');
    expect(refused.body.errors[0]!.extensions.code).toBe('BAD_REQUEST');
    const allowed = await fetch(`${system.gatewayUrl}/graphql?query=%7B__typename%7D`, { headers: { 'graphql-preflight': '1' } });
    expect(allowed.status).toBe(200);
    const introspection = await probe<{ errors: { message: string }[] }>('introspection', 'POST', '/graphql', {
      headers: json,
      body: JSON.stringify({ query: '{ __schema { queryType { name } } }' }),
    });
    // The refusal names the real switch, never a library option (gateway/introspection.ts).
    expect(introspection.body.errors[0]!.message).toMatch(/GRAPHQL_INTROSPECTION=true/);
    expect(introspection.body.errors[0]!.message).not.toMatch(/apollo/i);
  });

  it('none of these answers names Fastify or Apollo, their error codes, or echoes the URL', () => {
    expect(answers.length).toBeGreaterThanOrEqual(20);
    const leaks = answers.filter(({ text }) => /FST_|fastify|apollo|Route (GET|POST|PUT|PATCH|DELETE):|Unsupported Media Type|aaaaaaaaaa|%zz/i.test(text));
    expect(leaks).toEqual([]);
  });
});

describe('REST errors never speak GraphQL', () => {
  const graphqlWords = /\$[A-Za-z_]|Variable "|type "|Expected type|GraphQL/;
  const adminHeaders = () => ({ cookie: admin.cookie, 'x-csrf-token': admin.csrf });

  it('names the request field that is wrong, in the family’s words (P14 with an id that is no UUID)', async () => {
    const response = await client.call<{ error: { code: string; message: string } }>('POST', '/api/admin/outbound-actions', {
      headers: adminHeaders(),
      body: { id: 'no-such-action' },
    });
    expect(response.status).toBe(400);
    expect(response.body).toMatchObject({ success: false, data: null, error: { code: 'invalid_input', message: expect.stringMatching(/\bid\b.*uuid/i) } });
    expect(response.body.error.message).not.toMatch(graphqlWords);
  });

  it('maps a value GraphQL cannot coerce back to its body field (inside an input object, and as its own variable)', async () => {
    const expiry = await client.call<{ error: { code: string; message: string } }>('POST', '/api/admin/tokens', {
      headers: adminHeaders(),
      body: { displayName: 'expiry', scopes: ['tickets:read'], allowedIps: [], banFields: [], expiresAt: 'next tuesday' },
    });
    expect(expiry.status).toBe(400);
    expect(expiry.body.error).toEqual({ code: 'invalid_input', message: 'Invalid body: expiresAt must be an ISO 8601 date and time' });
    const update = await client.call<{ error: { code: string; message: string } }>('PUT', '/api/admin/tokens', {
      headers: adminHeaders(),
      body: { id: '7f8e3f5c-1b7a-4a53-9d1e-0a0b0c0d0e0f', expiresAt: 'soon' },
    });
    expect(update.status).toBe(400);
    expect(update.body.error.message).toBe('Invalid body: expiresAt must be an ISO 8601 date and time');
    const register = await client.call<{ error: { code: string; message: string } }>('POST', '/v1/auth/register', {
      body: { email: 'not-an-email', username: 'someone', password: 'long enough password' },
    });
    expect(register.status).toBe(400);
    expect(register.body).toEqual({ error: { code: 'invalid_request', message: 'Invalid body: email must be an email address' } });
    for (const answer of [expiry, update, register]) expect(JSON.stringify(answer.body)).not.toMatch(graphqlWords);
  });
});

describe('the Owncast log endpoints (O10, O11) show no internals', () => {
  it('no internal address and no statement with user data, after a database error too', async () => {
    const title = 'secret-title-probe';
    const created = await client.call<{ token: string }>('POST', '/api/admin/accesstokens/create', {
      headers: { authorization: basic(STREAM_KEY) },
      body: { name: 'logs probe', scopes: ['HAS_ADMIN_ACCESS'] },
    });
    expect(created.status).toBe(200);
    await system.sql('alter table streaming.config rename to config_moved');
    try {
      // The failed statement would quote the title.
      const failed = await client.call('POST', '/api/integrations/streamtitle', {
        headers: { authorization: `Bearer ${created.body.token}` },
        body: { value: title },
      });
      expect(failed.status).toBe(500);
      expect((await client.call('GET', '/api/config')).status).toBe(500);
    } finally {
      await system.sql('alter table streaming.config_moved rename to config');
    }
    const logs = await client.call<{ time: string; level: string; message: string }[]>('GET', '/api/admin/logs', {
      headers: { authorization: basic(STREAM_KEY) },
    });
    const warnings = await client.call<{ time: string; level: string; message: string }[]>('GET', '/api/admin/logs/warnings', {
      headers: { authorization: basic(STREAM_KEY) },
    });
    expect(logs.status).toBe(200);
    expect(warnings.status).toBe(200);
    // The buffer did see the start and the failure; it shows them without their internals.
    expect(logs.body.some((entry) => entry.message.startsWith('Server listening at'))).toBe(true);
    expect(warnings.body.some((entry) => entry.level === 'error')).toBe(true);
    const ports = Object.values(system.subgraphs).map((subgraph) => new URL(subgraph.url).port);
    for (const entry of [...logs.body, ...warnings.body]) {
      expect(entry.message).not.toMatch(/127\.0\.0\.1|localhost|::1|https?:\/\//);
      for (const port of ports) expect(entry.message).not.toMatch(new RegExp(`\\b${port}\\b`));
      expect(entry.message).not.toMatch(/\b(select|insert into|update \S+ set|delete from)\b/i);
      expect(entry.message).not.toContain(title);
    }
  });
});
