/* eslint-disable @typescript-eslint/no-explicit-any -- response bodies are plain JSON; the assertions check their shape */
import { SubgraphProxy } from './support/subgraph-proxy';
import { startSystem, subgraphUrlsOf, type TestSystem } from './support/system';
import { ADMIN, PlatformClient, type Caller } from './support/platform';

/**
 * A GraphQL query for tickets with owner, category, claimer and
 * messages with their authors, through the gateway, makes the same number of
 * SQL round trips in the tickets and the admin subgraph whatever the number
 * of tickets (DataLoaders batch every reference and child list).
 */
let system: TestSystem;
let client: PlatformClient;
let admin: Caller;
const userIds: string[] = [];
const categoryIds: string[] = [];

beforeAll(async () => {
  // The longest credential cache, so that the warm-up before each measurement
  // keeps the caller's credential cached through it however slow the machine is:
  // the counts are then the query's own, never a credential lookup that expired mid-test.
  system = await startSystem({ env: { ADMIN_EMAIL: ADMIN.email, ADMIN_PASSWORD: ADMIN.password }, credentialCacheSeconds: 60 });
  client = new PlatformClient(system.gatewayUrl);
  admin = await client.login(ADMIN.email, ADMIN.password);
  for (const name of ['ann', 'bob', 'cid', 'dee']) userIds.push((await client.createUser(admin, name, [])).userId as string);
  for (const name of ['Hardware', 'Software', 'Billing']) {
    categoryIds.push((await client.rest(admin, 'POST', '/api/tickets/categories', { name })).body.data!.category.id);
  }
});
afterAll(() => system.stop());

/** Replaces all tickets with `count` new ones, each claimed and with three messages by different authors. */
async function seed(count: number): Promise<void> {
  await system.sql('delete from tickets.tickets');
  await system.sql(
    `with made as (
       insert into tickets.tickets (title, category_id, owner_id, status, claimed_by_id, created_at)
       select 'Ticket ' || n, ($2::uuid[])[1 + n % 3], ($3::uuid[])[1 + n % 4], 'claimed', ($3::uuid[])[1 + (n + 1) % 4], now() - n * interval '1 second'
       from generate_series(1, $1::int) as n
       returning id, owner_id
     )
     insert into tickets.messages (ticket_id, author_id, body, created_at)
     select made.id, ($3::uuid[])[1 + m % 4], 'Message number ' || m, now() + m * interval '1 second'
     from made, generate_series(1, 3) as m`,
    [count, categoryIds, userIds],
  );
}

const QUERY = (first: number) => `{
  tickets(first: ${first}) {
    totalCount
    edges { node {
      id title status
      owner { id username }
      category { id name color }
      claimedBy { id username }
      messages(first: 10) { totalCount edges { node { body author { id username } } } }
    } }
  }
}`;

async function measure(count: number): Promise<{ tickets: number; admin: number; authors: number }> {
  await seed(count);
  // Warm the gateway's credential cache, so the count is the query's own.
  await client.graphql(admin, '{ openTicketCount }');
  system.resetQueryLog();
  const response = await client.graphql<any>(admin, QUERY(count));
  expect(response.body.errors).toBeUndefined();
  const edges = response.body.data.tickets.edges as any[];
  expect(edges).toHaveLength(count);
  for (const { node } of edges) {
    expect(node.owner.username).toMatch(/^(ann|bob|cid|dee)$/);
    expect(node.claimedBy.username).toMatch(/^(ann|bob|cid|dee)$/);
    expect(node.category.name).toMatch(/^(Hardware|Software|Billing)$/);
    expect(node.messages.totalCount).toBe(3);
  }
  const authors = edges.flatMap(({ node }) => node.messages.edges.map((edge: any) => edge.node.author.username)).filter(Boolean).length;
  return { tickets: system.queries.tickets.length, admin: system.queries.admin.length, authors };
}

describe('SQL round trips of a deep tickets query through the gateway', () => {
  it('stay the same for 5 and for 50 tickets, in the tickets and in the admin subgraph', async () => {
    const small = await measure(5);
    const large = await measure(50);
    expect(small.authors).toBe(15);
    expect(large.authors).toBe(150);
    expect(large.tickets).toBe(small.tickets);
    expect(large.admin).toBe(small.admin);
    // tickets: categories (visibility), the page, its count, the messages of the page
    expect(large.tickets).toBeLessThanOrEqual(4);
    // admin: one batch of users per User path in the query plan (owner, claimedBy, message authors)
    expect(large.admin).toBeLessThanOrEqual(3);
    expect(system.queries.admin.every((sql) => /from "admin"."users"/.test(sql))).toBe(true);
    console.log(`tickets subgraph: ${large.tickets} queries, admin subgraph: ${large.admin} queries`);
  });
});

describe('a list asking only messages(first: 0) { totalCount }', () => {
  it('counts the messages with one grouped query instead of loading them', async () => {
    await seed(20);
    await client.graphql(admin, '{ openTicketCount }');
    system.resetQueryLog();
    const response = await client.graphql<any>(admin, '{ tickets(first: 20) { edges { node { id messages(first: 0) { totalCount edges { cursor } } } } } }');
    expect(response.body.errors).toBeUndefined();
    const nodes = (response.body.data.tickets.edges as any[]).map((edge) => edge.node);
    expect(nodes).toHaveLength(20);
    for (const node of nodes) expect(node.messages).toEqual({ totalCount: 3, edges: [] });
    const messageQueries = system.queries.tickets.filter((sql) => /messages/.test(sql));
    expect(messageQueries).toHaveLength(1);
    expect(messageQueries[0]).toMatch(/count\(\*\).*group by ticket_id/s);
  });
});

describe('the parallel user fetches of one plan step', () => {
  it('reach the admin subgraph as one _entities request, and every ticket still gets its own owner, claimer and authors', async () => {
    // The query plan asks admin for owner, claimedBy and the message authors in three parallel fetches,
    // each named after the operation and its place in the plan (TicketsWithPeople__admin__1, …).
    const named = `query TicketsWithPeople ${QUERY(12)}`;
    await seed(12);
    const proxy = new SubgraphProxy(system.subgraphs.admin.url);
    const gateway = await system.extraGateway({ subgraphUrls: { ...subgraphUrlsOf(system), admin: await proxy.start() } });
    try {
      const viaProxy = new PlatformClient(gateway.url);
      await viaProxy.graphql(admin, '{ openTicketCount }');
      const before = proxy.count('_entities');
      const response = await viaProxy.graphql<any>(admin, named);
      expect(response.body.errors).toBeUndefined();
      expect(proxy.count('_entities') - before).toBe(1);
      // The same answer as the system's own gateway gives (no proxy in between), user by user.
      const direct = await client.graphql<any>(admin, named);
      expect(response.body.data).toEqual(direct.body.data);
      const rows = await system.sql<{ id: string; username: string }>('select t.id, u.username from tickets.tickets t join admin.users u on u.id = t.owner_id');
      const owners = new Map(rows.map((row) => [row.id, row.username]));
      for (const { node } of response.body.data.tickets.edges as any[]) expect(node.owner.username).toBe(owners.get(node.id));
    } finally {
      await proxy.stop();
    }
  });
});
