import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Client } from 'graphql-ws';
import type { RunningSubgraph } from '../common/subgraph-server';
import { generalTokens } from './support/general-api';
import { HttpClient, postGraphQL } from './support/http';
import { basic, bearer, owncastClient, type OwncastClient, createAccessToken } from './support/streaming';
import { startSystem, subgraphUrlsOf, type TestSystem } from './support/system';
import { until, within } from './support/wait';
import { Sockets, subscribe as subscribeTo, wsUrl, type Subscription } from './support/ws';

/**
 * Owncast chat. Messages through the integration endpoints and
 * GraphQL, history, visibility, chat clients and viewer counts, and
 * Subscription.chatEvents through the gateway (author User fields resolved
 * from the admin subgraph), across two replicas, with a slow client.
 */
const STREAM_KEY = 'chat-test-stream-key';
const ADMIN = { email: 'chat-admin@example.com', password: 'chat admin password 1' };
const admin = basic(STREAM_KEY);

let system: TestSystem;
let owncast: OwncastClient;
const sockets = new Sockets();
let tokens: { messages: string; system: string; admin: string; none: string };

beforeAll(async () => {
  system = await startSystem({
    // Webhooks go to a receiver on this machine, polled often.
    env: { STREAM_KEY, ADMIN_EMAIL: ADMIN.email, ADMIN_PASSWORD: ADMIN.password, OUTBOUND_ALLOW_PRIVATE: 'true', OUTBOUND_POLL_INTERVAL_MS: '50' },
  });
  owncast = owncastClient(system.gatewayUrl);
  tokens = {
    messages: await createToken('bot', ['CAN_SEND_MESSAGES']),
    system: await createToken('system bot', ['CAN_SEND_SYSTEM_MESSAGES']),
    admin: await createToken('moderator', ['HAS_ADMIN_ACCESS']),
    none: await createToken('streamtitle only', ['HAS_ADMIN_ACCESS']),
  };
});
afterEach(() => sockets.closeAll());
afterAll(() => system.stop());

const createToken = (name: string, scopes: string[]) => createAccessToken(owncast, admin, name, scopes);

/** A graphql-ws client that sends a User-Agent on its upgrade, as a browser does. */
const connect = (url: string, connectionParams: Record<string, unknown> = {}, agent = 'chat-test/1.0'): Client =>
  sockets.graphql(url, { connectionParams, agent }).client;

const CHAT_EVENTS = `subscription Chat($name: String, $presence: Boolean! = false) {
  chatEvents(displayName: $name, presence: $presence) {
    type id timestamp displayName previousName clientId messageIds visible
    message { id type authorName body visible timestamp author { id username } }
  }
}`;

interface ChatEvent {
  type: string;
  id: string;
  timestamp: string;
  displayName: string | null;
  previousName: string | null;
  clientId: string | null;
  messageIds: string[] | null;
  visible: boolean | null;
  message: {
    id: string;
    type: string;
    authorName: string | null;
    body: string;
    visible: boolean;
    timestamp: string;
    author: { id: string; username: string } | null;
  } | null;
}

/** A chat event as it arrived. */
interface Arrival {
  event: ChatEvent;
}
type Feed = Subscription<Arrival>;

function subscribe(client: Client, variables: Record<string, unknown> = {}, query = CHAT_EVENTS): Feed {
  return subscribeTo<{ chatEvents: ChatEvent }, Arrival>(client, query, variables, (data) => ({ event: data.chatEvents }));
}

async function chatListeners(subgraph: RunningSubgraph = system.subgraphs.streaming): Promise<number> {
  return subgraph.events.listenerCount('chat');
}

/** Subscribes and waits for the subscriber's own USER_JOINED (so it is registered and listening). */
async function joinedFeed(client: Client, name?: string, presence = false, query = CHAT_EVENTS): Promise<{ feed: Feed; clientId: string }> {
  const feed = subscribe(client, { ...(name ? { name } : {}), ...(presence ? { presence } : {}) }, query);
  for (;;) {
    const { event } = await feed.next('the own USER_JOINED');
    if (event.type === 'USER_JOINED' && event.clientId) return { feed, clientId: event.clientId };
  }
}

