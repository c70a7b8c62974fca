import type { Client } from 'graphql-ws';
import type { SubgraphName } from '../common/config';
import type { GatewayOptions } from '../gateway/server';
import { restCaller } from './support/http';
import { IdentityClient } from './support/identity';
import { ADMIN, createApiKey, login, type Session } from './support/platform';
import { hostWithToken } from './support/social';
import { basic, bearer, createAccessToken, owncastClient, type OwncastClient } from './support/streaming';
import { startSystem, subgraphUrlsOf, type TestSystem } from './support/system';
import { until, within } from './support/wait';
import { Sockets, subscribe, wsUrl, type Subscription, type TestSocket } from './support/ws';

/**
 * Shared fan-out (gateway/subscription-groups.ts): who shares an upstream
 * subscription, what stays per subscriber (admission, own events,
 * credentials, slow sockets), one upstream connection per subgraph, and
 * replicas delivering each message exactly once.
 */
const STREAM_KEY = 'groups-test-stream-key';
const identity = new IdentityClient();

let system: TestSystem;
let owncast: OwncastClient;
let admin: Session;
let postToken: string;
const sockets = new Sockets();

beforeAll(async () => {
  system = await startSystem({ logger: identity.logger, env: { STREAM_KEY, ADMIN_EMAIL: ADMIN.email, ADMIN_PASSWORD: ADMIN.password } });
  identity.baseUrl = system.gatewayUrl;
  admin = await login(identity, ADMIN.email, ADMIN.password);
  owncast = owncastClient(system.gatewayUrl);
  postToken = await createAccessToken(owncast, basic(STREAM_KEY), 'poster', ['CAN_SEND_MESSAGES']);
});
afterEach(() => sockets.closeAll());
afterAll(() => system.stop());

const connect = (baseUrl: string, connectionParams: Record<string, unknown> = {}) => sockets.graphql(wsUrl(baseUrl), { connectionParams });

const CHAT = `subscription Chat($name: String) { chatEvents(displayName: $name) { type id clientId displayName message { id body authorName } } }`;

interface ChatEvent {
  type: string;
  id: string;
  clientId: string | null;
  displayName: string | null;
  message: { id: string; body: string; authorName: string | null } | null;
}

type Feed = Subscription<ChatEvent>;

/** A subscription whose chat events queue as they arrive. */
const feed = (client: Client, variables: Record<string, unknown> = {}, query = CHAT): Feed =>
  subscribe<{ chatEvents: ChatEvent }, ChatEvent>(client, query, variables, (data) => data.chatEvents);

/** Subscribes and waits for the own USER_JOINED (the subscriber is admitted and in its group). */
async function joined(client: Client, name?: string): Promise<{ feed: Feed; clientId: string }> {
  const subscription = feed(client, name ? { name } : {});
  const own = await subscription.find('the own USER_JOINED', (event) => event.type === 'USER_JOINED' && event.clientId !== null);
  return { feed: subscription, clientId: own.clientId! };
}

async function post(body: string, baseUrl = system.gatewayUrl): Promise<string> {
  const response = await owncastClient(baseUrl).post<{ messageId?: string }>('/api/integrations/chat/user', { user: 'poster', body }, bearer(postToken));
  expect(response.status).toBe(200);
  return body;
}

const hasBody = (body: string) => (event: ChatEvent) => event.message?.body === `<p>${body}</p>`;

const subgraphUrls = () => subgraphUrlsOf(system);

const extraGateway = (subgraphUrls: Record<SubgraphName, string>, extra: Partial<GatewayOptions> = {}) => system.extraGateway({ subgraphUrls, ...extra });

const streamingReplica = (env: NodeJS.ProcessEnv = {}) => system.replica('streaming', { env: { STREAM_KEY, ...env } });

const apiKey = (displayName: string) => createApiKey(identity, admin, { displayName, scopes: ['settings:read'] });

