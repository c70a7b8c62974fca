/* eslint-disable @typescript-eslint/no-explicit-any -- response bodies are plain JSON; the assertions check their shape */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { DeliveryWorker } from '../common/outbound/worker';
import { SIGNATURE_HEADER, TIMESTAMP_HEADER, verifyDelivery } from '../common/outbound/signing';
import { adminIngestForwarder, outboxTableSql, OutboxRelay, recordEvent } from '../common/outbox';
import { IdentityClient } from './support/identity';
import { adminCallers, checkPlatformPermissions, type AdminCallers } from './support/platform-admin';
import { ADMIN } from './support/platform';
import { startSystem, type TestSystem } from './support/system';
import { waitFor } from './support/wait';
import { postToSubgraphAs } from './support/principals';

/**
 * Outbound targets and actions (P9–P15), the delivery
 * engine (signature, backoff, maximum attempts, no double delivery across
 * workers), domain events through the outbox relay, webhooks (G18–G22).
 */
const client = new IdentityClient();
let system: TestSystem;
let callers: AdminCallers;

interface Received {
  path: string;
  headers: http.IncomingHttpHeaders;
  body: string;
}
const received: Received[] = [];
/** Status codes each path answers, in turn; the last one repeats. */
const plans = new Map<string, number[]>();
const receiver = http.createServer((request, response) => {
  const chunks: Buffer[] = [];
  request.on('data', (chunk: Buffer) => chunks.push(chunk));
  request.on('end', () => {
    const path = request.url ?? '/';
    received.push({ path, headers: request.headers, body: Buffer.concat(chunks).toString() });
    const plan = plans.get(path) ?? [200];
    const status = plan.length > 1 ? plan.shift()! : plan[0]!;
    response.writeHead(status).end('ok');
  });
});
let receiverUrl = '';

const MAX_ATTEMPTS = 4;
const SECRET = 'signing secret 1';

const adminHeaders = () => ({ cookie: callers.admin.cookie, 'x-csrf-token': callers.admin.csrf });
const keyHeaders = () => ({ authorization: `Bearer ${callers.settingsKey}` });
const bearerHeaders = () => ({ authorization: `Bearer ${callers.adminBearer}` });

async function createTarget(name: string, path: string, events: string[] | null, secret: string | null = SECRET): Promise<any> {
  const response = await client.call<any>('POST', '/api/admin/outbound-targets', {
    headers: keyHeaders(),
    body: { name, url: `${receiverUrl}${path}`, secret, events },
  });
  expect(response.status).toBe(200);
  return response.body.data.target;
}

const actionsOf = async (targetId: string) =>
  system.sql<{ id: string; status: string; attempts: number; last_error: string | null }>(
    'select id, status, attempts, last_error from admin.outbound_actions where target_id = $1 order by created_at',
    [targetId],
  );

// A stand-in for another subgraph: its own schema with an outbox, relayed over HTTP as service "tickets".
const SOURCE_SCHEMA = 'outbox_test';
let relay: OutboxRelay;
async function emit(type: string, payload: Record<string, unknown>): Promise<string> {
  const id = await recordEvent(system.subgraphs.admin.orm.em.fork(), SOURCE_SCHEMA, type, payload);
  await relay.relayOnce();
  return id;
}

