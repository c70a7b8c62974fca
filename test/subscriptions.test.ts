import type { SubgraphName } from '../common/config';
import { signPrincipal } from '../common/principal';
import type { RunningSubgraph } from '../common/subgraph-server';
import type { GatewayOptions } from '../gateway/server';
import { DEFAULT_OPERATION_LIMITS } from '../gateway/operation-limits';
import { restCaller } from './support/http';
import { subgraphUrlsOf, useSystem } from './support/system';
import { until, within } from './support/wait';
import { firstOutcome, Sockets, wsUrl } from './support/ws';
import { hostWithToken as registeredHost, launchSession, type HostWithToken } from './support/social';

const system = useSystem();
const sockets = new Sockets();
afterEach(() => sockets.closeAll());

/** A graphql-ws client of a gateway or subgraph (lazy, no retries) and its close event. */
const connect = (url: string, connectionParams: Record<string, unknown> = {}) => sockets.graphql(url, { connectionParams });

const PLAYER_JOINED = 'subscription Joined($id: Int!) { playerJoined(sessionId: $id) { guest joinedAt } }';

/** A host welcoming anyone (guests in these tests are plain names), and its token. */
const hostWithToken = (baseUrl = system.gatewayUrl) => registeredHost(baseUrl, { onlyFriends: false, allowNonames: true });

const launch = (host: HostWithToken) => launchSession(system.gatewayUrl, host);

async function join(baseUrl: string, host: { uuid: string; token: string }, guest: string): Promise<void> {
  const response = await restCaller(() => baseUrl)('POST', '/sessions/players', { token: host.token, body: { host: host.uuid, guest } });
  expect(response.status).toBe(200);
}

const extraGateway = (subgraphUrls: Record<SubgraphName, string>, extra: Partial<GatewayOptions> = {}) => system.extraGateway({ subgraphUrls, ...extra });

const systemSubgraphUrls = () => subgraphUrlsOf(system);

/** Another replica of the social subgraph on the same database. */
const socialReplica = (env: NodeJS.ProcessEnv = {}) => system.replica('social', { env: { HOST_TOKEN_SECRET: system.hostTokenSecret, ...env } });

