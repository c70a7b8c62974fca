import { hashSecret } from '../common/passwords';
import { postGraphQL } from './support/http';
import { basic, bearer, owncastClient, type OwncastClient } from './support/streaming';
import { startSystem, type TestSystem } from './support/system';

const STREAM_KEY = 'config-test-key';
const admin = basic(STREAM_KEY);

let system: TestSystem;
let owncast: OwncastClient;
beforeAll(async () => {
  system = await startSystem({ env: { STREAM_KEY } });
  owncast = owncastClient(system.gatewayUrl);
});
afterAll(() => system.stop());

const SUCCESS = { success: true, message: expect.any(String) };
const FAILURE = { success: false, message: expect.any(String) };

/** Every setter with a value it accepts and values it refuses. */
const SETTERS: { path: string; good: unknown; bad: unknown[] }[] = [
  { path: 'pagecontent', good: '<p>hello</p>', bad: [42, null] },
  { path: 'streamtitle', good: 'Speedrun night', bad: [true, 'x'.repeat(101)] },
  { path: 'name', good: 'Game Night', bad: ['', 7, ['a']] },
  { path: 'serversummary', good: 'We play games.', bad: [{ text: 'no' }] },
  { path: 'logo', good: '/img/mylogo.png', bad: ['', false] },
  { path: 'tags', good: ['games', 'retro'], bad: ['games', [1, 2], [''], Array.from({ length: 51 }, (_, i) => `t${i}`)] },
  { path: 'ffmpegpath', good: '/usr/bin/ffmpeg', bad: ['ffmpeg', 3] },
  { path: 'webserverport', good: 8081, bad: [0, 65536, '8080', 80.5] },
  { path: 'rtmpserverport', good: 1936, bad: [-1, 70000, 'x'] },
  { path: 'nsfw', good: true, bad: ['true', 1] },
  { path: 'directoryenabled', good: false, bad: ['yes'] },
  { path: 'serverurl', good: 'https://live.mycoolserver.biz', bad: ['not a url', 'ftp://files.example.com', 5] },
  { path: 'video/streamlatencylevel', good: 3, bad: [-1, 5, '2', 1.5] },
  {
    path: 'video/streamoutputvariants',
    good: [{ framerate: 30, videoPassthrough: false, videoBitrate: 1800, cpuUsageLevel: 2, audioPassthrough: true }],
    bad: [[], [{ framerate: 30 }], [{ framerate: 0, videoBitrate: 1000 }], [{ framerate: 30, videoBitrate: 10 }], [{ framerate: 500, videoBitrate: 1000 }], 'hd'],
  },
  { path: 'video/codec', good: 'h264_nvenc', bad: ['divx', 264] },
  {
    path: 's3',
    good: { enabled: false },
    bad: [
      { enabled: true },
      { enabled: true, endpoint: 'https://s3.example.com', accessKey: 'a', secret: 's', bucket: 'b' },
      { enabled: true, endpoint: 'nope', accessKey: 'a', secret: 's', bucket: 'b', region: 'r' },
      { endpoint: 'https://s3.example.com' },
      'on',
    ],
  },
  { path: 'socialhandles', good: [{ platform: 'github', url: 'https://github.com/owncast' }], bad: [[{ platform: 'github' }], [{ platform: '', url: 'https://x.y' }], 'github'] },
  { path: 'customstyles', good: 'body { color: orange; }', bad: [['body']] },
];

