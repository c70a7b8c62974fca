/* eslint-disable @typescript-eslint/no-explicit-any -- response bodies are plain JSON; the assertions check their shape */
import { startSystem, type TestSystem } from './support/system';
import { until } from './support/wait';
import { ADMIN, PlatformClient, type Caller } from './support/platform';

/**
 * Seed 001 (P16–P26) and replies. Every endpoint for each kind of
 * caller: the ticket's owner, another user, a viewer-role user, a
 * responder-role user, manage_tickets, define_tickets, and API keys (made by
 * the admin, so actor-linked) with tickets:read, with tickets:write and with
 * neither; then validation (400, nothing stored).
 */
let system: TestSystem;
let client: PlatformClient;

type Name = 'owner' | 'other' | 'viewer' | 'responder' | 'manager' | 'definer' | 'keyRead' | 'keyWrite' | 'keyNone' | 'anonymous';
const callers = {} as Record<Name, Caller>;
let admin: Caller;
let categoryId: string;
let otherCategoryId: string;
let viewerRoleId: string;
let responderRoleId: string;

const as = (name: Name) => callers[name];
async function openTicket(owner: Name = 'owner', category = categoryId): Promise<string> {
  const response = await client.rest(as(owner), 'POST', '/api/tickets', { title: 'Printer on fire', categoryId: category, message: 'It is really on fire.' });
  expect(response.status).toBe(200);
  return response.body.data!.ticket.id as string;
}
async function statusOf(name: Name, method: string, path: string, body?: unknown): Promise<number> {
  return (await client.rest(as(name), method, path, body)).status;
}

/** Tickets (all or only open) a user sees by SQL: their own, and those of categories where roleId views or responds. */
async function visibleCount(userId: string, roleId: string | null, status: 'open' | 'all'): Promise<number> {
  const rows = await system.sql<{ n: string }>(
    `select count(*) as n from tickets.tickets t
     where ($3 = 'all' or t.status = $3)
       and (t.owner_id = $1 or t.category_id in (
         select c.id from tickets.categories c where $2::uuid = any(c.viewer_role_ids) or $2::uuid = any(c.responder_role_ids)))`,
    [userId, roleId, status],
  );
  return Number(rows[0]!.n);
}
const visibleOpenCount = (userId: string, roleId: string | null) => visibleCount(userId, roleId, 'open');

beforeAll(async () => {
  system = await startSystem({ env: { ADMIN_EMAIL: ADMIN.email, ADMIN_PASSWORD: ADMIN.password } });
  client = new PlatformClient(system.gatewayUrl);
  admin = await client.login(ADMIN.email, ADMIN.password);
  viewerRoleId = await client.createRole(admin, 'support_viewers');
  responderRoleId = await client.createRole(admin, 'support_responders');
  callers.owner = await client.createUser(admin, 'owner', []);
  callers.other = await client.createUser(admin, 'other', []);
  callers.viewer = await client.createUser(admin, 'viewer', [viewerRoleId]);
  callers.responder = await client.createUser(admin, 'responder', [responderRoleId]);
  callers.manager = await client.createUser(admin, 'manager', [await client.roleId(admin, 'ticket_manager')]);
  callers.definer = await client.createUser(admin, 'definer', [await client.roleId(admin, 'ticket_definer')]);
  callers.keyRead = await client.createKey(admin, ['tickets:read']);
  callers.keyWrite = await client.createKey(admin, ['tickets:write']);
  callers.keyNone = await client.createKey(admin, ['settings:read']);
  callers.anonymous = { kind: 'anonymous' };
  const created = await client.rest(admin, 'POST', '/api/tickets/categories', {
    name: 'Hardware',
    description: 'Things that break',
    color: '#aa0011',
    viewerRoleIds: [viewerRoleId],
    responderRoleIds: [responderRoleId],
  });
  expect(created.status).toBe(200);
  categoryId = created.body.data!.category.id;
  otherCategoryId = (await client.rest(admin, 'POST', '/api/tickets/categories', { name: 'Other' })).body.data!.category.id;
});
afterAll(() => system.stop());