const generalLogin = async () => (await generalTokens(new HttpClient(system.gatewayUrl), ADMIN.email, ADMIN.password)).access;

describe('chat through the gateway (graphql-ws)', () => {
  it('delivers O39, O40, O41 and an O14 visibility change in order', async () => {
    const { feed } = await joinedFeed(connect(wsUrl(system.gatewayUrl)));

    expect((await owncast.post('/api/integrations/chat/user', { user: 'botty', body: 'hello **world**' }, bearer(tokens.messages))).body).toEqual({
      success: true,
      message: 'sent',
    });
    expect((await owncast.post('/api/integrations/chat/system', { body: 'server restarts soon' }, bearer(tokens.system))).status).toBe(200);
    expect((await owncast.post('/api/integrations/chat/action', { body: 'rolled a 15', author: 'JohnSmith' }, bearer(tokens.messages))).status).toBe(200);

    const received: Arrival[] = [];
    for (let index = 0; index < 3; index += 1) received.push(await feed.next(`message ${index}`));
    const hide = await owncast.post('/api/admin/chat/updatemessagevisibility', { visible: false, idArray: [received[0]!.event.message!.id] }, admin);
    expect(hide.body).toEqual({ success: true, message: 'changed visibility of 1 messages' });
    received.push(await feed.next('the visibility update'));

    expect(received.map(({ event }) => event.type)).toEqual(['CHAT', 'SYSTEM', 'CHAT_ACTION', 'VISIBILITY_UPDATE']);
    const [user, systemMessage, action, visibility] = received.map(({ event }) => event);
    expect(user!.message).toEqual({
      id: expect.any(String),
      type: 'CHAT',
      authorName: 'botty',
      body: '<p>hello <strong>world</strong></p>',
      visible: true,
      timestamp: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
      // A named integration user has no account: no User.
      author: null,
    });
    expect(user!.id).toBe(user!.message!.id);
    expect(systemMessage!.message).toMatchObject({ type: 'SYSTEM', authorName: null, body: '<p>server restarts soon</p>', author: null });
    expect(action!.message).toMatchObject({ type: 'CHAT_ACTION', authorName: 'JohnSmith', body: '<p>rolled a 15</p>' });
    expect(visibility).toMatchObject({ type: 'VISIBILITY_UPDATE', messageIds: [user!.message!.id], visible: false, message: null });
    await feed.stop();
  });

  it('a message a signed-in user sends over GraphQL carries its author, whose User fields come from the admin subgraph', async () => {
    const access = await generalLogin();
    const me = await postGraphQL<{ me: { id: string; username: string } }>(
      `${system.gatewayUrl}/graphql`,
      '{ me { id username } }',
      {},
      { authorization: bearer(access) },
    );
    const { id, username } = me.body.data!.me;
    // An anonymous reader: author fields resolve with the reader's principal.
    const { feed } = await joinedFeed(connect(wsUrl(system.gatewayUrl)));
    system.resetQueryLog();
    const sent = await postGraphQL<{ sendChatMessage: { id: string; authorName: string; author: { id: string } } }>(
      `${system.gatewayUrl}/graphql`,
      'mutation Send($body: String!) { sendChatMessage(body: $body) { id authorName author { id } } }',
      { body: 'I am _signed in_' },
      { authorization: bearer(access) },
    );
    expect(sent.body.errors).toBeUndefined();
    expect(sent.body.data!.sendChatMessage).toEqual({ id: expect.any(String), authorName: username, author: { id } });
    const { event } = await feed.next('the signed-in message');
    expect(event.message).toMatchObject({
      id: sent.body.data!.sendChatMessage.id,
      authorName: username,
      body: '<p>I am <em>signed in</em></p>',
      author: { id, username },
    });
    // A second subscriber that selects more User fields, through a fragment, with a variable.
    const fragmentQuery = `subscription Chat($withName: Boolean!) { chatEvents { ...Event } }
      fragment Event on ChatEvent { type message { author { ... on User { id username @include(if: $withName) createdAt } } } }`;
    const other = connect(wsUrl(system.gatewayUrl));
    const iterator = other.iterate<{ chatEvents: { type: string; message: { author: Record<string, unknown> | null } | null } }>({
      query: fragmentQuery,
      variables: { withName: true },
    });
    await until(async () => (await chatListeners()) === 2, 'the second subscriber');
    await postGraphQL(`${system.gatewayUrl}/graphql`, 'mutation { sendChatMessage(body: "again") { id } }', {}, { authorization: bearer(access) });
    let result = await within(iterator.next(), 'an event');
    while (result.value?.data?.chatEvents.type !== 'CHAT') result = await within(iterator.next(), 'the message event');
    expect(result.value.data!.chatEvents.message!.author).toEqual({ id, username, createdAt: expect.any(String) });
    await iterator.return?.();
    await feed.stop();
  });

  it('anonymous callers cannot post over GraphQL; an invalid credential closes the socket with 4401', async () => {
    const anonymous = await postGraphQL(`${system.gatewayUrl}/graphql`, 'mutation { sendChatMessage(body: "hi") { id } }');
    expect(anonymous.body.errors).toEqual([expect.objectContaining({ extensions: expect.objectContaining({ code: 'UNAUTHENTICATED' }) })]);
    const { client, closed } = sockets.graphql(wsUrl(system.gatewayUrl), { connectionParams: { authorization: 'Bearer prapi_not-a-real-key' } });
    void client
      .iterate({ query: CHAT_EVENTS })
      .next()
      .catch(() => undefined);
    expect((await within(closed, 'the close')).code).toBe(4401);
  });
});

