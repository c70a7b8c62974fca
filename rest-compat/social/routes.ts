import { defineRoute, type JsonSchema, type RestInput, type RestRoute } from '../route-table';

interface HostFields {
  uuid: string;
  onlyFriends: boolean;
  allowNonames: boolean;
  friends: { edges: { node: { uuid: string } }[] };
  banlist: { edges: { node: { uuid: string } }[] };
}

/** The seed's Host body: snake_case, friends and banlist as lists of uuids. */
export const HOST_FIELDS = `uuid onlyFriends allowNonames
  friends(first: 100) { edges { node { uuid } } }
  banlist(first: 100) { edges { node { uuid } } }`;

export function hostBody(host: HostFields): Record<string, unknown> {
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

/** Bearer-authenticated mutations on one host that answer the updated host. */
function hostMutation(definition: {
  id: string;
  method: 'PUT' | 'POST' | 'DELETE';
  url: string;
  summary: string;
  field: string;
  /** GraphQL argument declarations and the variables they come from. */
  arguments: Record<string, { type: string; from: (input: RestInput) => unknown }>;
  schema: RestRoute['schema'];
}): RestRoute {
  const names = Object.keys(definition.arguments);
  const declarations = names.map((name) => `$${name}: ${definition.arguments[name]!.type}`).join(', ');
  const uses = names.map((name) => `${name}: $${name}`).join(', ');
  return defineRoute<Record<string, HostFields>>({
    id: definition.id,
    method: definition.method,
    url: definition.url,
    summary: definition.summary,
    credentials: ['hostToken'],
    schema: definition.schema,
    operation: `mutation ${definition.id}(${declarations}) { ${definition.field}(${uses}) { ${HOST_FIELDS} } }`,
    variables: (input) => Object.fromEntries(names.map((name) => [name, definition.arguments[name]!.from(input)])),
    respond: (data) => ({ body: hostBody(data[definition.field]!) }),
  });
}

const pathHost = { type: 'UUID!', from: (input: RestInput) => input.params.host };

interface SessionFields {
  id: number;
  host: { uuid: string };
  status: 'RUNNING' | 'ENDED';
  sourceOfTruthKey: string | null;
  players: { edges: { node: { guest: string } }[] };
  createdAt: string;
  endedAt: string | null;
}

/** What GET and DELETE /sessions/{id} answer (not in the seed; see docs/DECISIONS.md). */
const SESSION_FIELDS = `id host { uuid } status sourceOfTruthKey
  players(first: 100) { edges { node { guest } } }
  createdAt endedAt`;

function sessionBody(session: SessionFields): Record<string, unknown> {
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
  defineRoute<{ registerHost: HostFields }>({
    id: 'F1',
    method: 'POST',
    url: '/hosts',
    summary: 'Register a new host with the default settings',
    credentials: [],
    operation: `mutation RegisterHost { registerHost { ${HOST_FIELDS} } }`,
    respond: (data) => ({ body: hostBody(data.registerHost) }),
  }),
  defineRoute<{ issueHostToken: { token: string } }>({
    id: 'F2',
    method: 'GET',
    url: '/hosts/:host/access_token',
    summary: 'Log in by host uuid: a host token',
    credentials: [],
    schema: { params: uuids('host') },
    operation: 'mutation F2($host: UUID!) { issueHostToken(host: $host) { token } }',
    variables: (input) => ({ host: input.params.host }),
    respond: (data) => tokenBody(data.issueHostToken),
  }),
  defineRoute<{ renewHostToken: { token: string } }>({
    id: 'F3',
    method: 'GET',
    url: '/hosts/access_token/renew',
    summary: 'Renew the host token given as bearer',
    credentials: ['hostToken'],
    operation: 'mutation F3 { renewHostToken { token } }',
    respond: (data) => tokenBody(data.renewHostToken),
  }),
  defineRoute<{ host: HostFields | null }>({
    id: 'F4',
    method: 'GET',
    url: '/hosts/:host',
    summary: 'Get a host by uuid (its own token only)',
    credentials: ['hostToken'],
    schema: { params: uuids('host') },
    operation: `query F4($host: UUID!) { host(uuid: $host) { ${HOST_FIELDS} } }`,
    variables: (input) => ({ host: input.params.host }),
    // The resolver answers NOT_FOUND rather than null; null is kept for safety.
    respond: (data) => (data.host ? { body: hostBody(data.host) } : { status: 404, body: { message: 'not found this' } }),
  }),
  hostMutation({
    id: 'F5',
    method: 'PUT',
    url: '/hosts/:host/only_friends',
    summary: 'Set whether the host welcomes only friends',
    field: 'setOnlyFriends',
    schema: { params: uuids('host'), body: booleanBody('only_friends') },
    arguments: {
      host: pathHost,
      onlyFriends: { type: 'Boolean!', from: (input) => (input.body as { only_friends: boolean }).only_friends },
    },
  }),
  hostMutation({
    id: 'F6',
    method: 'PUT',
    url: '/hosts/:host/allow_nonames',
    summary: 'Set whether the host welcomes guests without a name',
    field: 'setAllowNonames',
    schema: { params: uuids('host'), body: booleanBody('allow_nonames') },
    arguments: {
      host: pathHost,
      allowNonames: { type: 'Boolean!', from: (input) => (input.body as { allow_nonames: boolean }).allow_nonames },
    },
  }),
  hostMutation({
    id: 'F7',
    method: 'POST',
    url: '/hosts/:host/friends',
    summary: 'Befriend another host',
    field: 'befriend',
    schema: { params: uuids('host'), querystring: uuids('friend') },
    arguments: { host: pathHost, friend: { type: 'UUID!', from: (input) => input.query.friend } },
  }),
  hostMutation({
    id: 'F8',
    method: 'DELETE',
    url: '/hosts/:host/friends/:former_friend',
    summary: 'Unfriend a host',
    field: 'unfriend',
    schema: { params: uuids('host', 'former_friend') },
    arguments: { host: pathHost, formerFriend: { type: 'UUID!', from: (input) => input.params.former_friend } },
  }),
  hostMutation({
    id: 'F9',
    method: 'POST',
    url: '/hosts/:host/banlist',
    summary: 'Ban another host',
    field: 'ban',
    schema: { params: uuids('host'), querystring: uuids('banned') },
    arguments: { host: pathHost, banned: { type: 'UUID!', from: (input) => input.query.banned } },
  }),
  hostMutation({
    id: 'F10',
    method: 'DELETE',
    url: '/hosts/:host/banlist/:banned',
    summary: 'Unban a host',
    field: 'unban',
    schema: { params: uuids('host', 'banned') },
    arguments: { host: pathHost, banned: { type: 'UUID!', from: (input) => input.params.banned } },
  }),
  defineRoute<{ launchSession: { sessionId: number; sourceOfTruthKey: string } }>({
    id: 'F11',
    method: 'POST',
    url: '/sessions',
    summary: 'Launch a game session for the host (its own token only)',
    credentials: ['hostToken'],
    idempotent: true,
    schema: { body: uuids('host') },
    operation: 'mutation F11($host: UUID!) { launchSession(host: $host) { sessionId sourceOfTruthKey } }',
    variables: (input) => ({ host: (input.body as { host: string }).host }),
    respond: ({ launchSession: launched }) => ({
      status: 201,
      headers: sessionLocation(launched.sessionId),
      body: { session_id: launched.sessionId, source_of_truth_key: launched.sourceOfTruthKey },
    }),
  }),
  defineRoute<{ joinSession: { id: number } }>({
    id: 'F12',
    method: 'POST',
    url: '/sessions/players',
    summary: "Join the host's running session as a player",
    credentials: ['hostToken'],
    idempotent: true,
    schema: {
      body: { type: 'object', required: ['host', 'guest'], properties: { host: UUID, guest: { type: 'string' } } },
    },
    operation: 'mutation F12($host: UUID!, $guest: String!) { joinSession(host: $host, guest: $guest) { id } }',
    variables: (input) => {
      const body = input.body as { host: string; guest: string };
      return { host: body.host, guest: body.guest };
    },
    respond: ({ joinSession: session }) => ({ headers: sessionLocation(session.id), body: { session_id: session.id } }),
  }),
  defineRoute<{ gameSession: SessionFields | null }>({
    id: 'F11a',
    method: 'GET',
    url: '/sessions/:id',
    summary: 'Get a game session (its host\'s token only)',
    credentials: ['hostToken'],
    schema: { params: SESSION_ID_PARAMS },
    operation: `query F11a($id: Int!) { gameSession(id: $id) { ${SESSION_FIELDS} } }`,
    variables: (input) => ({ id: input.params.id }),
    // The resolver answers NOT_FOUND rather than null; null is kept for safety.
    respond: (data) => (data.gameSession ? { body: sessionBody(data.gameSession) } : { status: 404, body: { message: 'Session not found' } }),
  }),
  defineRoute<{ endSession: SessionFields }>({
    id: 'F11b',
    method: 'DELETE',
    url: '/sessions/:id',
    summary: 'End a game session (its host\'s token only)',
    credentials: ['hostToken'],
    schema: { params: SESSION_ID_PARAMS },
    operation: `mutation F11b($id: Int!) { endSession(id: $id) { ${SESSION_FIELDS} } }`,
    variables: (input) => ({ id: input.params.id }),
    respond: (data) => ({ body: sessionBody(data.endSession) }),
  }),
];
