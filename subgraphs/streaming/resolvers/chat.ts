import { filterMapAsyncIterator } from '../../../common/async-iterators';
import { domainError, ErrorCode } from '../../../common/errors';
import { EXCEPT_MEMBERS, untilReturned, type WithExceptMembers } from '../../../common/shared-subscriptions';
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
  clientTopic,
  connectClient,
  disconnectClient,
  guestName,
  listClients,
  messageById,
  newClientId,
  messageIdOf,
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
  return typeof context.userAgent === 'string' ? context.userAgent : '';
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
  sendIntegrationChatMessage: async (_parent, { user, body, id }, context) => {
    await requireAccessToken(context, 'CAN_SEND_MESSAGES');
    return postMessage(context.em, context, { id: messageIdOf(id), type: 'CHAT', authorName: checkName(user, 'user'), authorUserId: null, body });
  },
  sendSystemChatMessage: async (_parent, { body, id }, context) => {
    await requireAccessToken(context, 'CAN_SEND_SYSTEM_MESSAGES');
    return postMessage(context.em, context, { id: messageIdOf(id), type: 'SYSTEM', authorName: null, authorUserId: null, body });
  },
  sendChatAction: async (_parent, { body, author, id }, context) => {
    await requireAccessToken(context, 'CAN_SEND_MESSAGES');
    const authorName = author === null || author === undefined || author.trim() === '' ? null : checkName(author, 'author');
    return postMessage(context.em, context, { id: messageIdOf(id), type: 'CHAT_ACTION', authorName, authorUserId: null, body });
  },
  setChatMessageVisibility: async (_parent, { ids, visible }, context) => {
    await requireAccessTokenOrAdmin(context, 'HAS_ADMIN_ACCESS');
    return setVisibility(context.em, context, ids, visible);
  },
  changeChatName: (_parent, { clientId, name }, context) => renameClient(context.em, context, clientId, name),
};

/**
 * Members of shared chatEvents groups on this replica, by client id: a
 * group's copy of a client's own USER_JOINED / NAME_CHANGE skips that
 * client's subscriber, whose member subscription brings the copy that shows
 * its clientId. Keyed by event broker so in-process replicas (tests) keep
 * their own.
 */
const membersByClient = new WeakMap<object, Map<string, string>>();

function membersOf(context: Context): Map<string, string> {
  let members = membersByClient.get(context.events);
  if (!members) {
    members = new Map();
    membersByClient.set(context.events, members);
  }
  return members;
}

/** The events everyone in a group gets: others' joins only with presence, a member's own events left to it. */
function groupEvents(source: AsyncIterableIterator<ChatEventPayload>, presence: boolean, members: Map<string, string>) {
  return filterMapAsyncIterator(source, (event): WithExceptMembers<ChatEventPayload> | undefined => {
    if (event.type === 'USER_JOINED' && !presence) return undefined;
    const member = event.clientId ? members.get(event.clientId) : undefined;
    return member ? { ...event, [EXCEPT_MEMBERS]: [member] } : event;
  });
}

export const chatSubscriptions: SubscriptionResolvers = {
  chatEvents: {
    /**
     * Public: anyone may read chat. As a group (shared fan-out) it only
     * listens; every subscriber (a member, or a direct subscription) is a
     * chat client, registered after it listens, so its own USER_JOINED arrives.
     */
    subscribe: async (_parent, { displayName, presence }, context) => {
      const role = context.subscription?.role ?? 'single';
      if (role === 'group') return groupEvents(context.events.subscribe<ChatEventPayload>(CHAT_TOPIC), presence, membersOf(context)) as never;
      const clientId = newClientId();
      const member = role === 'member' ? context.subscription?.member : undefined;
      // A member gets only its own copies; its group brings the rest.
      const source =
        role === 'member'
          ? context.events.subscribe<ChatEventPayload>(clientTopic(clientId))
          : filterMapAsyncIterator(context.events.subscribe<ChatEventPayload>(CHAT_TOPIC), (event) =>
              event.type === 'USER_JOINED' && !presence && event.clientId !== clientId ? undefined : event,
            );
      if (member) membersOf(context).set(clientId, member);
      const forget = () => {
        if (member) membersOf(context).delete(clientId);
      };
      const { principal } = context;
      const signedIn = principal.kind === 'user' || (principal.kind === 'apiKey' && principal.username);
      try {
        const username = signedIn ? (principal as { username: string }).username : displayName ? checkName(displayName, 'displayName') : guestName();
        await connectClient(context.em, context, {
          id: clientId,
          userAgent: userAgentOf(context),
          ipAddress: principal.clientIp,
          username,
          userId: principal.kind === 'anonymous' || principal.kind === 'service' ? null : (principal.userId ?? null),
        });
      } catch (error) {
        forget();
        await source.return?.();
        throw error;
      }
      const em = context.em.fork();
      // The generated type wants an iterator of { chatEvents }; resolve below maps the payload.
      return clientEvents(source, clientId, async () => {
        forget();
        await disconnectClient(em, context, clientId);
      }) as never;
    },
    resolve: (payload: ChatEventPayload) => payload,
  },
  streamStatus: {
    // Public: a member has nothing to be admitted for, and nothing of its own to receive.
    subscribe: (_parent, _args, context) =>
      (context.subscription?.role === 'member' ? untilReturned() : context.events.subscribe(STREAM_STATUS_TOPIC)) as never,
    // The event carries the status; only one too large for the broker ({}) makes the subscriber read it.
    resolve: (payload: StreamStatusPayload, _args: unknown, context: Context) => (payload.online === undefined ? readStreamStatus(context.em) : payload),
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