describe('O15–O34 setters', () => {
  it.each(SETTERS)('POST /api/admin/config/$path accepts a good value and refuses bad ones', async ({ path, good, bad }) => {
    const ok = await owncast.post(`/api/admin/config/${path}`, { value: good }, admin);
    expect({ status: ok.status, body: ok.body }).toEqual({ status: 200, body: SUCCESS });
    for (const value of bad) {
      const refused = await owncast.post(`/api/admin/config/${path}`, { value }, admin);
      expect({ value, status: refused.status, body: refused.body }).toEqual({ value, status: 400, body: FAILURE });
    }
  });

  it.each(SETTERS)('POST /api/admin/config/$path needs the admin credentials', async ({ path, good }) => {
    for (const authorization of [undefined, basic('wrong-key'), basic(STREAM_KEY, 'root'), bearer('x')]) {
      const refused = await owncast.post(`/api/admin/config/${path}`, { value: good }, authorization);
      expect({ authorization, status: refused.status, body: refused.body }).toEqual({ authorization, status: 401, body: FAILURE });
      expect(refused.headers.get('www-authenticate')).toBe('Basic realm="Owncast"');
    }
  });

  it('answers malformed bodies with a 400 BasicResponse', async () => {
    for (const [body, type] of [
      ['{"value": ', 'application/json'],
      ['', 'application/json'],
      ['[1, 2]', 'application/json'],
      ['{"other": 1}', 'application/json'],
    ] as const) {
      const response = await owncast.postRaw('/api/admin/config/name', body, type, admin);
      expect({ body, status: response.status, reply: response.body }).toEqual({ body, status: 400, reply: FAILURE });
    }
    const none = await owncast.post('/api/admin/config/name', undefined, admin);
    expect(none.status).toBe(400);
    expect(none.body).toEqual(FAILURE);
  });

  it('keeps the stored S3 secret when a round-tripped configuration leaves it out', async () => {
    const full = { enabled: true, endpoint: 'https://s3.example.com', accessKey: 'AK', secret: 'SECRET', bucket: 'b', region: 'r' };
    expect((await owncast.post('/api/admin/config/s3', { value: full }, admin)).status).toBe(200);
    const { secret: _secret, ...withoutSecret } = full;
    expect((await owncast.post('/api/admin/config/s3', { value: { ...withoutSecret, bucket: 'c' } }, admin)).status).toBe(200);
    const [row] = await system.sql<{ value: Record<string, unknown> }>(`select value from streaming.config where key = 's3'`);
    expect(row!.value).toMatchObject({ secret: 'SECRET', bucket: 'c' });
    await owncast.post('/api/admin/config/s3', { value: { enabled: false } }, admin);
  });
});

describe('O35 POST /api/admin/config/externalactions', () => {
  const action = { url: 'https://owncast.online/docs', title: 'Docs', description: 'Read them', icon: 'https://owncast.online/logo.png', color: '#ff0000', openExternally: true };

  it('takes the list itself as the body and shows it in O1', async () => {
    const response = await owncast.post('/api/admin/config/externalactions', [action], admin);
    expect(response.status).toBe(200);
    expect(response.body).toEqual(SUCCESS);
    const config = await owncast.get<{ externalActions: unknown[] }>('/api/config');
    expect(config.body.externalActions).toEqual([action]);
  });

  it('refuses invalid actions, non-list bodies and callers without credentials', async () => {
    for (const body of [[{ title: 'no url' }], [{ url: 'javascript:alert(1)', title: 'x' }], { value: [action] }]) {
      const refused = await owncast.post('/api/admin/config/externalactions', body, admin);
      expect({ body, status: refused.status, reply: refused.body }).toEqual({ body, status: 400, reply: FAILURE });
    }
    expect((await owncast.post('/api/admin/config/externalactions', [action])).status).toBe(401);
  });
});

describe('O1 GET /api/config after the setters', () => {
  it('shows name, summary, tags, social handles (exactly as sent), page content, logo and custom styles', async () => {
    const handles = [{ platform: 'Mastodon', url: 'https://mastodon.social/@Gabek?x=1' }];
    const values: Record<string, unknown> = {
      name: 'Retro Hour',
      serversummary: 'Old games.',
      tags: ['retro', 'Speedrun'],
      socialhandles: handles,
      pagecontent: '<b>hi</b>',
      logo: '/img/retro.png',
      customstyles: 'h1 { color: red; }',
      nsfw: true,
    };
    for (const [path, value] of Object.entries(values)) {
      expect((await owncast.post(`/api/admin/config/${path}`, { value }, admin)).status).toBe(200);
    }
    const config = await owncast.get('/api/config');
    expect(config.body).toMatchObject({
      name: 'Retro Hour',
      summary: 'Old games.',
      tags: ['retro', 'Speedrun'],
      socialHandles: handles,
      extraPageContent: '<b>hi</b>',
      logo: '/img/retro.png',
      customStyles: 'h1 { color: red; }',
      nsfw: true,
    });
  });
});