describe('P16 GET /api/tickets', () => {
  let ticketId: string;
  let hiddenId: string;
  beforeAll(async () => {
    ticketId = await openTicket();
    hiddenId = await openTicket('other', otherCategoryId);
  });

  it.each<[Name, number, boolean]>([
    ['owner', 200, true],
    ['other', 200, false],
    ['viewer', 200, true],
    ['responder', 200, true],
    ['manager', 200, true],
    ['definer', 200, false],
    ['keyRead', 200, true],
    ['keyWrite', 403, false],
    ['keyNone', 403, false],
    ['anonymous', 401, false],
  ])('list as %s: %i, sees the ticket: %s', async (name, status, sees) => {
    const response = await client.rest(as(name), 'GET', '/api/tickets?pageSize=100');
    expect(response.status).toBe(status);
    if (status !== 200) return expect(response.body).toMatchObject({ success: false, data: null });
    const ids = (response.body.data!.tickets as { id: string }[]).map((ticket) => ticket.id);
    expect(ids.includes(ticketId)).toBe(sees);
  });

  it.each<[Name, number]>([
    ['owner', 200],
    ['other', 404],
    ['viewer', 200],
    ['responder', 200],
    ['manager', 200],
    ['definer', 404],
    ['keyRead', 200],
    ['keyWrite', 403],
    ['keyNone', 403],
    ['anonymous', 401],
  ])('detail as %s: %i', async (name, status) => {
    const response = await client.rest(as(name), 'GET', `/api/tickets?ticketId=${ticketId}`);
    expect(response.status).toBe(status);
    if (status === 200) {
      expect(response.body.data!.ticket).toMatchObject({ id: ticketId, status: 'open', owner: { username: 'owner' }, categoryId, messageCount: 1 });
      expect(response.body.data!.ticket.messages).toEqual([
        expect.objectContaining({ body: 'It is really on fire.', author: expect.objectContaining({ username: 'owner' }) }),
      ]);
    }
  });

  it('a user sees only their own tickets outside their categories; managers see everything; filters and pages work', async () => {
    expect((await client.rest(as('viewer'), 'GET', `/api/tickets?ticketId=${hiddenId}`)).status).toBe(404);
    expect((await client.rest(as('manager'), 'GET', `/api/tickets?ticketId=${hiddenId}`)).status).toBe(200);
    const mine = await client.rest(as('other'), 'GET', '/api/tickets?mine=true');
    expect(mine.body.data!.tickets.map((ticket: any) => ticket.id)).toEqual([hiddenId]);
    const byCategory = await client.rest(as('manager'), 'GET', `/api/tickets?categoryId=${otherCategoryId}`);
    expect(byCategory.body.data!.tickets.map((ticket: any) => ticket.id)).toEqual([hiddenId]);
    const closed = await client.rest(as('manager'), 'GET', '/api/tickets?status=closed');
    expect(closed.body.data!.tickets).toEqual([]);
    const page1 = await client.rest(as('manager'), 'GET', '/api/tickets?pageSize=1&page=1');
    const page2 = await client.rest(as('manager'), 'GET', '/api/tickets?pageSize=1&page=2');
    expect(page1.body.data!.pagination).toMatchObject({ page: 1, pageSize: 1 });
    expect(page1.body.data!.tickets[0].id).not.toBe(page2.body.data!.tickets[0].id);
    const defaults = await client.rest(as('manager'), 'GET', '/api/tickets');
    expect(defaults.body.data!.pagination).toMatchObject({ page: 1, pageSize: 20 });
    expect((await client.rest(as('manager'), 'GET', '/api/tickets?pageSize=101')).status).toBe(400);
  });
});

describe('P17 POST /api/tickets', () => {
  it.each<[Name, number]>([
    ['owner', 200],
    ['other', 200],
    ['viewer', 200],
    ['responder', 200],
    ['manager', 200],
    ['definer', 200],
    ['keyRead', 403],
    ['keyWrite', 200],
    ['keyNone', 403],
    ['anonymous', 401],
  ])('as %s: %i', async (name, status) => {
    const response = await client.rest(as(name), 'POST', '/api/tickets', { title: 'Need help', categoryId, message: 'Hello there' });
    expect(response.status).toBe(status);
    if (status === 200) expect(response.body.data!.ticket).toMatchObject({ title: 'Need help', status: 'open', messageCount: 1 });
  });

  it('an actor-linked key opens the ticket as its creator; a session mutation without CSRF is 403', async () => {
    const response = await client.rest(as('keyWrite'), 'POST', '/api/tickets', { title: 'From a key', categoryId, message: 'Hello there' });
    expect(response.body.data!.ticket.owner.username).toBe('admin');
    const session = as('owner') as Caller & { kind: 'session' };
    const noCsrf = await client.http.call<any>('POST', '/api/tickets', {
      headers: { cookie: session.cookie },
      body: { title: 'No csrf', categoryId, message: 'Hello there' },
    });
    expect(noCsrf.status).toBe(403);
  });
});

