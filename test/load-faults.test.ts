import pg from 'pg';
import { GraphQLError } from 'graphql';
import { databaseOutageAsUnavailable, isDatabaseContention, isDatabaseUnavailable, isUniqueViolation } from '../common/database-errors';
import { createLogger } from '../common/logger';
import type { RunningGateway } from '../gateway/server';
import { postGraphQL, requestJson, type JsonResponse } from './support/http';
import { basic, bearer, owncastClient } from './support/streaming';
import { SubgraphProxy } from './support/subgraph-proxy';
import { startExtraGateway, startSystem, subgraphUrlsOf, type TestSystem } from './support/system';

/**
 * What a request meets when the machine is overloaded, made to happen
 * deterministically: a subgraph that never answers (a proxy that holds the
 * request), an answer lost after the subgraph did the work (a proxy that
 * forwards, then holds the answer), and the PostgreSQL errors of contention
 * and races (real errors of a real server). Each must reach the caller as a
 * 503 in its family's shape with Retry-After (or the right 4xx), never a 500,
 * and a chat post that was stored must not be answered with an error.
 */

const STREAM_KEY = 'load-faults-stream-key';
const ADMIN = { email: 'root@example.com', password: 'correct horse battery' };
const logger = createLogger('test', process.env.TEST_LOG_LEVEL ?? 'silent');
/**
 * SUBGRAPH_TIMEOUT_MS of the gateway whose requests are held: every fetch of
 * the operations sent through it is held, so each reaches the timeout, and
 * none needs to finish within it (only its rate-limit count, which may miss).
 */
const SHORT_TIMEOUT_MS = 1000;
/** The other gateway's: generous, as its requests must complete (a lost answer ends at once, the connection drops). */
const LONG_TIMEOUT_MS = 60_000;

let system: TestSystem;
/** Its fetches time out soon: the held requests' gateway. */
let hurried: RunningGateway;
/** Its fetches may take long: the lost answers' gateway. */
let gateway: RunningGateway;
const proxies: Partial<Record<'admin' | 'streaming', SubgraphProxy>> = {};

beforeAll(async () => {
  system = await startSystem({ env: { STREAM_KEY, ADMIN_EMAIL: ADMIN.email, ADMIN_PASSWORD: ADMIN.password } });
  const urls = subgraphUrlsOf(system);
  proxies.admin = new SubgraphProxy(urls.admin);
  proxies.streaming = new SubgraphProxy(urls.streaming);
  const proxied = { ...urls, admin: await proxies.admin.start(), streaming: await proxies.streaming.start() };
  hurried = await startExtraGateway(system, { logger, subgraphTimeoutMs: SHORT_TIMEOUT_MS, subgraphUrls: proxied });
  gateway = await startExtraGateway(system, { logger, subgraphTimeoutMs: LONG_TIMEOUT_MS, subgraphUrls: proxied });
});
afterEach(() => {
  for (const proxy of Object.values(proxies)) proxy.mode = () => 'pass';
});
afterAll(async () => {
  await hurried?.close();
  await gateway?.close();
  for (const proxy of Object.values(proxies)) await proxy.stop();
  await system?.stop();
});

/** Nothing of the machinery leaks: no library, address, SQL or GraphQL words. */
function expectNoInternals(response: JsonResponse<unknown>): void {
  const text = JSON.stringify(response.body);
  for (const word of ['undici', 'UND_ERR', 'ECONN', '127.0.0.1', 'localhost', 'subgraph', 'Subgraph', 'Internal server error', 'query', 'mutation', 'stack']) {
    expect(text).not.toContain(word);
  }
}

function expectRetryLater(response: JsonResponse<unknown>): void {
  expect(response.status).toBe(503);
  expect(response.headers.get('retry-after')).toBe('1');
  expectNoInternals(response);
}

