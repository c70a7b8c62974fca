import type { MutationResolvers, SubscriptionResolvers } from '../generated/resolvers-types';
import { subscribeToChatRelay, type RelayPayload } from '../services/chat-subscriptions';
import { announceGuestJoin, connectGuest, disconnectGuest, refreshGuests, renameGuest, sendGuestMessage } from '../services/guest-chat';

/** The gateway's side of the /entry socket: it relays chat to its guests and acts for them. */
export const guestChatSubscriptions: Pick<SubscriptionResolvers, 'chatRelay'> = {
  chatRelay: {
    subscribe: (_parent, _args, context) => subscribeToChatRelay(context) as never,
    resolve: (payload: RelayPayload) => ('ready' in payload ? { ready: true, event: null } : { ready: false, event: payload }),
  },
};

export const guestChatMutations: MutationResolvers = {
  connectGuestChatClient: (_parent, { userAgent, ipAddress, name }, context) => connectGuest(context, { userAgent, ipAddress, name }),
  refreshGuestChatClients: (_parent, { clientIds }, context) => refreshGuests(context, clientIds),
  disconnectGuestChatClient: (_parent, { clientId }, context) => disconnectGuest(context, clientId),
  sendGuestChatMessage: (_parent, { clientId, author, body }, context) => sendGuestMessage(context, { clientId, author, body }),
  announceGuestChatJoin: (_parent, { clientId, name }, context) => announceGuestJoin(context, { clientId, name }),
  renameGuestChatClient: (_parent, { clientId, previousName, name }, context) => renameGuest(context, { clientId, previousName, name }),
};