describe('messages over REST', () => {
  it('renders markdown to sanitized HTML and refuses bodies over 500 characters', async () => {
    const sent = await owncast.post(
      '/api/integrations/chat/user',
      {
        author: 'markdown',
        body: '**b** <script>alert(1)</script> <img src=x onerror=alert(1)> [x](javascript:alert(1)) [ok](https://example.com) https://owncast.online',
      },
      bearer(tokens.messages),
    );
    expect(sent.status).toBe(200);
    const all = await owncast.get<{ author: string; body: string }[]>('/api/admin/chat/messages', admin);
    const body = all.body.find((message) => message.author === 'markdown')!.body;
    expect(body).toContain('<strong>b</strong>');
    expect(body).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(body).toContain('&lt;img src=x onerror=alert(1)&gt;');
    expect(body).not.toMatch(/<script|<img|href="javascript/);
    expect(body).toContain('<a href="https://example.com" rel="nofollow noopener noreferrer" target="_blank">ok</a>');
    expect(body).toContain('<a href="https://owncast.online" rel="nofollow noopener noreferrer" target="_blank">https://owncast.online</a>');

    const tooLong = await owncast.post('/api/integrations/chat/user', { user: 'x', body: 'a'.repeat(501) }, bearer(tokens.messages));
    expect(tooLong.status).toBe(400);
    expect(tooLong.body).toEqual({ success: false, message: 'body is longer than 500 characters' });
    const empty = await owncast.post('/api/integrations/chat/system', { body: '   ' }, bearer(tokens.system));
    expect(empty.body).toEqual({ success: false, message: 'body must not be empty' });
    const noName = await owncast.post('/api/integrations/chat/user', { body: 'who am I' }, bearer(tokens.messages));
    expect(noName.body).toEqual({ success: false, message: 'user must not be empty' });
  });

  it('checks credentials and scopes', async () => {
    expect((await owncast.post('/api/integrations/chat/user', { user: 'a', body: 'b' })).status).toBe(401);
    expect((await owncast.post('/api/integrations/chat/user', { user: 'a', body: 'b' }, bearer(tokens.system))).status).toBe(403);
    expect((await owncast.post('/api/integrations/chat/system', { body: 'b' }, bearer(tokens.messages))).status).toBe(403);
    expect((await owncast.post('/api/integrations/chat/action', { body: 'b' }, bearer(tokens.admin))).status).toBe(403);
    expect((await owncast.get('/api/integrations/chat', bearer(tokens.messages))).status).toBe(403);
    expect((await owncast.get('/api/admin/chat/messages', bearer(tokens.admin))).status).toBe(401);
    expect((await owncast.get('/api/admin/chat/messages', basic('wrong key'))).status).toBe(401);
    expect((await owncast.post('/api/integrations/chat/updatemessagevisibility', { visible: true, idArray: [] }, bearer(tokens.messages))).status).toBe(403);
    expect((await owncast.get('/api/admin/clients')).status).toBe(401);
    expect((await owncast.get('/api/integrations/clients', bearer(tokens.system))).status).toBe(403);
  });

  it('O3 and O49 show visible messages oldest first; O13 shows hidden ones too; O14/O50 ignore unknown ids', async () => {
    const names = ['history-1', 'history-2', 'history-3'];
    for (const name of names) await owncast.post('/api/integrations/chat/user', { user: name, body: `from ${name}` }, bearer(tokens.messages));
    type Message = { id: string; author?: string; body: string; visible: boolean; timestamp: string; type: string };
    const ours = (messages: Message[]) => messages.filter((message) => message.author?.startsWith('history-'));
    const before = ours((await owncast.get<Message[]>('/api/chat')).body);
    expect(before.map((message) => message.author)).toEqual(names);
    expect(before[0]).toEqual({
      id: expect.any(String),
      author: 'history-1',
      body: '<p>from history-1</p>',
      visible: true,
      timestamp: expect.any(String),
      type: 'CHAT',
    });
    const hidden = before[1]!.id;

    const viaIntegration = await owncast.post(
      '/api/integrations/chat/updatemessagevisibility',
      { visible: false, idArray: [hidden, 'no-such-id'] },
      bearer(tokens.admin),
    );
    expect(viaIntegration.body).toEqual({ success: true, message: 'changed visibility of 1 messages' });
    expect(ours((await owncast.get<Message[]>('/api/chat')).body).map((message) => message.author)).toEqual(['history-1', 'history-3']);
    expect(ours((await owncast.get<Message[]>('/api/integrations/chat', bearer(tokens.admin))).body).map((message) => message.author)).toEqual([
      'history-1',
      'history-3',
    ]);
    const all = ours((await owncast.get<Message[]>('/api/admin/chat/messages', admin)).body);
    expect(all.map((message) => [message.author, message.visible])).toEqual([
      ['history-1', true],
      ['history-2', false],
      ['history-3', true],
    ]);

    for (const body of [{ visible: true, idArray: [] }, { visible: true }, { visible: true, idArray: ['nope', 'nope'] }]) {
      const response = await owncast.post('/api/admin/chat/updatemessagevisibility', body, admin);
      expect(response.status).toBe(200);
      expect(response.body).toEqual({ success: true, message: 'changed visibility of 0 messages' });
    }
    expect((await owncast.post('/api/admin/chat/updatemessagevisibility', { idArray: [hidden] }, admin)).status).toBe(400);
    expect((await owncast.post('/api/admin/chat/updatemessagevisibility', { visible: true, idArray: [hidden] }, admin)).body).toEqual({
      success: true,
      message: 'changed visibility of 1 messages',
    });
  });
});

describe('chat clients and viewer counts', () => {
  it('lists every subscribed client with its message count, counts viewers, and announces joins and name changes', async () => {
    const access = await generalLogin();
    // Other clients' joins reach only subscribers that ask for presence.
    const watcher = await joinedFeed(connect(wsUrl(system.gatewayUrl), {}, 'watcher-agent'), 'watcher', true);
    const quiet = await joinedFeed(connect(wsUrl(system.gatewayUrl), {}, 'quiet-agent'), 'quiet');
    const quietJoin = await watcher.feed.next('the USER_JOINED of the quiet client');
    expect(quietJoin.event).toMatchObject({ type: 'USER_JOINED', displayName: 'quiet', clientId: null });
    const user = await joinedFeed(connect(wsUrl(system.gatewayUrl), { authorization: bearer(access) }, 'Mozilla/5.0 test'));
    const joined = await watcher.feed.next('the USER_JOINED of the signed-in client');
    expect(joined.event).toMatchObject({ type: 'USER_JOINED', displayName: expect.any(String), clientId: null });

    await postGraphQL(`${system.gatewayUrl}/graphql`, 'mutation { sendChatMessage(body: "count me") { id } }', {}, { authorization: bearer(access) });
    let counted = await quiet.feed.next('the message, without presence');
    while (counted.event.type !== 'CHAT') counted = await quiet.feed.next('the message, without presence');
    // Events of one group arrive in order: the user's join came before its message, and the quiet client did not get it.
    expect(quiet.feed.results.received.filter(({ event }) => event.type === 'USER_JOINED').map(({ event }) => event.clientId)).toEqual([quiet.clientId]);
    type OwncastClientRow = { clientID: string; username: string; messageCount: number; userAgent: string; ipAddress: string; connectedAt: string; geo: null };
    const listed = await owncast.get<OwncastClientRow[]>('/api/admin/clients', admin);
    expect(listed.status).toBe(200);
    expect(listed.body).toHaveLength(3);
    const mine = listed.body.find((row) => row.clientID === user.clientId)!;
    expect(mine).toEqual({
      clientID: user.clientId,
      username: joined.event.displayName,
      messageCount: 1,
      userAgent: 'Mozilla/5.0 test',
      ipAddress: expect.stringMatching(/127\.0\.0\.1|::1/),
      connectedAt: expect.stringMatching(/^\d{4}-/),
      geo: null,
    });
    expect(listed.body.find((row) => row.clientID === watcher.clientId)).toMatchObject({ username: 'watcher', messageCount: 0, userAgent: 'watcher-agent' });
    expect((await owncast.get<OwncastClientRow[]>('/api/integrations/clients', bearer(tokens.admin))).body).toHaveLength(3);
    expect((await owncast.get<{ viewerCount: number; sessionMaxViewerCount: number }>('/api/status')).body).toMatchObject({ viewerCount: 3 });
    expect((await owncast.get<{ viewerCount: number; sessionPeakViewerCount: number }>('/api/admin/status', admin)).body).toMatchObject({
      viewerCount: 3,
      sessionPeakViewerCount: expect.any(Number),
    });

    // NAME_CHANGE: the client id from the own USER_JOINED is the credential.
    const renamed = await postGraphQL<{ changeChatName: { username: string } }>(
      `${system.gatewayUrl}/graphql`,
      'mutation Rename($id: ID!) { changeChatName(clientId: $id, name: "lookout") { username } }',
      { id: watcher.clientId },
    );
    expect(renamed.body.data).toEqual({ changeChatName: { username: 'lookout' } });
    const unknown = await postGraphQL(`${system.gatewayUrl}/graphql`, 'mutation { changeChatName(clientId: "nope", name: "x") { username } }');
    expect(unknown.body.errors).toEqual([expect.objectContaining({ extensions: expect.objectContaining({ code: 'NOT_FOUND' }) })]);
    let change = await user.feed.next('the NAME_CHANGE');
    while (change.event.type !== 'NAME_CHANGE') change = await user.feed.next('the NAME_CHANGE');
    expect(change.event).toMatchObject({ displayName: 'lookout', previousName: 'watcher', clientId: null });

    await user.feed.stop();
    await watcher.feed.stop();
    await quiet.feed.stop();
    await until(async () => (await owncast.get<unknown[]>('/api/admin/clients', admin)).body.length === 0, 'the clients to leave');
    const status = (await owncast.get<{ viewerCount: number; sessionMaxViewerCount: number; overallMaxViewerCount: number }>('/api/status')).body;
    expect(status.viewerCount).toBe(0);
    expect(status.overallMaxViewerCount).toBeGreaterThanOrEqual(3);
  });

  it('Subscription.streamStatus reports viewer count changes', async () => {
    const statusClient = connect(wsUrl(system.gatewayUrl));
    const iterator = statusClient.iterate<{ streamStatus: { viewerCount: number; online: boolean } }>({
      query: 'subscription { streamStatus { viewerCount online } }',
    });
    await until(() => system.subgraphs.streaming.events.listenerCount('stream-status') === 1, 'the status subscriber');
    const viewer = await joinedFeed(connect(wsUrl(system.gatewayUrl)));
    let result = await within(iterator.next(), 'a status');
    while (result.value?.data?.streamStatus.viewerCount !== 1) result = await within(iterator.next(), 'the viewer count');
    expect(result.value.data!.streamStatus).toEqual({ viewerCount: 1, online: false });
    await viewer.feed.stop();
    await iterator.return?.();
  });
});

const systemSubgraphUrls = () => subgraphUrlsOf(system);

describe('two replicas', () => {
  it('a message posted through gateway 1 (streaming 1) reaches a subscriber of gateway 2 (streaming 2); clients are shared', async () => {
    const replica = await system.replica('streaming', { env: { STREAM_KEY } });
    const gateway2 = await system.extraGateway({ subgraphUrls: { ...systemSubgraphUrls(), streaming: replica.url } });

    const { feed, clientId } = await joinedFeed(connect(wsUrl(gateway2.url)), 'on-replica-2');
    expect(await chatListeners(replica)).toBe(1);
    expect(await chatListeners()).toBe(0);
    await owncast.post('/api/integrations/chat/user', { user: 'replica-1', body: 'across replicas' }, bearer(tokens.messages));
    const { event } = await feed.next('the message from the other replica');
    expect(event.message).toMatchObject({ authorName: 'replica-1', body: '<p>across replicas</p>' });
    // Gateway 1 (streaming 1) lists the client connected to streaming 2.
    const listed = await owncast.get<{ clientID: string; username: string }[]>('/api/admin/clients', admin);
    expect(listed.body).toEqual([expect.objectContaining({ clientID: clientId, username: 'on-replica-2' })]);
    await feed.stop();
  });
});

/**
 * The message body 25 times over (aliases, within the gateway's 30), so that
 * an event is about 50 KB: the kernel's socket buffers must fill before the
 * gateway buffers anything, and Linux may let them grow to tens of
 * megabytes (tcp_rmem's maximum is 32 MB on some machines).
 */
const BULKY_CHAT_EVENTS = `subscription BulkyChat {
  chatEvents {
    type clientId message { authorName body }
    ${Array.from({ length: 25 }, (_, index) => `copy${index}: message { body }`).join('\n    ')}
  }
}`;

describe('a slow client', () => {
  it('is dropped (1013) once events pile up for it, and does not hold up the others', async () => {
    // A gateway that lets at most 4 KiB pile up for a socket, so the stalled one really overflows.
    const gateway = await system.extraGateway({ subscriptions: { maxBufferedBytes: 4096 } });
    // A raw graphql-ws client that stops reading its socket after subscribing.
    const slow = sockets.open(wsUrl(gateway.url), { protocols: 'graphql-transport-ws' });
    expect(await within(slow.opened, 'the upgrade')).toBe('open');
    slow.send({ type: 'connection_init', payload: {} });
    await slow.waitForMessage('the first message');
    slow.send({ id: '1', type: 'subscribe', payload: { query: BULKY_CHAT_EVENTS } });
    const fast = await joinedFeed(connect(wsUrl(gateway.url)), undefined, false, BULKY_CHAT_EVENTS);
    // Both in one group: one upstream subscription serves them.
    await until(() => gateway.subscriptions.groups().subscribers === 2, 'both subscribers');
    expect(gateway.subscriptions.groups().groups).toBe(1);
    const slowSocket = (slow.ws as unknown as { _socket: { pause(): void; resume(): void } })._socket;
    slowSocket.pause();

    // Until the kernel's socket buffers are full too, the gateway buffers nothing; post until it drops the slow client.
    // Each event reaches the fast client before the next is posted, while the slow one reads nothing: it holds no one up.
    // Each `<` is stored as `&lt;`: about 1.9 KB of body per copy.
    const body = '<'.repeat(480);
    const received: ChatEvent[] = [];
    let count = 0;
    // 2,000 events are about 100 MB: nearly three times what this machine's kernel buffers for one loopback socket (32 MB received, 4 MB sent).
    for (; count < 2000 && gateway.subscriptions.groups().subscribers === 2; count += 1) {
      await owncast.post('/api/integrations/chat/user', { user: `sender-${count}`, body }, bearer(tokens.messages));
      received.push((await fast.feed.results.nextMatching(`the fast client's event ${count}`, (next) => next.event.type === 'CHAT')).event);
    }
    await until(() => gateway.subscriptions.groups().subscribers === 1, 'the slow subscriber to be dropped');
    expect(gateway.subscriptions.groups().groups).toBe(1);
    slowSocket.resume();
    // The gateway sends 1013 and terminates the socket after a grace second; the 1013 frame sits behind the
    // events this client never read, so whether it still sees it (1013) or only the cut (1006) is a race.
    expect([1013, 1006]).toContain((await within(slow.closed, 'the slow socket to close')).code);

    expect(count).toBeGreaterThan(1);
    expect(received.map((event) => event.message!.authorName)).toEqual(Array.from({ length: count }, (_, index) => `sender-${index}`));
    await fast.feed.stop();
  });
});

describe('webhooks (O45–O47)', () => {
  it('CHAT and VISIBILITY-UPDATE events reach a webhook that asked for them', async () => {
    const deliveries: { event: string; body: { event: string; data: { type: string; eventData: Record<string, unknown> } } }[] = [];
    const receiver = http.createServer((request, response) => {
      let text = '';
      request.on('data', (chunk: Buffer) => (text += chunk.toString()));
      request.on('end', () => {
        deliveries.push({ event: String(request.headers['x-playroom-event'] ?? ''), body: JSON.parse(text) as (typeof deliveries)[number]['body'] });
        response.end('ok');
      });
    });
    await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
    try {
      const url = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hook`;
      const created = await owncast.post<{ id: string; url: string; events: string[]; timestamp: string }>(
        '/api/admin/webhooks/create',
        { url, events: ['CHAT', 'VISIBILITY-UPDATE'] },
        admin,
      );
      expect(created.status).toBe(200);
      expect(created.body).toEqual({ id: expect.any(String), url, events: ['CHAT', 'VISIBILITY-UPDATE'], timestamp: expect.any(String) });
      expect((await owncast.post('/api/admin/webhooks/create', { url, events: ['NOPE'] }, admin)).status).toBe(400);
      expect((await owncast.post('/api/admin/webhooks/create', { url: 'ftp://example.com', events: ['CHAT'] }, admin)).status).toBe(400);
      expect((await owncast.get('/api/admin/webhooks')).status).toBe(401);

      await owncast.post('/api/integrations/chat/user', { user: 'hooked', body: 'to the *hook*' }, bearer(tokens.messages));
      await until(() => deliveries.length >= 1, 'the CHAT delivery');
      const chat = deliveries[0]!.body.data;
      expect(chat).toMatchObject({ type: 'CHAT', eventData: { user: { displayName: 'hooked' }, body: '<p>to the <em>hook</em></p>', visible: true } });
      await owncast.post('/api/admin/chat/updatemessagevisibility', { visible: false, idArray: [chat.eventData.id] }, admin);
      await until(() => deliveries.length >= 2, 'the VISIBILITY-UPDATE delivery');
      expect(deliveries[1]!.body.data).toMatchObject({ type: 'VISIBILITY-UPDATE', eventData: { ids: [chat.eventData.id], visible: false } });
      expect(deliveries.map((delivery) => delivery.body.event)).toEqual(['CHAT', 'VISIBILITY-UPDATE']);

      const listed = await owncast.get<{ id: string; lastUsed?: string }[]>('/api/admin/webhooks', admin);
      expect(listed.body).toEqual([expect.objectContaining({ id: created.body.id, lastUsed: expect.any(String) })]);
      expect((await owncast.post('/api/admin/webhooks/delete', { id: created.body.id }, admin)).body).toEqual({
        success: true,
        message: `deleted webhook ${created.body.id}`,
      });
      expect((await owncast.post('/api/admin/webhooks/delete', { id: created.body.id }, admin)).status).toBe(404);
      expect((await owncast.get('/api/admin/webhooks', admin)).body).toEqual([]);
    } finally {
      await new Promise((resolve) => receiver.close(resolve));
    }
  });
});
