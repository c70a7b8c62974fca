import { readFileSync } from 'node:fs';
import { projectPath } from '../common/paths';
import { postGraphQL } from './support/http';
import { basic, bearer, ingestHook, owncastClient } from './support/streaming';
import { useSystem } from './support/system';

const STREAM_KEY = 'status-test-key';
const admin = basic(STREAM_KEY);

const system = useSystem({ env: { STREAM_KEY } });
const owncast = owncastClient(() => system.gatewayUrl);

interface Status {
  online: boolean;
  viewerCount: number;
  overallMaxViewerCount: number;
  sessionMaxViewerCount: number;
  lastConnectTime: string | null;
  lastDisconnectTime: string | null;
}

describe('O2 GET /api/status and the ingest hooks', () => {
  it('is offline with no connect times on a new server', async () => {
    const response = await owncast.get<Status>('/api/status');
    expect(response.status).toBe(200);
    expect(response.body).toEqual({
      online: false,
      viewerCount: 0,
      overallMaxViewerCount: 0,
      sessionMaxViewerCount: 0,
      lastConnectTime: null,
      lastDisconnectTime: null,
      streamTitle: '',
    });
  });

  it('refuses on_publish with a wrong or missing key (403, so nginx-rtmp drops the stream)', async () => {
    const wrong = await ingestHook(owncast, 'on_publish', 'not-the-key');
    expect(wrong.status).toBe(403);
    expect(wrong.body).toEqual({ success: false, message: expect.any(String) });
    const missing = await owncast.postRaw('/api/ingest/on_publish', 'addr=1.2.3.4', 'application/x-www-form-urlencoded');
    expect(missing.status).toBe(400);
    expect((await owncast.get<Status>('/api/status')).body.online).toBe(false);
  });

  it('goes online on on_publish with the key, refuses a second broadcaster, and offline on on_publish_done', async () => {
    const before = Date.now();
    const published = await ingestHook(owncast, 'on_publish', STREAM_KEY, '198.51.100.4');
    expect(published.status).toBe(200);
    const online = await owncast.get<Status>('/api/status');
    expect(online.body).toMatchObject({ online: true, lastDisconnectTime: null });
    expect(Date.parse(online.body.lastConnectTime!)).toBeGreaterThanOrEqual(before - 1000);
    const [row] = await system.sql<{ online: boolean }>('select online from streaming.stream_state');
    expect(row).toEqual({ online: true });

    expect((await ingestHook(owncast, 'on_publish', STREAM_KEY)).status).toBe(409);
    expect((await ingestHook(owncast, 'on_publish_done', 'wrong')).status).toBe(403);

    const done = await ingestHook(owncast, 'on_publish_done', STREAM_KEY);
    expect(done.status).toBe(200);
    const offline = await owncast.get<Status>('/api/status');
    expect(offline.body.online).toBe(false);
    expect(offline.body.lastDisconnectTime).toEqual(expect.any(String));
    // A repeated done is harmless.
    expect((await ingestHook(owncast, 'on_publish_done', STREAM_KEY)).status).toBe(200);
  });
});

