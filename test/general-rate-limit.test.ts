/* eslint-disable @typescript-eslint/no-explicit-any -- response bodies are plain JSON; the assertions check their shape */
import { type Principal } from '../common/principal';
import { DEFAULT_RATE_LIMITS } from '../gateway/rate-limit';
import type { RunningGateway } from '../gateway/server';
import { generalApi, type GeneralUser } from './support/general-api';
import { requestJson } from './support/http';
import { startSystem, type TestSystem } from './support/system';
import { postToSubgraphAs, servicePrincipal, SITE_ADMIN } from './support/principals';

/**
 * Per-plan rate limits of the general API (seed 003) with the real
 * limits (Free 60, Pro 600, Enterprise 6000 a minute). The counters live in
 * PostgreSQL behind the admin subgraph, so two gateways count together.
 */
let system: TestSystem;
let secondGateway: RunningGateway;
const api = generalApi(() => system);
let free: GeneralUser;
let pro: GeneralUser;

/**
 * Runs `burst` so that all its answers fall into one window, and answers them
 * for the assertions: every answer names its window's end (X-RateLimit-Reset),
 * so a burst that a slow machine carried past a minute's end shows it; the
 * callers' counters are then cleared and the burst runs again, early in the
 * next window. What the test asserts is always one window's count, however
 * long the burst takes.
 */
async function inOneWindow<T extends { headers: Headers }>(keys: string[], burst: () => Promise<T[]>): Promise<T[]> {
  for (let attempt = 1; ; attempt += 1) {
    const responses = await burst();
    if (new Set(responses.map((response) => response.headers.get('x-ratelimit-reset'))).size === 1) return responses;
    if (attempt === 3) throw new Error('three bursts in a row fell into two windows');
    await system.sql('delete from admin.rate_limit_counters where key = any($1)', [keys]);
  }
}

function limits(response: { headers: Headers }) {
  return {
    limit: response.headers.get('x-ratelimit-limit'),
    remaining: response.headers.get('x-ratelimit-remaining'),
    reset: Number(response.headers.get('x-ratelimit-reset')),
  };
}

beforeAll(async () => {
  // X-Forwarded-For is trusted so anonymous callers can come from distinct addresses.
  system = await startSystem({ rateLimits: DEFAULT_RATE_LIMITS, trustProxy: true });
  secondGateway = await system.extraGateway({ trustProxy: true, rateLimits: DEFAULT_RATE_LIMITS });
  free = await api.user('freeuser');
  pro = await api.user('prouser', { plan: 'pro' });
});
afterAll(() => system.stop());

