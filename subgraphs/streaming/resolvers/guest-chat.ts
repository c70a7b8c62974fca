import type { Context } from '../context';
import type { MutationResolvers, SubscriptionResolvers } from '../generated/resolvers-types';
import { CHAT_TOPIC, type ChatEventPayload } from '../services/chat';
import {
  announceGuestJoin,
  connectGuest,
  disconnectGuest,
  messagesByIds,
  refreshGuests,
  renameGuest,
  requireGateway,
  sendGuestMessage,
} from '../services/guest-chat';

/** What chatRelay delivers before the resolver maps it: the ready marker, or a chat event. */
type RelayPayload = { ready: true } | ChatEventPayload;

/**
 * The topic's events, after one ready marker. The topic is subscribed before
 * the marker is returned, so whatever is published after the gateway sees
 * the marker reaches it. return() ends the topic subscription at once.
 */
function afterReady(source: AsyncIterableIterator<ChatEventPayload>): AsyncIterableIterator<RelayPayload> {
  let readySent = false;
  const iterator: AsyncIterableIterator<RelayPayload> = {
    next: async () => {
      if (!readySent) {
        readySent = true;
        return { value: { ready: true }, done: false };
      }
      return source.next();
    },
    return: async () => {
      await source.return?.();
      return { value: undefined, done: true };
    },
    throw: async (error?: unknown) => {
      await source.return?.();
      throw error;
    },
    [Symbol.asyncIterator]() {
      return iterator;
    },
  };
  return iterator;
}

export const guestChatSubscriptions: Pick<SubscriptionResolvers, 'chatRelay'> = {
  chatRelay: {
    subscribe: (_parent, _args, context) => {
      requireGateway(context.principal);
      return afterReady(context.events.subscribe<ChatEventPayload>(CHAT_TOPIC)) as never;
    },
    resolve: (payload: RelayPayload) => ('ready' in payload ? { ready: true, event: null } : { ready: false, event: payload }),
  },
};

export const guestChatMutations: MutationResolvers = {
  connectGuestChatClient: (_parent, { userAgent, ipAddress, name }, context) => {
    requireGateway(context.principal);
    return connectGuest(context.em, context, { userAgent, ipAddress, name });
  },
  refreshGuestChatClients: (_parent, { clientIds }, context) => {
    requireGateway(context.principal);
    return refreshGuests(context.em, clientIds);
  },
  disconnectGuestChatClient: (_parent, { clientId }, context) => {
    requireGateway(context.principal);
    return disconnectGuest(context.em, context, clientId);
  },
  sendGuestChatMessage: (_parent, { clientId, author, body }, context) => {
    requireGateway(context.principal);
    return sendGuestMessage(context.em, context, { clientId, author, body });
  },
  announceGuestChatJoin: (_parent, { clientId, name }, context) => {
    requireGateway(context.principal);
    return announceGuestJoin(context.em, context, { clientId, name });
  },
  renameGuestChatClient: (_parent, { clientId, previousName, name }, context) => {
    requireGateway(context.principal);
    return renameGuest(context.em, context, { clientId, previousName, name });
  },
};

/** ChatEvent.messages: read only for VISIBILITY_UPDATE, the only event that names messages by id. */
export function visibilityMessages(event: ChatEventPayload, context: Context) {
  return event.type === 'VISIBILITY_UPDATE' ? messagesByIds(context.em, event.messageIds ?? []) : null;
}
