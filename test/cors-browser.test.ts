import type { Page } from 'playwright-core';
import { describeInBrowser, launchBrowser, servePage, type PageServer, type TestBrowser } from './support/browser';
import { requestJson } from './support/http';
import { basic, bearer, owncastClient } from './support/streaming';
import { startSystem, type TestSystem } from './support/system';
import { within } from './support/wait';

/**
 * CORS, as a browser enforces it: pages on other origins (other ports of
 * 127.0.0.1) call the gateway with fetch in headless Chromium, and the test
 * checks what each page could read. One origin is in ALLOWED_ORIGINS (it may
 * call everything, with the session cookie); the other is not (it may read
 * only the public read routes, and never with credentials).
 */
const STREAM_KEY = 'cors-test-stream-key';
const ADMIN = { email: 'cors-admin@example.com', password: 'cors admin password 1' };
const CHAT_TEXT = 'hello from the cors test';

/** The page both origins serve: it runs the same probes and shows what it could read. */
const PROBE_PAGE = `<!doctype html>
<html><head><meta charset="utf-8"><title>Cross-origin probe</title>
<style>body{font:14px sans-serif;margin:16px}td,th{border:1px solid #999;padding:4px 8px;vertical-align:top}
.read{background:#dfd}.blocked{background:#fdd}pre{margin:0;white-space:pre-wrap;max-width:820px}</style></head>
<body><h1>Page on <span id="origin"></span></h1><p>Gateway: <span id="gateway"></span></p>
<table><thead><tr><th>probe</th><th>result</th></tr></thead><tbody id="results"></tbody></table>
<script>
document.getElementById('origin').textContent = location.origin;
const json = { 'content-type': 'application/json' };
const graphql = (query, variables) => JSON.stringify({ query, variables });
async function probe(name, url, init) {
  try {
    const response = await fetch(url, init);
    const text = await response.text();
    let body = text;
    try { body = JSON.parse(text); } catch (error) { /* not JSON */ }
    return { name, read: true, status: response.status, body, requestId: response.headers.get('x-request-id') };
  } catch (error) {
    return { name, read: false, error: String(error) };
  }
}
window.runProbes = async (gateway, login) => {
  document.getElementById('gateway').textContent = gateway;
  const results = [
    await probe('graphql', gateway + '/graphql', { method: 'POST', headers: json, body: graphql('{ publicSettings { siteName } }') }),
    await probe('chat', gateway + '/api/chat'),
    await probe('chatWithCredentials', gateway + '/api/chat', { credentials: 'include' }),
    await probe('badApiKey', gateway + '/graphql', { method: 'POST', headers: { ...json, authorization: 'Bearer prapi_not-a-key' }, body: graphql('{ me { id } }') }),
    await probe('invalidBody', gateway + '/api/auth/login', { method: 'POST', headers: json, body: '{"email": 1}' }),
    await probe('login', gateway + '/graphql', {
      method: 'POST', credentials: 'include', headers: json,
      body: graphql('mutation($e: String!, $p: String!) { login(email: $e, password: $p) { csrfToken } }', { e: login.email, p: login.password }),
    }),
    await probe('me', gateway + '/graphql', { method: 'POST', credentials: 'include', headers: json, body: graphql('{ me { username email } }') }),
    await probe('meViaSimpleGet', gateway + '/graphql?query=' + encodeURIComponent('{ me { username } }'), { credentials: 'include' }),
  ];
  const rows = document.getElementById('results');
  for (const result of results) {
    const row = rows.insertRow();
    row.className = result.read ? 'read' : 'blocked';
    row.insertCell().textContent = result.name;
    const cell = row.insertCell().appendChild(document.createElement('pre'));
    cell.textContent = result.read ? result.status + ' ' + JSON.stringify(result.body) : 'blocked: ' + result.error;
  }
  return results;
};
</script></body></html>`;

interface ProbeResult {
  name: string;
  read: boolean;
  status?: number;
  body?: unknown;
  requestId?: string | null;
  error?: string;
}

/** The page's global scope (the tests compile without the DOM library). */
interface ProbeWindow {
  runProbes(gateway: string, login: { email: string; password: string }): Promise<ProbeResult[]>;
}

