import { requestField } from '../../request-values';
import { defineRoute, type CredentialScheme, type RestRoute } from '../../route-table';
import { basicResponse } from '../envelope';
import { graphql } from '../generated';
import type { OwncastChatClientFragment, OwncastChatMessageFragment } from '../generated/graphql';
import { chatPostId } from '../post-id';
import { basicResultReply, withoutNulls } from './shared';

/** Chat (O3, O9, O13, O14, O39–O41, O48–O50): messages as Owncast 0.0.7 shows them. */
graphql(`
  fragment OwncastChatMessage on ChatMessage {
    id
    type
    authorName
    body
    visible
    timestamp
  }
`);

/** Owncast's message object: author (the name), body (sanitized HTML), id, visible, timestamp, type. */
function owncastMessage({ authorName, ...message }: OwncastChatMessageFragment) {
  return withoutNulls({ ...message, author: authorName });
}

graphql(`
  fragment OwncastChatClient on ChatClient {
    clientId
    connectedAt
    messageCount
    userAgent
    ipAddress
    username
  }
`);

/** Owncast's Client schema; geo lookups are not done, so geo is null. */
function owncastClient(client: OwncastChatClientFragment) {
  return {
    connectedAt: client.connectedAt,
    messageCount: client.messageCount,
    userAgent: client.userAgent,
    ipAddress: client.ipAddress,
    username: client.username,
    clientID: client.clientId,
    geo: null,
  };
}

const VISIBILITY_BODY = {
  type: 'object',
  required: ['visible'],
  properties: { visible: { type: 'boolean' }, idArray: { type: 'array', items: { type: 'string' } } },
};

/** Where one chat action is served: Owncast has it both in the admin API (Basic) and in the integration API (access token). */
interface RoutePlace {
  id: string;
  url: string;
  summary: string;
  credentials: CredentialScheme[];
}

/** The three message lists: each operation names its list `messages`, so they share one answer. */
const MESSAGE_LISTS = [
  {
    id: 'O3',
    url: '/api/chat',
    summary: 'Visible chat messages of the last day, oldest first (at most 100)',
    credentials: [],
    operation: graphql(`query ChatMessages { messages: chatMessages { ...OwncastChatMessage } }`),
  },
  {
    id: 'O49',
    url: '/api/integrations/chat',
    summary: 'The chat backlog (access token with HAS_ADMIN_ACCESS): visible messages of the last day, oldest first',
    credentials: ['accessToken'],
    operation: graphql(`query ChatBacklog { messages: chatBacklog { ...OwncastChatMessage } }`),
  },
  {
    id: 'O13',
    url: '/api/admin/chat/messages',
    summary: 'Every chat message, hidden ones too, oldest first',
    credentials: ['basicAdmin'],
    operation: graphql(`query AllChatMessages { messages: allChatMessages { ...OwncastChatMessage } }`),
  },
] satisfies (RoutePlace & { operation: unknown })[];

const INTEGRATION_VISIBILITY = 'Hide or show chat messages by id (access token with HAS_ADMIN_ACCESS)';
const VISIBILITY_PLACES: RoutePlace[] = [
  {
    id: 'O14',
    url: '/api/admin/chat/updatemessagevisibility',
    summary: 'Hide or show chat messages by id (unknown ids are ignored)',
    credentials: ['basicAdmin'],
  },
  // The seed documents .../updatemessagevisibility; Owncast 0.0.7's router registers .../messagevisibility. Both are served.
  { id: 'O50', url: '/api/integrations/chat/updatemessagevisibility', summary: INTEGRATION_VISIBILITY, credentials: ['accessToken'] },
  { id: 'O50-messagevisibility', url: '/api/integrations/chat/messagevisibility', summary: INTEGRATION_VISIBILITY, credentials: ['accessToken'] },
];

const CLIENTS_PLACES: RoutePlace[] = [
  { id: 'O9', url: '/api/admin/clients', summary: 'Chat clients connected to any replica', credentials: ['basicAdmin'] },
  {
    id: 'O48',
    url: '/api/integrations/clients',
    summary: 'Chat clients connected to any replica (access token with HAS_ADMIN_ACCESS)',
    credentials: ['accessToken'],
  },
];