beforeAll(async () => {
  await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
  receiverUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}`;
  system = await startSystem({
    logger: client.logger,
    env: {
      ADMIN_EMAIL: ADMIN.email,
      ADMIN_PASSWORD: ADMIN.password,
      OUTBOUND_ALLOW_PRIVATE: 'true',
      OUTBOUND_MAX_ATTEMPTS: String(MAX_ATTEMPTS),
      OUTBOUND_BACKOFF_BASE_MS: '20',
      OUTBOUND_BACKOFF_MAX_MS: '80',
      OUTBOUND_POLL_INTERVAL_MS: '20',
      OUTBOUND_TIMEOUT_MS: '1000',
      OUTBOX_POLL_INTERVAL_MS: '20',
      OUTBOUND_SECRET_KEY: 'test encryption key',
    },
  });
  client.baseUrl = system.gatewayUrl;
  callers = await adminCallers(client);
  await system.sql(`create schema ${SOURCE_SCHEMA}`);
  for (const statement of outboxTableSql(SOURCE_SCHEMA)) await system.sql(statement);
  relay = new OutboxRelay({
    knex: system.subgraphs.admin.orm.em.getConnection().getKnex(),
    schema: SOURCE_SCHEMA,
    pollIntervalMs: 1000,
    logger: client.logger,
    forward: adminIngestForwarder({ adminUrl: system.subgraphs.admin.url, principalSecret: system.principalSecret, service: 'tickets' }),
  });
});
afterAll(async () => {
  await system.stop();
  await new Promise<void>((resolve) => receiver.close(() => resolve()));
});

describe('P9–P12 outbound targets', () => {
  it('creates, lists, updates and deletes; the secret is never returned, only hasSecret, and is stored encrypted', async () => {
    const created = await createTarget('Audit sink', '/crud', ['resource.created']);
    expect(created).toEqual({
      id: expect.any(String),
      name: 'Audit sink',
      url: `${receiverUrl}/crud`,
      hasSecret: true,
      enabled: true,
      events: ['resource.created'],
      createdAt: expect.any(String),
      updatedAt: expect.any(String),
    });
    const [stored] = await system.sql<{ secret: string }>('select secret from admin.outbound_targets where id = $1', [created.id]);
    expect(stored!.secret).toMatch(/^enc:v1:/);
    expect(stored!.secret).not.toContain(SECRET);
    const list = await client.call<any>('GET', '/api/admin/outbound-targets', { headers: { cookie: callers.admin.cookie } });
    expect(list.status).toBe(200);
    expect(list.body.data.targets).toContainEqual(created);
    const updated = await client.call<any>('PUT', '/api/admin/outbound-targets', {
      headers: adminHeaders(),
      body: { id: created.id, enabled: false, secret: null },
    });
    expect(updated.status).toBe(200);
    expect(updated.body.data.target).toMatchObject({ name: 'Audit sink', enabled: false, hasSecret: false, events: ['resource.created'] });
    const deleted = await client.call<any>('DELETE', `/api/admin/outbound-targets?id=${created.id}`, { headers: keyHeaders() });
    expect(deleted.status).toBe(200);
    expect(deleted.body.data.target.id).toBe(created.id);
    const again = await client.call<any>('DELETE', `/api/admin/outbound-targets?id=${created.id}`, { headers: keyHeaders() });
    expect(again.status).toBe(404);
    expect(JSON.stringify([list.body, updated.body, deleted.body])).not.toContain(SECRET);
  });

  it('refuses non-http(s) URLs, and private destinations unless allowed', async () => {
    for (const url of ['ftp://example.com/x', 'file:///etc/passwd', 'not a url', 'http://user:pw@example.com/']) {
      const response = await client.call<any>('POST', '/api/admin/outbound-targets', { headers: keyHeaders(), body: { name: 'x', url } });
      expect(response.status).toBe(400);
      expect(response.body.error.code).toBe('invalid_input');
    }
    const missingName = await client.call<any>('POST', '/api/admin/outbound-targets', { headers: keyHeaders(), body: { url: 'https://example.com' } });
    expect(missingName.status).toBe(400);
    const badEvents = await client.call<any>('POST', '/api/admin/outbound-targets', {
      headers: keyHeaders(),
      body: { name: 'x', url: 'https://example.com', events: ['Not An Event'] },
    });
    expect(badEvents.status).toBe(400);
  });
});

describe('delivery engine', () => {
  it('delivers an event with a signature that verifies', async () => {
    const target = await createTarget('Signed', '/signed', ['test.signed']);
    const eventId = await emit('test.signed', { hello: 'world' });
    const delivery = await waitFor('the delivery', () => received.find((entry) => entry.path === '/signed'));
    const signature = delivery.headers[SIGNATURE_HEADER] as string;
    const timestamp = delivery.headers[TIMESTAMP_HEADER] as string;
    expect(signature).toMatch(/^sha256=[0-9a-f]{64}$/);
    expect(verifyDelivery(SECRET, timestamp, delivery.body, signature)).toBe(true);
    expect(verifyDelivery('another secret', timestamp, delivery.body, signature)).toBe(false);
    expect(verifyDelivery(SECRET, timestamp, delivery.body.replace('world', 'World'), signature)).toBe(false);
    const body = JSON.parse(delivery.body);
    expect(body).toMatchObject({ event: 'test.signed', data: { hello: 'world' } });
    expect(delivery.headers['x-playroom-event']).toBe('test.signed');
    expect(delivery.headers['x-playroom-delivery']).toBe(body.id);
    const [action] = await waitFor('succeeded', async () => {
      const rows = await actionsOf(target.id);
      return rows[0]?.status === 'succeeded' ? rows : undefined;
    });
    expect(action!.attempts).toBe(1);
    // The event is logged once; forwarding it again creates no second action.
    await adminIngestForwarder({ adminUrl: system.subgraphs.admin.url, principalSecret: system.principalSecret, service: 'tickets' })([
      { id: eventId, type: 'test.signed', payload: { hello: 'world' }, occurredAt: new Date().toISOString() },
    ]);
    expect(await actionsOf(target.id)).toHaveLength(1);
  });

  it('a receiver that fails twice and then succeeds ends with 3 attempts and status succeeded', async () => {
    plans.set('/flaky', [500, 503, 200]);
    const target = await createTarget('Flaky', '/flaky', ['test.flaky']);
    await emit('test.flaky', { n: 1 });
    const [action] = await waitFor('succeeded', async () => {
      const rows = await actionsOf(target.id);
      return rows[0]?.status === 'succeeded' ? rows : undefined;
    });
    expect(action!.attempts).toBe(3);
    expect(received.filter((entry) => entry.path === '/flaky')).toHaveLength(3);
  });

  it('one that always fails ends failed after the maximum; P14 retries it', async () => {
    plans.set('/down', [500]);
    const target = await createTarget('Down', '/down', ['test.down']);
    await emit('test.down', { n: 2 });
    const [action] = await waitFor('failed', async () => {
      const rows = await actionsOf(target.id);
      return rows[0]?.status === 'failed' ? rows : undefined;
    });
    expect(action!.attempts).toBe(MAX_ATTEMPTS);
    expect(action!.last_error).toBe('HTTP 500');
    const listed = await client.call<any>('GET', `/api/admin/outbound-actions?status=failed&targetId=${target.id}`, { headers: keyHeaders() });
    expect(listed.status).toBe(200);
    expect(listed.body.data.actions).toEqual([
      expect.objectContaining({
        id: action!.id,
        status: 'failed',
        attempts: MAX_ATTEMPTS,
        maxAttempts: MAX_ATTEMPTS,
        lastError: 'HTTP 500',
        lastStatusCode: 500,
        target: expect.objectContaining({ id: target.id, kind: 'target' }),
      }),
    ]);
    // Still failing: one more attempt, still failed.
    const stillDown = await client.call<any>('POST', '/api/admin/outbound-actions', { headers: adminHeaders(), body: { id: action!.id } });
    expect(stillDown.status).toBe(200);
    expect(stillDown.body.data.action).toMatchObject({ status: 'failed', attempts: MAX_ATTEMPTS + 1 });
    plans.set('/down', [200]);
    const retried = await client.call<any>('POST', '/api/admin/outbound-actions', { headers: keyHeaders(), body: { id: action!.id } });
    expect(retried.status).toBe(200);
    expect(retried.body.data.action).toMatchObject({
      id: action!.id,
      status: 'succeeded',
      attempts: MAX_ATTEMPTS + 2,
      lastError: null,
      deliveredAt: expect.any(String),
    });
    const deleted = await client.call<any>('DELETE', `/api/admin/outbound-actions?id=${action!.id}`, { headers: keyHeaders() });
    expect(deleted.status).toBe(200);
    expect(await actionsOf(target.id)).toHaveLength(0);
    const missing = await client.call<any>('POST', '/api/admin/outbound-actions', { headers: keyHeaders(), body: { id: action!.id } });
    expect(missing.status).toBe(404);
  });

  it('several workers never deliver one action twice (FOR UPDATE SKIP LOCKED)', async () => {
    const target = await createTarget('Bulk', '/bulk', ['test.bulk'], null);
    // Two more workers next to the admin subgraph's own, on the same tables.
    const knex = system.subgraphs.admin.orm.em.getConnection().getKnex();
    const workers = [1, 2].map(
      () =>
        new DeliveryWorker({
          knex,
          tables: { schema: 'admin', targets: 'outbound_targets', actions: 'outbound_actions' },
          logger: client.logger,
          pollIntervalMs: 5,
          batchSize: 3,
          timeoutMs: 1000,
          maxAttempts: 3,
          backoffBaseMs: 10,
          backoffMaxMs: 10,
          allowPrivate: true,
          secretKey: undefined,
        }),
    );
    await system.sql(
      `insert into admin.outbound_actions (target_id, event, payload) select $1, 'test.bulk', jsonb_build_object('n', n) from generate_series(1, 40) n`,
      [target.id],
    );
    workers.forEach((worker) => worker.start());
    try {
      await waitFor('all delivered', async () => {
        const rows = await actionsOf(target.id);
        return rows.every((row) => row.status === 'succeeded') ? rows : undefined;
      });
    } finally {
      await Promise.all(workers.map((worker) => worker.stop()));
    }
    const ids = received.filter((entry) => entry.path === '/bulk').map((entry) => entry.headers['x-playroom-delivery']);
    expect(ids).toHaveLength(40);
    expect(new Set(ids).size).toBe(40);
    expect((await actionsOf(target.id)).every((row) => row.attempts === 1)).toBe(true);
  });

  it('refuses a private destination at delivery time unless allowed', async () => {
    const target = await createTarget('Private', '/private', ['test.private'], null);
    // Disabled, so the system's own worker leaves it alone and only deliverNow runs it.
    await system.sql('update admin.outbound_targets set enabled = false where id = $1', [target.id]);
    const [row] = await system.sql<{ id: string }>(
      `insert into admin.outbound_actions (target_id, event, payload) values ($1, 'test.private', '{}') returning id`,
      [target.id],
    );
    const worker = new DeliveryWorker({
      knex: system.subgraphs.admin.orm.em.getConnection().getKnex(),
      tables: { schema: 'admin', targets: 'outbound_targets', actions: 'outbound_actions' },
      logger: client.logger,
      pollIntervalMs: 1000,
      batchSize: 1,
      timeoutMs: 1000,
      maxAttempts: 1,
      backoffBaseMs: 10,
      backoffMaxMs: 10,
      allowPrivate: false,
      secretKey: undefined,
    });
    expect(await worker.deliverNow(row!.id)).toBe(true);
    const [action] = await actionsOf(target.id);
    expect(action).toMatchObject({ status: 'failed', attempts: 1 });
    expect(action!.last_error).toMatch(/private, loopback or link-local/);
    expect(received.filter((entry) => entry.path === '/private')).toHaveLength(0);
  });
});

describe('domain events', () => {
  it('settings.updated from the admin subgraph reaches targets through its own outbox; filters apply', async () => {
    const all = await createTarget('Everything', '/all', null);
    const other = await createTarget('Other', '/other', ['resource.deleted']);
    const update = await client.call('PUT', '/api/admin/settings', { headers: keyHeaders(), body: { siteDescription: 'Events!' } });
    expect(update.status).toBe(200);
    const delivery = await waitFor('settings.updated', () => received.find((entry) => entry.path === '/all' && entry.body.includes('settings.updated')));
    expect(JSON.parse(delivery.body)).toMatchObject({ event: 'settings.updated', data: { keys: ['siteDescription'] } });
    const [outbox] = await system.sql<{ relayed_at: Date | null }>(`select relayed_at from admin.outbox_events where type = 'settings.updated'`);
    expect(outbox!.relayed_at).not.toBeNull();
    expect(await actionsOf(other.id)).toHaveLength(0);
    await client.call('DELETE', `/api/admin/outbound-targets?id=${all.id}`, { headers: keyHeaders() });
  });

  it('ingestDomainEvents is internal: only subgraph service principals may call it', async () => {
    const mutation = 'mutation($events: [DomainEventInput!]!) { ingestDomainEvents(events: $events) }';
    const viaGateway = await client.graphql<any>(mutation, { events: [] }, adminHeaders());
    expect(viaGateway.body.errors?.[0]?.extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
    for (const principal of [
      { kind: 'service', service: 'gateway', clientIp: '' },
      { kind: 'anonymous', clientIp: '' },
    ] as const) {
      const response = await postToSubgraphAs(system, 'admin', principal, mutation, { events: [] });
      expect(response.body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    }
  });

  it('a relay that cannot reach admin keeps the events and forwards them later', async () => {
    const target = await createTarget('Later', '/later', ['test.later'], null);
    const broken = new OutboxRelay({
      knex: system.subgraphs.admin.orm.em.getConnection().getKnex(),
      schema: SOURCE_SCHEMA,
      pollIntervalMs: 1000,
      logger: client.logger,
      forward: adminIngestForwarder({ adminUrl: 'http://127.0.0.1:1/graphql', principalSecret: system.principalSecret, service: 'tickets', timeoutMs: 500 }),
    });
    await recordEvent(system.subgraphs.admin.orm.em.fork(), SOURCE_SCHEMA, 'test.later', { n: 3 });
    await expect(broken.relayOnce()).rejects.toThrow();
    const [pending] = await system.sql<{ relayed_at: Date | null; attempts: number }>(
      `select relayed_at, attempts from ${SOURCE_SCHEMA}.outbox_events where type = 'test.later'`,
    );
    expect(pending).toMatchObject({ relayed_at: null, attempts: 1 });
    expect(await relay.relayOnce()).toBe(1);
    await waitFor('delivered later', () => received.find((entry) => entry.path === '/later'));
    expect(await actionsOf(target.id)).toHaveLength(1);
  });
});

describe('G18–G22 webhooks', () => {
  it('creates, lists, tests (signed), updates and deletes a webhook; events filter deliveries', async () => {
    const created = await client.call<any>('POST', '/v1/webhooks', {
      headers: bearerHeaders(),
      body: { url: `${receiverUrl}/hook`, events: ['resource.created', 'resource.updated'], secret: SECRET },
    });
    expect(created.status).toBe(201);
    const webhook = created.body.data;
    expect(webhook).toEqual({
      id: expect.any(String),
      name: expect.stringMatching(/^127\.0\.0\.1:\d+$/),
      url: `${receiverUrl}/hook`,
      events: ['resource.created', 'resource.updated'],
      active: true,
      has_secret: true,
      owner_id: expect.any(String),
      organization_id: null,
      created_at: expect.any(String),
      updated_at: expect.any(String),
    });
    const list = await client.call<any>('GET', '/v1/webhooks', { headers: bearerHeaders() });
    expect(list.status).toBe(200);
    expect(list.body).toEqual({ data: [webhook], meta: { page: 1, per_page: 20, total: 1, total_pages: 1 } });
    // Targets and webhooks are listed apart.
    const targets = await client.call<any>('GET', '/api/admin/outbound-targets', { headers: keyHeaders() });
    expect(targets.body.data.targets.map((target: any) => target.id)).not.toContain(webhook.id);

    const tested = await client.call<any>('POST', `/v1/webhooks/${webhook.id}/test`, { headers: bearerHeaders() });
    expect(tested.status).toBe(200);
    expect(tested.body.data).toMatchObject({ event: 'webhook.test', status: 'succeeded', success: true, attempts: 1, response_status: 200 });
    const delivery = received.find((entry) => entry.path === '/hook' && entry.body.includes('webhook.test'))!;
    expect(verifyDelivery(SECRET, delivery.headers[TIMESTAMP_HEADER] as string, delivery.body, delivery.headers[SIGNATURE_HEADER] as string)).toBe(true);

    // The webhook is the admin's own: it receives the admin's resources' events, filtered by its list.
    const resource = await client.call<any>('POST', '/v1/resources', { headers: bearerHeaders(), body: { name: 'Hooked' } });
    expect(resource.status).toBe(201);
    const resourceId: string = resource.body.data.id;
    await waitFor('resource.created', () =>
      received.find((entry) => entry.path === '/hook' && entry.body.includes('resource.created') && entry.body.includes(resourceId)),
    );
    expect((await client.call('DELETE', `/v1/resources/${resourceId}`, { headers: bearerHeaders() })).status).toBe(204);
    await waitFor('resource.deleted relayed', async () => {
      const [row] = await system.sql<{ relayed_at: Date | null }>(
        `select relayed_at from admin.outbox_events where type = 'resource.deleted' and payload ->> 'id' = $1`,
        [resourceId],
      );
      return row?.relayed_at ?? undefined;
    });
    expect((await actionsOf(webhook.id)).length).toBe(2);

    const patched = await client.call<any>('PATCH', `/v1/webhooks/${webhook.id}`, {
      headers: bearerHeaders(),
      body: { events: ['resource.deleted'], active: false },
    });
    expect(patched.status).toBe(200);
    expect(patched.body.data).toMatchObject({ events: ['resource.deleted'], active: false, has_secret: true });
    const refused = await client.call<any>('POST', `/v1/webhooks/${webhook.id}/test`, { headers: bearerHeaders() });
    expect(refused.status).toBe(400);

    const deleted = await client.call<any>('DELETE', `/v1/webhooks/${webhook.id}`, { headers: bearerHeaders() });
    expect(deleted.status).toBe(204);
    const gone = await client.call<any>('PATCH', `/v1/webhooks/${webhook.id}`, { headers: bearerHeaders(), body: { active: true } });
    expect(gone.status).toBe(404);
    expect(gone.body.error.code).toBe('resource_not_found');
    expect(received.filter((entry) => entry.path === '/hook' && entry.body.includes('resource.deleted'))).toHaveLength(0);
  });

  it('needs at least one event and an http(s) URL', async () => {
    const noEvents = await client.call<any>('POST', '/v1/webhooks', { headers: bearerHeaders(), body: { url: `${receiverUrl}/hook`, events: [] } });
    expect(noEvents.status).toBe(400);
    expect(noEvents.body.error.code).toBe('invalid_request');
    const badUrl = await client.call<any>('POST', '/v1/webhooks', { headers: bearerHeaders(), body: { url: 'gopher://x', events: ['resource.created'] } });
    expect(badUrl.status).toBe(400);
  });

  it.each([
    { id: 'G18', method: 'GET', path: '/v1/webhooks' },
    { id: 'G19', method: 'POST', path: '/v1/webhooks', body: { url: 'https://example.com/h', events: ['resource.created'] } },
    { id: 'G20', method: 'PATCH', path: '/v1/webhooks/00000000-0000-4000-8000-000000000000', body: { active: false } },
    { id: 'G21', method: 'DELETE', path: '/v1/webhooks/00000000-0000-4000-8000-000000000000' },
    { id: 'G22', method: 'POST', path: '/v1/webhooks/00000000-0000-4000-8000-000000000000/test' },
  ])('$id permissions: 401 without a token, allowed for any user (their own webhooks) and for an admin', async ({ method, path, body }) => {
    const anonymous = await client.call<any>(method, path, { body });
    expect(anonymous.status).toBe(401);
    expect(anonymous.body.error.code).toBe('authentication_required');
    const member = await client.call<any>(method, path, { body, headers: { authorization: `Bearer ${callers.memberBearer}` } });
    expect([401, 403]).not.toContain(member.status);
    // An API key is no credential of the general API (bearer tokens only): refused as unauthenticated.
    const byKey = await client.call<any>(method, path, { body, headers: { authorization: `Bearer ${callers.otherKey}` } });
    expect(byKey.status).toBe(401);
    expect(byKey.body.error.code).toBe('authentication_required');
    const admin = await client.call<any>(method, path, { body, headers: bearerHeaders() });
    expect([401, 403]).not.toContain(admin.status);
  });
});

describe('P9–P15 permissions', () => {
  const id = '00000000-0000-4000-8000-000000000000';
  it.each([
    { id: 'P9', method: 'GET', path: '/api/admin/outbound-targets', write: false },
    { id: 'P10', method: 'POST', path: '/api/admin/outbound-targets', body: { name: 'p', url: 'https://example.com/p' }, write: true },
    { id: 'P11', method: 'PUT', path: '/api/admin/outbound-targets', body: { id, name: 'p' }, write: true },
    { id: 'P12', method: 'DELETE', path: `/api/admin/outbound-targets?id=${id}`, write: true },
    { id: 'P13', method: 'GET', path: '/api/admin/outbound-actions', write: false },
    { id: 'P14', method: 'POST', path: '/api/admin/outbound-actions', body: { id }, write: true },
    { id: 'P15', method: 'DELETE', path: `/api/admin/outbound-actions?id=${id}`, write: true },
  ])('$id $method $path', async (endpoint) => {
    await checkPlatformPermissions(client, callers, endpoint);
  });

  it('never returns or logs a signing secret', () => {
    expect(client.logLines.join('\n')).not.toContain(SECRET);
    expect(client.responses.map((response) => response.text).join('\n')).not.toContain(SECRET);
  });
});
