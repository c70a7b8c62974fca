import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import SwaggerParser from '@apidevtools/swagger-parser';
import Ajv from 'ajv';
import type { OpenAPIV3 } from 'openapi-types';
import { API_KEY_SCOPES } from '../common/authorization';
import { PROJECT_ROOT } from '../common/paths';
import { REDOC_ASSET_DIR } from '../rest-compat/openapi/redoc';
import { SCOPES_EXTENSION } from '../rest-compat/openapi/document';
import { describeInBrowser, launchBrowser, type TestBrowser } from './support/browser';
import { requestJson, restCaller } from './support/http';
import { IdentityClient } from './support/identity';
import { ADMIN, createApiKey, login, type Session } from './support/platform';
import { hostWithToken } from './support/social';
import { basic, bearer, owncastClient } from './support/streaming';
import { startSystem, type TestSystem } from './support/system';

/**
 * The OpenAPI document a client generator reads (/openapi.json): valid by a
 * real OpenAPI validator, every operation with its success and error
 * responses, real answers matching the documented schemas, the documented
 * scopes matching what the services enforce, and /redoc rendering it offline.
 */
const STREAM_KEY = 'openapi-test-stream-key';

let system: TestSystem;
let document: OpenAPIV3.Document;
let admin: Session;
const client = new IdentityClient();
// OpenAPI 3.0 schemas: `nullable` is a keyword Ajv knows; formats are not checked here.
const ajv = new Ajv({ strict: false, validateFormats: false });

beforeAll(async () => {
  // `npm test` builds first; a single test file run copies Redoc itself (before the gateway starts, which looks for it once).
  if (!existsSync(path.join(REDOC_ASSET_DIR, 'redoc.standalone.js'))) execFileSync(process.execPath, [path.join(PROJECT_ROOT, 'scripts', 'build-redoc.js')]);
  system = await startSystem({ env: { STREAM_KEY, ADMIN_EMAIL: ADMIN.email, ADMIN_PASSWORD: ADMIN.password } });
  client.baseUrl = system.gatewayUrl;
  admin = await login(client, ADMIN.email, ADMIN.password);
  const response = await requestJson<OpenAPIV3.Document>(`${system.gatewayUrl}/openapi.json`);
  expect(response.status).toBe(200);
  document = response.body;
}, 180_000);
afterAll(async () => {
  await system?.stop();
});

function operations(): { path: string; method: string; operation: OpenAPIV3.OperationObject }[] {
  return Object.entries(document.paths).flatMap(([path, item]) =>
    Object.entries(item ?? {}).map(([method, operation]) => ({ path, method, operation: operation as OpenAPIV3.OperationObject })),
  );
}

function operationById(id: string): { path: string; method: string; operation: OpenAPIV3.OperationObject } {
  const found = operations().find((entry) => entry.operation.operationId === id);
  if (!found) throw new Error(`no operation ${id} in the document`);
  return found;
}

/** The JSON schema documented for one status of an operation, following a $ref into components.responses. */
function documentedSchema(id: string, status: number): Record<string, unknown> {
  let response = operationById(id).operation.responses[String(status)];
  if (!response) throw new Error(`${id} documents no ${status} response`);
  if ('$ref' in response) response = document.components!.responses![response.$ref.split('/').pop()!] as OpenAPIV3.ResponseObject;
  const schema = response.content?.['application/json']?.schema;
  if (!schema) throw new Error(`${id} ${status} documents no JSON body`);
  return schema as Record<string, unknown>;
}

/** The one 2xx status an operation documents. */
function successStatus(id: string): number {
  const statuses = Object.keys(operationById(id).operation.responses).filter((status) => status.startsWith('2'));
  return Number(statuses[0]);
}

function expectMatches(id: string, status: number, body: unknown): void {
  const validate = ajv.compile(documentedSchema(id, status));
  const valid = validate(body);
  if (!valid) throw new Error(`${id} ${status}: ${ajv.errorsText(validate.errors)} in ${JSON.stringify(body).slice(0, 400)}`);
}