describe('Subscription.playerJoined over graphql-ws on the gateway', () => {
  it('the host receives each guest who joins, with the selected fields; completing stops listening', async () => {
    const host = await hostWithToken();
    const sessionId = await launch(host);
    const { client } = connect(wsUrl(system.gatewayUrl), { authorization: `Bearer ${host.token}` });
    const events = client.iterate({ query: PLAYER_JOINED, variables: { id: sessionId } });
    const pending = events.next();
    const topic = `player-joined:${sessionId}`;
    await until(() => system.subgraphs.social.events.listenerCount(topic) === 1, 'the subscription to reach the social subgraph');

    await join(system.gatewayUrl, host, 'alice');
    const first = await within(pending, 'the first event');
    expect(first.done).toBe(false);
    expect(first.value).toEqual({ data: { playerJoined: { guest: 'alice', joinedAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT/) } } });
    await join(system.gatewayUrl, host, 'bob');
    expect((await within(events.next(), 'the second event')).value).toEqual({ data: { playerJoined: { guest: 'bob', joinedAt: expect.any(String) } } });

    await events.return?.();
    await until(() => system.subgraphs.social.events.listenerCount(topic) === 0, 'the subgraph to stop listening');
  });

  it("only the session host may subscribe: no token or another host's token is UNAUTHENTICATED", async () => {
    const host = await hostWithToken();
    const other = await hostWithToken();
    const sessionId = await launch(host);
    for (const params of [{}, { authorization: `Bearer ${other.token}` }, { authorization: 'Bearer garbage' }]) {
      const { client } = connect(wsUrl(system.gatewayUrl), params);
      const outcome = await firstOutcome(client.iterate({ query: PLAYER_JOINED, variables: { id: sessionId } }));
      expect(outcome).toEqual({ errors: [expect.objectContaining({ extensions: { code: 'UNAUTHENTICATED' } })] });
    }
    const { client } = connect(wsUrl(system.gatewayUrl), { authorization: `Bearer ${host.token}` });
    const missing = await firstOutcome(client.iterate({ query: PLAYER_JOINED, variables: { id: 2_000_000 } }));
    expect(missing).toEqual({ errors: [expect.objectContaining({ message: 'Session not found', extensions: { code: 'NOT_FOUND' } })] });
    expect(system.subgraphs.social.events.listenerCount(`player-joined:${sessionId}`)).toBe(0);
  });

  it('an invalid API key in connectionParams closes the connection with 4401', async () => {
    const { client, closed } = connect(wsUrl(system.gatewayUrl), { authorization: 'Bearer prapi_not-a-real-key' });
    const outcome = firstOutcome(client.iterate({ query: PLAYER_JOINED, variables: { id: 1 } }));
    expect(await within(closed, 'the close')).toEqual({ code: 4401, reason: expect.stringContaining('API key') });
    expect(await outcome).toEqual({ refused: expect.anything() });
  });

  it('invalid operations are refused with an error message, masked like HTTP', async () => {
    const host = await hostWithToken();
    const sessionId = await launch(host);
    const { client } = connect(wsUrl(system.gatewayUrl), { authorization: `Bearer ${host.token}` });
    const unknownField = await firstOutcome(client.iterate({ query: 'subscription { playerJoined(sessionId: 1) { guest nope } }' }));
    expect(unknownField).toEqual({
      refused: [expect.objectContaining({ message: 'Cannot query field "nope" on type "SessionPlayer".', extensions: { code: 'GRAPHQL_VALIDATION_FAILED' } })],
    });
    const syntax = await firstOutcome(client.iterate({ query: 'subscription {' }));
    expect(syntax).toEqual({ refused: [expect.objectContaining({ extensions: { code: 'GRAPHQL_PARSE_FAILED' } })] });
    const query = await firstOutcome(client.iterate({ query: `{ gameSession(id: ${sessionId}) { id } }` }));
    expect(query).toEqual({
      refused: [expect.objectContaining({ message: expect.stringContaining('Only subscriptions'), extensions: { code: 'BAD_REQUEST' } })],
    });
    const aliases = Array.from({ length: 31 }, (_, index) => `a${index}: guest`).join(' ');
    const tooManyAliases = await firstOutcome(client.iterate({ query: `subscription { playerJoined(sessionId: ${sessionId}) { ${aliases} } }` }));
    expect(tooManyAliases).toEqual({ refused: [expect.objectContaining({ message: 'Operation uses more than 30 aliases' })] });

    // A gateway with a depth limit of 1: a subscription selecting fields inside its root field is too deep.
    const strict = await extraGateway(systemSubgraphUrls(), { operationLimits: { ...DEFAULT_OPERATION_LIMITS, maxDepth: 1 } });
    const { client: strictClient } = connect(wsUrl(strict.url), { authorization: `Bearer ${host.token}` });
    const tooDeep = await firstOutcome(strictClient.iterate({ query: PLAYER_JOINED, variables: { id: sessionId } }));
    expect(tooDeep).toEqual({
      refused: [expect.objectContaining({ message: 'Operation is nested deeper than 1 levels', extensions: { code: 'GRAPHQL_VALIDATION_FAILED' } })],
    });
  });

  it('caps the number of connections (close 1013)', async () => {
    const capped = await extraGateway(systemSubgraphUrls(), { subscriptions: { maxConnections: 1 } });
    const host = await hostWithToken();
    const sessionId = await launch(host);
    const first = connect(wsUrl(capped.url), { authorization: `Bearer ${host.token}` });
    const events = first.client.iterate({ query: PLAYER_JOINED, variables: { id: sessionId } });
    const pending = events.next();
    await until(() => system.subgraphs.social.events.listenerCount(`player-joined:${sessionId}`) === 1, 'the first subscription');
    const second = connect(wsUrl(capped.url), { authorization: `Bearer ${host.token}` });
    void firstOutcome(second.client.iterate({ query: PLAYER_JOINED, variables: { id: sessionId } }));
    expect(await within(second.closed, 'the refusal')).toEqual({ code: 1013, reason: expect.stringContaining('Too many connections') });
    // The first connection still works.
    await join(system.gatewayUrl, host, 'carol');
    expect((await within(pending, 'the event')).value).toEqual({ data: { playerJoined: { guest: 'carol', joinedAt: expect.any(String) } } });
  });

  it('a subgraph socket needs a signed principal at connection_init (4401 missing, 4403 forged) and on every subscribe', async () => {
    const subgraphWs = system.subgraphs.social.url.replace(/^http/, 'ws');
    const missing = connect(subgraphWs, {});
    void firstOutcome(missing.client.iterate({ query: PLAYER_JOINED, variables: { id: 1 } }));
    expect((await within(missing.closed, 'the close')).code).toBe(4401);
    const forged = connect(subgraphWs, {
      'x-principal': await signPrincipal({ kind: 'anonymous', clientIp: '' }, 'x'.repeat(40), 30, 'forged'),
    });
    void firstOutcome(forged.client.iterate({ query: PLAYER_JOINED, variables: { id: 1 } }));
    expect((await within(forged.closed, 'the close')).code).toBe(4403);
    // The connection is the gateway's; each subscription carries whom it is for, signed, in its extensions.
    const anonymous = { kind: 'anonymous', clientIp: '' } as const;
    const signed = connect(subgraphWs, { 'x-principal': await signPrincipal(anonymous, system.principalSecret, 30, 'test') });
    expect(await firstOutcome(signed.client.iterate({ query: '{ gameSession(id: 1) { id } }' }))).toEqual({
      refused: [expect.objectContaining({ message: 'Only subscriptions are served over WebSocket', extensions: { code: 'BAD_REQUEST' } })],
    });
    const refusedWith = async (extensions: Record<string, unknown>) =>
      firstOutcome(signed.client.iterate({ query: PLAYER_JOINED, variables: { id: 1 }, extensions }));
    expect(await refusedWith({})).toEqual({ refused: [expect.objectContaining({ extensions: { code: 'UNAUTHENTICATED' } })] });
    expect(await refusedWith({ principal: await signPrincipal(anonymous, 'x'.repeat(40), 30, 'forged') })).toEqual({
      refused: [expect.objectContaining({ message: 'Request refused: invalid principal', extensions: { code: 'FORBIDDEN' } })],
    });
    expect(await refusedWith({ principal: await signPrincipal(anonymous, system.principalSecret, -10, 'stale') })).toEqual({
      refused: [expect.objectContaining({ message: 'Request refused: expired principal', extensions: { code: 'FORBIDDEN' } })],
    });
    // A field its owner did not declare shared cannot be served as a group.
    expect(await refusedWith({ principal: await signPrincipal(anonymous, system.principalSecret, 30, 'group'), role: 'group' })).toEqual({
      refused: [expect.objectContaining({ extensions: { code: 'BAD_REQUEST' } })],
    });
    // With a valid principal the subscription reaches the resolver (which refuses an anonymous caller).
    expect(await refusedWith({ principal: await signPrincipal(anonymous, system.principalSecret, 30, 'valid') })).toEqual({
      errors: [expect.objectContaining({ extensions: { code: 'UNAUTHENTICATED' } })],
    });
  });
});

