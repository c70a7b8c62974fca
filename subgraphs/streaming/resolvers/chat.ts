import { domainError, ErrorCode } from '../../../common/errors';
import type { Context } from '../context';
import type {
  ChatClientResolvers,
  ChatEventResolvers,
  ChatMessageResolvers,
  MutationResolvers,
  QueryResolvers,
  SubscriptionResolvers,
} from '../generated/resolvers-types';
import {
  allMessages,
  CHAT_TOPIC,
  checkName,
  connectClient,
  disconnectClient,
  guestName,
  listClients,
  messageById,
  postMessage,
  publishStreamStatus,
  recentMessages,
  renameClient,
  setVisibility,
  STREAM_STATUS_TOPIC,
  type ChatEventPayload,
  type ChatMessageRecord,
  type StreamStatusPayload,
} from '../services/chat';
import { requireAccessToken, requireAccessTokenOrAdmin, requireAdmin } from '../services/credentials';
import { readStreamStatus } from '../services/stream-state';

/** Tells Subscription.streamStatus subscribers that the stream status changed (the event carries the status). */
export function statusChanged(context: Context): Promise<void> {
  return publishStreamStatus(context.em, context);
}

/** Who posts with sendChatMessage: a signed-in user, or an API key acting for its user. */
function poster(context: Context): { username: string; userId: string | null } {
  const { principal } = context;
  if (principal.kind === 'user') return { username: principal.username, userId: principal.userId };
  if (principal.kind === 'apiKey') {
    if (!principal.username) throw domainError(ErrorCode.Forbidden, 'This API key acts for no user, so it cannot post in chat');
    return { username: principal.username, userId: principal.userId ?? null };
  }
  throw domainError(ErrorCode.Unauthenticated, 'Sign in to post in chat');
}

/** The subscriber's client details beyond the principal (the gateway passes its User-Agent). */
function userAgentOf(context: Context): string {
  const agent = (context as Context & { userAgent?: unknown }).userAgent;
  return typeof agent === 'string' ? agent : '';
}

/**
 * The chat events of one subscription: its own client row is registered
 * before the first event and removed when the subscription ends for any
 * reason (completed, socket closed, or dropped as too slow).
 */
function clientEvents(source: AsyncIterableIterator<ChatEventPayload>, clientId: string, onEnd: () => Promise<void>) {
  let ended = false;
  const end = async () => {
    if (ended) return;
    ended = true;
    await onEnd().catch(() => undefined);
  };
  const iterator: AsyncIterableIterator<ChatEventPayload> = {
    next: async () => {
      try {
        const result = await source.next();
        if (result.done) await end();
        return result.done ? result : { value: { ...result.value, self: clientId }, done: false };
      } catch (error) {
        await end();
        throw error;
      }
    },
    return: async () => {
      await end();
      await source.return?.();
      return { value: undefined, done: true };
    },
    throw: async (error?: unknown) => {
      await end();
      await source.return?.();
      throw error;
    },
    [Symbol.asyncIterator]() {
      return iterator;
    },
  };
  return iterator;
}

export const chatQueries: QueryResolvers = {
  chatMessages: (_parent, _args, { em }) => recentMessages(em),
  chatBacklog: async (_parent, _args, context) => {
    await requireAccessTokenOrAdmin(context, 'HAS_ADMIN_ACCESS');
    return recentMessages(context.em);
  },
  allChatMessages: async (_parent, _args, context) => {
    await requireAdmin(context);
    return allMessages(context.em);
  },
  chatClients: async (_parent, _args, context) => {
    await requireAccessTokenOrAdmin(context, 'HAS_ADMIN_ACCESS');
    return listClients(context.em);
  },
};

export const chatMutations: MutationResolvers = {
  sendChatMessage: (_parent, { body }, context) => {
    const { username, userId } = poster(context);
    return postMessage(context.em, context, { type: 'CHAT', authorName: username, authorUserId: userId, body });
  },
  sendIntegrationChatMessage: async (_parent, { user, body }, context) => {
    await requireAccessToken(context, 'CAN_SEND_MESSAGES');
    return postMessage(context.em, context, { type: 'CHAT', authorName: checkName(user, 'user'), authorUserId: null, body });
  },
  sendSystemChatMessage: async (_parent, { body }, context) => {
    await requireAccessToken(context, 'CAN_SEND_SYSTEM_MESSAGES');
    return postMessage(context.em, context, { type: 'SYSTEM', authorName: null, authorUserId: null, body });
  },
  sendChatAction: async (_parent, { body, author }, context) => {
    await requireAccessToken(context, 'CAN_SEND_MESSAGES');
    const authorName = author === null || author === undefined || author.trim() === '' ? null : checkName(author, 'author');
    return postMessage(context.em, context, { type: 'CHAT_ACTION', authorName, authorUserId: null, body });
  },
  setChatMessageVisibility: async (_parent, { ids, visible }, context) => {
    await requireAccessTokenOrAdmin(context, 'HAS_ADMIN_ACCESS');
    return setVisibility(context.em, context, ids, visible);
  },
  changeChatName: (_parent, { clientId, name }, context) => renameClient(context.em, context, clientId, name),
};

export const chatSubscriptions: SubscriptionResolvers = {
  chatEvents: {
    // Public: anyone may read chat. Subscribed before the client registers, so its own USER_JOINED arrives.
    subscribe: async (_parent, { displayName }, context) => {
      const source = context.events.subscribe<ChatEventPayload>(CHAT_TOPIC);
      const { principal } = context;
      const signedIn = principal.kind === 'user' || (principal.kind === 'apiKey' && principal.username);
      let clientId: string;
      try {
        const username = signedIn
          ? (principal as { username: string }).username
          : displayName
            ? checkName(displayName, 'displayName')
            : guestName();
        clientId = await connectClient(context.em, context, {
          userAgent: userAgentOf(context),
          ipAddress: principal.clientIp,
          username,
          userId: principal.kind === 'anonymous' || principal.kind === 'service' ? null : (principal.userId ?? null),
        });
      } catch (error) {
        await source.return?.();
        throw error;
      }
      const em = context.em.fork();
      // The generated type wants an iterator of { chatEvents }; resolve below maps the payload.
      return clientEvents(source, clientId, () => disconnectClient(em, context, clientId)) as never;
    },
    resolve: (payload: ChatEventPayload) => payload,
  },
  streamStatus: {
    subscribe: (_parent, _args, context) => context.events.subscribe(STREAM_STATUS_TOPIC) as never,
    // The event carries the status; only one too large for the broker ({}) makes the subscriber read it.
    resolve: (payload: StreamStatusPayload, _args: unknown, context: Context) =>
      payload.online === undefined ? readStreamStatus(context.em) : payload,
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
    message: async (event, _args, { em }): Promise<ChatMessageRecord | null> => {
      if (!event.message) return null;
      // An event too large for the broker carries the message id only.
      return event.message.body === undefined ? messageById(em, event.message.id) : event.message;
    },
    user: (event) => (event.userId ? { id: event.userId } : null),
    clientId: (event) => (event.clientId && event.self === event.clientId ? event.clientId : null),
    displayName: (event) => event.displayName ?? null,
    previousName: (event) => event.previousName ?? null,
    messageIds: (event) => event.messageIds ?? null,
    visible: (event) => event.visible ?? null,
  },
  ChatClient: {},
};
