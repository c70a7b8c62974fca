import WebSocket from 'ws';
import { type Principal } from '../common/principal';
import type { RunningSubgraph } from '../common/subgraph-server';
import type { GatewayOptions } from '../gateway/server';
import { postGraphQL, requestJson } from './support/http';
import { basic, bearer, createAccessToken, ingestHook, owncastClient, type OwncastClient } from './support/streaming';
import { subgraphUrlsOf, startSystem, type TestSystem } from './support/system';
import { until, within } from './support/wait';
import { Sockets, subscribe, wsUrl, type Frame, type TestSocket } from './support/ws';
import { postToSubgraphAs, servicePrincipal, SITE_ADMIN } from './support/principals';

/**
 * Owncast 0.0.7's chat socket at /entry on the gateway, with real ws
 * clients against the real gateway and subgraphs: the handshake, the frames
 * of 0.0.7, chat both ways with graphql-ws subscribers and the integration
 * API, moderation, names, the rate limit, the size limits, and viewers.
 */
const STREAM_KEY = 'entry-test-stream-key';
const ADMIN = { email: 'entry-admin@example.com', password: 'entry admin password 1' };
const admin = basic(STREAM_KEY);

let system: TestSystem;
let owncast: OwncastClient;
let tokens: { messages: string; admin: string };
const sockets = new Sockets();

beforeAll(async () => {
  system = await startSystem({ env: { STREAM_KEY, ADMIN_EMAIL: ADMIN.email, ADMIN_PASSWORD: ADMIN.password } });
  owncast = owncastClient(system.gatewayUrl);
  tokens = { messages: await createToken('bot', ['CAN_SEND_MESSAGES']), admin: await createToken('moderator', ['HAS_ADMIN_ACCESS']) };
});
afterEach(async () => {
  await sockets.closeAll();
  // Every test starts without chat clients.
  await until(async () => (await clients()).length === 0, 'the chat clients to leave');
});
afterAll(() => system.stop());

const createToken = (name: string, scopes: string[]) => createAccessToken(owncast, admin, name, scopes);

interface OwncastClientRow {
  clientID: string;
  username: string | null;
  messageCount: number;
  userAgent: string;
  ipAddress: string;
}

async function clients(): Promise<OwncastClientRow[]> {
  return (await owncast.get<OwncastClientRow[]>('/api/admin/clients', admin)).body;
}

async function storedMessages(): Promise<{ id: string; author?: string; body: string; type: string; visible: boolean; timestamp: string }[]> {
  return (
    await owncast.get<{ id: string; author?: string; body: string; type: string; visible: boolean; timestamp: string }[]>('/api/admin/chat/messages', admin)
  ).body;
}

/** A raw ws client of /entry: `next` takes the next frame that matches, passing over PINGs unless asked for them. */
interface EntryClient extends TestSocket {
  frames: Frame[];
  next(what: string, matches?: (frame: Frame) => boolean): Promise<Frame>;
}

interface OpenOptions {
  origin?: string | null;
  protocols?: string[];
  agent?: string;
  base?: string;
}

function entryUrl(base = system.gatewayUrl): string {
  return wsUrl(base, '/entry');
}

/** Opens /entry as an Owncast client does (Origin: http://localhost, as Owncast's own tests send). */
async function openEntry(options: OpenOptions = {}): Promise<EntryClient> {
  const origin = options.origin === undefined ? 'http://localhost' : options.origin;
  const socket = sockets.open(entryUrl(options.base), {
    protocols: options.protocols ?? [],
    headers: { ...(origin === null ? {} : { origin }), 'user-agent': options.agent ?? 'entry-test/1.0' },
  });
  expect(await within(socket.opened, 'the socket to open')).toBe('open');
  return Object.assign(socket, {
    frames: socket.messages.received,
    next: (what: string, matches = (frame: Frame) => frame.type !== 'PING') => socket.messages.nextMatching(what, matches),
  });
}