describeInBrowser('CORS in a real browser', () => {
  let system: TestSystem;
  let browser: TestBrowser;
  let listed: PageServer;
  let unlisted: PageServer;

  beforeAll(async () => {
    listed = await servePage(PROBE_PAGE);
    unlisted = await servePage(PROBE_PAGE);
    system = await startSystem({ allowedOrigins: [listed.origin], env: { STREAM_KEY, ADMIN_EMAIL: ADMIN.email, ADMIN_PASSWORD: ADMIN.password } });
    // One visible chat message, so the chat history a page reads is not empty.
    const owncast = owncastClient(system.gatewayUrl);
    const created = await owncast.post<{ token: string }>(
      '/api/admin/accesstokens/create',
      { name: 'cors bot', scopes: ['CAN_SEND_MESSAGES'] },
      basic(STREAM_KEY),
    );
    expect(created.status).toBe(200);
    expect((await owncast.post('/api/integrations/chat/user', { user: 'corsbot', body: CHAT_TEXT }, bearer(created.body.token))).status).toBe(200);
    browser = await launchBrowser();
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await system?.stop();
    await listed?.close();
    await unlisted?.close();
  });

  async function probesFrom(origin: string, screenshot: string): Promise<Record<string, ProbeResult>> {
    const page: Page = await browser.context.newPage();
    try {
      await page.goto(`${origin}/`);
      const results = await within(
        page.evaluate(([gateway, login]) => (globalThis as unknown as ProbeWindow).runProbes(gateway, login), [system.gatewayUrl, ADMIN] as const),
        `the probes of ${origin}`,
        30_000,
      );
      await page.screenshot({ path: screenshot, fullPage: true });
      return Object.fromEntries(results.map((result: ProbeResult) => [result.name, result]));
    } finally {
      await page.close();
    }
  }

  function chatTexts(result: ProbeResult | undefined): string[] {
    expect(Array.isArray(result?.body)).toBe(true);
    return (result!.body as { body: string }[]).map((message) => message.body);
  }

  test('a listed origin reads GraphQL, chat, error answers and its own session', async () => {
    const probes = await probesFrom(listed.origin, '/tmp/cors-listed.png');
    expect(probes.graphql).toMatchObject({ read: true, status: 200, body: { data: { publicSettings: { siteName: expect.any(String) } } } });
    expect(probes.chat).toMatchObject({ read: true, status: 200 });
    expect(chatTexts(probes.chat).join('\n')).toContain(CHAT_TEXT);
    expect(probes.chatWithCredentials).toMatchObject({ read: true, status: 200 });
    // Error answers carry the CORS headers too, so the page can show why it was refused.
    expect(probes.badApiKey).toMatchObject({ read: true, status: 401, body: { errors: [expect.objectContaining({ message: expect.any(String) })] } });
    expect(probes.invalidBody).toMatchObject({ read: true, status: 400 });
    // Exposed headers are readable.
    expect(probes.graphql!.requestId).toEqual(expect.any(String));
    // The session cookie set by the cross-origin login comes back on the next credentialed request.
    expect(probes.login).toMatchObject({ read: true, status: 200, body: { data: { login: { csrfToken: expect.any(String) } } } });
    expect(probes.me).toMatchObject({ read: true, status: 200, body: { data: { me: { email: ADMIN.email } } } });
  });

  test('an unlisted origin reads only the public read routes, and never with credentials', async () => {
    // The listed origin's login (previous test, same browser profile) left the session cookie in the browser.
    const cookies = await browser.context.cookies(system.gatewayUrl);
    expect(cookies.map((cookie) => cookie.name)).toContain('session');

    const probes = await probesFrom(unlisted.origin, '/tmp/cors-unlisted.png');
    expect(probes.chat).toMatchObject({ read: true, status: 200 });
    expect(chatTexts(probes.chat).join('\n')).toContain(CHAT_TEXT);
    for (const name of ['graphql', 'chatWithCredentials', 'badApiKey', 'invalidBody', 'login', 'me', 'meViaSimpleGet']) {
      expect({ name, read: probes[name]?.read, error: probes[name]?.error }).toEqual({ name, read: false, error: expect.stringContaining('Failed to fetch') });
    }
  });

  test('preflights: answered for a listed origin, refused for an unlisted one on a private route', async () => {
    const preflight = (origin: string, path: string, method: string) =>
      requestJson(`${system.gatewayUrl}${path}`, {
        method: 'OPTIONS',
        headers: { origin, 'access-control-request-method': method, 'access-control-request-headers': 'content-type,x-csrf-token' },
      });
    const allowed = await preflight(listed.origin, '/graphql', 'POST');
    expect(allowed.status).toBe(204);
    expect(allowed.headers.get('access-control-allow-origin')).toBe(listed.origin);
    expect(allowed.headers.get('access-control-allow-credentials')).toBe('true');
    expect(allowed.headers.get('access-control-allow-methods')).toContain('POST');
    expect(allowed.headers.get('access-control-allow-headers')).toContain('x-csrf-token');
    expect(allowed.headers.get('vary')).toContain('Origin');

    const refused = await preflight(unlisted.origin, '/graphql', 'POST');
    expect(refused.headers.get('access-control-allow-origin')).toBeNull();
    expect(refused.headers.get('access-control-allow-credentials')).toBeNull();

    const publicRead = await preflight(unlisted.origin, '/api/status', 'GET');
    expect(publicRead.status).toBe(204);
    expect(publicRead.headers.get('access-control-allow-origin')).toBe('*');
    expect(publicRead.headers.get('access-control-allow-credentials')).toBeNull();
    expect(publicRead.headers.get('access-control-allow-methods')).toBe('GET, HEAD');
  });
});