describe('P18 PUT /api/tickets', () => {
  const put = (name: Name, body: Record<string, unknown>) => client.rest(as(name), 'PUT', '/api/tickets', body);

  it.each<[Name, number]>([
    ['owner', 200],
    ['other', 404],
    ['viewer', 403],
    ['responder', 200],
    ['manager', 200],
    ['definer', 404],
    ['keyRead', 403],
    ['keyWrite', 200],
    ['keyNone', 403],
    ['anonymous', 401],
  ])('closing as %s: %i', async (name, status) => {
    const ticketId = await openTicket();
    const response = await put(name, { ticketId, status: 'closed' });
    expect(response.status).toBe(status);
    if (status === 200) expect(response.body.data!.ticket).toMatchObject({ status: 'closed', closedAt: expect.any(String) });
  });

  it.each<[Name, number]>([
    ['owner', 403],
    ['other', 404],
    ['viewer', 403],
    ['responder', 200],
    ['manager', 200],
    ['definer', 404],
    ['keyRead', 403],
    ['keyWrite', 200],
    ['keyNone', 403],
    ['anonymous', 401],
  ])('claiming as %s: %i', async (name, status) => {
    const ticketId = await openTicket();
    const response = await put(name, { ticketId, claimedByMe: true });
    expect(response.status).toBe(status);
    if (status === 200)
      expect(response.body.data!.ticket).toMatchObject({ status: 'claimed', claimedBy: expect.objectContaining({ username: expect.any(String) }) });
  });

  it('owners may only close; responders claim, release, reopen; claims of others conflict unless managing', async () => {
    const ticketId = await openTicket();
    expect((await put('owner', { ticketId, status: 'open' })).status).toBe(403);
    const claimed = await put('responder', { ticketId, claimedByMe: true });
    expect(claimed.body.data!.ticket).toMatchObject({ status: 'claimed', claimedBy: { username: 'responder' } });
    expect((await put('owner', { ticketId, claimedByMe: false })).status).toBe(403);
    const takenOver = await put('manager', { ticketId, claimedByMe: true });
    expect(takenOver.body.data!.ticket.claimedBy.username).toBe('manager');
    expect((await put('responder', { ticketId, claimedByMe: true })).status).toBe(409);
    expect((await put('responder', { ticketId, claimedByMe: false })).status).toBe(403);
    const released = await put('manager', { ticketId, claimedByMe: false });
    expect(released.body.data!.ticket).toMatchObject({ status: 'open', claimedBy: null });
    expect((await put('responder', { ticketId, status: 'closed' })).body.data!.ticket.status).toBe('closed');
    expect((await put('responder', { ticketId, status: 'open' })).body.data!.ticket).toMatchObject({ status: 'open', closedAt: null });
    expect((await put('responder', { ticketId })).status).toBe(400);
    expect((await put('responder', { ticketId, status: 'open', claimedByMe: true })).status).toBe(400);
  });
});

describe('P19 DELETE /api/tickets', () => {
  it.each<[Name, number]>([
    ['owner', 403],
    ['other', 403],
    ['viewer', 403],
    ['responder', 403],
    ['manager', 200],
    ['definer', 403],
    ['keyRead', 403],
    ['keyWrite', 200],
    ['keyNone', 403],
    ['anonymous', 401],
  ])('as %s: %i', async (name, status) => {
    const ticketId = await openTicket();
    expect(await statusOf(name, 'DELETE', `/api/tickets?ticketId=${ticketId}`)).toBe(status);
    const left = await system.sql('select 1 from tickets.tickets where id = $1', [ticketId]);
    expect(left.length).toBe(status === 200 ? 0 : 1);
    if (status === 200) expect(await system.sql('select 1 from tickets.messages where ticket_id = $1', [ticketId])).toEqual([]);
  });

  it('an unknown ticket is 404 for managers', async () => {
    expect(await statusOf('manager', 'DELETE', '/api/tickets?ticketId=00000000-0000-4000-8000-000000000000')).toBe(404);
    expect(await statusOf('manager', 'DELETE', '/api/tickets')).toBe(400);
  });
});