/** Owncast answers the integration senders with {"success": true, "message": "sent"}. */
const SENT = basicResponse(true, 'sent');

export const chatRoutes: RestRoute[] = [
  ...MESSAGE_LISTS.map((list) => defineRoute({ ...list, method: 'GET', respond: (data) => ({ body: data.messages.map(owncastMessage) }) })),
  ...VISIBILITY_PLACES.map(({ id, url, summary, credentials }) =>
    defineRoute({
      id,
      method: 'POST',
      url,
      summary,
      credentials,
      schema: { body: VISIBILITY_BODY },
      operation: graphql(`
        mutation SetChatMessageVisibility($ids: [ID!]!, $visible: Boolean!) {
          setChatMessageVisibility(ids: $ids, visible: $visible) {
            ...OwncastBasicResult
          }
        }
      `),
      variables: ({ body }) => ({ visible: requestField(body, 'visible'), ids: requestField(body, 'idArray') ?? [] }),
      respond: (data) => basicResultReply(data.setChatMessageVisibility),
    }),
  ),
  defineRoute({
    id: 'O39',
    method: 'POST',
    url: '/api/integrations/chat/user',
    summary:
      'Send a chat message as a named user (CAN_SEND_MESSAGES); the name is `user` (seed) or `author` (Owncast 0.0.7), whose `id` is accepted and replaced',
    credentials: ['accessToken'],
    idempotent: true,
    schema: {
      body: {
        type: 'object',
        required: ['body'],
        properties: { user: { type: 'string' }, author: { type: 'string' }, id: { type: 'string' }, body: { type: 'string' } },
      },
    },
    retryUnavailable: true,
    operation: graphql(
      `mutation SendIntegrationChatMessage($user: String!, $body: String!, $id: String) { sendIntegrationChatMessage(user: $user, body: $body, id: $id) { id } }`,
    ),
    variables: (input) => ({
      // An empty `user` next to an `author` is a client that fills both fields; the non-empty one names the sender.
      user: requestField(input.body, 'user') || requestField(input.body, 'author') || '',
      body: requestField(input.body, 'body'),
      id: chatPostId(input),
    }),
    respond: () => SENT,
  }),
  defineRoute({
    id: 'O40',
    method: 'POST',
    url: '/api/integrations/chat/system',
    summary: 'Send a chat message as the system (CAN_SEND_SYSTEM_MESSAGES)',
    credentials: ['accessToken'],
    idempotent: true,
    schema: { body: { type: 'object', required: ['body'], properties: { body: { type: 'string' } } } },
    retryUnavailable: true,
    operation: graphql(`mutation SendSystemChatMessage($body: String!, $id: String) { sendSystemChatMessage(body: $body, id: $id) { id } }`),
    variables: (input) => ({ body: requestField(input.body, 'body'), id: chatPostId(input) }),
    respond: () => SENT,
  }),
  defineRoute({
    id: 'O41',
    method: 'POST',
    url: '/api/integrations/chat/action',
    summary: 'Send a chat action, optionally by a named author (CAN_SEND_MESSAGES)',
    credentials: ['accessToken'],
    idempotent: true,
    schema: {
      body: { type: 'object', required: ['body'], properties: { body: { type: 'string' }, author: { type: 'string' } } },
    },
    retryUnavailable: true,
    operation: graphql(
      `mutation SendChatAction($body: String!, $author: String, $id: String) { sendChatAction(body: $body, author: $author, id: $id) { id } }`,
    ),
    variables: (input) => ({ body: requestField(input.body, 'body'), author: requestField(input.body, 'author') ?? null, id: chatPostId(input) }),
    respond: () => SENT,
  }),
  ...CLIENTS_PLACES.map(({ id, url, summary, credentials }) =>
    defineRoute({
      id,
      method: 'GET',
      url,
      summary,
      credentials,
      operation: graphql(`query ChatClients { chatClients { ...OwncastChatClient } }`),
      respond: (data) => ({ body: data.chatClients.map(owncastClient) }),
    }),
  ),
];