describe('delivery a chunk of sockets at a time', () => {
  it('written two sockets per turn, each of five members gets every message once and in order', async () => {
    const gateway = await extraGateway(subgraphUrls(), { subscriptions: { deliveryChunk: 2 } });
    const members: { feed: Feed; clientId: string }[] = [];
    for (let index = 0; index < 5; index += 1) members.push(await joined(connect(gateway.url).client));
    expect(gateway.subscriptions.groups()).toEqual({ groups: 1, subscribers: 5 });
    // Posted one after another; each post answers before its event has reached everyone, so batches overlap.
    const bodies = ['chunked one', 'chunked two', 'chunked three', 'chunked four'];
    for (const body of bodies) await post(body);
    for (const [index, member] of members.entries()) {
      await member.feed.find(`the last message (member ${index})`, hasBody('chunked four'));
      const chat = member.feed.results.received.filter((event) => event.type === 'CHAT').map((event) => event.message?.body);
      expect(chat).toEqual(bodies.map((body) => `<p>${body}</p>`));
    }
  });
});

describe('who shares a group', () => {
  it('subscribers of a shared field share one upstream subscription, and each sees only its own clientId', async () => {
    const first = await joined(connect(system.gatewayUrl).client);
    const second = await joined(connect(system.gatewayUrl).client);
    expect(system.gateway.subscriptions.groups()).toEqual({ groups: 1, subscribers: 2 });
    // One group subscription on the chat topic at the streaming subgraph, not one per subscriber.
    expect(system.subgraphs.streaming.events.listenerCount('chat')).toBe(1);
    expect(first.clientId).not.toBe(second.clientId);
    const body = await post('shared once');
    await first.feed.find('the message (first)', hasBody(body));
    await second.feed.find('the message (second)', hasBody(body));
    // Neither ever saw the other's clientId, nor its own twice.
    for (const [mine, theirs] of [
      [first, second],
      [second, first],
    ] as const) {
      expect(mine.feed.results.received.filter((event) => event.clientId === theirs.clientId)).toEqual([]);
      expect(mine.feed.results.received.filter((event) => event.clientId === mine.clientId)).toHaveLength(1);
    }
  });

  it('a subscriber refused at subscribe never receives the events of the group it asked for', async () => {
    // A signed-in caller is named by its account, so its over-long displayName is no error; a guest's is.
    const tooLong = 'n'.repeat(40);
    // Keys an admin creates act for that admin.
    const key = await apiKey('groups-signed-in');
    const admitted = await joined(connect(system.gatewayUrl, { authorization: `Bearer ${key.secret}` }).client, tooLong);
    const refused = feed(connect(system.gatewayUrl).client, { name: tooLong });
    await within(refused.ended, 'the refusal');
    expect(refused.errors).toEqual([[expect.objectContaining({ extensions: expect.objectContaining({ code: 'BAD_USER_INPUT' }) })]]);
    const body = await post('not for the refused');
    await admitted.feed.find('the message', hasBody(body));
    expect(refused.results.received).toEqual([]);
    // The refused subscriber holds no place in any group (earlier tests' subscribers leave as their sockets close).
    await until(() => system.gateway.subscriptions.groups().subscribers === 1, 'only the admitted subscriber');
  });

  it("a field not declared shared is grouped per caller: another host is refused and never joins the host's group", async () => {
    const rest = restCaller(() => system.gatewayUrl);
    const host = await hostWithToken(system.gatewayUrl, { onlyFriends: false, allowNonames: true });
    const other = await hostWithToken(system.gatewayUrl);
    const launched = await rest<{ session_id: number }>('POST', '/sessions', { token: host.token, body: { host: host.uuid } });
    const query = 'subscription Joined($id: Int!) { playerJoined(sessionId: $id) { guest } }';
    const variables = { id: launched.body.session_id };
    const guests = (client: Client) => {
      const seen: unknown[] = [];
      const iterator = client.iterate({ query, variables });
      const ended = (async () => {
        for await (const result of iterator) seen.push(result);
      })().catch((error: unknown) => seen.push({ failed: error }));
      return { seen, ended };
    };
    const hosts = [
      guests(connect(system.gatewayUrl, { authorization: `Bearer ${host.token}` }).client),
      guests(connect(system.gatewayUrl, { authorization: `Bearer ${host.token}` }).client),
    ];
    const intruder = guests(connect(system.gatewayUrl, { authorization: `Bearer ${other.token}` }).client);
    await within(intruder.ended, 'the other host to be refused');
    expect(intruder.seen).toEqual([{ errors: [expect.objectContaining({ extensions: { code: 'UNAUTHENTICATED' } })] }]);
    // The host's two sockets (same credentials) share one upstream subscription.
    const topic = `player-joined:${variables.id}`;
    await until(() => system.subgraphs.social.events.listenerCount(topic) === 1 && system.gateway.subscriptions.groups().subscribers === 2, 'the host group');
    const joinedGuest = await rest('POST', '/sessions/players', { token: host.token, body: { host: host.uuid, guest: 'alice' } });
    expect(joinedGuest.status).toBe(200);
    for (const { seen } of hosts) await until(() => seen.length === 1, 'the host to see the guest');
    expect(hosts.map(({ seen }) => seen)).toEqual([[{ data: { playerJoined: { guest: 'alice' } } }], [{ data: { playerJoined: { guest: 'alice' } } }]]);
    expect(intruder.seen).toHaveLength(1);
  });
});