describe('POST /api/tickets/messages (replies)', () => {
  it.each<[Name, number]>([
    ['owner', 200],
    ['other', 404],
    ['viewer', 403],
    ['responder', 200],
    ['manager', 200],
    ['definer', 404],
    ['keyRead', 403],
    ['keyWrite', 200],
    ['keyNone', 403],
    ['anonymous', 401],
  ])('as %s: %i', async (name, status) => {
    const ticketId = await openTicket();
    const response = await client.rest(as(name), 'POST', '/api/tickets/messages', { ticketId, message: 'A reply here' });
    expect(response.status).toBe(status);
    const count = await system.countRows(`tickets.messages where ticket_id = '${ticketId}'`);
    expect(count).toBe(status === 200 ? 2 : 1);
    if (status === 200) expect(response.body.data!.message).toMatchObject({ body: 'A reply here', ticketId });
  });
});

describe('P20 DELETE /api/tickets/messages', () => {
  async function reply(): Promise<{ ticketId: string; messageId: string }> {
    const ticketId = await openTicket();
    const response = await client.rest(as('owner'), 'POST', '/api/tickets/messages', { ticketId, message: 'A reply by the owner' });
    return { ticketId, messageId: response.body.data!.message.id };
  }

  it.each<[Name, number]>([
    ['owner', 200],
    ['other', 404],
    ['viewer', 403],
    ['responder', 200],
    ['manager', 200],
    ['definer', 404],
    ['keyRead', 403],
    ['keyWrite', 200],
    ['keyNone', 403],
    ['anonymous', 401],
  ])('a reply by the owner, as %s: %i', async (name, status) => {
    const { messageId } = await reply();
    expect(await statusOf(name, 'DELETE', `/api/tickets/messages?messageId=${messageId}`)).toBe(status);
    expect((await system.sql('select 1 from tickets.messages where id = $1', [messageId])).length).toBe(status === 200 ? 0 : 1);
  });

  it("a responder's own reply is theirs to delete; the first message stays (409); unknown messages are 404", async () => {
    const ticketId = await openTicket();
    const theirs = await client.rest(as('responder'), 'POST', '/api/tickets/messages', { ticketId, message: 'Responder reply' });
    const messageId = theirs.body.data!.message.id;
    expect(await statusOf('owner', 'DELETE', `/api/tickets/messages?messageId=${messageId}`)).toBe(403);
    expect(await statusOf('responder', 'DELETE', `/api/tickets/messages?messageId=${messageId}`)).toBe(200);
    const [first] = await system.sql<{ id: string }>('select id from tickets.messages where ticket_id = $1', [ticketId]);
    expect(await statusOf('manager', 'DELETE', `/api/tickets/messages?messageId=${first!.id}`)).toBe(409);
    expect(await statusOf('manager', 'DELETE', '/api/tickets/messages?messageId=00000000-0000-4000-8000-000000000000')).toBe(404);
  });
});

describe('P21 GET /api/tickets/categories', () => {
  it.each<[Name, number]>([
    ['owner', 200],
    ['other', 200],
    ['viewer', 200],
    ['responder', 200],
    ['manager', 200],
    ['definer', 200],
    ['keyRead', 200],
    ['keyWrite', 403],
    ['keyNone', 403],
    ['anonymous', 401],
  ])('as %s: %i, with the role configuration', async (name, status) => {
    const response = await client.rest(as(name), 'GET', '/api/tickets/categories');
    expect(response.status).toBe(status);
    if (status === 200) {
      const category = (response.body.data!.categories as any[]).find((entry) => entry.id === categoryId);
      expect(category).toMatchObject({ name: 'Hardware', color: '#AA0011', viewerRoleIds: [viewerRoleId], responderRoleIds: [responderRoleId] });
    }
  });
});

