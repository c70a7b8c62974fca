import { existsSync } from 'node:fs';
import path from 'node:path';
import { getIntrospectionQuery } from 'graphql';
import type { Page } from 'playwright-core';
import { loadConfig } from '../common/config';
import { IDE_ASSET_DIR } from '../gateway/graphiql/assets';
import { IDE_ASSET_PREFIX } from '../gateway/graphiql/routes';
import { INTROSPECTION_SWITCH } from '../gateway/introspection';
import type { RunningGateway } from '../gateway/server';
import { buildGraphiql } from '../scripts/build-graphiql';
import { describeInBrowser, launchBrowser, type TestBrowser } from './support/browser';
import { postGraphQL, requestJson } from './support/http';
import { IdentityClient } from './support/identity';
import { ADMIN, createApiKey, login, type Session } from './support/platform';
import { startSystem, type TestSystem } from './support/system';
import { within } from './support/wait';

/**
 * The GraphQL IDE on /graphql (GraphiQL bundled from node_modules, served
 * from local files) and introspection in production: admins only, unless
 * GRAPHQL_INTROSPECTION is on, and a refusal that names that switch.
 */
const INTROSPECTION = '{ __schema { queryType { name } } }';
const MEMBER = { email: 'ide-member@example.com', password: 'ide member password 1' };

let system: TestSystem;
let admin: Session;
let member: Session;
/** An admin's key with users:read: its effective permissions include admin. */
let adminKey: string;
/** An admin's key with tickets:read only: no admin permission. */
let ticketsKey: string;
let openGateway: RunningGateway;
const client = new IdentityClient();

const createKey = async (scopes: string[]) => (await createApiKey(client, admin, { scopes })).secret;

beforeAll(async () => {
  // `npm test` builds first; a single test file run builds the bundle itself when it is missing.
  if (!existsSync(path.join(IDE_ASSET_DIR, 'ide.js'))) await buildGraphiql();
  system = await startSystem({ development: false, env: { ADMIN_EMAIL: ADMIN.email, ADMIN_PASSWORD: ADMIN.password } });
  client.baseUrl = system.gatewayUrl;
  admin = await login(client, ADMIN.email, ADMIN.password);
  const created = await client.graphql(
    'mutation($input: CreateUserInput!) { createUser(input: $input) { id } }',
    { input: { email: MEMBER.email, username: 'idemember', password: MEMBER.password } },
    { cookie: admin.cookie, 'x-csrf-token': admin.csrf },
  );
  expect(created.body.errors).toBeUndefined();
  member = await login(client, MEMBER.email, MEMBER.password);
  adminKey = await createKey(['users:read']);
  ticketsKey = await createKey(['tickets:read']);
  // A second production gateway over the same subgraphs, with GRAPHQL_INTROSPECTION=true.
  openGateway = await system.extraGateway({ introspection: true });
}, 180_000);
afterAll(async () => {
  await system?.stop();
});

