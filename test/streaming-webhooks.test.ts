import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { basic, ingestHook, owncastClient, type OwncastClient } from './support/streaming';
import { startSystem, type TestSystem } from './support/system';
import { until } from './support/wait';

/**
 * A broadcast goes online through the ingest hook and offline
 * through O7, and a webhook receiver on this machine gets STREAM_STARTED and
 * STREAM_STOPPED through the shared outbound worker.
 */
const STREAM_KEY = 'webhook-test-stream-key';
const admin = basic(STREAM_KEY);

let system: TestSystem;
let owncast: OwncastClient;
beforeAll(async () => {
  system = await startSystem({ env: { STREAM_KEY, OUTBOUND_ALLOW_PRIVATE: 'true', OUTBOUND_POLL_INTERVAL_MS: '50' } });
  owncast = owncastClient(system.gatewayUrl);
});
afterAll(() => system.stop());

it('online via on_publish and offline via O7, with STREAM_STARTED and STREAM_STOPPED delivered', async () => {
  const events: { type: string; eventData: Record<string, unknown> }[] = [];
  const receiver = http.createServer((request, response) => {
    let text = '';
    request.on('data', (chunk: Buffer) => (text += chunk.toString()));
    request.on('end', () => {
      events.push((JSON.parse(text) as { data: (typeof events)[number] }).data);
      response.end('ok');
    });
  });
  await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
  try {
    const url = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/owncast`;
    const created = await owncast.post('/api/admin/webhooks/create', { url, events: ['STREAM_STARTED', 'STREAM_STOPPED'] }, admin);
    expect(created.status).toBe(200);

    expect((await owncast.get<{ online: boolean }>('/api/status')).body.online).toBe(false);
    expect((await ingestHook(owncast, 'on_publish', STREAM_KEY)).status).toBe(200);
    expect((await owncast.get<{ online: boolean }>('/api/status')).body.online).toBe(true);
    await until(() => events.length >= 1, 'STREAM_STARTED');
    expect(events[0]).toMatchObject({ type: 'STREAM_STARTED' });

    const disconnected = await owncast.post('/api/admin/disconnect', {}, admin);
    expect(disconnected.status).toBe(200);
    expect((await owncast.get<{ online: boolean }>('/api/status')).body.online).toBe(false);
    await until(() => events.length >= 2, 'STREAM_STOPPED');
    expect(events.map((event) => event.type)).toEqual(['STREAM_STARTED', 'STREAM_STOPPED']);

    // Nothing is live any more: O7 says so, and no third event is sent. Events are queued in the
    // request that causes them, so the queue shows there is none, once the two are marked delivered.
    expect((await owncast.post('/api/admin/disconnect', {}, admin)).status).toBe(400);
    const actions = () => system.sql<{ event: string; status: string }>('select event, status from streaming.webhook_actions order by created_at');
    await until(async () => (await actions()).every((action) => action.status === 'succeeded'), 'both deliveries to be marked');
    expect(await actions()).toEqual([
      { event: 'STREAM_STARTED', status: 'succeeded' },
      { event: 'STREAM_STOPPED', status: 'succeeded' },
    ]);
    expect(events).toHaveLength(2);
  } finally {
    await new Promise((resolve) => receiver.close(resolve));
  }
});
