import { requestJson } from './support/http';
import { useSystem } from './support/system';

const STREAM_KEY = 'foundation-stream-key';

const system = useSystem({ env: { STREAM_KEY } });

describe('P1 GET /api/settings/public', () => {
  it('answers in the platform envelope with the values stored in PostgreSQL', async () => {
    await system.sql(`update admin.settings set value = '"Game Night"' where key = 'siteName'`);
    const response = await requestJson(`${system.gatewayUrl}/api/settings/public`);
    expect(response.status).toBe(200);
    expect(response.body).toEqual({
      success: true,
      data: { settings: { siteName: 'Game Night', siteDescription: '', registrationOpen: true, supportEmail: null } },
      error: null,
    });
  });

  it('reads a stored value of the wrong type as its default', async () => {
    await system.sql(`update admin.settings set value = '"yes"' where key = 'registrationOpen'`);
    const response = await requestJson<{ data: { settings: { registrationOpen: unknown } } }>(`${system.gatewayUrl}/api/settings/public`);
    expect(response.body.data.settings.registrationOpen).toBe(true);
    await system.sql(`update admin.settings set value = 'false' where key = 'registrationOpen'`);
    const changed = await requestJson<{ data: { settings: { registrationOpen: unknown } } }>(`${system.gatewayUrl}/api/settings/public`);
    expect(changed.body.data.settings.registrationOpen).toBe(false);
  });
});

describe('O1 GET /api/config', () => {
  it('answers the InstanceDetails shape with no envelope', async () => {
    await system.sql(`update streaming.config set value = '["retro", "speedrun"]' where key = 'tags'`);
    const response = await requestJson<Record<string, unknown>>(`${system.gatewayUrl}/api/config`);
    expect(response.status).toBe(200);
    expect(response.body).toEqual({
      name: 'Owncast',
      summary: expect.any(String),
      logo: '/logo',
      streamTitle: '',
      tags: ['retro', 'speedrun'],
      socialHandles: [{ platform: 'github', url: 'https://github.com/owncast/owncast' }],
      extraPageContent: '',
      version: expect.stringMatching(/^Owncast v0\.0\.7/),
      nsfw: false,
      customStyles: '',
      externalActions: [],
    });
    expect(response.body).not.toHaveProperty('success');
  });

  it('never shows the stream key or its hash', async () => {
    const response = await requestJson(`${system.gatewayUrl}/api/config`);
    // The answer is the config itself (so the absence below is not that of an error body).
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({ name: expect.any(String), version: expect.stringMatching(/^Owncast v0\.0\.7/) });
    const text = JSON.stringify(response.body);
    expect(text).not.toMatch(/scrypt|streamKey/);
    // The stored hash is there, in PostgreSQL, and not one of its pieces shows in the answer.
    const [stored] = await system.sql<{ value: string }>(`select value from streaming.config where key = 'streamKeyHash'`);
    const hash = typeof stored!.value === 'string' ? stored!.value : JSON.stringify(stored!.value);
    const pieces = hash.split(/[$:.,"]/).filter((piece) => piece.length >= 16);
    expect(pieces.length).toBeGreaterThan(0);
    for (const piece of pieces) expect(text).not.toContain(piece);
    expect(text).not.toContain(STREAM_KEY);
  });
});

describe('F1 POST /hosts', () => {
  it('registers a host with the seed defaults and stores it', async () => {
    const response = await requestJson<{ uuid: string }>(`${system.gatewayUrl}/hosts`, { method: 'POST' });
    expect(response.status).toBe(200);
    expect(response.body).toEqual({
      uuid: expect.stringMatching(/^[0-9a-f-]{36}$/),
      only_friends: true,
      allow_nonames: false,
      friends: [],
      banlist: [],
    });
    const rows = await system.sql<{ only_friends: boolean }>('select only_friends from social.hosts where uuid = $1', [response.body.uuid]);
    expect(rows).toEqual([{ only_friends: true }]);
  });

  it('gives every host its own uuid', async () => {
    const [a, b] = await Promise.all([
      requestJson<{ uuid: string }>(`${system.gatewayUrl}/hosts`, { method: 'POST' }),
      requestJson<{ uuid: string }>(`${system.gatewayUrl}/hosts`, { method: 'POST' }),
    ]);
    expect(a.body.uuid).not.toEqual(b.body.uuid);
  });
});

describe('unknown routes and the documents', () => {
  it('publishes an OpenAPI document generated from the route table', async () => {
    const response = await requestJson<{ openapi: string; paths: Record<string, Record<string, { operationId: string }>> }>(
      `${system.gatewayUrl}/openapi.json`,
    );
    expect(response.status).toBe(200);
    expect(response.body.openapi).toBe('3.0.3');
    expect(response.body.paths['/api/settings/public']?.get?.operationId).toBe('P1');
    expect(response.body.paths['/api/config']?.get?.operationId).toBe('O1');
    expect(response.body.paths['/hosts']?.post?.operationId).toBe('F1');
    expect(response.body.paths).not.toHaveProperty('/graphql');
  });

  it('serves the docs page from local files only', async () => {
    const page = await fetch(`${system.gatewayUrl}/docs/`, { redirect: 'follow' });
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain('swagger-ui');
    expect(html).not.toMatch(/https?:\/\/(?!127\.0\.0\.1|localhost)[^"']*\.(js|css)/);
    const bundle = await fetch(`${system.gatewayUrl}/docs/static/swagger-ui-bundle.js`);
    expect(bundle.status).toBe(200);
    // Read it all: an unread body keeps the connection busy and the server from closing.
    expect((await bundle.arrayBuffer()).byteLength).toBeGreaterThan(100_000);
  });
});