describe('P22–P24 category CRUD', () => {
  const matrix: [Name, number][] = [
    ['owner', 403],
    ['other', 403],
    ['viewer', 403],
    ['responder', 403],
    ['manager', 403],
    ['definer', 200],
    ['keyRead', 403],
    ['keyWrite', 200],
    ['keyNone', 403],
    ['anonymous', 401],
  ];

  it.each(matrix)('P22 create as %s: %i', async (name, status) => {
    const before = await system.countRows('tickets.categories');
    expect(await statusOf(name, 'POST', '/api/tickets/categories', { name: `by ${name}`, viewerRoleIds: [viewerRoleId] })).toBe(status);
    expect(await system.countRows('tickets.categories')).toBe(before + (status === 200 ? 1 : 0));
  });

  it.each(matrix)('P23 update as %s: %i', async (name, status) => {
    const id = (await client.rest(admin, 'POST', '/api/tickets/categories', { name: 'to rename' })).body.data!.category.id;
    const response = await client.rest(as(name), 'PUT', '/api/tickets/categories', {
      categoryId: id,
      name: 'renamed',
      color: '#00ff00',
      responderRoleIds: [responderRoleId],
    });
    expect(response.status).toBe(status);
    const [row] = await system.sql<{ name: string }>('select name from tickets.categories where id = $1', [id]);
    expect(row!.name).toBe(status === 200 ? 'renamed' : 'to rename');
    if (status === 200)
      expect(response.body.data!.category).toMatchObject({ name: 'renamed', color: '#00FF00', responderRoleIds: [responderRoleId], viewerRoleIds: [] });
  });

  it.each(matrix)('P24 delete as %s: %i', async (name, status) => {
    const id = (await client.rest(admin, 'POST', '/api/tickets/categories', { name: 'to delete', viewerRoleIds: [viewerRoleId] })).body.data!.category.id;
    expect(await statusOf(name, 'DELETE', `/api/tickets/categories?categoryId=${id}`)).toBe(status);
    expect((await system.sql('select 1 from tickets.categories where id = $1', [id])).length).toBe(status === 200 ? 0 : 1);
  });

  it('P24 removes its viewer permissions: viewers no longer see its tickets, owners and managers still do', async () => {
    const id = (await client.rest(admin, 'POST', '/api/tickets/categories', { name: 'temporary', viewerRoleIds: [viewerRoleId] })).body.data!.category.id;
    const ticketId = await openTicket('owner', id);
    expect(await statusOf('viewer', 'GET', `/api/tickets?ticketId=${ticketId}`)).toBe(200);
    expect(await statusOf('definer', 'DELETE', `/api/tickets/categories?categoryId=${id}`)).toBe(200);
    expect(await statusOf('viewer', 'GET', `/api/tickets?ticketId=${ticketId}`)).toBe(404);
    const owned = await client.rest(as('owner'), 'GET', `/api/tickets?ticketId=${ticketId}`);
    expect(owned.body.data!.ticket).toMatchObject({ categoryId: null, category: null });
    expect(await statusOf('manager', 'GET', `/api/tickets?ticketId=${ticketId}`)).toBe(200);
    expect(await statusOf('definer', 'DELETE', `/api/tickets/categories?categoryId=${id}`)).toBe(404);
  });
});

describe('P25 GET /api/tickets/access', () => {
  it.each<[Name, number, Record<string, unknown> | null]>([
    ['owner', 200, { canAccess: true, canManage: false, canDefine: false, canCreate: true, categories: [] }],
    ['other', 200, { canAccess: true, canManage: false, canDefine: false, canCreate: true, categories: [] }],
    ['viewer', 200, { canManage: false, category: { categoryId: 'C', name: 'Hardware', canView: true, canRespond: false } }],
    ['responder', 200, { canManage: false, category: { categoryId: 'C', name: 'Hardware', canView: true, canRespond: true } }],
    ['manager', 200, { canAccess: true, canManage: true, canDefine: false }],
    ['definer', 200, { canAccess: true, canManage: false, canDefine: true, categories: [] }],
    ['keyRead', 200, { canAccess: true, canManage: true, canDefine: true, canCreate: false }],
    ['keyWrite', 403, null],
    ['keyNone', 403, null],
    ['anonymous', 401, null],
  ])('as %s: %i', async (name, status, expected) => {
    const response = await client.rest(as(name), 'GET', '/api/tickets/access');
    expect(response.status).toBe(status);
    if (expected) {
      const { category, ...rest } = JSON.parse(JSON.stringify(expected).replaceAll('"C"', JSON.stringify(categoryId)));
      expect(response.body.data!.access).toMatchObject(rest);
      if (category) expect(response.body.data!.access.categories).toContainEqual(category);
    }
  });
});

