/* eslint-disable @typescript-eslint/no-explicit-any -- response bodies are plain JSON; the assertions check their shape */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { SIGNATURE_HEADER, TIMESTAMP_HEADER, verifyDelivery } from '../common/outbound/signing';
import { errorCode, generalApi, type GeneralUser } from './support/general-api';
import { postGraphQL } from './support/http';
import { IdentityClient } from './support/identity';
import { ADMIN, createApiKey, login } from './support/platform';
import { startSystem, type TestSystem } from './support/system';
import { until } from './support/wait';

/**
 * Webhooks per account (G18–G22): every signed-in user manages their own;
 * a webhook receives the events of its owner's resources, or of an
 * organization its owner manages; admins see and manage all. Each user has
 * a real HTTP receiver, and deliveries go through the real outbound engine.
 */
let system: TestSystem;
const api = generalApi(() => system);
const { call } = api;
let alice: GeneralUser;
let bob: GeneralUser;
let carol: GeneralUser;
let dave: GeneralUser;
let adminToken: string;
let orgId: string;

interface Delivery {
  headers: http.IncomingHttpHeaders;
  body: string;
  json: { id: string; event: string; data: Record<string, any> };
}

/** A receiver of one user: records every delivery it is sent. */
async function receiver(): Promise<{ url: string; deliveries: Delivery[]; close: () => Promise<void> }> {
  const deliveries: Delivery[] = [];
  const server = http.createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const body = Buffer.concat(chunks).toString();
      deliveries.push({ headers: request.headers, body, json: JSON.parse(body) });
      response.writeHead(200).end('ok');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    deliveries,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
let aliceHooks: Awaited<ReturnType<typeof receiver>>;
let bobHooks: Awaited<ReturnType<typeof receiver>>;
let daveHooks: Awaited<ReturnType<typeof receiver>>;

const RESOURCE_EVENTS = ['resource.created', 'resource.updated', 'resource.deleted'];

async function createWebhook(user: { token: string }, body: Record<string, unknown>): Promise<any> {
  const response = await call<any>('POST', '/v1/webhooks', { token: user.token, body });
  expect([response.status, response.body]).toEqual([201, expect.objectContaining({ data: expect.any(Object) })]);
  return response.body.data;
}

async function createResource(user: GeneralUser, name: string): Promise<string> {
  const response = await call<any>('POST', '/v1/resources', { token: user.token, body: { name } });
  expect(response.status).toBe(201);
  return response.body.data.id;
}

/** The webhooks an event became actions for: who the engine will deliver it to. */
async function actionTargets(eventType: string, payloadKey: string, payloadValue: string): Promise<string[]> {
  const rows = await system.sql<{ target_id: string }>(
    `select target_id from admin.outbound_actions where event = $1 and payload ->> $2 = $3 order by target_id`,
    [eventType, payloadKey, payloadValue],
  );
  return rows.map((row) => row.target_id);
}

beforeAll(async () => {
  [aliceHooks, bobHooks, daveHooks] = await Promise.all([receiver(), receiver(), receiver()]);
  system = await startSystem({
    env: {
      ADMIN_EMAIL: ADMIN.email,
      ADMIN_PASSWORD: ADMIN.password,
      OUTBOUND_ALLOW_PRIVATE: 'true',
      OUTBOUND_POLL_INTERVAL_MS: '20',
      OUTBOX_POLL_INTERVAL_MS: '20',
      OUTBOUND_TIMEOUT_MS: '2000',
    },
  });
  alice = await api.user('alice');
  bob = await api.user('bob');
  carol = await api.user('carol');
  dave = await api.user('dave');
  adminToken = await api.login(ADMIN.email, ADMIN.password);
  const org = await call<any>('POST', '/v1/organizations', { token: alice.token, body: { name: 'Hooks Inc', slug: 'hooks-inc' } });
  expect(org.status).toBe(201);
  orgId = org.body.data.id;
  for (const [user, role] of [
    [carol, 'member'],
    [dave, 'admin'],
  ] as const) {
    const added = await call('POST', `/v1/organizations/${orgId}/members`, { token: alice.token, body: { user_id: user.id, role } });
    expect(added.status).toBe(201);
  }
});
afterAll(async () => {
  await system.stop();
  await Promise.all([aliceHooks, bobHooks, daveHooks].map((hooks) => hooks.close()));
});

describe('each user their own webhooks', () => {
  let aliceHook: any;
  let bobHook: any;

  it('any signed-in user creates a webhook; it belongs to them', async () => {
    aliceHook = await createWebhook(alice, { url: `${aliceHooks.url}/alice`, events: RESOURCE_EVENTS, secret: 'alice secret 1' });
    expect(aliceHook).toEqual({
      id: expect.any(String),
      name: expect.stringMatching(/^127\.0\.0\.1:\d+$/),
      url: `${aliceHooks.url}/alice`,
      events: RESOURCE_EVENTS,
      active: true,
      has_secret: true,
      owner_id: alice.id,
      organization_id: null,
      created_at: expect.any(String),
      updated_at: expect.any(String),
    });
    bobHook = await createWebhook(bob, { url: `${bobHooks.url}/bob`, events: RESOURCE_EVENTS, secret: 'bob secret 12' });
    expect(bobHook.owner_id).toBe(bob.id);
  });

  it("a user's webhook receives their own resources' events and never another user's", async () => {
    const aliceResource = await createResource(alice, 'Alice thing');
    const bobResource = await createResource(bob, 'Bob thing');
    await until(() => aliceHooks.deliveries.some((d) => d.json.data.id === aliceResource), "alice's resource.created");
    await until(() => bobHooks.deliveries.some((d) => d.json.data.id === bobResource), "bob's resource.created");
    // Each event became an action for its owner's webhook only: nothing for the other user is even queued.
    expect(await actionTargets('resource.created', 'id', aliceResource)).toEqual([aliceHook.id]);
    expect(await actionTargets('resource.created', 'id', bobResource)).toEqual([bobHook.id]);
    expect(aliceHooks.deliveries.map((d) => d.json.data.id)).not.toContain(bobResource);
    expect(bobHooks.deliveries.map((d) => d.json.data.id)).not.toContain(aliceResource);
    const delivery = aliceHooks.deliveries.find((d) => d.json.data.id === aliceResource)!;
    expect(delivery.json).toMatchObject({ event: 'resource.created', data: { owner_id: alice.id, name: 'Alice thing' } });
    expect(verifyDelivery('alice secret 1', delivery.headers[TIMESTAMP_HEADER] as string, delivery.body, delivery.headers[SIGNATURE_HEADER] as string)).toBe(
      true,
    );
  });

  it('G18 lists only the caller’s webhooks; admins see everyone’s', async () => {
    const mine = await call<any>('GET', '/v1/webhooks', { token: alice.token });
    expect(mine.status).toBe(200);
    expect(mine.body).toEqual({ data: [aliceHook], meta: { page: 1, per_page: 20, total: 1, total_pages: 1 } });
    const bobs = await call<any>('GET', '/v1/webhooks', { token: bob.token });
    expect(bobs.body.data.map((hook: any) => hook.id)).toEqual([bobHook.id]);
    const none = await call<any>('GET', '/v1/webhooks', { token: carol.token });
    expect(none.body).toEqual({ data: [], meta: { page: 1, per_page: 20, total: 0, total_pages: 0 } });
    const all = await call<any>('GET', '/v1/webhooks', { token: adminToken });
    expect(all.status).toBe(200);
    expect(all.body.data.map((hook: any) => hook.id)).toEqual(expect.arrayContaining([aliceHook.id, bobHook.id]));
  });

  it.each([
    { id: 'G20', method: 'PATCH', suffix: '', body: { active: false } },
    { id: 'G21', method: 'DELETE', suffix: '' },
    { id: 'G22', method: 'POST', suffix: '/test' },
  ])("$id on another user's webhook is 404 resource_not_found and changes nothing", async ({ method, suffix, body }) => {
    const response = await call<any>(method, `/v1/webhooks/${bobHook.id}${suffix}`, { token: alice.token, body });
    expect(response.status).toBe(404);
    expect(response.body).toEqual({ error: { code: 'resource_not_found', message: 'No such webhook' } });
    const [row] = await system.sql<{ enabled: boolean }>('select enabled from admin.outbound_targets where id = $1', [bobHook.id]);
    expect(row).toEqual({ enabled: true });
    expect(bobHooks.deliveries.some((d) => d.json.event === 'webhook.test')).toBe(false);
  });

  it('the owner updates, tests and deletes their webhook', async () => {
    const patched = await call<any>('PATCH', `/v1/webhooks/${bobHook.id}`, { token: bob.token, body: { events: ['resource.deleted'], name: 'Bob deletes' } });
    expect(patched.status).toBe(200);
    expect(patched.body.data).toMatchObject({ id: bobHook.id, name: 'Bob deletes', events: ['resource.deleted'], owner_id: bob.id });
    const tested = await call<any>('POST', `/v1/webhooks/${bobHook.id}/test`, { token: bob.token });
    expect(tested.status).toBe(200);
    expect(tested.body.data).toMatchObject({ event: 'webhook.test', status: 'succeeded', success: true, response_status: 200 });
    expect(bobHooks.deliveries.filter((d) => d.json.event === 'webhook.test')).toHaveLength(1);
    expect(aliceHooks.deliveries.some((d) => d.json.event === 'webhook.test')).toBe(false);
    const deleted = await call('DELETE', `/v1/webhooks/${bobHook.id}`, { token: bob.token });
    expect(deleted.status).toBe(204);
    expect((await call('GET', '/v1/webhooks', { token: bob.token })).body).toMatchObject({ data: [] });
  });

  it("an admin manages another user's webhook", async () => {
    const patched = await call<any>('PATCH', `/v1/webhooks/${aliceHook.id}`, { token: adminToken, body: { name: 'Checked by admin' } });
    expect(patched.status).toBe(200);
    expect(patched.body.data).toMatchObject({ name: 'Checked by admin', owner_id: alice.id });
    const tested = await call<any>('POST', `/v1/webhooks/${aliceHook.id}/test`, { token: adminToken });
    expect(tested.body.data).toMatchObject({ success: true });
    await until(() => aliceHooks.deliveries.some((d) => d.json.event === 'webhook.test'), "the admin's test delivery");
    const spare = await createWebhook(bob, { url: `${bobHooks.url}/spare`, events: ['resource.created'] });
    expect((await call('DELETE', `/v1/webhooks/${spare.id}`, { token: adminToken })).status).toBe(204);
    expect(await system.sql('select id from admin.outbound_targets where id = $1', [spare.id])).toEqual([]);
  });

  it("an admin's own webhook gets the admin's own resources' events, not everyone's (platform-wide is an outbound target)", async () => {
    const adminHook = await createWebhook({ token: adminToken }, { url: `${aliceHooks.url}/admin`, events: ['resource.created'] });
    const [adminRow] = await system.sql<{ id: string }>('select id from admin.users where lower(email) = $1', [ADMIN.email]);
    expect(adminHook.owner_id).toBe(adminRow!.id);
    const aliceResource = await createResource(alice, 'Alice second');
    await until(() => aliceHooks.deliveries.some((d) => d.json.data.id === aliceResource), "alice's second resource.created");
    expect(await actionTargets('resource.created', 'id', aliceResource)).toEqual([aliceHook.id]);
    await call('DELETE', `/v1/webhooks/${adminHook.id}`, { token: adminToken });
  });

  it('refuses events a webhook without organization cannot receive, and bad input, changing nothing', async () => {
    const before = await system.sql('select id from admin.outbound_targets');
    for (const body of [
      { url: `${aliceHooks.url}/x`, events: ['organization.updated'] },
      { url: `${aliceHooks.url}/x`, events: ['ticket.created'] },
      { url: `${aliceHooks.url}/x`, events: [] },
      { url: 'gopher://x', events: ['resource.created'] },
      { url: `${aliceHooks.url}/x`, events: ['resource.created'], organization_id: 'not-a-uuid' },
    ]) {
      const response = await call<any>('POST', '/v1/webhooks', { token: alice.token, body });
      expect([JSON.stringify(body), response.status, errorCode(response)]).toEqual([JSON.stringify(body), 400, 'invalid_request']);
      expect(JSON.stringify(response.body)).not.toMatch(/graphql|sql|Outbound|UUID!/i);
    }
    expect(await system.sql('select id from admin.outbound_targets')).toEqual(before);
  });
});

describe('organization webhooks', () => {
  let aliceOrgHook: any;
  let daveOrgHook: any;
  const orgEvents = ['organization.updated', 'organization.member_added', 'organization.member_removed'];

  it("the organization's owners and admins create one", async () => {
    aliceOrgHook = await createWebhook(alice, { url: `${aliceHooks.url}/org`, events: orgEvents, organization_id: orgId });
    expect(aliceOrgHook).toMatchObject({ owner_id: alice.id, organization_id: orgId, events: orgEvents });
    daveOrgHook = await createWebhook(dave, { url: `${daveHooks.url}/org`, events: orgEvents, organization_id: orgId });
    expect(daveOrgHook).toMatchObject({ owner_id: dave.id, organization_id: orgId });
  });

  it('a plain member is 403 insufficient_permissions, a non-member 404 as if the organization did not exist', async () => {
    const body = { url: `${bobHooks.url}/org`, events: ['organization.updated'], organization_id: orgId };
    const member = await call<any>('POST', '/v1/webhooks', { token: carol.token, body });
    expect(member.status).toBe(403);
    expect(errorCode(member)).toBe('insufficient_permissions');
    const outsider = await call<any>('POST', '/v1/webhooks', { token: bob.token, body });
    expect(outsider.status).toBe(404);
    expect(outsider.body).toEqual({ error: { code: 'resource_not_found', message: 'No such organization' } });
    const unknown = await call<any>('POST', '/v1/webhooks', { token: bob.token, body: { ...body, organization_id: '00000000-0000-4000-8000-000000000000' } });
    expect(unknown.status).toBe(404);
    // Moving one's own webhook onto the organization is refused the same way.
    const own = await createWebhook(bob, { url: `${bobHooks.url}/mine`, events: ['resource.created'] });
    const moved = await call<any>('PATCH', `/v1/webhooks/${own.id}`, { token: bob.token, body: { organization_id: orgId, events: ['organization.updated'] } });
    expect(moved.status).toBe(404);
    const [row] = await system.sql<{ organization_id: string | null; events: string[] }>(
      'select organization_id, events from admin.outbound_targets where id = $1',
      [own.id],
    );
    expect(row).toEqual({ organization_id: null, events: ['resource.created'] });
    await call('DELETE', `/v1/webhooks/${own.id}`, { token: bob.token });
    expect(await system.sql('select id from admin.outbound_targets where owner_id = $1', [carol.id])).toEqual([]);
  });

  it('an organization webhook takes only organization events; moving it back needs resource events', async () => {
    const wrong = await call<any>('POST', '/v1/webhooks', {
      token: alice.token,
      body: { url: `${aliceHooks.url}/o`, events: ['resource.created'], organization_id: orgId },
    });
    expect(wrong.status).toBe(400);
    expect(wrong.body.error.message).toContain('organization.updated');
    const back = await call<any>('PATCH', `/v1/webhooks/${aliceOrgHook.id}`, { token: alice.token, body: { organization_id: null } });
    expect(back.status).toBe(400);
    expect(errorCode(back)).toBe('invalid_request');
    const [row] = await system.sql<{ organization_id: string }>('select organization_id from admin.outbound_targets where id = $1', [aliceOrgHook.id]);
    expect(row!.organization_id).toBe(orgId);
  });

  it("organization events reach its managers' webhooks, not members' or outsiders'", async () => {
    const renamed = await call('PATCH', `/v1/organizations/${orgId}`, { token: alice.token, body: { name: 'Hooks Incorporated' } });
    expect(renamed.status).toBe(200);
    await until(() => aliceHooks.deliveries.some((d) => d.json.event === 'organization.updated'), 'organization.updated at alice');
    await until(() => daveHooks.deliveries.some((d) => d.json.event === 'organization.updated'), 'organization.updated at dave');
    const delivery = aliceHooks.deliveries.find((d) => d.json.event === 'organization.updated')!;
    expect(delivery.json.data).toEqual({ organization_id: orgId, name: 'Hooks Incorporated', slug: 'hooks-inc', changed: ['name'] });
    expect((await actionTargets('organization.updated', 'organization_id', orgId)).sort()).toEqual([aliceOrgHook.id, daveOrgHook.id].sort());
    expect(bobHooks.deliveries.some((d) => d.json.event.startsWith('organization.'))).toBe(false);
    // Alice's own resource webhook is not an organization webhook: it gets none of these.
    expect(aliceHooks.deliveries.filter((d) => d.json.event === 'organization.updated')).toHaveLength(1);
  });

  it('a manager who leaves the organization stops receiving its events at once', async () => {
    const removed = await call('DELETE', `/v1/organizations/${orgId}/members/${dave.id}`, { token: alice.token });
    expect(removed.status).toBe(204);
    await until(() => aliceHooks.deliveries.some((d) => d.json.event === 'organization.member_removed'), 'member_removed at alice');
    const renamed = await call('PATCH', `/v1/organizations/${orgId}`, { token: alice.token, body: { slug: 'hooks-renamed' } });
    expect(renamed.status).toBe(200);
    await until(() => aliceHooks.deliveries.some((d) => d.json.data.slug === 'hooks-renamed'), 'the second organization.updated');
    const [event] = await system.sql<{ id: string }>(
      `select id from admin.domain_events where type = 'organization.updated' order by occurred_at desc limit 1`,
    );
    const targets = await system.sql<{ target_id: string }>('select target_id from admin.outbound_actions where event_id = $1', [event!.id]);
    expect(targets.map((row) => row.target_id)).toEqual([aliceOrgHook.id]);
    expect(daveHooks.deliveries.some((d) => d.json.data.slug === 'hooks-renamed')).toBe(false);
    // Dave still sees and manages his webhook: it is his, it just has nothing to receive.
    expect((await call<any>('GET', '/v1/webhooks', { token: dave.token })).body.data.map((hook: any) => hook.id)).toEqual([daveOrgHook.id]);
  });
});

describe('credentials', () => {
  const id = '00000000-0000-4000-8000-000000000000';
  it.each([
    { id: 'G18', method: 'GET', path: '/v1/webhooks' },
    { id: 'G19', method: 'POST', path: '/v1/webhooks', body: { url: 'https://example.com/h', events: ['resource.created'] } },
    { id: 'G20', method: 'PATCH', path: `/v1/webhooks/${id}`, body: { active: false } },
    { id: 'G21', method: 'DELETE', path: `/v1/webhooks/${id}` },
    { id: 'G22', method: 'POST', path: `/v1/webhooks/${id}/test` },
  ])('$id: 401 authentication_required without a token', async ({ method, path, body }) => {
    const response = await call<any>(method, path, { body });
    expect(response.status).toBe(401);
    expect(errorCode(response)).toBe('authentication_required');
  });

  it('GraphQL: a session user manages their own; a key needs the settings scopes and then acts as the admin it is', async () => {
    const identity = new IdentityClient();
    identity.baseUrl = system.gatewayUrl;
    const list = 'query { outboundTargets(kind: webhook) { totalCount edges { node { id ownerId } } } }';
    const session = await login(identity, alice.email, `alice password 1`);
    const own = await postGraphQL<any>(`${system.gatewayUrl}/graphql`, list, {}, { cookie: session.cookie });
    expect(own.body.errors).toBeUndefined();
    expect(own.body.data.outboundTargets.edges.every((edge: any) => edge.node.ownerId === alice.id)).toBe(true);
    expect(own.body.data.outboundTargets.totalCount).toBe(2);
    const admin = await login(identity, ADMIN.email, ADMIN.password);
    const keyOf = async (scopes: string[]) => (await createApiKey(identity, admin, { scopes })).secret;
    const refused = await postGraphQL<any>(`${system.gatewayUrl}/graphql`, list, {}, { authorization: `Bearer ${await keyOf(['tickets:read'])}` });
    expect(refused.body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const readKey = await keyOf(['settings:read']);
    const allowed = await postGraphQL<any>(`${system.gatewayUrl}/graphql`, list, {}, { authorization: `Bearer ${readKey}` });
    expect(allowed.body.errors).toBeUndefined();
    expect(allowed.body.data.outboundTargets.edges.map((edge: any) => edge.node.ownerId)).toEqual(expect.arrayContaining([alice.id, dave.id]));
    const create = 'mutation($input: CreateOutboundTargetInput!) { createOutboundTarget(input: $input, kind: webhook) { id } }';
    const input = { url: 'https://example.com/k', events: ['resource.created'] };
    const readOnly = await postGraphQL<any>(`${system.gatewayUrl}/graphql`, create, { input }, { authorization: `Bearer ${readKey}` });
    expect(readOnly.body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });

  it('a target takes no organization', async () => {
    const identity = new IdentityClient();
    identity.baseUrl = system.gatewayUrl;
    const admin = await login(identity, ADMIN.email, ADMIN.password);
    const response = await postGraphQL<any>(
      `${system.gatewayUrl}/graphql`,
      'mutation($input: CreateOutboundTargetInput!) { createOutboundTarget(input: $input) { id } }',
      { input: { name: 'x', url: 'https://example.com/t', organizationId: orgId } },
      { cookie: admin.cookie, 'x-csrf-token': admin.csrf },
    );
    expect(response.body.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(await system.sql("select id from admin.outbound_targets where kind = 'target'")).toEqual([]);
  });
});
