import { requestField } from '../request-values';
import { defineRoute, type JsonSchema, type RestRoute } from '../route-table';
import { graphql } from './generated';
import type { SocialHostFragment, SocialSessionFragment } from './generated/graphql';

/** The seed's Host body: snake_case, friends and banlist as lists of uuids. */
graphql(`
  fragment SocialHost on Host {
    uuid
    onlyFriends
    allowNonames
    friends(first: 100) {
      edges {
        node {
          uuid
        }
      }
    }
    banlist(first: 100) {
      edges {
        node {
          uuid
        }
      }
    }
  }
`);

export function hostBody(host: SocialHostFragment): Record<string, unknown> {
  return {
    uuid: host.uuid,
    only_friends: host.onlyFriends,
    allow_nonames: host.allowNonames,
    friends: host.friends.edges.map((edge) => edge.node.uuid),
    banlist: host.banlist.edges.map((edge) => edge.node.uuid),
  };
}

const UUID: JsonSchema = { type: 'string', format: 'uuid' };

/** An object schema whose listed properties are all required uuids (path and query). */
function uuids(...names: string[]): JsonSchema {
  return { type: 'object', required: names, properties: Object.fromEntries(names.map((name) => [name, UUID])) };
}

/** A required JSON body with one required boolean (not coerced: "true" is a 422). */
function booleanBody(name: string): JsonSchema {
  return { type: 'object', required: [name], properties: { [name]: { type: 'boolean' } } };
}

const tokenBody = (issued: { token: string }) => ({ body: { token: issued.token } });

// Mutations on one host: its own bearer token only; they answer the updated host.
const hostToken: RestRoute['credentials'] = ['hostToken'];

/** What GET and DELETE /sessions/{id} answer (not in the seed; see docs/DECISIONS.md). */
graphql(`
  fragment SocialSession on GameSession {
    id
    host {
      uuid
    }
    status
    sourceOfTruthKey
    players(first: 100) {
      edges {
        node {
          guest
        }
      }
    }
    createdAt
    endedAt
  }
`);

function sessionBody(session: SocialSessionFragment): Record<string, unknown> {
  return {
    session_id: session.id,
    host: session.host.uuid,
    status: session.status.toLowerCase(),
    players: session.players.edges.map((edge) => edge.node.guest),
    source_of_truth_key: session.sourceOfTruthKey,
    created_at: session.createdAt,
    ended_at: session.endedAt,
  };
}

const sessionLocation = (id: number) => ({ location: `/sessions/${id}` });

const SESSION_ID_PARAMS: JsonSchema = {
  type: 'object',
  required: ['id'],
  // GraphQL Int is 32-bit; larger ids cannot name a session.
  properties: { id: { type: 'integer', minimum: 1, maximum: 2147483647 } },
};

