import { PREFLIGHT_HEADER } from '../gateway/client-messages';
import { requestJson, type JsonResponse } from './support/http';
import { basic, ingestHook, owncastClient, type OwncastClient } from './support/streaming';
import { startSystem, type TestSystem } from './support/system';

/**
 * HTTP caching of public reads, over real HTTP through the whole system:
 * the subgraphs' @cacheControl hints become the Cache-Control of /graphql and
 * of the REST routes (the gateway narrows an operation to its strictest
 * subgraph answer), the public REST GETs carry an ETag, and If-None-Match is
 * answered 304 with no body until the data changes.
 */
const STREAM_KEY = 'http-caching-test-key';
const admin = basic(STREAM_KEY);
const OTHER_SITE = 'http://elsewhere.example';

let system: TestSystem;
let owncast: OwncastClient;
beforeAll(async () => {
  system = await startSystem({ env: { STREAM_KEY } });
  owncast = owncastClient(system.gatewayUrl);
});
afterAll(() => system.stop());

function get(path: string, headers: Record<string, string> = {}): Promise<JsonResponse> {
  return requestJson(`${system.gatewayUrl}${path}`, { headers });
}

/** A raw answer, for the 304s (no body to parse). */
async function getRaw(path: string, headers: Record<string, string>): Promise<{ status: number; headers: Headers; text: string }> {
  const response = await fetch(`${system.gatewayUrl}${path}`, { headers });
  return { status: response.status, headers: response.headers, text: await response.text() };
}