describe('P26 GET /api/tickets/open-count', () => {
  it('counts the open tickets each caller may see', async () => {
    const count = async (name: Name) => {
      const response = await client.rest(as(name), 'GET', '/api/tickets/open-count');
      return response.status === 200 ? (response.body.data!.count as number) : response.status;
    };
    const all = Number((await system.sql<{ n: string }>("select count(*) as n from tickets.tickets where status = 'open'"))[0]!.n);
    const userId = (name: Name) => (as(name) as Caller & { kind: 'session' }).userId;
    expect(await count('manager')).toBe(all);
    expect(await count('keyRead')).toBe(all);
    // Exactly their own open tickets plus the open ones of categories where one of their roles views or responds.
    const viewerExpected = await visibleOpenCount(userId('viewer'), viewerRoleId);
    const responderExpected = await visibleOpenCount(userId('responder'), responderRoleId);
    expect(viewerExpected).toBeGreaterThan(0);
    expect(viewerExpected).toBeLessThan(all);
    expect(await count('viewer')).toBe(viewerExpected);
    expect(await count('responder')).toBe(responderExpected);
    expect(await count('owner')).toBe(await visibleOpenCount(userId('owner'), null));
    expect(await count('other')).toBe(await visibleOpenCount(userId('other'), null));
    expect(await count('definer')).toBe(await visibleOpenCount(userId('definer'), null));
    expect(await count('keyWrite')).toBe(403);
    expect(await count('keyNone')).toBe(403);
    expect(await count('anonymous')).toBe(401);
  });
});

describe('validation: 400 with a clear message, nothing stored', () => {
  const create = (body: Record<string, unknown>) => client.rest(as('owner'), 'POST', '/api/tickets', body);

  it.each<[number, number]>([
    [2, 400],
    [3, 200],
    [120, 200],
    [121, 400],
  ])('a title of %i characters: %i', async (length, status) => {
    const before = await system.countRows('tickets.tickets');
    const response = await create({ title: 'x'.repeat(length), categoryId, message: 'Long enough' });
    expect(response.status).toBe(status);
    if (status === 400) expect(response.body.error).toEqual({ code: 'invalid_input', message: `title must be 3–120 characters long (got ${length})` });
    expect(await system.countRows('tickets.tickets')).toBe(before + (status === 200 ? 1 : 0));
  });

  it.each<[number, number]>([
    [4, 400],
    [5, 200],
    [2000, 200],
    [2001, 400],
  ])('a message of %i characters: %i (at creation and as a reply)', async (length, status) => {
    const tickets = await system.countRows('tickets.tickets');
    const messages = await system.countRows('tickets.messages');
    const response = await create({ title: 'Valid title', categoryId, message: 'm'.repeat(length) });
    expect(response.status).toBe(status);
    if (status === 400) expect(response.body.error).toEqual({ code: 'invalid_input', message: `message must be 5–2000 characters long (got ${length})` });
    expect(await system.countRows('tickets.tickets')).toBe(tickets + (status === 200 ? 1 : 0));
    const ticketId = await openTicket();
    const before = await system.countRows('tickets.messages');
    expect(before).toBe(messages + (status === 200 ? 2 : 1));
    const replied = await client.rest(as('owner'), 'POST', '/api/tickets/messages', { ticketId, message: 'r'.repeat(length) });
    expect(replied.status).toBe(status);
    expect(await system.countRows('tickets.messages')).toBe(before + (status === 200 ? 1 : 0));
  });

  it('a missing categoryId, an unknown category, a bad colour, unknown role ids and unknown status values', async () => {
    const tickets = await system.countRows('tickets.tickets');
    const categories = await system.countRows('tickets.categories');
    const missing = await create({ title: 'Valid title', message: 'Long enough' });
    expect(missing.status).toBe(400);
    expect(missing.body.error!.message).toMatch(/categoryId/);
    const unknown = await create({ title: 'Valid title', categoryId: '00000000-0000-4000-8000-000000000000', message: 'Long enough' });
    expect(unknown.status).toBe(400);
    expect(unknown.body.error).toEqual({ code: 'invalid_input', message: 'Unknown category: 00000000-0000-4000-8000-000000000000' });
    expect((await create({ title: 'Valid title', categoryId: 'nope', message: 'Long enough' })).status).toBe(400);
    expect(await system.countRows('tickets.tickets')).toBe(tickets);

    const badColor = await client.rest(as('definer'), 'POST', '/api/tickets/categories', { name: 'Colourful', color: 'red' });
    expect(badColor.status).toBe(400);
    expect(badColor.body.error).toEqual({ code: 'invalid_input', message: 'color must be a hex colour #RRGGBB, e.g. #1A2B3C' });
    expect((await client.rest(as('definer'), 'POST', '/api/tickets/categories', { name: 'Colourful', color: '#12345' })).status).toBe(400);
    const badRole = await client.rest(as('definer'), 'POST', '/api/tickets/categories', {
      name: 'Roles',
      viewerRoleIds: ['00000000-0000-4000-8000-000000000000'],
    });
    expect(badRole.status).toBe(400);
    expect(badRole.body.error!.message).toBe('viewerRoleIds names unknown roles: 00000000-0000-4000-8000-000000000000');
    const badUpdate = await client.rest(as('definer'), 'PUT', '/api/tickets/categories', { categoryId, name: 'Hardware', responderRoleIds: ['not-a-role'] });
    expect(badUpdate.status).toBe(400);
    expect((await client.rest(as('definer'), 'POST', '/api/tickets/categories', { name: '' })).status).toBe(400);
    expect(await system.countRows('tickets.categories')).toBe(categories);
    const [row] = await system.sql<{ responder_role_ids: string[] }>('select responder_role_ids from tickets.categories where id = $1', [categoryId]);
    expect(row!.responder_role_ids).toEqual([responderRoleId]);

    const badFilter = await client.rest(as('owner'), 'GET', '/api/tickets?status=pending');
    expect(badFilter.status).toBe(400);
    expect(badFilter.body.error!.message).toMatch(/status/);
    const ticketId = await openTicket();
    const badStatus = await client.rest(as('responder'), 'PUT', '/api/tickets', { ticketId, status: 'pending' });
    expect(badStatus.status).toBe(400);
    expect(badStatus.body.error!.message).toMatch(/status/);
    expect((await system.sql<{ status: string }>('select status from tickets.tickets where id = $1', [ticketId]))[0]!.status).toBe('open');
  });
});