describe('O12 GET /api/admin/serverconfig', () => {
  it('answers the full configuration with the seed shape, without the stream key', async () => {
    await owncast.post('/api/admin/config/webserverport', { value: 8080 }, admin);
    await owncast.post('/api/admin/config/video/codec', { value: 'libx264' }, admin);
    const response = await owncast.get<Record<string, unknown>>('/api/admin/serverconfig', admin);
    expect(response.status).toBe(200);
    expect(response.body).toEqual({
      instanceDetails: expect.objectContaining({ name: expect.any(String), version: expect.stringMatching(/^Owncast v0\.0\.7/) }),
      streamTitle: expect.any(String),
      ffmpegPath: '/usr/bin/ffmpeg',
      webServerPort: 8080,
      rtmpServerPort: 1936,
      videoCodec: 'libx264',
      s3: { enabled: false },
      videoSettings: {
        latencyLevel: 3,
        videoQualityVariants: [{ framerate: 30, videoPassthrough: false, videoBitrate: 1800, cpuUsageLevel: 2, audioPassthrough: true }],
      },
      yp: { enabled: false, instanceUrl: 'https://live.mycoolserver.biz' },
    });
    expect(JSON.stringify(response.body)).not.toMatch(/scrypt|streamKey|config-test-key/);
  });

  it('refuses callers without the stream key', async () => {
    for (const authorization of [undefined, basic('nope'), 'Basic !!!', bearer(STREAM_KEY)]) {
      const refused = await owncast.get('/api/admin/serverconfig', authorization);
      expect(refused.status).toBe(401);
      expect(refused.headers.get('www-authenticate')).toBe('Basic realm="Owncast"');
    }
  });
});

describe('the stream key as admin password', () => {
  it('stops accepting a key as soon as the stored hash changes, even on another replica', async () => {
    expect((await owncast.get('/api/admin/status', admin)).status).toBe(200); // now cached
    const other = await hashSecret('replaced-elsewhere');
    const [previous] = await system.sql<{ value: string }>(`select value from streaming.config where key = 'streamKeyHash'`);
    await system.sql(`update streaming.config set value = $1::jsonb where key = 'streamKeyHash'`, [JSON.stringify(other)]);
    expect((await owncast.get('/api/admin/status', admin)).status).toBe(401);
    expect((await owncast.get('/api/admin/status', basic('replaced-elsewhere'))).status).toBe(200);
    await system.sql(`update streaming.config set value = $1::jsonb where key = 'streamKeyHash'`, [JSON.stringify(previous!.value)]);
    expect((await owncast.get('/api/admin/status', admin)).status).toBe(200);
  });

  it('refuses an empty or blank new key', async () => {
    for (const value of ['', '   ', 'two words', 12345]) {
      expect((await owncast.post('/api/admin/config/key', { value }, admin)).status).toBe(400);
    }
    expect((await owncast.get('/api/admin/status', admin)).status).toBe(200);
  });

  it('lets only the admin change the key', async () => {
    for (const authorization of [undefined, basic('guess'), bearer(STREAM_KEY)]) {
      const refused = await owncast.post('/api/admin/config/key', { value: 'taken-over' }, authorization);
      expect(refused.status).toBe(401);
      expect(refused.headers.get('www-authenticate')).toBe('Basic realm="Owncast"');
    }
    expect((await owncast.get('/api/admin/status', basic('taken-over'))).status).toBe(401);
  });
});

describe('GraphQL configuration', () => {
  const url = () => `${system.gatewayUrl}/graphql`;

  it('sets and reads values with the same credentials', async () => {
    const set = await postGraphQL(url(), 'mutation ($v: JSON) { setConfigValue(key: NAME, value: $v) { success message } }', { v: 'From GraphQL' }, { authorization: admin });
    expect(set.body.data).toEqual({ setConfigValue: { success: true, message: expect.any(String) } });
    const read = await postGraphQL<{ serverConfig: { instanceDetails: { name: string }; webServerPort: number } }>(
      url(),
      '{ serverConfig { instanceDetails { name } webServerPort s3 { enabled secretSet } } }',
      {},
      { authorization: admin },
    );
    expect(read.body.data?.serverConfig).toMatchObject({ instanceDetails: { name: 'From GraphQL' }, webServerPort: 8080 });
  });

  it('refuses anonymous callers and bad values with codes', async () => {
    const anonymous = await postGraphQL(url(), '{ serverConfig { ffmpegPath } }');
    expect(anonymous.body.errors?.[0]?.extensions).toMatchObject({ code: 'UNAUTHENTICATED' });
    const bad = await postGraphQL(url(), 'mutation { setConfigValue(key: WEB_SERVER_PORT, value: 0) { success } }', {}, { authorization: admin });
    expect(bad.body.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'value' });
  });
});