/** The HTTP status a refused handshake gets, and its body. */
function refusedHandshake(options: OpenOptions & { protocolVersion?: number }): Promise<{ status: number; body: string; headers: Record<string, unknown> }> {
  const origin = options.origin === undefined ? 'http://localhost' : options.origin;
  const ws = new WebSocket(entryUrl(options.base), options.protocols ?? [], {
    ...(origin === null ? {} : { origin }),
    ...(options.protocolVersion ? { protocolVersion: options.protocolVersion } : {}),
  });
  ws.on('error', () => undefined);
  return within(
    new Promise((resolve, reject) => {
      ws.once('open', () => reject(new Error('the handshake succeeded')));
      ws.once('unexpected-response', (_request, response) => {
        let body = '';
        response.on('data', (chunk: Buffer) => (body += chunk.toString()));
        response.on('end', () => resolve({ status: response.statusCode ?? 0, body, headers: response.headers }));
      });
    }),
    'the refusal',
  );
}

const CHAT_EVENTS = `subscription Chat($name: String) {
  chatEvents(displayName: $name) {
    type id displayName previousName clientId messageIds visible
    message { id type authorName body visible timestamp }
  }
}`;

interface ChatEvent {
  type: string;
  id: string;
  displayName: string | null;
  previousName: string | null;
  clientId: string | null;
  messageIds: string[] | null;
  visible: boolean | null;
  message: { id: string; type: string; authorName: string | null; body: string; visible: boolean; timestamp: string } | null;
}

/** A graphql-ws chatEvents subscriber through the gateway, registered (its own USER_JOINED seen). */
async function graphqlSubscriber(name: string): Promise<{ next(what: string, matches: (event: ChatEvent) => boolean): Promise<ChatEvent>; clientId: string }> {
  const { client } = sockets.graphql(wsUrl(system.gatewayUrl));
  const events = subscribe<{ chatEvents: ChatEvent }, ChatEvent>(client, CHAT_EVENTS, { name }, (data) => data.chatEvents);
  const next = (what: string, matches: (event: ChatEvent) => boolean) => events.results.nextMatching(what, matches);
  const joined = await next('the own USER_JOINED', (event) => event.type === 'USER_JOINED' && event.clientId !== null);
  return { next, clientId: joined.clientId! };
}

const extraGateway = (extra: Partial<GatewayOptions> = {}) => system.extraGateway(extra);

const isChat = (frame: Frame) => frame.type === 'CHAT';
const isVisibility = (frame: Frame) => frame.type === 'VISIBILITY-UPDATE';
const isNameChange = (frame: Frame) => frame.type === 'NAME_CHANGE';

describe('handshake', () => {
  it('refuses a socket without Origin, or with Origin null, with 403 and an empty body', async () => {
    expect(await refusedHandshake({ origin: null })).toMatchObject({ status: 403, body: '' });
    expect(await refusedHandshake({ origin: 'null' })).toMatchObject({ status: 403, body: '' });
    expect(await refusedHandshake({ origin: 'not a uri' })).toMatchObject({ status: 403, body: '' });
  });

  it('accepts any Origin that is present, never comparing it with Host', async () => {
    const fromElsewhere = await openEntry({ origin: 'https://some-other-site.example' });
    expect(fromElsewhere.ws.protocol).toBe('');
    await openEntry({ origin: 'http://localhost' });
  });

  it('echoes a single subprotocol and refuses two; only version 13 is spoken', async () => {
    const embed = await openEntry({ protocols: ['IGNORE_CLIENT'] });
    expect(embed.ws.protocol).toBe('IGNORE_CLIENT');
    expect((await refusedHandshake({ protocols: ['IGNORE_CLIENT', 'other'] })).status).toBe(400);
    const old = await refusedHandshake({ protocolVersion: 8 });
    expect(old.status).toBe(400);
    expect(old.headers['sec-websocket-version']).toBe('13');
  });

  it('leaves graphql-ws on /graphql working beside /entry', async () => {
    const subscriber = await graphqlSubscriber('beside-entry');
    expect(subscriber.clientId).toEqual(expect.any(String));
  });
});