function graphql(query: string, headers: Record<string, string> = {}): Promise<JsonResponse<{ data?: unknown; errors?: unknown[] }>> {
  return requestJson(`${system.gatewayUrl}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify({ query }),
  });
}

describe('Cache-Control of GraphQL operations (the subgraphs hint, the gateway narrows)', () => {
  it('gives a public operation of one subgraph that field’s max-age, over POST and GET', async () => {
    const posted = await graphql('{ publicSettings { siteName } }');
    expect(posted.status).toBe(200);
    expect(posted.headers.get('cache-control')).toBe('max-age=60, public');
    const query = encodeURIComponent('{ publicSettings { siteName } }');
    const fetched = await get(`/graphql?query=${query}`, { [PREFLIGHT_HEADER]: '1' });
    expect(fetched.status).toBe(200);
    expect(fetched.headers.get('cache-control')).toBe('max-age=60, public');
  });

  it('narrows an operation over two subgraphs to the smaller max-age (60 s admin, 2 s streaming)', async () => {
    const response = await graphql('{ publicSettings { siteName } streamStatus { online viewerCount } }');
    expect(response.status).toBe(200);
    expect(response.body.errors).toBeUndefined();
    expect(response.headers.get('cache-control')).toBe('max-age=2, public');
  });

  it('keeps nested public objects cacheable (inheritMaxAge)', async () => {
    const response = await graphql('{ instanceDetails { name socialHandles { platform } externalActions { url } } }');
    expect(response.headers.get('cache-control')).toBe('max-age=30, public');
  });

  it('answers no-store as soon as the operation reads anything not hinted public', async () => {
    // me is per caller: one such field makes the whole answer uncacheable, public fields beside it included.
    const mixed = await graphql('{ publicSettings { siteName } me { id } }');
    expect(mixed.status).toBe(200);
    expect(mixed.headers.get('cache-control')).toBe('no-store');
    const adminOnly = await graphql('{ adminStreamStatus { online } }', { authorization: admin });
    expect(adminOnly.body.errors).toBeUndefined();
    expect(adminOnly.headers.get('cache-control')).toBe('no-store');
  });

  it('answers no-store for an answer with errors, even of public fields', async () => {
    // The directory is off by default: directoryListing is NOT_FOUND.
    const response = await graphql('{ directoryListing { name } }');
    expect(response.body.errors).toHaveLength(1);
    expect(response.headers.get('cache-control')).toBe('no-store');
  });
});

describe('public REST GETs: Cache-Control, ETag and 304', () => {
  it.each([
    ['P1', '/api/settings/public', 'max-age=60, public'],
    ['O1', '/api/config', 'max-age=30, public'],
    ['O2', '/api/status', 'max-age=2, public'],
    ['O3', '/api/chat', 'no-store'],
    ['O5', '/api/emoji', 'max-age=30, public'],
    ['logo', '/logo', 'max-age=30, public'],
  ])('%s %s: %s, an ETag, and 304 with no body for If-None-Match', async (_id, path, cacheControl) => {
    const first = await getRaw(path, {});
    expect(first.status).toBe(200);
    expect(first.headers.get('cache-control')).toBe(cacheControl);
    const tag = first.headers.get('etag');
    expect(tag).toMatch(/^"[^"]+"$/);
    const again = await getRaw(path, { 'if-none-match': tag! });
    expect(again.status).toBe(304);
    expect(again.text).toBe('');
    expect(again.headers.get('etag')).toBe(tag);
    expect(again.headers.get('cache-control')).toBe(cacheControl);
  });

  it('answers 304 to a list of tags or a weak tag that names the current one', async () => {
    const tag = (await getRaw('/api/config', {})).headers.get('etag')!;
    expect((await getRaw('/api/config', { 'if-none-match': `"something-else", ${tag}` })).status).toBe(304);
    expect((await getRaw('/api/config', { 'if-none-match': `W/${tag}` })).status).toBe(304);
    expect((await getRaw('/api/config', { 'if-none-match': '"something-else"' })).status).toBe(200);
  });

  it('answers 200 with the body to a request without If-None-Match, or with a tag of other data', async () => {
    const tag = (await getRaw('/api/config', {})).headers.get('etag')!;
    const plain = await getRaw('/api/config', {});
    expect(plain.status).toBe(200);
    expect(JSON.parse(plain.text)).toMatchObject({ name: expect.any(String) });
    expect((await getRaw('/api/settings/public', { 'if-none-match': tag })).status).toBe(200);
  });

  it('gives changed data a new ETag and a 200 with the new body (stream goes online)', async () => {
    const before = await getRaw('/api/status', {});
    const tag = before.headers.get('etag')!;
    expect(JSON.parse(before.text)).toMatchObject({ online: false });
    expect((await ingestHook(owncast, 'on_publish', STREAM_KEY)).status).toBe(200);
    const after = await getRaw('/api/status', { 'if-none-match': tag });
    expect(after.status).toBe(200);
    expect(JSON.parse(after.text)).toMatchObject({ online: true });
    expect(after.headers.get('etag')).not.toBe(tag);
    expect((await getRaw('/api/status', { 'if-none-match': after.headers.get('etag')! })).status).toBe(304);
    expect((await ingestHook(owncast, 'on_publish_done', STREAM_KEY)).status).toBe(200);
  });

  it('gives changed data a new ETag and a 200 with the new body (admin renames the server)', async () => {
    const before = await getRaw('/api/config', {});
    const tag = before.headers.get('etag')!;
    const renamed = await owncast.post('/api/admin/config/name', { value: 'Renamed for the cache test' }, admin);
    expect(renamed.status).toBe(200);
    const after = await getRaw('/api/config', { 'if-none-match': tag });
    expect(after.status).toBe(200);
    expect(JSON.parse(after.text)).toMatchObject({ name: 'Renamed for the cache test' });
    expect(after.headers.get('etag')).not.toBe(tag);
  });

  it('gives an error answer of a public route neither an ETag nor a 304, and no-store (O4 with the directory off)', async () => {
    const first = await getRaw('/api/yp', {});
    expect(first.status).toBe(404);
    expect(first.headers.get('etag')).toBeNull();
    expect(first.headers.get('cache-control')).toBe('no-store');
    const again = await getRaw('/api/yp', { 'if-none-match': '*' });
    expect(again.status).toBe(404);
  });

  it('serves O4 with the viewer counts’ max-age once the directory is on', async () => {
    expect((await owncast.post('/api/admin/config/directoryenabled', { value: true }, admin)).status).toBe(200);
    const response = await getRaw('/api/yp', {});
    expect(response.status).toBe(200);
    expect(response.headers.get('cache-control')).toBe('max-age=2, public');
    expect((await getRaw('/api/yp', { 'if-none-match': response.headers.get('etag')! })).status).toBe(304);
  });
});

describe('private REST reads carry no public caching', () => {
  it.each([
    ['O6', '/api/admin/status'],
    ['O12', '/api/admin/serverconfig'],
  ])('%s %s: no-store and no ETag', async (_id, path) => {
    const response = await get(path, { authorization: admin });
    expect(response.status).toBe(200);
    expect(response.headers.get('cache-control')).toBe('no-store');
    expect(response.headers.get('etag')).toBeNull();
  });

  it('a refused private read is not cacheable either', async () => {
    const response = await get('/api/admin/status');
    expect(response.status).toBe(401);
    expect(response.headers.get('cache-control')).not.toMatch(/public|max-age=[1-9]/);
    expect(response.headers.get('etag')).toBeNull();
  });
});

describe('CORS with validators', () => {
  it('lets any page read a 304 of a public route and its ETag', async () => {
    const first = await getRaw('/api/status', { origin: OTHER_SITE });
    expect(first.headers.get('access-control-allow-origin')).toBe('*');
    expect(first.headers.get('access-control-expose-headers')).toMatch(/\betag\b/);
    const again = await getRaw('/api/status', { origin: OTHER_SITE, 'if-none-match': first.headers.get('etag')! });
    expect(again.status).toBe(304);
    expect(again.headers.get('access-control-allow-origin')).toBe('*');
  });

  it('allows If-None-Match in a preflight of a public route', async () => {
    const response = await fetch(`${system.gatewayUrl}/api/status`, {
      method: 'OPTIONS',
      headers: { origin: OTHER_SITE, 'access-control-request-method': 'GET', 'access-control-request-headers': 'if-none-match' },
    });
    expect(response.status).toBeLessThan(300);
    expect(response.headers.get('access-control-allow-origin')).toBe('*');
    expect(response.headers.get('access-control-allow-headers')).toMatch(/\bif-none-match\b/);
  });
});
