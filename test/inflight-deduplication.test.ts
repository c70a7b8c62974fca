import type { RunningGateway } from '../gateway/server';
import { generalApi, type GeneralUser } from './support/general-api';
import { postGraphQL, requestJson } from './support/http';
import { scrape } from './support/prometheus';
import { SubgraphProxy } from './support/subgraph-proxy';
import { startSystem, subgraphUrlsOf, type TestSystem } from './support/system';
import { until } from './support/wait';

let system: TestSystem;
let proxy: SubgraphProxy;
let gateway: RunningGateway;
let alice: GeneralUser;
let bob: GeneralUser;

beforeAll(async () => {
  system = await startSystem();
  const users = generalApi(() => system);
  alice = await users.user('dedupalice');
  bob = await users.user('dedupbob');
  proxy = new SubgraphProxy(system.subgraphs.admin.url);
  const proxyUrl = await proxy.start();
  gateway = await system.extraGateway({ subgraphUrls: { ...subgraphUrlsOf(system), admin: proxyUrl } });
});
afterAll(async () => {
  await system?.stop();
  await proxy?.stop();
});

/** POSTs to the gateway under test and returns the GraphQL body. */
const gql = async (query: string, headers: Record<string, string> = {}) => (await postGraphQL(`${gateway.url}/graphql`, query, {}, headers)).body;

const shared = async (kind: 'operation' | 'subgraph_fetch') =>
  (await scrape(gateway.url)).value('playroom_inflight_deduplication_total', { kind, outcome: 'shared' });

describe('in-flight deduplication', () => {
  it('runs identical concurrent queries once: one subgraph fetch, the same answer for every caller', async () => {
    const before = { fetches: proxy.count('publicSettings'), shared: await shared('operation') };
    proxy.mode = (body) => (body.includes('publicSettings') ? 'hold' : 'pass');
    const answers = Array.from({ length: 5 }, () => gql('{ publicSettings { siteName registrationOpen } }'));
    await until(async () => (await shared('operation')) >= before.shared + 4, 'four queries waiting for the first');
    expect(proxy.count('publicSettings') - before.fetches).toBe(1);
    proxy.release();
    const bodies = await Promise.all(answers);
    for (const body of bodies) {
      expect(body.errors).toBeUndefined();
      expect(body.data).toEqual(bodies[0]!.data);
    }
    expect(bodies[0]!.data).toEqual({ publicSettings: { siteName: expect.any(String), registrationOpen: expect.any(Boolean) } });
    expect(proxy.count('publicSettings') - before.fetches).toBe(1);
  });

  it('sends identical subgraph fetches of different concurrent queries once', async () => {
    const before = { fetches: proxy.count('publicSettings'), shared: await shared('subgraph_fetch') };
    proxy.mode = (body) => (body.includes('publicSettings') ? 'hold' : 'pass');
    // Three documents that differ as text (so the queries do not share) but plan the same admin fetch.
    const documents = ['{ publicSettings { siteName } }', '{publicSettings{siteName}}', 'query { publicSettings { siteName } }'];
    const answers = documents.map((document) => gql(document));
    await until(async () => (await shared('subgraph_fetch')) >= before.shared + 2, 'two fetches waiting for the first');
    proxy.release();
    const bodies = await Promise.all(answers);
    for (const body of bodies) expect(body).toEqual({ data: { publicSettings: { siteName: expect.any(String) } } });
    expect(proxy.count('publicSettings') - before.fetches).toBe(1);
  });

  it('shares the same user’s identical query over /graphql and keeps different users’ apart: each sees only their own answer', async () => {
    const before = { fetches: proxy.count('me{username}'), shared: await shared('operation') };
    proxy.mode = (body) => (body.includes('me{username}') ? 'hold' : 'pass');
    const me = (user: GeneralUser) => gql('{ me { username } }', { authorization: `Bearer ${user.token}` });
    const answers = [me(alice), me(bob), me(alice), me(bob)];
    // One fetch per user reaches the subgraph (so they were not shared across users), and one query of each waits.
    await until(() => proxy.count('me{username}') - before.fetches === 2, 'one me fetch for each user');
    await until(async () => (await shared('operation')) >= before.shared + 2, 'the second query of each user waiting for the first');
    proxy.release();
    const [aliceFirst, bobFirst, aliceSecond, bobSecond] = await Promise.all(answers);
    expect(aliceFirst).toEqual({ data: { me: { username: alice.username } } });
    expect(aliceSecond).toEqual({ data: { me: { username: alice.username } } });
    expect(bobFirst).toEqual({ data: { me: { username: bob.username } } });
    expect(bobSecond).toEqual({ data: { me: { username: bob.username } } });
    expect(proxy.count('me{username}') - before.fetches).toBe(2);
  });

  it('never shares mutations: identical concurrent mutations each reach the subgraph', async () => {
    const before = proxy.count('mutation');
    proxy.mode = (body) => (body.includes('mutation') ? 'hold' : 'pass');
    const login = () => gql('mutation { login(email: "nobody@example.com", password: "wrong password") { expiresAt } }');
    const answers = [login(), login(), login()];
    // If the mutations were shared, only one would ever arrive and this wait would fail.
    await until(() => proxy.count('mutation') - before === 3, 'all three mutations at the subgraph');
    proxy.release();
    for (const body of await Promise.all(answers)) expect(body.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
  });

  it('runs identical concurrent REST reads once', async () => {
    const before = { fetches: proxy.count('publicSettings'), shared: await shared('operation') };
    proxy.mode = (body) => (body.includes('publicSettings') ? 'hold' : 'pass');
    const answers = Array.from({ length: 3 }, () => requestJson(`${gateway.url}/api/settings/public`));
    await until(async () => (await shared('operation')) >= before.shared + 2, 'two REST reads waiting for the first');
    proxy.release();
    const responses = await Promise.all(answers);
    for (const response of responses) {
      expect(response.status).toBe(200);
      expect(response.body).toEqual(responses[0]!.body);
    }
    expect(proxy.count('publicSettings') - before.fetches).toBe(1);
  });
});

describe('document and query plan caches', () => {
  it('parse, validate and plan a repeated query once: every later run is a cache hit', async () => {
    const lookups = async () => {
      const metrics = await scrape(gateway.url);
      const of = (cache: string, result: string) => metrics.value('playroom_graphql_cache_lookups_total', { cache, result });
      return {
        documentHits: of('document', 'hit'),
        documentMisses: of('document', 'miss'),
        planHits: of('query_plan', 'hit'),
        planMisses: of('query_plan', 'miss'),
      };
    };
    const query = '{ publicSettings { siteName supportEmail } }';
    const before = await lookups();
    for (let run = 0; run < 4; run += 1) expect((await gql(query)).errors).toBeUndefined();
    const after = await lookups();
    expect(after.documentMisses - before.documentMisses).toBe(1);
    expect(after.documentHits - before.documentHits).toBe(3);
    expect(after.planMisses - before.planMisses).toBe(1);
    expect(after.planHits - before.planHits).toBe(3);
  });
});