describe('introspection in production', () => {
  test('anonymous callers, members and keys without admin are refused with the real switch named', async () => {
    const callers: Record<string, string>[] = [{}, { cookie: member.cookie }, { authorization: `Bearer ${ticketsKey}` }];
    for (const headers of callers) {
      const response = await postGraphQL(`${system.gatewayUrl}/graphql`, INTROSPECTION, {}, headers);
      expect(response.status).toBe(403);
      expect(response.body.data).toBeUndefined();
      const message = response.body.errors?.[0]?.message ?? '';
      expect(message).toContain(`${INTROSPECTION_SWITCH}=true`);
      expect(message).not.toMatch(/ApolloServer|introspection: true/);
      expect(response.body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    }
    // __type counts as introspection too, also inside a fragment; __typename does not.
    const viaFragment = await postGraphQL(`${system.gatewayUrl}/graphql`, 'query { ...F } fragment F on Query { __type(name: "User") { name } }');
    expect(viaFragment.status).toBe(403);
    const typename = await postGraphQL(`${system.gatewayUrl}/graphql`, '{ __typename publicSettings { siteName } }');
    expect(typename.body).toEqual({ data: { __typename: 'Query', publicSettings: { siteName: expect.any(String) } } });
  });

  test('admins may introspect, by session and by API key', async () => {
    const bySession = await postGraphQL(`${system.gatewayUrl}/graphql`, INTROSPECTION, {}, { cookie: admin.cookie });
    expect(bySession.body).toEqual({ data: { __schema: { queryType: { name: 'Query' } } } });
    const byKey = await postGraphQL(`${system.gatewayUrl}/graphql`, INTROSPECTION, {}, { authorization: `Bearer ${adminKey}` });
    expect(byKey.body).toEqual({ data: { __schema: { queryType: { name: 'Query' } } } });
  });

  test("the IDEs' full introspection query passes the operation limits; cyclic introspection does not", async () => {
    const full = await postGraphQL<{ __schema: { types: { name: string }[] } }>(
      `${system.gatewayUrl}/graphql`,
      getIntrospectionQuery({ inputValueDeprecation: true, schemaDescription: true }),
      {},
      { authorization: `Bearer ${adminKey}` },
    );
    expect(full.body.errors).toBeUndefined();
    expect(full.body.data?.__schema.types.map((type) => type.name)).toEqual(expect.arrayContaining(['Query', 'User']));
    const cyclic = await postGraphQL(
      `${system.gatewayUrl}/graphql`,
      '{ __schema { types { fields { type { fields { type { fields { name } } } } } } } }',
      {},
      { authorization: `Bearer ${adminKey}` },
    );
    expect(cyclic.status).toBe(400);
    expect(cyclic.body.errors?.[0]?.message).toMatch(/Maximum introspection depth exceeded/);
  });

  test('GRAPHQL_INTROSPECTION=true opens it to everyone; it defaults to on only in development', async () => {
    const anonymous = await postGraphQL(`${openGateway.url}/graphql`, INTROSPECTION);
    expect(anonymous.body).toEqual({ data: { __schema: { queryType: { name: 'Query' } } } });
    expect(loadConfig({}).graphqlIntrospection).toBe(false);
    expect(loadConfig({ APP_MODE: 'development' }).graphqlIntrospection).toBe(true);
    expect(loadConfig({ GRAPHQL_INTROSPECTION: 'true' }).graphqlIntrospection).toBe(true);
    expect(() => loadConfig({ GRAPHQL_INTROSPECTION: 'sometimes' })).toThrow(/GRAPHQL_INTROSPECTION must be true or false/);
  });
});

describe('the IDE page and its files', () => {
  test('a browser GET of /graphql gets the page; GraphQL over GET still works', async () => {
    const page = await fetch(`${system.gatewayUrl}/graphql`, { headers: { accept: 'text/html,application/xhtml+xml,*/*;q=0.8' } });
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toContain('text/html');
    expect(page.headers.get('content-security-policy')).toContain("script-src 'self'");
    const html = await page.text();
    expect(html).toContain(`<script type="module" src="${IDE_ASSET_PREFIX}ide.js"></script>`);
    expect(html).not.toMatch(/https?:\/\//);

    const script = await fetch(`${system.gatewayUrl}${IDE_ASSET_PREFIX}ide.js`);
    expect(script.status).toBe(200);
    expect(script.headers.get('content-type')).toContain('text/javascript');
    expect((await script.arrayBuffer()).byteLength).toBeGreaterThan(100_000);
    for (const file of ['editor.worker.js', 'json.worker.js', 'graphql.worker.js', 'ide.css']) {
      const asset = await fetch(`${system.gatewayUrl}${IDE_ASSET_PREFIX}${file}`);
      expect({ file, status: asset.status, size: (await asset.arrayBuffer()).byteLength > 1000 }).toEqual({ file, status: 200, size: true });
    }
    // Only files the build produced are served: no path escapes the bundle folder.
    for (const file of ['..%2Fpackage.json', '..%2F..%2Fpackage.json', 'nothing.js']) {
      const missing = await fetch(`${system.gatewayUrl}${IDE_ASSET_PREFIX}${file}`);
      expect({ file, status: missing.status, body: await missing.text() }).toEqual({ file, status: 404, body: expect.not.stringContaining('"name"') });
    }

    const overGet = await requestJson(`${system.gatewayUrl}/graphql?query=${encodeURIComponent('{ publicSettings { siteName } }')}`, {
      headers: { accept: 'application/json', 'apollo-require-preflight': 'true' },
    });
    expect(overGet.body).toEqual({ data: { publicSettings: { siteName: expect.any(String) } } });
  });
});

describeInBrowser('the IDE in a real browser', () => {
  let browser: TestBrowser;
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
  });

  /** Replaces the text of one of GraphiQL's Monaco editors, as a user pasting would. */
  async function setEditorText(page: Page, selector: string, text: string): Promise<void> {
    await page.locator(`${selector} .monaco-editor`).filter({ visible: true }).first().click();
    await page.keyboard.press('Control+A');
    await page.keyboard.press('Delete');
    await page.keyboard.insertText(text);
  }

  /** Runs in the page: whether GraphiQL's response pane shows `text` (the tests compile without the DOM library). */
  const responseShows = (text: string): boolean => {
    const { document } = globalThis as unknown as { document: { querySelector(selector: string): { textContent: string | null } | null } };
    return (document.querySelector('.graphiql-response')?.textContent ?? '').replace(/\u00a0/g, ' ').includes(text);
  };

  async function responseText(page: Page): Promise<string> {
    return (await page.locator('.graphiql-response').innerText()).replace(/\u00a0/g, ' ');
  }

  /** Runs the query editor's operation and waits for a response that contains `expected`. */
  async function run(page: Page, expected: string): Promise<string> {
    await page.locator('.graphiql-execute-button').click();
    await within(page.waitForFunction(responseShows, expected, { timeout: 30_000 }), `a response containing ${expected}`, 35_000);
    return responseText(page);
  }

  async function openIde(): Promise<{ page: Page; close(): Promise<void> }> {
    // Each test starts signed out.
    await browser.context.clearCookies();
    const page = await browser.context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    await page.goto(`${system.gatewayUrl}/graphql`);
    await page.locator('.graphiql-query-editor .monaco-editor').first().waitFor({ timeout: 30_000 });
    expect(errors).toEqual([]);
    return { page, close: () => page.close() };
  }

  test('signed out: the IDE loads and tells why the schema is missing; with an admin API key it runs queries', async () => {
    const { page, close } = await openIde();
    try {
      // Anonymous in production: the schema request is refused with the switch named.
      await within(page.waitForFunction(responseShows, INTROSPECTION_SWITCH, { timeout: 30_000 }), 'the introspection refusal in the response pane', 35_000);
      await setEditorText(page, '.graphiql-editor-tool', JSON.stringify({ authorization: `Bearer ${adminKey}` }));
      await setEditorText(page, '.graphiql-query-editor', '{ users(first: 5) { totalCount } }');
      const text = await run(page, '"totalCount"');
      expect(text).toMatch(/"totalCount": 2/);
    } finally {
      await close();
    }
  });

  test('signed in: the session cookie runs queries, and mutations carry the CSRF token', async () => {
    const { page, close } = await openIde();
    try {
      const [name, value] = admin.cookie.split('=', 2) as [string, string];
      await page.context().addCookies([{ name, value, url: system.gatewayUrl, httpOnly: true, sameSite: 'Lax' }]);
      await page.reload();
      await page.locator('.graphiql-query-editor .monaco-editor').first().waitFor({ timeout: 30_000 });
      await setEditorText(page, '.graphiql-query-editor', '{ me { username email } }');
      expect(await run(page, ADMIN.email)).toContain(`"email": "${ADMIN.email}"`);
      await setEditorText(page, '.graphiql-query-editor', 'mutation { updateMyProfile(input: { firstName: "Ada" }) { firstName } }');
      expect(await run(page, '"firstName"')).toContain('"firstName": "Ada"');
      await setEditorText(page, '.graphiql-query-editor', '{ me { username email firstName } }');
      await run(page, '"Ada"');
      await page.screenshot({ path: '/tmp/ide.png' });
    } finally {
      await close();
    }
  });
});
