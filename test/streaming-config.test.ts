import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { projectPath } from '../common/paths';
import { hashSecret } from '../common/passwords';
import { postGraphQL } from './support/http';
import { basic, bearer, owncastClient, type OwncastClient } from './support/streaming';
import { startSystem, type TestSystem } from './support/system';

const STREAM_KEY = 'config-test-key';
const admin = basic(STREAM_KEY);

/** A web root with the default logo and one uploaded image (bytes that are not UTF-8, to show they pass unchanged). */
const webroot = mkdtempSync(path.join(tmpdir(), 'owncast-webroot-'));
const RETRO_PNG = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0xff, 0x00, 0xfe, 0x10, 0x80]);
mkdirSync(path.join(webroot, 'img'));
copyFileSync(projectPath('subgraphs', 'streaming', 'webroot', 'logo.svg'), path.join(webroot, 'logo.svg'));
writeFileSync(path.join(webroot, 'img', 'retro.png'), RETRO_PNG);
// A link inside the web root to a file outside it.
const outside = mkdtempSync(path.join(tmpdir(), 'owncast-outside-'));
writeFileSync(path.join(outside, 'secret.png'), 'not for the public');
symlinkSync(path.join(outside, 'secret.png'), path.join(webroot, 'img', 'link.png'));

let system: TestSystem;
let owncast: OwncastClient;
beforeAll(async () => {
  system = await startSystem({ env: { STREAM_KEY, STREAMING_WEBROOT: webroot } });
  owncast = owncastClient(system.gatewayUrl);
});
afterAll(async () => {
  await system.stop();
  rmSync(webroot, { recursive: true, force: true });
  rmSync(outside, { recursive: true, force: true });
});

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
    bad: [
      [],
      [{ framerate: -1 }],
      [{ videoBitrate: 1.5 }],
      [{ scaledWidth: '720' }],
      [{ framerate: 5000, videoBitrate: 1000 }],
      [{ videoPassthrough: 'yes' }],
      'hd',
    ],
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
  {
    path: 'socialhandles',
    good: [{ platform: 'github', url: 'https://github.com/owncast' }],
    bad: [[{ platform: 'github' }], [{ platform: '', url: 'https://x.y' }], 'github'],
  },
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
    // Owncast 0.0.7's admin posts the whole object back, with the (never shown) secret empty.
    expect((await owncast.post('/api/admin/config/s3', { value: { ...withoutSecret, secret: '', bucket: 'd' } }, admin)).status).toBe(200);
    const [kept] = await system.sql<{ value: Record<string, unknown> }>(`select value from streaming.config where key = 's3'`);
    expect(kept!.value).toMatchObject({ secret: 'SECRET', bucket: 'd' });
    // A secret that is sent replaces the stored one.
    expect((await owncast.post('/api/admin/config/s3', { value: { ...full, secret: 'NEW' } }, admin)).status).toBe(200);
    const [replaced] = await system.sql<{ value: Record<string, unknown> }>(`select value from streaming.config where key = 's3'`);
    expect(replaced!.value).toMatchObject({ secret: 'NEW' });
    await owncast.post('/api/admin/config/s3', { value: { enabled: false } }, admin);
  });
});

describe('O35 POST /api/admin/config/externalactions', () => {
  const action = {
    url: 'https://owncast.online/docs',
    title: 'Docs',
    description: 'Read them',
    icon: 'https://owncast.online/logo.png',
    color: '#ff0000',
    openExternally: true,
  };

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
      // The web config names the logo by the URL that serves it (GET /logo).
      logo: '/logo',
      customStyles: 'h1 { color: red; }',
      nsfw: true,
    });
  });
});