it('the 61st request in a minute on the Free plan is 429 rate_limit_exceeded, counted across two gateways', async () => {
  const gateways = [system.gatewayUrl, secondGateway.url];
  const asFree = (url: string) => requestJson<any>(url, { headers: { authorization: `Bearer ${free.token}` } });
  const responses = await inOneWindow([`user:${free.id}`], async () => {
    const answers = [];
    for (let index = 0; index < 60; index += 1) answers.push(await asFree(`${gateways[index % 2]}/v1/users/me`));
    answers.push(await asFree(`${system.gatewayUrl}/v1/users/me`));
    // Refused requests run nothing, on either gateway, on any /v1 route.
    answers.push(await asFree(`${secondGateway.url}/v1/resources`));
    return answers;
  });
  responses.slice(0, 60).forEach((response, index) => {
    expect([index, response.status]).toEqual([index, 200]);
    const headers = limits(response);
    expect([index, headers.limit, headers.remaining]).toEqual([index, '60', String(59 - index)]);
  });
  const [refused, elsewhere] = responses.slice(60) as [(typeof responses)[number], (typeof responses)[number]];
  expect(refused.status).toBe(429);
  expect(refused.body).toEqual({ error: { code: 'rate_limit_exceeded', message: expect.stringContaining('Rate limit of 60 requests exceeded') } });
  const headers = limits(refused);
  expect(headers.limit).toBe('60');
  expect(headers.remaining).toBe('0');
  const now = Date.now() / 1000;
  expect(headers.reset).toBeGreaterThan(now);
  expect(headers.reset).toBeLessThanOrEqual(Math.ceil(now) + 60);
  expect(headers.reset % 60).toBe(0);
  expect(Number(refused.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
  expect(elsewhere.status).toBe(429);
  // Other callers have their own counters.
  const other = await requestJson<any>(`${system.gatewayUrl}/v1/users/me`, { headers: { authorization: `Bearer ${pro.token}` } });
  expect(other.status).toBe(200);
  const [row] = await system.sql<{ count: number }>('select count from admin.rate_limit_counters where key = $1 order by window_start desc limit 1', [
    `user:${free.id}`,
  ]);
  expect(row!.count).toBe(62);
}, 240_000);

it('webhook management (G18–G22) counts like every other /v1 call, in the same counter; over the limit G19 creates nothing', async () => {
  const hooker = await api.user('hookuser');
  const send = (method: string, path: string, body?: unknown) =>
    requestJson<any>(`${system.gatewayUrl}${path}`, {
      method,
      headers: { authorization: `Bearer ${hooker.token}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  type Sent = Awaited<ReturnType<typeof send>> & { expected: number };
  let before: unknown[] = [];
  const sent = await inOneWindow([`user:${hooker.id}`], async () => {
    const answers: Sent[] = [];
    const expectStatus = async (status: number, response: Promise<Awaited<ReturnType<typeof send>>>) => {
      const answer = { ...(await response), expected: status };
      answers.push(answer);
      return answer;
    };
    await expectStatus(200, send('GET', '/v1/users/me'));
    while (answers.length < 60) {
      const created = await expectStatus(201, send('POST', '/v1/webhooks', { url: 'https://example.com/hook', events: ['resource.created'] }));
      const id: string | undefined = created.body?.data?.id;
      const steps: [string, string, unknown, number][] = [
        ['GET', '/v1/webhooks', undefined, 200],
        ['PATCH', `/v1/webhooks/${id}`, { active: false }, 200],
        // A disabled webhook's test is refused (400): refused calls count too.
        ['POST', `/v1/webhooks/${id}/test`, undefined, 400],
        ['DELETE', `/v1/webhooks/${id}`, undefined, 204],
      ];
      for (const [method, path, body, status] of steps) {
        if (answers.length === 60) break;
        await expectStatus(status, send(method, path, body));
      }
    }
    // Over the limit, in the same window: G19 is refused and creates nothing, and G18 is refused too.
    before = await system.sql('select id from admin.outbound_targets where owner_id = $1', [hooker.id]);
    await expectStatus(429, send('POST', '/v1/webhooks', { url: 'https://example.com/late', events: ['resource.created'] }));
    await expectStatus(429, send('GET', '/v1/webhooks'));
    return answers;
  });
  const [refused, listed] = sent.slice(60) as [Sent, Sent];
  sent.slice(0, 60).forEach((response, index) => {
    const used = index + 1;
    expect([used, response.status, limits(response).limit, limits(response).remaining]).toEqual([used, response.expected, '60', String(60 - used)]);
  });
  expect(refused.status).toBe(429);
  expect(refused.body.error.code).toBe('rate_limit_exceeded');
  expect(await system.sql('select id from admin.outbound_targets where owner_id = $1', [hooker.id])).toEqual(before);
  expect(listed.status).toBe(429);
}, 240_000);

it('the Pro plan gets 600 a minute', async () => {
  const response = await requestJson<any>(`${system.gatewayUrl}/v1/resources`, { headers: { authorization: `Bearer ${pro.token}` } });
  expect(response.status).toBe(200);
  expect(limits(response).limit).toBe('600');
  expect(Number(limits(response).remaining)).toBeLessThan(600);
});

it('anonymous callers are counted by client address at the Free limit; errors carry the headers too', async () => {
  const from = (address: string) => ({ 'x-forwarded-for': address });
  const responses = await inOneWindow(['ip:203.0.113.7'], async () => {
    const answers = [];
    for (let index = 0; index < 61; index += 1) answers.push(await requestJson<any>(`${system.gatewayUrl}/v1/resources`, { headers: from('203.0.113.7') }));
    return answers;
  });
  responses.slice(0, 60).forEach((response, index) => expect([index, response.status]).toEqual([index, 401]));
  expect(limits(responses[59]!)).toMatchObject({ limit: '60', remaining: '0' });
  const refused = responses[60]!;
  expect(refused.status).toBe(429);
  expect(refused.body.error.code).toBe('rate_limit_exceeded');
  const invalid = await requestJson<any>(`${system.gatewayUrl}/v1/resources?per_page=500`, { headers: from('203.0.113.8') });
  expect(invalid.status).toBe(400);
  expect(limits(invalid)).toMatchObject({ limit: '60', remaining: '59' });
}, 240_000);

it('other families carry no X-RateLimit headers', async () => {
  const response = await requestJson(`${system.gatewayUrl}/api/settings/public`);
  expect(response.status).toBe(200);
  expect(response.headers.get('x-ratelimit-limit')).toBeNull();
});

it('concurrent requests of one caller on two gateways are each counted once, each with its own remaining count', async () => {
  const burst = await api.user('burstuser', { plan: 'pro' });
  const gateways = [system.gatewayUrl, secondGateway.url];
  const responses = await inOneWindow([`user:${burst.id}`], () =>
    Promise.all(
      Array.from({ length: 40 }, (_, index) => requestJson<any>(`${gateways[index % 2]}/v1/users/me`, { headers: { authorization: `Bearer ${burst.token}` } })),
    ),
  );
  expect(responses.map((response) => response.status)).toEqual(Array(40).fill(200));
  const remaining = responses.map((response) => Number(limits(response).remaining)).sort((a, b) => a - b);
  expect(remaining).toEqual(Array.from({ length: 40 }, (_, index) => 560 + index));
  const [row] = await system.sql<{ count: number }>('select count from admin.rate_limit_counters where key = $1 order by window_start desc limit 1', [
    `user:${burst.id}`,
  ]);
  expect(row!.count).toBe(40);
}, 120_000);

describe('the admin subgraph counter (countRequest)', () => {
  const COUNT = 'mutation ($key: String!, $requests: Int!) { countRequest(key: $key, windowSeconds: 60, requests: $requests) { count resetAt } }';
  const callAdmin = (principal: Principal, variables: Record<string, unknown>) => postToSubgraphAs<any>(system, 'admin', principal, COUNT, variables);
  const gateway = servicePrincipal('gateway');

  it('counts several requests in one call for the gateway', async () => {
    const first = await callAdmin(gateway, { key: 'test:several', requests: 3 });
    const second = await callAdmin(gateway, { key: 'test:several', requests: 2 });
    expect(first.body.data?.countRequest.count).toBe(3);
    // Both calls count in one window unless a minute ended between them; then the second starts the next window.
    const sameWindow = first.body.data?.countRequest.resetAt === second.body.data?.countRequest.resetAt;
    expect(second.body.data?.countRequest.count).toBe(sameWindow ? 5 : 2);
  });

  it('refuses every caller but the gateway, and counts nothing for them', async () => {
    for (const principal of [SITE_ADMIN, servicePrincipal('tickets')]) {
      const refused = await callAdmin(principal, { key: 'test:refused', requests: 1 });
      expect([principal.kind, refused.body.data, refused.body.errors?.[0]?.extensions?.code]).toEqual([principal.kind, null, 'FORBIDDEN']);
    }
    expect(await system.countRows(`admin.rate_limit_counters where key = 'test:refused'`)).toBe(0);
  });

  it.each([0, 1001, -1])('refuses requests = %p and counts nothing', async (requests) => {
    const refused = await callAdmin(gateway, { key: 'test:bad-amount', requests });
    expect(refused.body.errors?.[0]).toMatchObject({ message: 'requests must be 1 to 1000', extensions: { code: 'BAD_USER_INPUT' } });
    expect(await system.countRows(`admin.rate_limit_counters where key = 'test:bad-amount'`)).toBe(0);
  });
});
