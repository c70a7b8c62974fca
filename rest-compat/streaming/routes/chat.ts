import { defineRoute, type RestRoute } from '../../route-table';
import { chatPostId } from '../post-id';
import { BASIC_RESULT_FIELDS, withoutNulls, type BasicResultData } from './shared';

/** Chat (O3, O9, O13, O14, O39–O41, O48–O50): messages as Owncast 0.0.7 shows them. */
const MESSAGE_FIELDS = 'id type authorName body visible timestamp';

interface MessageData {
  id: string;
  type: string;
  authorName: string | null;
  body: string;
  visible: boolean;
  timestamp: string;
}

/** Owncast's message object: author (the name), body (sanitized HTML), id, visible, timestamp, type. */
function owncastMessage({ authorName, ...message }: MessageData) {
  return withoutNulls({ ...message, author: authorName });
}

interface ClientData {
  clientId: string;
  connectedAt: string;
  messageCount: number;
  userAgent: string;
  ipAddress: string;
  username: string | null;
}

/** Owncast's Client schema; geo lookups are not done, so geo is null. */
function owncastClient(client: ClientData) {
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

const SET_VISIBILITY = `mutation SetChatMessageVisibility($ids: [ID!]!, $visible: Boolean!) {
  setChatMessageVisibility(ids: $ids, visible: $visible) { ${BASIC_RESULT_FIELDS} }
}`;

const visibilityVariables = ({ body }: { body: unknown }) => {
  const { visible, idArray } = body as { visible: boolean; idArray?: string[] };
  return { visible, ids: idArray ?? [] };
};

/** Owncast answers the integration senders with {"success": true, "message": "sent"}. */
const SENT = { body: { success: true, message: 'sent' } };

export const chatRoutes: RestRoute[] = [
  defineRoute<{ chatMessages: MessageData[] }>({
    id: 'O3',
    method: 'GET',
    url: '/api/chat',
    summary: 'Visible chat messages of the last day, oldest first (at most 100)',
    credentials: [],
    operation: `query ChatMessages { chatMessages { ${MESSAGE_FIELDS} } }`,
    respond: (data) => ({ body: data.chatMessages.map(owncastMessage) }),
  }),
  defineRoute<{ chatBacklog: MessageData[] }>({
    id: 'O49',
    method: 'GET',
    url: '/api/integrations/chat',
    summary: 'The chat backlog (access token with HAS_ADMIN_ACCESS): visible messages of the last day, oldest first',
    credentials: ['accessToken'],
    operation: `query ChatBacklog { chatBacklog { ${MESSAGE_FIELDS} } }`,
    respond: (data) => ({ body: data.chatBacklog.map(owncastMessage) }),
  }),
  defineRoute<{ allChatMessages: MessageData[] }>({
    id: 'O13',
    method: 'GET',
    url: '/api/admin/chat/messages',
    summary: 'Every chat message, hidden ones too, oldest first',
    credentials: ['basicAdmin'],
    operation: `query AllChatMessages { allChatMessages { ${MESSAGE_FIELDS} } }`,
    respond: (data) => ({ body: data.allChatMessages.map(owncastMessage) }),
  }),
  defineRoute<{ setChatMessageVisibility: BasicResultData }>({
    id: 'O14',
    method: 'POST',
    url: '/api/admin/chat/updatemessagevisibility',
    summary: 'Hide or show chat messages by id (unknown ids are ignored)',
    credentials: ['basicAdmin'],
    schema: { body: VISIBILITY_BODY },
    operation: SET_VISIBILITY,
    variables: visibilityVariables,
    respond: (data) => ({ body: data.setChatMessageVisibility }),
  }),
  // The seed documents .../updatemessagevisibility; Owncast 0.0.7's router registers .../messagevisibility. Both are served.
  ...[
    { id: 'O50', path: 'updatemessagevisibility' },
    { id: 'O50-messagevisibility', path: 'messagevisibility' },
  ].map(({ id, path }) =>
    defineRoute<{ setChatMessageVisibility: BasicResultData }>({
      id,
      method: 'POST',
      url: `/api/integrations/chat/${path}`,
      summary: 'Hide or show chat messages by id (access token with HAS_ADMIN_ACCESS)',
      credentials: ['accessToken'],
      schema: { body: VISIBILITY_BODY },
      operation: SET_VISIBILITY,
      variables: visibilityVariables,
      respond: (data) => ({ body: data.setChatMessageVisibility }),
    }),
  ),
  defineRoute<unknown>({
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
    operation: `mutation SendIntegrationChatMessage($user: String!, $body: String!, $id: String) { sendIntegrationChatMessage(user: $user, body: $body, id: $id) { id } }`,
    variables: (input) => {
      const message = input.body as { user?: string; author?: string; body: string };
      // An empty `user` next to an `author` is a client that fills both fields; the non-empty one names the sender.
      return { user: message.user || message.author || '', body: message.body, id: chatPostId(input) };
    },
    respond: () => SENT,
  }),
  defineRoute<unknown>({
    id: 'O40',
    method: 'POST',
    url: '/api/integrations/chat/system',
    summary: 'Send a chat message as the system (CAN_SEND_SYSTEM_MESSAGES)',
    credentials: ['accessToken'],
    idempotent: true,
    schema: { body: { type: 'object', required: ['body'], properties: { body: { type: 'string' } } } },
    retryUnavailable: true,
    operation: `mutation SendSystemChatMessage($body: String!, $id: String) { sendSystemChatMessage(body: $body, id: $id) { id } }`,
    variables: (input) => ({ body: (input.body as { body: string }).body, id: chatPostId(input) }),
    respond: () => SENT,
  }),
  defineRoute<unknown>({
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
    operation: `mutation SendChatAction($body: String!, $author: String, $id: String) { sendChatAction(body: $body, author: $author, id: $id) { id } }`,
    variables: (input) => {
      const action = input.body as { body: string; author?: string };
      return { body: action.body, author: action.author ?? null, id: chatPostId(input) };
    },
    respond: () => SENT,
  }),
  defineRoute<{ chatClients: ClientData[] }>({
    id: 'O9',
    method: 'GET',
    url: '/api/admin/clients',
    summary: 'Chat clients connected to any replica',
    credentials: ['basicAdmin'],
    operation: `query ChatClients { chatClients { clientId connectedAt messageCount userAgent ipAddress username } }`,
    respond: (data) => ({ body: data.chatClients.map(owncastClient) }),
  }),
  defineRoute<{ chatClients: ClientData[] }>({
    id: 'O48',
    method: 'GET',
    url: '/api/integrations/clients',
    summary: 'Chat clients connected to any replica (access token with HAS_ADMIN_ACCESS)',
    credentials: ['accessToken'],
    operation: `query ChatClients { chatClients { clientId connectedAt messageCount userAgent ipAddress username } }`,
    respond: (data) => ({ body: data.chatClients.map(owncastClient) }),
  }),
];