describe('O12 GET /api/admin/serverconfig', () => {
  it("answers the full configuration with the seed shape; the stream key is the caller's own", async () => {
    await owncast.post('/api/admin/config/webserverport', { value: 8080 }, admin);
    await owncast.post('/api/admin/config/video/codec', { value: 'libx264' }, admin);
    const response = await owncast.get<Record<string, unknown>>('/api/admin/serverconfig', admin);
    expect(response.status).toBe(200);
    expect(response.body).toEqual({
      streamKey: STREAM_KEY,
      instanceDetails: expect.objectContaining({ name: expect.any(String), version: expect.stringMatching(/^Owncast v0\.0\.7/) }),
      streamTitle: expect.any(String),
      ffmpegPath: '/usr/bin/ffmpeg',
      webServerPort: 8080,
      rtmpServerPort: 1936,
      videoCodec: 'libx264',
      supportedCodecs: ['libx264', 'h264_nvenc', 'h264_vaapi', 'h264_qsv', 'h264_omx', 'h264_v4l2m2m', 'libvpx'],
      // Set by the O35 test above; 0.0.7's admin reads them here.
      externalActions: [expect.objectContaining({ url: 'https://owncast.online/docs', title: 'Docs' })],
      s3: { enabled: false },
      videoSettings: {
        latencyLevel: 3,
        videoQualityVariants: [{ framerate: 30, videoPassthrough: false, videoBitrate: 1800, cpuUsageLevel: 2, audioPassthrough: true }],
      },
      yp: { enabled: false, instanceUrl: 'https://live.mycoolserver.biz' },
    });
    expect(JSON.stringify(response.body)).not.toMatch(/scrypt|streamKeyHash/);
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
    const set = await postGraphQL(
      url(),
      'mutation ($v: JSON) { setConfigValue(key: NAME, value: $v) { success message } }',
      { v: 'From GraphQL' },
      { authorization: admin },
    );
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

describe('what Owncast 0.0.7 clients read and send', () => {
  async function logo(): Promise<{ status: number; type: string | null; bytes: Buffer }> {
    const response = await fetch(`${system.gatewayUrl}/logo`);
    return { status: response.status, type: response.headers.get('content-type'), bytes: Buffer.from(await response.arrayBuffer()) };
  }
  const setLogo = async (value: string) => expect((await owncast.post('/api/admin/config/logo', { value }, admin)).status).toBe(200);
  const DEFAULT_LOGO = readFileSync(path.join(webroot, 'logo.svg'));
  async function expectDefaultLogo(because: string): Promise<void> {
    const served = await logo();
    expect({ because, status: served.status, type: served.type, same: served.bytes.equals(DEFAULT_LOGO) }).toEqual({
      because,
      status: 200,
      type: 'image/svg+xml',
      same: true,
    });
  }

  it('GET /api/config carries the stream title, and names the logo /logo', async () => {
    expect((await owncast.post('/api/admin/config/streamtitle', { value: 'Speedrun night' }, admin)).status).toBe(200);
    const config = await owncast.get<Record<string, unknown>>('/api/config');
    expect(config.body).toMatchObject({ streamTitle: 'Speedrun night', logo: '/logo' });
  });

  it('GET /logo serves the configured file with its content type, or the default logo', async () => {
    await setLogo('/img/retro.png');
    const retro = await logo();
    expect(retro).toMatchObject({ status: 200, type: 'image/png' });
    expect(retro.bytes.equals(RETRO_PNG)).toBe(true);
    // The admin still sees the path it set.
    const config = await owncast.get<{ instanceDetails: { logo: string } }>('/api/admin/serverconfig', admin);
    expect(config.body.instanceDetails.logo).toBe('/img/retro.png');

    for (const unservable of ['/img/missing.png', '../../../../etc/passwd', '/img/../../outside.png', '/img', '/img/link.png', '/img/retro.txt']) {
      await setLogo(unservable);
      await expectDefaultLogo(unservable);
    }
    await setLogo('logo.svg');
    await expectDefaultLogo('the default itself');
  });

  it("O30 takes 0.0.7's zeros (do not scale, default bitrate and framerate) and passthrough without a bitrate", async () => {
    // The values 0.0.7's own test draws at random: multiples of 100 from 0 to 400.
    const drawn = [
      { videoBitrate: 0, framerate: 42, cpuUsageLevel: 2, scaledHeight: 0, scaledWidth: 0 },
      { videoBitrate: 300, framerate: 42, cpuUsageLevel: 2, scaledHeight: 400, scaledWidth: 0 },
      { videoPassthrough: true, videoBitrate: 0, audioBitrate: 0 },
      { videoBitrate: 100 },
    ];
    for (const value of drawn) {
      const response = await owncast.post('/api/admin/config/video/streamoutputvariants', { value: [value] }, admin);
      expect({ value, status: response.status }).toEqual({ value, status: 200 });
      const config = await owncast.get<{ videoSettings: { videoQualityVariants: unknown[] } }>('/api/admin/serverconfig', admin);
      expect(config.body.videoSettings.videoQualityVariants).toEqual([{ videoPassthrough: false, audioPassthrough: true, ...value }]);
    }
  });

  it("O12's streamKey is the key the caller authenticated with, whatever it is now", async () => {
    const own = await owncast.get<{ streamKey: string }>('/api/admin/serverconfig', admin);
    expect(own.body.streamKey).toBe(STREAM_KEY);
    expect((await owncast.post('/api/admin/config/key', { value: 'rotated-key' }, admin)).status).toBe(200);
    const rotated = await owncast.get<{ streamKey: string }>('/api/admin/serverconfig', basic('rotated-key'));
    expect(rotated.body.streamKey).toBe('rotated-key');
    expect((await owncast.get('/api/admin/serverconfig', admin)).status).toBe(401);
    expect((await owncast.post('/api/admin/config/key', { value: STREAM_KEY }, basic('rotated-key'))).status).toBe(200);
  });
});