describe('chat', () => {
  it('an /entry message is echoed to its sender and every socket in 0.0.7 shape, stored like O39, and reaches graphql-ws', async () => {
    const sender = await openEntry();
    const embed = await openEntry({ protocols: ['IGNORE_CLIENT'] });
    const subscriber = await graphqlSubscriber('watcher');

    // Fields 0.0.7 overwrites (id, timestamp, visible) are ignored when sent.
    sender.send({ type: 'CHAT', author: 'Gabe', body: 'hi **all**', id: 'mine', visible: false, timestamp: '2000-01-01T00:00:00Z' });
    const echo = await sender.next('the sender echo', isChat);
    expect(Object.keys(echo)).toEqual(['author', 'body', 'id', 'type', 'visible', 'timestamp']);
    expect(echo).toEqual({
      author: 'Gabe',
      body: '<p>hi <strong>all</strong></p>',
      id: expect.stringMatching(/^[0-9A-Za-z_-]{9,}$/),
      type: 'CHAT',
      visible: true,
      timestamp: expect.any(String),
    });
    expect(echo.id).not.toBe('mine');
    expect(Number.isNaN(Date.parse(echo.timestamp as string))).toBe(false);
    expect(await embed.next('the broadcast to IGNORE_CLIENT', isChat)).toEqual(echo);

    const event = await subscriber.next('the /entry message over graphql-ws', (candidate) => candidate.type === 'CHAT');
    expect(event.message).toEqual({
      id: echo.id,
      type: 'CHAT',
      authorName: 'Gabe',
      body: '<p>hi <strong>all</strong></p>',
      visible: true,
      timestamp: echo.timestamp,
    });

    // O3 and O13 return it as stored, with the id, body and time the sockets saw.
    const history = (await owncast.get<Record<string, unknown>[]>('/api/chat')).body;
    expect(history.find((message) => message.id === echo.id)).toEqual(echo);
    expect((await storedMessages()).find((message) => message.id === echo.id)).toEqual(echo);
  });

  it('messages from GraphQL and the integration API (O39) reach /entry clients', async () => {
    const reader = await openEntry();
    const login = await requestJson<{ access_token: string }>(`${system.gatewayUrl}/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(ADMIN),
    });
    const sent = await postGraphQL<{ sendChatMessage: { id: string; authorName: string } }>(
      `${system.gatewayUrl}/graphql`,
      'mutation { sendChatMessage(body: "from _GraphQL_") { id authorName } }',
      {},
      { authorization: bearer(login.body.access_token) },
    );
    expect(sent.body.errors).toBeUndefined();
    expect(await reader.next('the GraphQL message')).toEqual({
      author: sent.body.data!.sendChatMessage.authorName,
      body: '<p>from <em>GraphQL</em></p>',
      id: sent.body.data!.sendChatMessage.id,
      type: 'CHAT',
      visible: true,
      timestamp: expect.any(String),
    });

    expect((await owncast.post('/api/integrations/chat/user', { author: 'botty', body: 'beep *boop*' }, bearer(tokens.messages))).status).toBe(200);
    expect(await reader.next('the O39 message')).toMatchObject({ author: 'botty', body: '<p>beep <em>boop</em></p>', type: 'CHAT', visible: true });
  });

  it('hiding a message (O14) sends 0.0.7 VISIBILITY-UPDATE with the stored message to /entry and VISIBILITY_UPDATE to graphql-ws; O50 shows it again', async () => {
    const sender = await openEntry();
    const subscriber = await graphqlSubscriber('moderation-watcher');
    sender.send({ type: 'CHAT', author: 'Troll', body: 'something rude' });
    const echo = await sender.next('the echo', isChat);

    const hide = await owncast.post('/api/admin/chat/updatemessagevisibility', { idArray: [echo.id], visible: false }, admin);
    expect(hide.status).toBe(200);
    const hidden = await sender.next('the VISIBILITY-UPDATE', isVisibility);
    expect(Object.keys(hidden)).toEqual(['author', 'body', 'id', 'type', 'visible', 'timestamp']);
    expect(hidden).toEqual({ ...echo, type: 'VISIBILITY-UPDATE', visible: false });
    expect(await subscriber.next('the graphql-ws visibility update', (event) => event.type === 'VISIBILITY_UPDATE')).toMatchObject({
      messageIds: [echo.id],
      visible: false,
    });
    expect((await owncast.get<{ id: string }[]>('/api/chat')).body.some((message) => message.id === echo.id)).toBe(false);
    // What Owncast 0.0.7's own chatmoderation.test.js checks: O13 still lists it, hidden.
    expect((await storedMessages()).find((message) => message.id === echo.id)).toMatchObject({ visible: false });

    const show = await owncast.post('/api/integrations/chat/updatemessagevisibility', { idArray: [echo.id], visible: true }, bearer(tokens.admin));
    expect(show.status).toBe(200);
    expect(await sender.next('the un-hiding', isVisibility)).toEqual({ ...echo, type: 'VISIBILITY-UPDATE', visible: true });
  });

  it("runs Owncast 0.0.7's own automated chat test: send with Origin http://localhost, close at once, find it in /api/admin/chat/messages", async () => {
    // test/automated/chat.test.js at v0.0.7, with its values.
    const username = `user${Math.floor(Math.random() * 100)}`;
    const message = `${Math.floor(Math.random() * 100)} test 123`;
    const testMessage = {
      author: username,
      body: `${message} *and some markdown too*`,
      id: 'abc',
      type: 'CHAT',
      visible: true,
      timestamp: new Date().toISOString(),
    };
    const ws = new WebSocket(entryUrl(), { origin: 'http://localhost' });
    await within(
      new Promise<void>((resolve, reject) => {
        ws.on('error', reject);
        ws.on('open', () => ws.send(JSON.stringify(testMessage), () => (ws.close(), resolve())));
      }),
      'the send',
    );
    await until(async () => (await storedMessages()).some((stored) => stored.author === username && stored.body.includes(message)), 'the message to be stored');
    const stored = (await storedMessages()).find((candidate) => candidate.author === username)!;
    expect(stored.body).toBe(`<p>${message} <em>and some markdown too</em></p>`);
    expect(stored.type).toBe('CHAT');
  });
});

describe('names', () => {
  it('NAME_CHANGE reaches every socket in 0.0.7 shape and graphql-ws, and names the client in O9', async () => {
    const renamer = await openEntry();
    const other = await openEntry({ protocols: ['IGNORE_CLIENT'] });
    const subscriber = await graphqlSubscriber('name-watcher');
    // Until the socket sends a name, the client has none (0.0.7: username null).
    await until(async () => (await clients()).some((client) => client.userAgent === 'entry-test/1.0' && client.username === null), 'the nameless client');

    renamer.send({ type: 'NAME_CHANGE', oldName: 'User 7', newName: 'Gabe', image: 'https://tracker.example/pixel.gif' });
    const change = await other.next('the NAME_CHANGE', isNameChange);
    expect(Object.keys(change)).toEqual(['oldName', 'newName', 'image', 'type', 'id']);
    expect(change).toEqual({ oldName: 'User 7', newName: 'Gabe', image: '', type: 'NAME_CHANGE', id: expect.any(String) });
    expect(await renamer.next('the own NAME_CHANGE', isNameChange)).toEqual(change);
    expect(await subscriber.next('NAME_CHANGE over graphql-ws', (event) => event.type === 'NAME_CHANGE')).toMatchObject({
      displayName: 'Gabe',
      previousName: 'User 7',
    });
    await until(async () => (await clients()).some((client) => client.username === 'Gabe'), 'the client named Gabe');

    // The next change starts from the name the socket last used, whatever oldName says; each CHAT carries its author.
    renamer.send({ type: 'NAME_CHANGE', oldName: 'Someone Else', newName: 'Gabriel' });
    expect(await other.next('the second NAME_CHANGE', isNameChange)).toMatchObject({ oldName: 'Gabe', newName: 'Gabriel' });
    renamer.send({ type: 'CHAT', author: 'Gabriel', body: 'renamed' });
    expect(await other.next('the message', isChat)).toMatchObject({ author: 'Gabriel', body: '<p>renamed</p>' });
    await until(async () => (await clients()).some((client) => client.username === 'Gabriel' && client.messageCount === 1), 'the message count');

    // A graphql-ws client's rename reaches /entry as 0.0.7's NAME_CHANGE.
    await postGraphQL(`${system.gatewayUrl}/graphql`, 'mutation ($id: ID!) { changeChatName(clientId: $id, name: "NewWatcher") { username } }', {
      id: subscriber.clientId,
    });
    expect(await other.next('the graphql-ws rename', isNameChange)).toMatchObject({ oldName: 'name-watcher', newName: 'NewWatcher', type: 'NAME_CHANGE' });
  });

  it('USER_JOINED names the client, and is announced only while the stream is online (as in 0.0.7)', async () => {
    const joiner = await openEntry();
    const reader = await openEntry({ protocols: ['IGNORE_CLIENT'] });
    joiner.send({ type: 'USER_JOINED', username: 'Early' });
    await until(async () => (await clients()).some((client) => client.username === 'Early'), 'the client named Early');

    expect((await ingestHook(owncast, 'on_publish', STREAM_KEY)).status).toBe(200);
    try {
      joiner.send({ type: 'USER_JOINED', username: 'Live' });
      const joined = await reader.next('the USER_JOINED');
      expect(Object.keys(joined)).toEqual(['username', 'type', 'id', 'timestamp']);
      expect(joined).toEqual({ username: 'Live', type: 'USER_JOINED', id: expect.any(String), timestamp: expect.any(String) });
      // The offline join was never announced: the first frame the reader got is the online one.
      expect(reader.frames.filter((frame) => frame.type === 'USER_JOINED')).toHaveLength(1);
    } finally {
      await ingestHook(owncast, 'on_publish_done', STREAM_KEY);
    }
  });

  it("a graphql-ws viewer's connect is not announced on /entry (0.0.7 announces only a sent USER_JOINED), a socket's USER_JOINED is", async () => {
    const reader = await openEntry({ protocols: ['IGNORE_CLIENT'] });
    expect((await ingestHook(owncast, 'on_publish', STREAM_KEY)).status).toBe(200);
    try {
      // Its own USER_JOINED is seen by the graphql-ws subscriber itself, so the join has been published.
      await graphqlSubscriber('QuietViewer');
      const joiner = await openEntry();
      joiner.send({ type: 'USER_JOINED', username: 'Announced' });
      expect(await reader.next('the announced USER_JOINED', (frame) => frame.type === 'USER_JOINED')).toMatchObject({ username: 'Announced' });
      // Events reach the reader in the order they were published: the viewer's earlier join would have come first.
      expect(reader.frames.filter((frame) => frame.type === 'USER_JOINED').map((frame) => frame.username)).toEqual(['Announced']);
    } finally {
      await ingestHook(owncast, 'on_publish_done', STREAM_KEY);
    }
  });

  it('a name that breaks the name rules (empty, longer than 30 characters) is not taken, and the socket stays', async () => {
    const client = await openEntry();
    client.send({ type: 'CHAT', author: 'x'.repeat(31), body: 'too long a name' });
    client.send({ type: 'CHAT', author: '   ', body: 'no name' });
    client.send({ type: 'NAME_CHANGE', oldName: 'a', newName: 'y'.repeat(31) });
    client.send({ type: 'CHAT', author: 'Fine', body: 'this one counts' });
    expect(await client.next('the only accepted frame')).toMatchObject({ type: 'CHAT', author: 'Fine', body: '<p>this one counts</p>' });
    expect((await storedMessages()).some((message) => message.body.includes('too long a name') || message.body.includes('no name'))).toBe(false);
  });
});

describe('limits', () => {
  it('drops frames beyond the per-socket bucket (5 at once, then one per 1.67 s), counted on a held clock', async () => {
    const clock = { now: 1_000_000 };
    const gateway = await extraGateway({ owncastChat: { now: () => clock.now } });
    const sender = await openEntry({ base: gateway.url, agent: 'burst/1.0' });
    const before = (await storedMessages()).length;
    for (let index = 0; index < 10; index += 1) sender.send({ type: 'CHAT', author: 'Burst', body: `burst ${index}` });
    // Closing is a barrier: the socket's frames are handled in order, then its client row goes.
    await until(async () => (await clients()).some((client) => client.userAgent === 'burst/1.0'), 'the burst client');
    await sender.close();
    await until(async () => !(await clients()).some((client) => client.userAgent === 'burst/1.0'), 'the burst client to leave');
    const stored = (await storedMessages()).slice(before).map((message) => message.body);
    expect(stored).toEqual([0, 1, 2, 3, 4].map((index) => `<p>burst ${index}</p>`));

    // A new socket starts full; 1.7 s later one token is back (0.6 per second), and PONGs spend tokens too.
    const second = await openEntry({ base: gateway.url, agent: 'refill/1.0' });
    for (let index = 0; index < 4; index += 1) second.send({ type: 'PONG' });
    second.send({ type: 'CHAT', author: 'Refill', body: 'fifth frame' });
    // Its echo means the five frames were handled before the clock moves.
    expect(await second.next('the fifth frame', isChat)).toMatchObject({ body: '<p>fifth frame</p>' });
    clock.now += 1700;
    second.send({ type: 'CHAT', author: 'Refill', body: 'after the refill' });
    second.send({ type: 'CHAT', author: 'Refill', body: 'beyond the refill' });
    await second.close();
    await until(async () => !(await clients()).some((client) => client.userAgent === 'refill/1.0'), 'the refill client to leave');
    const refill = (await storedMessages()).filter((message) => message.author === 'Refill').map((message) => message.body);
    expect(refill).toEqual(['<p>fifth frame</p>', '<p>after the refill</p>']);
  });

  it('closes a socket that sends a frame over SUBSCRIPTION_MAX_PAYLOAD_BYTES with 1009; drops a body over 500 characters', async () => {
    const client = await openEntry();
    client.send({ type: 'CHAT', author: 'Long', body: 'a'.repeat(501) });
    client.send({ type: 'CHAT', author: 'Long', body: 'a'.repeat(500) });
    expect(await client.next('the 500-character message')).toMatchObject({ author: 'Long', body: `<p>${'a'.repeat(500)}</p>` });
    expect((await storedMessages()).filter((message) => message.author === 'Long')).toHaveLength(1);

    client.send({ type: 'CHAT', author: 'Huge', body: 'b'.repeat(70 * 1024) });
    expect((await within(client.closed, 'the close')).code).toBe(1009);
  });

  it('ignores frames that are not JSON objects or have no string type, where 0.0.7 would close the socket', async () => {
    // Every frame spends a token, so each socket sends four bad frames and one good one (its burst of five).
    const badFrames = [
      'not json',
      'null',
      '[1,2]',
      '{"body":"no type"}',
      '{"type":5,"body":"number type"}',
      '{"type":"chat","body":"lower case"}',
      '{"type":"SYSTEM","body":"x"}',
      '{"type":"PONG"}',
    ];
    for (let start = 0; start < badFrames.length; start += 4) {
      const client = await openEntry();
      for (const frame of badFrames.slice(start, start + 4)) client.send(frame);
      // Go matches keys ignoring case: TYPE and Author work as in 0.0.7.
      client.send(`{"TYPE":"CHAT","Author":"Casey","BODY":"still here ${start}"}`);
      expect(await client.next('the message after the bad frames')).toMatchObject({ author: 'Casey', body: `<p>still here ${start}</p>` });
      expect(client.frames.filter((frame) => frame.type !== 'PING')).toHaveLength(1);
      expect(client.ws.readyState).toBe(WebSocket.OPEN);
    }
  });

  it('caps connections per address with 1013, as graphql-ws does', async () => {
    const gateway = await extraGateway({ subscriptions: { maxConnectionsPerAddress: 2 } });
    await openEntry({ base: gateway.url, protocols: ['IGNORE_CLIENT'] });
    await openEntry({ base: gateway.url, protocols: ['IGNORE_CLIENT'] });
    const third = await openEntry({ base: gateway.url, protocols: ['IGNORE_CLIENT'] });
    expect((await within(third.closed, 'the refusal')).code).toBe(1013);
  });

  it('pings every socket with {"type":"PING"}, IGNORE_CLIENT ones too', async () => {
    const gateway = await extraGateway({ owncastChat: { pingIntervalMs: 50 } });
    const viewer = await openEntry({ base: gateway.url });
    const embed = await openEntry({ base: gateway.url, protocols: ['IGNORE_CLIENT'] });
    for (const client of [viewer, embed]) expect(await client.next('a PING', (frame) => frame.type === 'PING')).toEqual({ type: 'PING' });
  });
});

describe('relay', () => {
  it('feeds every /entry socket of a gateway from one upstream subscription', async () => {
    const first = await openEntry();
    const listeners = system.subgraphs.streaming.events.listenerCount('chat');
    const more = await Promise.all([0, 1, 2, 3, 4].map(() => openEntry()));
    expect(system.subgraphs.streaming.events.listenerCount('chat')).toBe(listeners);
    (await openEntry()).send({ type: 'CHAT', author: 'Fan', body: 'to all six' });
    for (const socket of [first, ...more])
      expect(await socket.next('the fanned-out message', isChat)).toMatchObject({ author: 'Fan', body: '<p>to all six</p>' });
  });

  it('on shutdown closes its sockets with 1001 and removes their viewers', async () => {
    const gateway = await extraGateway();
    const socket = await openEntry({ base: gateway.url, agent: 'shutdown/1.0' });
    await until(async () => (await clients()).some((client) => client.userAgent === 'shutdown/1.0'), 'the client to be listed');
    await gateway.close();
    expect((await within(socket.closed, 'the close')).code).toBe(1001);
    expect((await clients()).some((client) => client.userAgent === 'shutdown/1.0')).toBe(false);
  });
});

describe('two gateway replicas, each with its own streaming replica', () => {
  /**
   * /entry sockets on both gateways, and a message sent on /entry of each:
   * every socket gets each message exactly once (0.0.7 echoes to the sender
   * too). Events of one relay arrive in order, so once the marker is in, a
   * duplicate would be too.
   */
  async function expectExactlyOnce(bases: [string, string]): Promise<void> {
    const sockets = await Promise.all([bases[0], bases[0], bases[1], bases[1]].map((base) => openEntry({ base })));
    const stamp = Date.now();
    const has = (body: string) => (frame: Frame) => isChat(frame) && frame.body === `<p>${body}</p>`;
    // Each sender waits for its own echo, so its message is stored and published before the next one is sent.
    sockets[0]!.send({ type: 'CHAT', author: 'First', body: `through the first ${stamp}` });
    await sockets[0]!.next('the first echo', has(`through the first ${stamp}`));
    sockets[2]!.send({ type: 'CHAT', author: 'Second', body: `through the second ${stamp}` });
    await sockets[2]!.next('the second echo', has(`through the second ${stamp}`));
    // The marker goes through the first gateway, whose streaming replica is on the brokers under test.
    await owncastClient(bases[0]).post('/api/integrations/chat/user', { user: 'marker', body: `marker ${stamp}` }, bearer(tokens.messages));
    for (const socket of sockets) {
      await socket.next('the marker', has(`marker ${stamp}`));
      expect(socket.frames.filter(has(`through the first ${stamp}`))).toHaveLength(1);
      expect(socket.frames.filter(has(`through the second ${stamp}`))).toHaveLength(1);
    }
  }

  async function streamingReplica(env: NodeJS.ProcessEnv = {}): Promise<RunningSubgraph> {
    return system.replica('streaming', { env: { STREAM_KEY, ...env } });
  }

  it('PostgreSQL broker', async () => {
    const replica = await streamingReplica();
    const gateway2 = await extraGateway({ subgraphUrls: { ...subgraphUrlsOf(system), streaming: replica.url } });
    await expectExactlyOnce([system.gatewayUrl, gateway2.url]);
  });

  // Skipped unless REDIS_URL names a Redis server (e.g. redis://127.0.0.1:6379): Redis is an optional broker outside the
  // product that the README's commands must not need. .ci/run sets REDIS_URL whenever a server answers on
  // 127.0.0.1:6379, so CI runs it; the PostgreSQL broker case above always runs.
  const withRedis = process.env.REDIS_URL ? it : it.skip;
  withRedis('Redis broker (REDIS_URL)', async () => {
    const redis = { REDIS_URL: process.env.REDIS_URL };
    const [replicaA, replicaB] = [await streamingReplica(redis), await streamingReplica(redis)];
    const gatewayA = await extraGateway({ subgraphUrls: { ...subgraphUrlsOf(system), streaming: replicaA.url } });
    const gatewayB = await extraGateway({ subgraphUrls: { ...subgraphUrlsOf(system), streaming: replicaB.url } });
    await expectExactlyOnce([gatewayA.url, gatewayB.url]);
  });
});

describe('viewers', () => {
  it('keeps its viewers live, and registers a viewer again (with its name) whose row expired', async () => {
    const gateway = await extraGateway({ owncastChat: { refreshIntervalMs: 100 } });
    const socket = await openEntry({ base: gateway.url, agent: 'refresh/1.0' });
    socket.send({ type: 'NAME_CHANGE', oldName: 'User 3', newName: 'Phoenix' });
    await until(async () => (await clients()).some((client) => client.username === 'Phoenix'), 'the named viewer');
    const [row] = await system.sql<{ id: string }>(`select id from streaming.chat_clients where user_agent = 'refresh/1.0'`);
    await until(
      async () => (await system.sql(`select 1 from streaming.chat_clients where id = $1 and last_seen_at > connected_at`, [row!.id])).length === 1,
      'a refresh of the row',
    );
    // As if the streaming subgraph had been unreachable for longer than a client's expiry, and swept it.
    await system.sql(`delete from streaming.chat_clients where id = $1`, [row!.id]);
    await until(
      async () => (await clients()).some((client) => client.userAgent === 'refresh/1.0' && client.clientID !== row!.id),
      'the viewer registered again',
    );
    expect((await clients()).filter((client) => client.userAgent === 'refresh/1.0')).toEqual([expect.objectContaining({ username: 'Phoenix' })]);
    await socket.close();
    await until(async () => !(await clients()).some((client) => client.userAgent === 'refresh/1.0'), 'the viewer to leave');
  });

  it('counts sockets without IGNORE_CLIENT as viewers and clients (O2, O9) from connect until close', async () => {
    const viewer = await openEntry({ agent: 'Mozilla/5.0 viewer' });
    await openEntry({ agent: 'Mozilla/5.0 embed', protocols: ['IGNORE_CLIENT'] });
    await until(async () => (await clients()).length === 1, 'the viewer to be listed');
    const [listed] = await clients();
    expect(listed).toMatchObject({ userAgent: 'Mozilla/5.0 viewer', ipAddress: '127.0.0.1', username: null, messageCount: 0 });
    expect((await owncast.get<{ viewerCount: number }>('/api/status')).body.viewerCount).toBe(1);

    // Two tabs are two viewers (no de-duplication).
    await openEntry({ agent: 'Mozilla/5.0 viewer' });
    await until(async () => (await owncast.get<{ viewerCount: number }>('/api/status')).body.viewerCount === 2, 'two viewers');
    await viewer.close();
    await until(async () => (await owncast.get<{ viewerCount: number }>('/api/status')).body.viewerCount === 1, 'the viewer to leave');
    expect((await clients()).map((client) => client.userAgent)).toEqual(['Mozilla/5.0 viewer']);
  });
});

describe('chat:actForGuests: only the gateway acts for the guests of /entry', () => {
  const connectGuest = 'mutation { connectGuestChatClient(userAgent: "rule-test", ipAddress: "192.0.2.1", name: "rule-guest") }';
  const guestRows = () => system.countRows("streaming.chat_clients where user_agent = 'rule-test'");
  const ask = (principal: Principal) => postToSubgraphAs<{ connectGuestChatClient: string }>(system, 'streaming', principal, connectGuest);

  it('refuses another service, a user and an anonymous caller (FORBIDDEN), registering no guest', async () => {
    for (const principal of [servicePrincipal('social'), SITE_ADMIN, { kind: 'anonymous', clientIp: '127.0.0.1' } as const]) {
      const response = await ask(principal);
      expect([principal.kind, response.body.errors?.[0]?.extensions?.code]).toEqual([principal.kind, 'FORBIDDEN']);
    }
    expect(await guestRows()).toBe(0);
  });

  it("allows the gateway's service principal", async () => {
    const response = await ask(servicePrincipal('gateway'));
    expect(response.body.errors).toBeUndefined();
    expect(response.body.data?.connectGuestChatClient).toEqual(expect.any(String));
    expect(await guestRows()).toBe(1);
    await system.sql("delete from streaming.chat_clients where user_agent = 'rule-test'");
  });
});