describe('fan-out across replicas', () => {
  /** Subscribes on gateway B and joins through gateway A; B's subscriber gets the event. */
  async function expectFanOut(gatewayA: string, gatewayB: string, socialB: RunningSubgraph): Promise<void> {
    const host = await hostWithToken(gatewayA);
    const sessionId = await launch(host);
    const { client } = connect(wsUrl(gatewayB), { authorization: `Bearer ${host.token}` });
    const events = client.iterate({ query: PLAYER_JOINED, variables: { id: sessionId } });
    const pending = events.next();
    await until(() => socialB.events.listenerCount(`player-joined:${sessionId}`) === 1, 'the subscription on replica B');
    await join(gatewayA, host, 'dave');
    expect((await within(pending, 'the event from the other replica')).value).toEqual({
      data: { playerJoined: { guest: 'dave', joinedAt: expect.any(String) } },
    });
    await events.return?.();
  }

  it('PostgreSQL LISTEN/NOTIFY: subscribe on gateway 2 (social replica 2), join through gateway 1', async () => {
    const replica = await socialReplica();
    const gateway2 = await extraGateway({ ...systemSubgraphUrls(), social: replica.url });
    await expectFanOut(system.gatewayUrl, gateway2.url, replica);
  });

  // Skipped unless REDIS_URL names a Redis server (e.g. redis://127.0.0.1:6379): Redis is an optional broker
  // outside the product that the README's commands must not need. .ci/run sets REDIS_URL whenever a server
  // answers on 127.0.0.1:6379, so CI runs it; the PostgreSQL path above is the default and always runs.
  const withRedis = process.env.REDIS_URL ? it : it.skip;
  withRedis('Redis (REDIS_URL): subscribe through one replica pair, join through another', async () => {
    const redis = { REDIS_URL: process.env.REDIS_URL };
    const replicaA = await socialReplica(redis);
    const replicaB = await socialReplica(redis);
    const gatewayA = await extraGateway({ ...systemSubgraphUrls(), social: replicaA.url });
    const gatewayB = await extraGateway({ ...systemSubgraphUrls(), social: replicaB.url });
    await expectFanOut(gatewayA.url, gatewayB.url, replicaB);
  });
});