describe('GraphQL', () => {
  it('User.tickets comes from the tickets subgraph; Ticket.owner, claimedBy and message authors are admin users', async () => {
    const owner = as('owner') as Caller & { kind: 'session' };
    const response = await client.graphql<any>(
      as('owner'),
      '{ me { username tickets(first: 5) { totalCount edges { node { title owner { username } messages { edges { node { author { username } } } } } } } } }',
    );
    expect(response.body.errors).toBeUndefined();
    const open = Number((await system.sql<{ n: string }>('select count(*) as n from tickets.tickets where owner_id = $1', [owner.userId]))[0]!.n);
    expect(response.body.data.me.tickets.totalCount).toBe(open);
    expect(response.body.data.me.tickets.edges[0].node).toMatchObject({ owner: { username: 'owner' } });
    const viewer = as('viewer') as Caller & { kind: 'session' };
    const viewerSees = await client.graphql<any>(
      as('viewer'),
      '{ tickets(first: 100) { totalCount } openTicketCount ticketAccess { canAccess canManage canDefine canCreate } }',
    );
    expect(viewerSees.body.errors).toBeUndefined();
    const viewerTotal = await visibleCount(viewer.userId, viewerRoleId, 'all');
    expect(viewerTotal).toBeGreaterThan(0);
    expect(viewerSees.body.data).toEqual({
      tickets: { totalCount: viewerTotal },
      openTicketCount: await visibleCount(viewer.userId, viewerRoleId, 'open'),
      ticketAccess: { canAccess: true, canManage: false, canDefine: false, canCreate: true },
    });
  });

  it('events of each change reach the outbox in the same transaction', async () => {
    const types = (await system.sql<{ type: string }>('select distinct type from tickets.outbox_events order by type')).map((row) => row.type);
    expect(types).toEqual(['ticket.created', 'ticket.deleted', 'ticket.message.created', 'ticket.updated']);
    const failed = await system.sql(
      'select 1 from tickets.tickets t where not exists (select 1 from tickets.outbox_events e where e.type = $1 and e.payload->>$2 = t.id::text)',
      ['ticket.created', 'ticketId'],
    );
    expect(failed).toEqual([]);
  });

  it('the relay hands the events to the admin subgraph (outbound delivery engine)', async () => {
    const pending = async () => Number((await system.sql<{ n: string }>('select count(*) as n from tickets.outbox_events where relayed_at is null'))[0]!.n);
    await until(async () => (await pending()) === 0, 'the relay to mark every event relayed');
    const [{ n }] = (await system.sql<{ n: string }>("select count(*) as n from admin.domain_events where source = 'tickets'")) as [{ n: string }];
    expect(Number(n)).toBe(await system.countRows('tickets.outbox_events'));
  });
});