describe('the document', () => {
  test('is valid OpenAPI 3.0 by @apidevtools/swagger-parser, and that check catches a broken document', async () => {
    await expect(SwaggerParser.validate(structuredClone(document) as OpenAPIV3.Document)).resolves.toBeDefined();
    const broken = structuredClone(document);
    const first = operations()[0]!;
    delete (broken.paths[first.path] as Record<string, unknown>)[first.method];
    (broken.paths[first.path] as Record<string, OpenAPIV3.OperationObject>)[first.method] = {
      ...first.operation,
      responses: { 200: { content: {} } } as unknown as OpenAPIV3.ResponsesObject,
    };
    await expect(SwaggerParser.validate(broken as OpenAPIV3.Document)).rejects.toThrow(/description/);
  });

  test('names its server and gives every operation a success response and its family’s error responses', () => {
    expect(document.servers).toEqual([expect.objectContaining({ url: '/' })]);
    expect(operations().length).toBeGreaterThan(100);
    for (const { path, method, operation } of operations()) {
      const statuses = Object.keys(operation.responses);
      const success = statuses.filter((status) => status.startsWith('2'));
      expect([`${method} ${path}`, success.length]).toEqual([`${method} ${path}`, 1]);
      const answer = operation.responses[success[0]!] as OpenAPIV3.ResponseObject;
      if (success[0] !== '204') expect([`${method} ${path}`, Object.keys(answer.content ?? {})]).toEqual([`${method} ${path}`, [expect.any(String)]]);
      const errors = statuses.filter((status) => !status.startsWith('2'));
      expect(errors).toEqual(expect.arrayContaining(['400', '404', '500']));
      const prefixes = new Set(errors.map((status) => ((operation.responses[status] as OpenAPIV3.ReferenceObject).$ref ?? '').replace(/Error\d+$/, '')));
      expect(prefixes.size).toBe(1);
    }
  });

  test('lists the API-key scopes and ban fields where keys are created', () => {
    const body = operationById('P6').operation.requestBody as OpenAPIV3.RequestBodyObject;
    const properties = (body.content['application/json']!.schema as OpenAPIV3.SchemaObject).properties!;
    expect(((properties.scopes as OpenAPIV3.ArraySchemaObject).items as OpenAPIV3.SchemaObject).enum).toEqual([...API_KEY_SCOPES]);
    expect((properties.banFields as OpenAPIV3.SchemaObject).description).toMatch(/bans API/);
  });
});

