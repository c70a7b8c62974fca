import type { Context } from '../context';
import type {
  ChatClientResolvers,
  ChatEventResolvers,
  ChatMessageResolvers,
  MutationResolvers,
  QueryResolvers,
  SubscriptionResolvers,
} from '../generated/resolvers-types';
import { listChatClients, renameChatClient } from '../services/chat-clients';
import type { ChatEventPayload } from '../services/chat-events';
import {
  messageById,
  messagesByIds,
  readAllChatMessages,
  readChatBacklog,
  readChatMessages,
  sendChatAction,
  sendChatMessage,
  sendIntegrationChatMessage,
  sendSystemChatMessage,
  setChatMessageVisibility,
  type ChatMessageRecord,
} from '../services/chat-messages';
import { subscribeToChat, subscribeToStreamStatus } from '../services/chat-subscriptions';
import type { StreamStatusPayload } from '../services/status-events';
import { streamStatus } from '../services/stream-state';

export const chatQueries: Pick<QueryResolvers, 'chatMessages' | 'chatBacklog' | 'allChatMessages' | 'chatClients'> = {
  chatMessages: (_parent, _args, context) => readChatMessages(context),
  chatBacklog: (_parent, _args, context) => readChatBacklog(context),
  allChatMessages: (_parent, _args, context) => readAllChatMessages(context),
  chatClients: (_parent, _args, context) => listChatClients(context),
};

export const chatMutations: MutationResolvers = {
  sendChatMessage: (_parent, { body }, context) => sendChatMessage(context, body),
  sendIntegrationChatMessage: (_parent, { user, body, id }, context) => sendIntegrationChatMessage(context, user, body, id),
  sendSystemChatMessage: (_parent, { body, id }, context) => sendSystemChatMessage(context, body, id),
  sendChatAction: (_parent, { body, author, id }, context) => sendChatAction(context, body, author, id),
  setChatMessageVisibility: (_parent, { ids, visible }, context) => setChatMessageVisibility(context, ids, visible),
  changeChatName: (_parent, { clientId, name }, context) => renameChatClient(context, clientId, name),
};

export const chatSubscriptions: Pick<SubscriptionResolvers, 'chatEvents' | 'streamStatus'> = {
  chatEvents: {
    // The generated type wants an iterator of { chatEvents }; resolve maps the payload.
    subscribe: (_parent, { displayName, presence }, context) => subscribeToChat(context, { displayName, presence }) as never,
    resolve: (payload: ChatEventPayload) => payload,
  },
  streamStatus: {
    subscribe: (_parent, _args, context) => subscribeToStreamStatus(context) as never,
    // The event carries the status; only one too large for the broker ({}) makes the subscriber read it.
    resolve: (payload: StreamStatusPayload, _args: unknown, context: Context) => (payload.online === undefined ? streamStatus(context) : payload),
  },
};

const asDate = (value: Date | string): Date => (value instanceof Date ? value : new Date(value));

export const chatTypes: {
  ChatMessage: ChatMessageResolvers;
  ChatEvent: ChatEventResolvers;
  ChatClient: ChatClientResolvers;
} = {
  ChatMessage: {
    timestamp: (message) => asDate(message.timestamp),
    author: (message) => (message.authorUserId ? { id: message.authorUserId } : null),
  },
  ChatEvent: {
    timestamp: (event) => asDate(event.timestamp),
    message: async (event, _args, context): Promise<ChatMessageRecord | null> => {
      if (!event.message) return null;
      // An event too large for the broker carries the message id only.
      return event.message.body === undefined ? messageById(context, event.message.id) : event.message;
    },
    // Only VISIBILITY_UPDATE names messages by id.
    messages: (event, _args, context) => (event.type === 'VISIBILITY_UPDATE' ? messagesByIds(context, event.messageIds ?? []) : null),
    user: (event) => (event.userId ? { id: event.userId } : null),
    clientId: (event) => (event.clientId && event.self === event.clientId ? event.clientId : null),
    displayName: (event) => event.displayName ?? null,
    previousName: (event) => event.previousName ?? null,
    messageIds: (event) => event.messageIds ?? null,
    visible: (event) => event.visible ?? null,
  },
  ChatClient: {},
};