describe('O6 GET /api/admin/status', () => {
  it('shows the broadcaster while online, with the seed fields', async () => {
    await ingestHook(owncast, 'on_publish', STREAM_KEY, '198.51.100.9');
    const response = await owncast.get('/api/admin/status', admin);
    expect(response.status).toBe(200);
    expect(response.body).toEqual({
      broadcaster: { remoteAddr: '198.51.100.9', time: expect.any(String), streamDetails: {} },
      online: true,
      viewerCount: 0,
      overallPeakViewerCount: 0,
      sessionPeakViewerCount: 0,
      versionNumber: '0.0.7',
    });
  });

  it("fills streamDetails from the on_update hook, in 0.0.7's spelling and the seed's", async () => {
    const update = (fields: Record<string, string>, key = STREAM_KEY) =>
      owncast.postRaw(
        '/api/ingest/on_update',
        new URLSearchParams({ call: 'update_publish', app: 'live', name: key, addr: '198.51.100.9', ...fields }).toString(),
        'application/x-www-form-urlencoded',
      );
    const video = { width: '1280', height: '720', framerate: '29.97', videoBitrate: '2500', videoCodec: 'H264' };
    const updated = await update(video);
    expect(updated.status).toBe(200);
    expect(updated.body).toEqual({ success: true, message: expect.any(String) });
    // A later report with other fields adds to what was known.
    expect((await update({ audioBitrate: '128', audioCodec: 'AAC' })).status).toBe(200);
    const expected = {
      width: 1280,
      height: 720,
      framerate: 29.97,
      frameRate: 30,
      videoBitrate: 2500,
      videoCodec: 'H264',
      audioBitrate: 128,
      audioCodec: 'AAC',
    };
    const status = await owncast.get<{ broadcaster: { streamDetails: unknown } }>('/api/admin/status', admin);
    expect(status.body.broadcaster.streamDetails).toEqual(expected);

    // A relay of /stat may post JSON instead of a form.
    const json = await owncast.post('/api/ingest/on_update', { name: STREAM_KEY, videoBitrate: 3000 });
    expect(json.status).toBe(200);
    const after = await owncast.get<{ broadcaster: { streamDetails: unknown } }>('/api/admin/status', admin);
    expect(after.body.broadcaster.streamDetails).toEqual({ ...expected, videoBitrate: 3000 });

    // Refused, changing nothing: the wrong key, and values no encoder sends.
    expect((await update(video, 'wrong')).status).toBe(403);
    const bads: Record<string, string>[] = [
      { width: '-1' },
      { height: '720.5' },
      { videoBitrate: 'fast' },
      { framerate: '99999' },
      { videoCodec: '' },
      { audioCodec: 'x'.repeat(65) },
    ];
    for (const bad of bads) {
      const refused = await update(bad);
      expect({ bad, status: refused.status, body: refused.body }).toEqual({ bad, status: 400, body: { success: false, message: expect.any(String) } });
    }
    const unchanged = await owncast.get<{ broadcaster: { streamDetails: unknown } }>('/api/admin/status', admin);
    expect(unchanged.body.broadcaster.streamDetails).toEqual({ ...expected, videoBitrate: 3000 });
  });

  it('refuses callers without the admin credentials', async () => {
    for (const authorization of [undefined, basic('wrong'), bearer('token')]) {
      const refused = await owncast.get('/api/admin/status', authorization);
      expect(refused.status).toBe(401);
      expect(refused.headers.get('www-authenticate')).toBe('Basic realm="Owncast"');
      expect(refused.body).toEqual({ success: false, message: expect.any(String) });
    }
  });
});

describe('O7 POST /api/admin/disconnect', () => {
  it('ends the broadcast, then answers 400 when nobody is connected', async () => {
    expect((await owncast.get<Status>('/api/status')).body.online).toBe(true);
    const refused = await owncast.post('/api/admin/disconnect', undefined, basic('wrong'));
    expect(refused.status).toBe(401);
    const ended = await owncast.post('/api/admin/disconnect', undefined, admin);
    expect(ended.status).toBe(200);
    expect(ended.body).toEqual({ success: true, message: expect.any(String) });
    expect((await owncast.get<Status>('/api/status')).body.online).toBe(false);
    const admStatus = await owncast.get<{ broadcaster: unknown; online: boolean }>('/api/admin/status', admin);
    expect(admStatus.body).toMatchObject({ broadcaster: null, online: false });
    const again = await owncast.post('/api/admin/disconnect', undefined, admin);
    expect(again.status).toBe(400);
    expect(again.body).toEqual({ success: false, message: 'no broadcaster is connected' });
  });
});

describe('the on_update hook between broadcasts', () => {
  it('answers 409 while no broadcast is live (nginx-rtmp then drops the publisher), and a new broadcast starts with no details', async () => {
    const update = () => owncast.post('/api/ingest/on_update', { name: STREAM_KEY, width: 640 });
    const refused = await update();
    expect(refused.status).toBe(409);
    expect(refused.body).toEqual({ success: false, message: 'no broadcast is live' });
    expect((await ingestHook(owncast, 'on_publish', STREAM_KEY)).status).toBe(200);
    const fresh = await owncast.get<{ broadcaster: { streamDetails: unknown } }>('/api/admin/status', admin);
    expect(fresh.body.broadcaster.streamDetails).toEqual({});
    expect((await update()).status).toBe(200);
    expect((await ingestHook(owncast, 'on_publish_done', STREAM_KEY)).status).toBe(200);
  });
});