describe('real answers match the documented schemas', () => {
  test('success answers of every family', async () => {
    const owncast = owncastClient(system.gatewayUrl);
    const adminHeaders = { cookie: admin.cookie, 'x-csrf-token': admin.csrf };
    const category = await client.call<{ data: { category: { id: string } } }>('POST', '/api/tickets/categories', {
      headers: adminHeaders,
      body: { name: 'OpenAPI', description: 'documented', color: '#112233', responderRoleIds: [], viewerRoleIds: [] },
    });
    expect(category.status).toBe(successStatus('P22'));
    expectMatches('P22', category.status, category.body);
    const ticket = await client.call<{ data: { ticket: { id: string } } }>('POST', '/api/tickets', {
      headers: adminHeaders,
      body: { title: 'Documented', categoryId: category.body.data.category.id, message: 'first message' },
    });
    expect(ticket.status).toBe(successStatus('P17'));
    expectMatches('P17', ticket.status, ticket.body);
    // One at a time, as a client would call them.
    const cases: [string, () => Promise<{ status: number; body: unknown }>][] = [
      ['P1', () => client.call('GET', '/api/settings/public')],
      ['P-session', () => client.call('GET', '/api/auth/session', { headers: { cookie: admin.cookie } })],
      ['P5', () => client.call('GET', '/api/admin/tokens', { headers: { cookie: admin.cookie } })],
      ['P16', () => client.call('GET', '/api/tickets', { headers: { cookie: admin.cookie } })],
      ['P16', () => client.call('GET', `/api/tickets?ticketId=${ticket.body.data.ticket.id}`, { headers: { cookie: admin.cookie } })],
      ['P21', () => client.call('GET', '/api/tickets/categories', { headers: { cookie: admin.cookie } })],
      ['O1', () => owncast.get('/api/config')],
      ['O2', () => owncast.get('/api/status')],
      ['O3', () => owncast.get('/api/chat')],
      ['O6', () => owncast.get('/api/admin/status', basic(STREAM_KEY))],
      ['O12', () => owncast.get('/api/admin/serverconfig', basic(STREAM_KEY))],
      ['O44', () => owncast.get('/api/admin/accesstokens', basic(STREAM_KEY))],
    ];
    const call = restCaller(() => system.gatewayUrl);
    const host = await call<{ uuid: string }>('POST', '/hosts');
    cases.push(['F1', async () => host]);
    const hostToken = await call<{ token: string }>('GET', `/hosts/${host.body.uuid}/access_token`);
    cases.push(['F2', async () => hostToken], ['F4', () => call('GET', `/hosts/${host.body.uuid}`, { token: hostToken.body.token })]);
    const registered = await call('POST', '/v1/auth/register', {
      body: { email: 'documented@example.com', username: 'documented', password: 'documented password 1' },
    });
    cases.push(['G17', async () => registered]);
    const tokens = await call<{ access_token: string }>('POST', '/v1/auth/login', {
      body: { email: 'documented@example.com', password: 'documented password 1' },
    });
    cases.push(['G14', async () => tokens]);
    const resource = await call('POST', '/v1/resources', { token: tokens.body.access_token, body: { name: 'documented', type: 'document' } });
    cases.push(['G3', async () => resource], ['G1', () => call('GET', '/v1/resources', { token: tokens.body.access_token })]);
    cases.push(['G6', () => call('GET', '/v1/users/me', { token: tokens.body.access_token })]);
    for (const [id, run] of cases) {
      const response = await run();
      expect([id, response.status, response.body]).toEqual([id, successStatus(id), expect.anything()]);
      expectMatches(id, response.status, response.body);
    }
  });

  test('error answers of every family', async () => {
    const owncast = owncastClient(system.gatewayUrl);
    const call = restCaller(() => system.gatewayUrl);
    const host = await hostWithToken(system.gatewayUrl);
    const cases: [string, number, Promise<{ status: number; body: unknown }>][] = [
      ['P16', 401, client.call('GET', '/api/tickets')],
      ['P17', 400, client.call('POST', '/api/tickets', { headers: { cookie: admin.cookie, 'x-csrf-token': admin.csrf }, body: { title: 5 } })],
      ['O6', 401, owncast.get('/api/admin/status')],
      ['O42', 400, owncast.postRaw('/api/admin/accesstokens/create', '{', 'application/json', basic(STREAM_KEY))],
      ['F4', 401, requestJson(`${system.gatewayUrl}/hosts/00000000-0000-4000-8000-000000000000`)],
      ['F5', 422, call('PUT', `/hosts/${host.uuid}/only_friends`, { token: host.token, body: { only_friends: 'sometimes' } })],
      ['G1', 401, requestJson(`${system.gatewayUrl}/v1/resources`)],
      ['G14', 400, requestJson(`${system.gatewayUrl}/v1/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' })],
    ];
    for (const [id, status, call] of cases) {
      const response = await call;
      if (response.status !== status) throw new Error(`${id}: expected ${status}, got ${response.status} ${JSON.stringify(response.body)}`);
      expectMatches(id, status, response.body);
    }
  });
});

describe('documented scopes are the ones the services enforce', () => {
  const createKey = async (scopes: string[]) => (await createApiKey(client, admin, { displayName: `scopes ${scopes.join(' ')}`.slice(0, 100), scopes })).secret;

  /** GET operations that take this credential and need no parameter: callable as they are. */
  function plainReads(scheme: string): { id: string; url: string; scopes: string[] }[] {
    return operations()
      .filter(({ method, operation }) => method === 'get' && !(operation.parameters ?? []).some((parameter) => 'required' in parameter && parameter.required))
      .flatMap(({ path, operation }) => {
        const scopes = (operation as unknown as Record<string, Record<string, string[]> | undefined>)[SCOPES_EXTENSION]?.[scheme];
        return scopes ? [{ id: operation.operationId!, url: path, scopes }] : [];
      });
  }

  test('every route that takes API keys or access tokens documents its scopes', () => {
    for (const { operation } of operations()) {
      const schemes = (operation.security ?? []).flatMap((requirement) => Object.keys(requirement));
      const scopes = (operation as unknown as Record<string, Record<string, string[]> | undefined>)[SCOPES_EXTENSION] ?? {};
      for (const scheme of ['apiKey', 'accessToken']) {
        if (schemes.includes(scheme)) expect([operation.operationId, scopes[scheme]?.length]).toEqual([operation.operationId, 1]);
      }
    }
  });

  test('API keys: the documented scope is allowed, every other scope is refused', async () => {
    const reads = plainReads('apiKey');
    expect(reads.map((read) => read.id)).toEqual(expect.arrayContaining(['P16', 'P2', 'P9']));
    for (const { id, url, scopes } of reads) {
      const allowed = await client.call('GET', url, { headers: { authorization: bearer(await createKey(scopes)) } });
      expect([id, allowed.status]).toEqual([id, 200]);
      const others = API_KEY_SCOPES.filter((scope) => !scopes.includes(scope));
      const refused = await client.call<{ error: { message: string } }>('GET', url, { headers: { authorization: bearer(await createKey(others)) } });
      expect([id, refused.status, refused.body.error.message]).toEqual([id, 403, expect.stringContaining(scopes[0]!)]);
    }
  });

  test('a write route documents the write scope, and a read-only key is refused it', async () => {
    const { operation } = operationById('P22');
    expect((operation as unknown as Record<string, Record<string, string[]>>)[SCOPES_EXTENSION]!.apiKey).toEqual(['tickets:write']);
    const readKey = await createKey(['tickets:read']);
    const refused = await client.call<{ error: { message: string } }>('POST', '/api/tickets/categories', {
      headers: { authorization: bearer(readKey) },
      body: { name: 'Refused', color: '#445566', responderRoleIds: [], viewerRoleIds: [] },
    });
    expect([refused.status, refused.body.error.message]).toEqual([403, expect.stringContaining('tickets:write')]);
  });

  test('Owncast access tokens: the documented scope is allowed, the other scopes are refused', async () => {
    const owncast = owncastClient(system.gatewayUrl);
    const all = ['CAN_SEND_MESSAGES', 'CAN_SEND_SYSTEM_MESSAGES', 'HAS_ADMIN_ACCESS'];
    const token = async (scopes: string[]) =>
      (await owncast.post<{ token: string }>('/api/admin/accesstokens/create', { name: 'doc', scopes }, basic(STREAM_KEY))).body.token;
    const reads = plainReads('accessToken');
    expect(reads.map((read) => read.id)).toEqual(expect.arrayContaining(['O48', 'O49']));
    for (const { id, url, scopes } of reads) {
      const allowed = await owncast.get(url, bearer(await token(scopes)));
      expect([id, allowed.status]).toEqual([id, 200]);
      const refused = await owncast.get(url, bearer(await token(all.filter((scope) => !scopes.includes(scope)))));
      expect([id, [401, 403].includes(refused.status)]).toEqual([id, true]);
    }
    const { operation } = operationById('O40');
    const systemScope = (operation as unknown as Record<string, Record<string, string[]>>)[SCOPES_EXTENSION]!.accessToken!;
    expect(systemScope).toEqual(['CAN_SEND_SYSTEM_MESSAGES']);
    const sent = await owncast.post('/api/integrations/chat/system', { body: 'documented' }, bearer(await token(systemScope)));
    expect(sent.status).toBe(200);
    const refused = await owncast.post(
      '/api/integrations/chat/system',
      { body: 'refused' },
      bearer(await token(all.filter((scope) => !systemScope.includes(scope)))),
    );
    expect([401, 403]).toContain(refused.status);
  });
});

describeInBrowser('/redoc in a real browser', () => {
  let browser: TestBrowser;
  beforeAll(async () => {
    browser = await launchBrowser();
  }, 60_000);
  afterAll(async () => {
    await browser?.close();
  });

  test('renders the document from local files only', async () => {
    const page = await browser.context.newPage();
    const foreign: string[] = [];
    const errors: string[] = [];
    await page.route('**/*', (route) => {
      const url = route.request().url();
      // Redoc's search runs in a worker made from a blob: of the page itself.
      if (url.startsWith(system.gatewayUrl) || url.startsWith(`blob:${system.gatewayUrl}`)) return route.continue();
      foreign.push(url);
      return route.abort();
    });
    page.on('pageerror', (error) => errors.push(error.message));
    const response = await page.goto(`${system.gatewayUrl}/redoc`, { waitUntil: 'domcontentloaded', timeout: 90_000 });
    expect(response?.status()).toBe(200);
    expect(response?.headers()['content-security-policy']).toContain("script-src 'self'");
    // The operation's heading in the middle column (the sidebar's entries are collapsed, so hidden).
    await page.locator('h2', { hasText: 'P16: Lists accessible support tickets' }).waitFor({ timeout: 90_000 });
    const text = await page.locator('body').innerText();
    expect(text).toContain('API keys need the scope tickets:read');
    expect(text).toContain('Streaming and chat API (Owncast 0.0.7)');
    expect(foreign).toEqual([]);
    expect(errors).toEqual([]);
    await page.close();
  }, 180_000);
});