describe('per subscriber inside a group', () => {
  it('revoking one credential closes that socket; the rest of the group keeps its subscription', async () => {
    const gateway = await extraGateway(subgraphUrls(), { credentialCacheSeconds: 1 });
    const [revokedKey, keptKey] = [await apiKey('groups-revoked'), await apiKey('groups-kept')];
    const revoked = connect(gateway.url, { authorization: `Bearer ${revokedKey.secret}` });
    const kept = connect(gateway.url, { authorization: `Bearer ${keptKey.secret}` });
    const revokedFeed = await joined(revoked.client);
    const keptFeed = await joined(kept.client);
    expect(gateway.subscriptions.groups()).toEqual({ groups: 1, subscribers: 2 });

    await system.sql('update admin.api_keys set revoked = true where id = $1', [revokedKey.id]);
    expect((await within(revoked.closed, 'the revoked socket to close')).code).toBe(4401);
    await until(() => gateway.subscriptions.groups().subscribers === 1, 'the revoked subscriber to leave its group');
    expect(gateway.subscriptions.groups().groups).toBe(1);
    const body = await post('after the revocation');
    await keptFeed.feed.find('the message after the revocation', hasBody(body));
    expect(revokedFeed.feed.results.received.some(hasBody(body))).toBe(false);
  });
});

describe('one upstream connection per gateway and subgraph', () => {
  it('a lost connection ends its subscriptions with an error that says to subscribe again, not as if the source had finished', async () => {
    const replica = await streamingReplica();
    const gateway = await extraGateway({ ...subgraphUrls(), streaming: replica.url });
    const viewer = await joined(connect(gateway.url).client);
    await replica.close();
    await within(viewer.feed.ended, 'the subscription to end');
    // One result, carrying the one error.
    expect(viewer.feed.errors).toEqual([
      [{ message: 'The subscription source is unavailable; subscribe again later', extensions: { code: 'SERVICE_UNAVAILABLE' } }],
    ]);
  });

  it('stays one at the streaming subgraph as subscribers (and groups) are added', async () => {
    // A streaming replica only this gateway talks to: no other gateway's connection comes or goes meanwhile.
    const replica = await streamingReplica();
    const gateway = await extraGateway({ ...subgraphUrls(), streaming: replica.url });
    expect(replica.webSocketConnections()).toBe(0);
    const feeds: Feed[] = [];
    for (let index = 0; index < 12; index += 1) {
      // Three display names: three groups; each subscriber has its own socket to the gateway.
      feeds.push((await joined(connect(gateway.url).client, `viewer-${index % 3}`)).feed);
      expect(replica.webSocketConnections()).toBe(1);
    }
    expect(gateway.subscriptions.groups()).toEqual({ groups: 3, subscribers: 12 });
    expect(gateway.subscriptions.connections()).toBe(12);
    // Owncast /entry sockets take the same path: their relay is one more group on the same connection.
    const entries: TestSocket[] = [];
    for (let index = 0; index < 3; index += 1) {
      const entry = sockets.open(wsUrl(gateway.url, '/entry'), { headers: { origin: 'http://localhost' } });
      expect(await within(entry.opened, 'the /entry socket to open')).toBe('open');
      entries.push(entry);
      expect(replica.webSocketConnections()).toBe(1);
    }
    expect(gateway.subscriptions.groups()).toEqual({ groups: 4, subscribers: 13 });
    const body = await post('to every group');
    for (const subscription of feeds) await subscription.find('the message', hasBody(body));
    for (const entry of entries) {
      await entry.messages.find('the message on /entry', (frame) => frame.body === `<p>${body}</p>`);
      await entry.close();
    }
  });
});