export const socialRoutes: RestRoute[] = [
  defineRoute({
    id: 'F1',
    method: 'POST',
    url: '/hosts',
    summary: 'Register a new host with the default settings',
    credentials: [],
    operation: graphql(`mutation RegisterHost { registerHost { ...SocialHost } }`),
    respond: (data) => ({ body: hostBody(data.registerHost) }),
  }),
  defineRoute({
    id: 'F2',
    method: 'GET',
    url: '/hosts/:host/access_token',
    summary: 'Log in by host uuid: a host token',
    credentials: [],
    schema: { params: uuids('host') },
    operation: graphql(`mutation F2($host: UUID!) { issueHostToken(host: $host) { token } }`),
    variables: ({ params }) => ({ host: requestField(params, 'host') }),
    respond: (data) => tokenBody(data.issueHostToken),
  }),
  defineRoute({
    id: 'F3',
    method: 'GET',
    url: '/hosts/access_token/renew',
    summary: 'Renew the host token given as bearer',
    credentials: ['hostToken'],
    operation: graphql(`mutation F3 { renewHostToken { token } }`),
    respond: (data) => tokenBody(data.renewHostToken),
  }),
  defineRoute({
    id: 'F4',
    method: 'GET',
    url: '/hosts/:host',
    summary: 'Get a host by uuid (its own token only)',
    credentials: ['hostToken'],
    schema: { params: uuids('host') },
    operation: graphql(`query F4($host: UUID!) { host(uuid: $host) { ...SocialHost } }`),
    variables: ({ params }) => ({ host: requestField(params, 'host') }),
    // The resolver answers NOT_FOUND rather than null; null is kept for safety.
    respond: (data) => (data.host ? { body: hostBody(data.host) } : { status: 404, body: { message: 'not found this' } }),
  }),
  defineRoute({
    id: 'F5',
    method: 'PUT',
    url: '/hosts/:host/only_friends',
    summary: 'Set whether the host welcomes only friends',
    credentials: hostToken,
    schema: { params: uuids('host'), body: booleanBody('only_friends') },
    operation: graphql(`mutation F5($host: UUID!, $onlyFriends: Boolean!) { setOnlyFriends(host: $host, onlyFriends: $onlyFriends) { ...SocialHost } }`),
    variables: ({ params, body }) => ({ host: requestField(params, 'host'), onlyFriends: requestField(body, 'only_friends') }),
    respond: (data) => ({ body: hostBody(data.setOnlyFriends) }),
  }),
  defineRoute({
    id: 'F6',
    method: 'PUT',
    url: '/hosts/:host/allow_nonames',
    summary: 'Set whether the host welcomes guests without a name',
    credentials: hostToken,
    schema: { params: uuids('host'), body: booleanBody('allow_nonames') },
    operation: graphql(`mutation F6($host: UUID!, $allowNonames: Boolean!) { setAllowNonames(host: $host, allowNonames: $allowNonames) { ...SocialHost } }`),
    variables: ({ params, body }) => ({ host: requestField(params, 'host'), allowNonames: requestField(body, 'allow_nonames') }),
    respond: (data) => ({ body: hostBody(data.setAllowNonames) }),
  }),
  defineRoute({
    id: 'F7',
    method: 'POST',
    url: '/hosts/:host/friends',
    summary: 'Befriend another host',
    credentials: hostToken,
    schema: { params: uuids('host'), querystring: uuids('friend') },
    operation: graphql(`mutation F7($host: UUID!, $friend: UUID!) { befriend(host: $host, friend: $friend) { ...SocialHost } }`),
    variables: ({ params, query }) => ({ host: requestField(params, 'host'), friend: requestField(query, 'friend') }),
    respond: (data) => ({ body: hostBody(data.befriend) }),
  }),
  defineRoute({
    id: 'F8',
    method: 'DELETE',
    url: '/hosts/:host/friends/:former_friend',
    summary: 'Unfriend a host',
    credentials: hostToken,
    schema: { params: uuids('host', 'former_friend') },
    operation: graphql(`mutation F8($host: UUID!, $formerFriend: UUID!) { unfriend(host: $host, formerFriend: $formerFriend) { ...SocialHost } }`),
    variables: ({ params }) => ({ host: requestField(params, 'host'), formerFriend: requestField(params, 'former_friend') }),
    respond: (data) => ({ body: hostBody(data.unfriend) }),
  }),
  defineRoute({
    id: 'F9',
    method: 'POST',
    url: '/hosts/:host/banlist',
    summary: 'Ban another host',
    credentials: hostToken,
    schema: { params: uuids('host'), querystring: uuids('banned') },
    operation: graphql(`mutation F9($host: UUID!, $banned: UUID!) { ban(host: $host, banned: $banned) { ...SocialHost } }`),
    variables: ({ params, query }) => ({ host: requestField(params, 'host'), banned: requestField(query, 'banned') }),
    respond: (data) => ({ body: hostBody(data.ban) }),
  }),
  defineRoute({
    id: 'F10',
    method: 'DELETE',
    url: '/hosts/:host/banlist/:banned',
    summary: 'Unban a host',
    credentials: hostToken,
    schema: { params: uuids('host', 'banned') },
    operation: graphql(`mutation F10($host: UUID!, $banned: UUID!) { unban(host: $host, banned: $banned) { ...SocialHost } }`),
    variables: ({ params }) => ({ host: requestField(params, 'host'), banned: requestField(params, 'banned') }),
    respond: (data) => ({ body: hostBody(data.unban) }),
  }),
  defineRoute({
    id: 'F11',
    method: 'POST',
    url: '/sessions',
    summary: 'Launch a game session for the host (its own token only)',
    credentials: ['hostToken'],
    idempotent: true,
    schema: { body: uuids('host') },
    operation: graphql(`mutation F11($host: UUID!) { launchSession(host: $host) { sessionId sourceOfTruthKey } }`),
    variables: ({ body }) => ({ host: requestField(body, 'host') }),
    respond: ({ launchSession: launched }) => ({
      status: 201,
      headers: sessionLocation(launched.sessionId),
      body: { session_id: launched.sessionId, source_of_truth_key: launched.sourceOfTruthKey },
    }),
  }),
  defineRoute({
    id: 'F12',
    method: 'POST',
    url: '/sessions/players',
    summary: "Join the host's running session as a player",
    credentials: ['hostToken'],
    idempotent: true,
    schema: {
      body: { type: 'object', required: ['host', 'guest'], properties: { host: UUID, guest: { type: 'string' } } },
    },
    operation: graphql(`mutation F12($host: UUID!, $guest: String!) { joinSession(host: $host, guest: $guest) { id } }`),
    variables: ({ body }) => ({ host: requestField(body, 'host'), guest: requestField(body, 'guest') }),
    respond: ({ joinSession: session }) => ({ headers: sessionLocation(session.id), body: { session_id: session.id } }),
  }),
  defineRoute({
    id: 'F11a',
    method: 'GET',
    url: '/sessions/:id',
    summary: "Get a game session (its host's token only)",
    credentials: ['hostToken'],
    schema: { params: SESSION_ID_PARAMS },
    operation: graphql(`query F11a($id: Int!) { gameSession(id: $id) { ...SocialSession } }`),
    variables: ({ params }) => ({ id: requestField(params, 'id') }),
    // The resolver answers NOT_FOUND rather than null; null is kept for safety.
    respond: (data) => (data.gameSession ? { body: sessionBody(data.gameSession) } : { status: 404, body: { message: 'Session not found' } }),
  }),
  defineRoute({
    id: 'F11b',
    method: 'DELETE',
    url: '/sessions/:id',
    summary: "End a game session (its host's token only)",
    credentials: ['hostToken'],
    schema: { params: SESSION_ID_PARAMS },
    operation: graphql(`mutation F11b($id: Int!) { endSession(id: $id) { ...SocialSession } }`),
    variables: ({ params }) => ({ id: requestField(params, 'id') }),
    respond: (data) => ({ body: sessionBody(data.endSession) }),
  }),
];
