import { basic, bearer, ingestHook, owncastClient } from './support/streaming';
import { useSystem } from './support/system';

const STREAM_KEY = 'flow-stream-key-1';

const system = useSystem({ env: { STREAM_KEY } });
const owncast = owncastClient(() => system.gatewayUrl);

/** What an Owncast 0.0.7 admin tool does, in order. */
it('replays an Owncast 0.0.7 admin session end to end', async () => {
  const admin = basic(STREAM_KEY);
  const set = async (path: string, value: unknown) => {
    const response = await owncast.post(`/api/admin/config/${path}`, { value }, admin);
    expect({ path, status: response.status, body: response.body }).toEqual({
      path,
      status: 200,
      body: { success: true, message: expect.any(String) },
    });
  };
  const socialHandles = [
    { platform: 'github', url: 'https://github.com/owncast/owncast' },
    { platform: 'mastodon', url: 'https://mastodon.social/@gabek' },
  ];
  const variants = [
    { framerate: 30, videoPassthrough: false, videoBitrate: 1800, cpuUsageLevel: 2, audioPassthrough: true },
    { framerate: 24, videoPassthrough: false, videoBitrate: 1000, cpuUsageLevel: 3, audioPassthrough: true },
  ];
  const s3 = {
    enabled: true,
    endpoint: 'https://s3.us-west-000.backblazeb2.com',
    accessKey: 'e1ac500y7000500047156bd060',
    secret: 'H8FH8eSxM2K/S42CUg5K000Tt4WY2fI',
    bucket: 'video',
    region: 'us-west-000',
  };
  await set('name', 'Desert Bus Live');
  await set('streamtitle', 'Streaming my favorite game, Desert Bus.');
  await set('serversummary', 'The best in Desert Bus Streaming');
  await set('pagecontent', '# Welcome to my cool server!<br><br>I _hope_ you enjoy it.');
  await set('tags', ['games', 'music', 'streaming']);
  await set('video/streamlatencylevel', 4);
  await set('video/streamoutputvariants', variants);
  await set('socialhandles', socialHandles);
  await set('s3', s3);

  const config = await owncast.get<Record<string, unknown>>('/api/config');
  expect(config.status).toBe(200);
  expect(config.body).toMatchObject({
    name: 'Desert Bus Live',
    summary: 'The best in Desert Bus Streaming',
    extraPageContent: '# Welcome to my cool server!<br><br>I _hope_ you enjoy it.',
    tags: ['games', 'music', 'streaming'],
    socialHandles,
  });

  const serverConfig = await owncast.get<Record<string, unknown>>('/api/admin/serverconfig', admin);
  expect(serverConfig.status).toBe(200);
  expect(serverConfig.body).toMatchObject({
    instanceDetails: { name: 'Desert Bus Live', tags: ['games', 'music', 'streaming'], socialHandles },
    streamTitle: 'Streaming my favorite game, Desert Bus.',
    videoSettings: { latencyLevel: 4, videoQualityVariants: variants },
    s3: { enabled: true, endpoint: s3.endpoint, accessKey: s3.accessKey, bucket: 'video', region: 'us-west-000' },
  });
  expect(JSON.stringify(serverConfig.body)).not.toContain(s3.secret);

  const created = await owncast.post<{ name: string; token: string }>(
    '/api/admin/accesstokens/create',
    { name: 'chat bot', scopes: ['CAN_SEND_MESSAGES', 'HAS_ADMIN_ACCESS'] },
    admin,
  );
  expect(created.status).toBe(200);
  // As 0.0.7's admin shows a new token: the whole object, with the secret this once.
  expect(created.body).toEqual({
    name: 'chat bot',
    token: expect.any(String),
    scopes: ['CAN_SEND_MESSAGES', 'HAS_ADMIN_ACCESS'],
    timestamp: expect.any(String),
    lastUsed: null,
  });
  const listed = await owncast.get<{ token: string; name: string }[]>('/api/admin/accesstokens', admin);
  expect(listed.status).toBe(200);
  expect(listed.body).toHaveLength(1);
  expect(listed.body[0]).toMatchObject({ name: 'chat bot' });
  expect(listed.body[0]!.token).not.toEqual(created.body.token);
  const title = await owncast.post('/api/integrations/streamtitle', { value: 'Set by the bot' }, bearer(created.body.token));
  expect(title.status).toBe(200);
  // A token with the system scope sends a system message, which the public history shows.
  const systemToken = await owncast.post<{ token: string }>(
    '/api/admin/accesstokens/create',
    { name: 'announcer', scopes: ['CAN_SEND_SYSTEM_MESSAGES'] },
    admin,
  );
  expect((await owncast.post('/api/integrations/chat/system', { body: 'Stream starts soon' }, bearer(systemToken.body.token))).status).toBe(200);
  const history = await owncast.get<{ type: string; body: string }[]>('/api/chat');
  expect(history.body).toContainEqual(expect.objectContaining({ type: 'SYSTEM', body: expect.stringContaining('Stream starts soon') }));
  // The admin UI's list → delete: the listed (non-secret) token deletes it.
  const announcer = (await owncast.get<{ token: string; name: string }[]>('/api/admin/accesstokens', admin)).body.find((token) => token.name === 'announcer');
  expect((await owncast.post('/api/admin/accesstokens/delete', { token: announcer!.token }, admin)).status).toBe(200);
  expect((await owncast.post('/api/integrations/chat/system', { body: 'gone' }, bearer(systemToken.body.token))).status).toBe(401);

  // The admin tool's webhook page: create, list, delete.
  const hook = await owncast.post<{ id: string }>(
    '/api/admin/webhooks/create',
    { url: 'https://hooks.example.com/owncast', events: ['CHAT', 'STREAM_STARTED'] },
    admin,
  );
  expect(hook.status).toBe(200);
  expect((await owncast.get<{ id: string; url: string; events: string[] }[]>('/api/admin/webhooks', admin)).body).toEqual([
    expect.objectContaining({ id: hook.body.id, url: 'https://hooks.example.com/owncast', events: ['CHAT', 'STREAM_STARTED'] }),
  ]);
  expect((await owncast.post('/api/admin/webhooks/delete', { id: hook.body.id }, admin)).status).toBe(200);
  expect((await owncast.get('/api/admin/webhooks', admin)).body).toEqual([]);

  const deleted = await owncast.post('/api/admin/accesstokens/delete', { token: created.body.token }, admin);
  expect(deleted.body).toEqual({ success: true, message: 'deleted token' });
  expect((await owncast.get('/api/admin/accesstokens', admin)).body).toEqual([]);

  const online = await ingestHook(owncast, 'on_publish', STREAM_KEY);
  expect(online.status).toBe(200);
  expect((await owncast.get<{ online: boolean; streamTitle: string }>('/api/status')).body).toMatchObject({ online: true, streamTitle: 'Set by the bot' });
  const disconnected = await owncast.post('/api/admin/disconnect', undefined, admin);
  expect(disconnected.body).toEqual({ success: true, message: expect.any(String) });
  expect((await owncast.get<{ online: boolean }>('/api/status')).body.online).toBe(false);

  await set('key', 'the-new-stream-key');
  const refused = await owncast.get('/api/admin/status', admin);
  expect(refused.status).toBe(401);
  expect(refused.headers.get('www-authenticate')).toBe('Basic realm="Owncast"');
  expect((await owncast.get('/api/admin/status', basic('the-new-stream-key'))).status).toBe(200);
  expect((await ingestHook(owncast, 'on_publish', STREAM_KEY)).status).toBe(403);
});