describe('the internal scope', () => {
  it('a client cannot subscribe to the relay the /entry sockets share (hidden from the API schema)', async () => {
    const { client } = connect(system.gatewayUrl);
    const outcome = await within(
      new Promise<unknown>((resolve) =>
        client.subscribe(
          { query: 'subscription { chatRelay { ready } }' },
          { next: () => resolve('an event'), error: resolve, complete: () => resolve('completed') },
        ),
      ),
      'the refusal',
    );
    expect(outcome).toEqual([expect.objectContaining({ extensions: expect.objectContaining({ code: 'GRAPHQL_VALIDATION_FAILED' }) })]);
  });
});

describe('two gateway replicas, each with its own streaming replica', () => {
  /** Subscribers on both gateways; a message posted through either reaches every one of them exactly once. */
  async function expectExactlyOnce(gateways: [string, string]): Promise<void> {
    const feeds = [
      (await joined(connect(gateways[0]).client)).feed,
      (await joined(connect(gateways[0]).client)).feed,
      (await joined(connect(gateways[1]).client)).feed,
      (await joined(connect(gateways[1]).client)).feed,
    ];
    const first = await post(`through the first ${Date.now()}`, gateways[0]);
    const second = await post(`through the second ${Date.now()}`, gateways[1]);
    // Events of one group arrive in order: once the marker is in, a duplicate would be too.
    const marker = await post(`marker ${Date.now()}`, gateways[0]);
    for (const subscription of feeds) {
      await subscription.find('the marker', hasBody(marker));
      expect(subscription.results.received.filter(hasBody(first))).toHaveLength(1);
      expect(subscription.results.received.filter(hasBody(second))).toHaveLength(1);
    }
  }

  it('PostgreSQL broker', async () => {
    const replica = await streamingReplica();
    const gateway2 = await extraGateway({ ...subgraphUrls(), streaming: replica.url });
    await expectExactlyOnce([system.gatewayUrl, gateway2.url]);
  });

  // Skipped unless REDIS_URL names a Redis server: Redis is an optional broker outside the product that the
  // README's commands must not need. .ci/run sets REDIS_URL whenever a server answers on 127.0.0.1:6379, so CI runs it.
  const withRedis = process.env.REDIS_URL ? it : it.skip;
  withRedis('Redis broker (REDIS_URL)', async () => {
    const redis = { REDIS_URL: process.env.REDIS_URL };
    const [replicaA, replicaB] = [await streamingReplica(redis), await streamingReplica(redis)];
    const gatewayA = await extraGateway({ ...subgraphUrls(), streaming: replicaA.url });
    const gatewayB = await extraGateway({ ...subgraphUrls(), streaming: replicaB.url });
    await expectExactlyOnce([gatewayA.url, gatewayB.url]);
  });
});