describe('a subgraph that does not answer in time', () => {
  it('a platform login (P, /api/auth/login): 503 in the platform envelope with Retry-After', async () => {
    proxies.admin!.mode = (body) => (body.includes('login') ? 'hold' : 'pass');
    const response = await requestJson(`${hurried.url}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: ADMIN.email, password: ADMIN.password }),
    });
    expectRetryLater(response);
    expect(response.body).toEqual({ success: false, data: null, error: { code: 'service_unavailable', message: expect.any(String) } });
    expect(response.headers.get('set-cookie')).toBeNull();
  });

  it('a general registration (G, /v1/auth/register): 503 in the general shape, nothing stored', async () => {
    proxies.admin!.mode = (body) => (body.includes('register') ? 'hold' : 'pass');
    const response = await requestJson(`${hurried.url}/v1/auth/register`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: 'held@example.com', username: 'held', password: 'held password 1' }),
    });
    expectRetryLater(response);
    expect(response.body).toEqual({ error: { code: 'internal_server_error', message: expect.any(String) } });
    expect(await system.sql(`select id from admin.users where email = 'held@example.com'`)).toEqual([]);
  });

  it('O6 /api/admin/status (Owncast): 503 as a BasicResponse with Retry-After; several at once alike', async () => {
    proxies.streaming!.mode = (body) => (body.includes('adminStreamStatus') ? 'hold' : 'pass');
    const owncast = owncastClient(hurried.url);
    const answers = await Promise.all([1, 2, 3].map(() => owncast.get('/api/admin/status', basic(STREAM_KEY))));
    for (const response of answers) {
      expectRetryLater(response);
      expect(response.body).toEqual({ success: false, message: expect.any(String) });
    }
  });

  it('over /graphql: the error is SERVICE_UNAVAILABLE, not INTERNAL_SERVER_ERROR', async () => {
    proxies.streaming!.mode = (body) => (body.includes('adminStreamStatus') ? 'hold' : 'pass');
    const response = await postGraphQL(`${hurried.url}/graphql`, '{ adminStreamStatus { online } }', {}, { authorization: basic(STREAM_KEY) });
    expect(response.body.errors?.[0]?.extensions?.code).toBe('SERVICE_UNAVAILABLE');
    expect(JSON.stringify(response.body)).not.toContain('127.0.0.1');
  });

  it('without the fault the same routes answer normally through the same proxies', async () => {
    const owncast = owncastClient(gateway.url);
    expect((await owncast.get('/api/admin/status', basic(STREAM_KEY))).status).toBe(200);
  });
});

describe('O39 chat post whose answer was lost after the message was stored', () => {
  let token: string;
  beforeAll(async () => {
    const created = await owncastClient(system.gatewayUrl).post<{ token: string }>(
      '/api/admin/accesstokens/create',
      { name: 'load bot', scopes: ['CAN_SEND_MESSAGES'] },
      basic(STREAM_KEY),
    );
    expect(created.status).toBe(200);
    token = created.body.token;
  });

  const stored = async (text: string) => (await system.sql<{ id: string }>('select id from streaming.chat_messages where body like $1', [`%${text}%`])).length;

  it('answers success, and the message is stored once: the gateway asks again under the same message id', async () => {
    let lost = 0;
    // The first attempt is done by the subgraph, and its answer never reaches the gateway.
    proxies.streaming!.mode = (body) => (body.includes('lost answer once') && lost++ === 0 ? 'lose-answer' : 'pass');
    const response = await owncastClient(gateway.url).post('/api/integrations/chat/user', { user: 'bot', body: 'lost answer once' }, bearer(token));
    expect(response.status).toBe(200);
    expect(response.body).toEqual({ success: true, message: 'sent' });
    expect(proxies.streaming!.count('lost answer once')).toBe(2);
    expect(await stored('lost answer once')).toBe(1);
  });

  it('with an Idempotency-Key: a 503 while no answer arrives, then the client’s retry with the key stores nothing new', async () => {
    proxies.streaming!.mode = (body) => (body.includes('never answered') ? 'lose-answer' : 'pass');
    const post = () =>
      requestJson(`${gateway.url}/api/integrations/chat/user`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: bearer(token), 'idempotency-key': 'post-1' },
        body: JSON.stringify({ user: 'bot', body: 'never answered' }),
      });
    const first = await post();
    expectRetryLater(first);
    expect(first.body).toEqual({ success: false, message: expect.any(String) });
    expect(await stored('never answered')).toBe(1);
    proxies.streaming!.mode = () => 'pass';
    const retry = await post();
    expect(retry.status).toBe(200);
    expect(retry.body).toEqual({ success: true, message: 'sent' });
    expect(await stored('never answered')).toBe(1);
  });

  it('the same message id with another message is a 409, and stores nothing', async () => {
    const post = (text: string) =>
      requestJson(`${system.gatewayUrl}/api/integrations/chat/user`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: bearer(token), 'idempotency-key': 'post-2' },
        body: JSON.stringify({ user: 'bot', body: text }),
      });
    expect((await post('first text')).status).toBe(200);
    // The key's record goes (as after its lifetime); the message id derived from it stays taken.
    await system.sql('delete from admin.idempotency_keys');
    const other = await post('second text');
    expect(other.status).toBe(409);
    expect(other.body).toEqual({ success: false, message: expect.any(String) });
    expect(await stored('second text')).toBe(0);
  });

  it('a malformed id over GraphQL is BAD_USER_INPUT', async () => {
    const response = await postGraphQL(
      `${system.gatewayUrl}/graphql`,
      'mutation { sendIntegrationChatMessage(user: "bot", body: "x", id: "short") { id } }',
      {},
      { authorization: bearer(token) },
    );
    expect(response.body.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  });
});

describe('unknown /v1 paths', () => {
  it('carry the same X-RateLimit headers as known /v1 paths, in the general 404 shape', async () => {
    const known = await requestJson(`${system.gatewayUrl}/v1/resources`);
    const unknown = await requestJson(`${system.gatewayUrl}/v1/no-such-thing`);
    expect(unknown.status).toBe(404);
    expect(unknown.body).toEqual({ error: { code: 'resource_not_found', message: expect.any(String) } });
    for (const name of ['x-ratelimit-limit', 'x-ratelimit-remaining', 'x-ratelimit-reset']) {
      expect(known.headers.get(name)).not.toBeNull();
      expect(unknown.headers.get(name)).not.toBeNull();
    }
    expect(unknown.headers.get('x-ratelimit-limit')).toBe(known.headers.get('x-ratelimit-limit'));
  });

  it('other families’ unknown paths carry none', async () => {
    const response = await requestJson(`${system.gatewayUrl}/api/no-such-thing`);
    expect(response.status).toBe(404);
    expect(response.headers.get('x-ratelimit-limit')).toBeNull();
  });
});

describe('PostgreSQL errors of contention and races (real errors from the server)', () => {
  const clients: pg.Client[] = [];
  async function connect(): Promise<pg.Client> {
    const client = new pg.Client({ connectionString: system.databaseUrl });
    await client.connect();
    clients.push(client);
    return client;
  }
  afterAll(async () => {
    await Promise.all(clients.map((client) => client.end().catch(() => undefined)));
  });
  const formatted = { message: 'x', path: ['field'] };
  const asFormatted = (error: unknown) => databaseOutageAsUnavailable(formatted, new GraphQLError('x', { originalError: error as Error, path: ['field'] }));
  const failure = (promise: Promise<unknown>) =>
    promise.then(
      () => {
        throw new Error('expected the statement to fail');
      },
      (error: unknown) => error,
    );

  it('08P01 (protocol violation: a query with more parameters than the protocol carries) is the query’s fault, not an outage', async () => {
    const client = await connect();
    const count = 70_000;
    const error = await failure(client.query(`select 1 where 1 in (${Array.from({ length: count }, (_, i) => `$${i + 1}`).join(',')})`, Array(count).fill(1)));
    expect((error as { code?: string }).code).toBe('08P01');
    expect(isDatabaseUnavailable(error)).toBe(false);
    expect(asFormatted(error)).toBe(formatted);
    // The connection is still usable: nothing was unreachable.
    expect((await client.query('select 1 as ok')).rows).toEqual([{ ok: 1 }]);
  });

  it('a refused connection is still an outage', async () => {
    const closed = new pg.Client({ host: '127.0.0.1', port: 1, connectionTimeoutMillis: 5000 });
    const error = await failure(closed.connect());
    expect(isDatabaseUnavailable(error)).toBe(true);
    expect(asFormatted(error)).toMatchObject({ extensions: { code: 'SERVICE_UNAVAILABLE' } });
  });

  it('a deadlock: SERVICE_UNAVAILABLE (rolled back, try again)', async () => {
    const [a, b] = [await connect(), await connect()];
    await a.query('begin');
    await b.query('begin');
    await a.query('select pg_advisory_xact_lock(9001)');
    await b.query('select pg_advisory_xact_lock(9002)');
    // Each now waits for the other's lock; PostgreSQL breaks the cycle by failing one of them.
    const outcomes = await Promise.allSettled([a.query('select pg_advisory_xact_lock(9002)'), b.query('select pg_advisory_xact_lock(9001)')]);
    await a.query('rollback');
    await b.query('rollback');
    const failed = outcomes.filter((outcome): outcome is PromiseRejectedResult => outcome.status === 'rejected');
    expect(failed).toHaveLength(1);
    const error: unknown = failed[0]!.reason;
    expect((error as { code?: string }).code).toBe('40P01');
    expect(isDatabaseContention(error)).toBe(true);
    expect(isDatabaseUnavailable(error)).toBe(false);
    expect(asFormatted(error)).toMatchObject({ extensions: { code: 'SERVICE_UNAVAILABLE' } });
  });

  it('a lock wait timeout and a statement timeout: SERVICE_UNAVAILABLE', async () => {
    const [holder, waiter] = [await connect(), await connect()];
    await holder.query('begin');
    await holder.query('select pg_advisory_xact_lock(9003)');
    await waiter.query(`set lock_timeout = '1ms'`);
    const lockTimeout = await failure(waiter.query('select pg_advisory_lock(9003)'));
    await holder.query('rollback');
    expect((lockTimeout as { code?: string }).code).toBe('55P03');
    await waiter.query(`set statement_timeout = '1ms'`);
    const statementTimeout = await failure(waiter.query('select pg_sleep(10)'));
    expect((statementTimeout as { code?: string }).code).toBe('57014');
    for (const error of [lockTimeout, statementTimeout]) expect(asFormatted(error)).toMatchObject({ extensions: { code: 'SERVICE_UNAVAILABLE' } });
  });

  it('two identical writes racing past a check: the loser’s unique violation is CONFLICT', async () => {
    const [first, second] = [await connect(), await connect()];
    await first.query('create table public.race_probe (email text primary key)');
    try {
      await first.query('begin');
      await first.query(`insert into public.race_probe values ('same@example.com')`);
      // The second insert waits on the first's uncommitted row and fails once it commits.
      const racing = failure(second.query(`insert into public.race_probe values ('same@example.com')`));
      await first.query('commit');
      const error = await racing;
      expect((error as { code?: string }).code).toBe('23505');
      expect(isUniqueViolation(error)).toBe(true);
      expect(asFormatted(error)).toMatchObject({ extensions: { code: 'CONFLICT' } });
    } finally {
      await first.query('drop table if exists public.race_probe');
    }
  });
});