describe('GET /logo with the default web root', () => {
  it('serves the default logo shipped in the repository', async () => {
    const response = await fetch(`${system.gatewayUrl}/logo`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('image/svg+xml');
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    const shipped = readFileSync(projectPath('subgraphs', 'streaming', 'webroot', 'logo.svg'));
    expect(Buffer.from(await response.arrayBuffer()).equals(shipped)).toBe(true);
  });
});

describe('O4 GET /api/yp and O8 POST /api/admin/yp/reset', () => {
  it('answers 404 until the directory is enabled, then the directory entry', async () => {
    const hidden = await owncast.get('/api/yp');
    expect(hidden.status).toBe(404);
    expect(hidden.body).toEqual({ success: false, message: expect.any(String) });
    expect((await owncast.post('/api/admin/config/directoryenabled', { value: true }, admin)).status).toBe(200);
    const shown = await owncast.get('/api/yp');
    expect(shown.status).toBe(200);
    expect(shown.body).toEqual({
      name: 'Owncast',
      description: expect.any(String),
      // 0.0.7 names its logo route, not the stored file; no streamTitle key while none is set.
      logo: '/logo',
      nsfw: false,
      tags: ['owncast', 'streaming'],
      online: false,
      viewerCount: 0,
      overallMaxViewerCount: 0,
      sessionMaxViewerCount: 0,
      social: expect.any(Array),
      lastConnectTime: expect.any(String),
    });
    expect(shown.body).not.toHaveProperty('streamTitle');
    expect((await owncast.post('/api/admin/config/streamtitle', { value: 'Tonight' }, admin)).status).toBe(200);
    expect((await owncast.get('/api/yp')).body).toMatchObject({ streamTitle: 'Tonight', logo: '/logo' });
    await owncast.post('/api/admin/config/directoryenabled', { value: false }, admin);
    expect((await owncast.get('/api/yp')).status).toBe(404);
  });

  it('resets the registration key for the admin only', async () => {
    await system.sql(`update streaming.config set value = '"old-registration"' where key = 'ypRegistrationKey'`);
    expect((await owncast.post('/api/admin/yp/reset', undefined)).status).toBe(401);
    const reset = await owncast.post('/api/admin/yp/reset', undefined, admin);
    expect(reset.status).toBe(200);
    expect(reset.body).toEqual({ success: true, message: expect.any(String) });
    const [row] = await system.sql<{ value: unknown }>(`select value from streaming.config where key = 'ypRegistrationKey'`);
    expect(row!.value).toBe('');
  });
});

describe('O37 GET /api/admin/hardwarestats', () => {
  it('answers cpu, memory and disk series of percentages for the admin', async () => {
    const response = await owncast.get<Record<string, { time: string; value: number }[]>>('/api/admin/hardwarestats', admin);
    expect(response.status).toBe(200);
    expect(Object.keys(response.body).sort()).toEqual(['cpu', 'disk', 'memory']);
    for (const series of Object.values(response.body)) {
      expect(series.length).toBeGreaterThanOrEqual(1);
      for (const point of series) {
        expect(Number.isNaN(Date.parse(point.time))).toBe(false);
        expect(point.value).toBeGreaterThanOrEqual(0);
        expect(point.value).toBeLessThanOrEqual(100);
      }
    }
    const refused = await owncast.get('/api/admin/hardwarestats', basic('wrong'));
    expect(refused.status).toBe(401);
  });
});

describe('GraphQL stream state', () => {
  it('answers streamStatus publicly and adminStreamStatus for the admin only', async () => {
    const url = `${system.gatewayUrl}/graphql`;
    const status = await postGraphQL(url, '{ streamStatus { online viewerCount } }');
    expect(status.body.data).toEqual({ streamStatus: { online: false, viewerCount: 0 } });
    const anonymous = await postGraphQL(url, '{ adminStreamStatus { online } }');
    expect(anonymous.body.errors?.[0]?.extensions).toMatchObject({ code: 'UNAUTHENTICATED' });
    const asAdmin = await postGraphQL(url, '{ adminStreamStatus { online versionNumber } }', {}, { authorization: admin });
    expect(asAdmin.body.data).toEqual({ adminStreamStatus: { online: false, versionNumber: '0.0.7' } });
  });
});
