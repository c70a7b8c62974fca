import { DateTimeResolver, JSONResolver, UUIDResolver } from 'graphql-scalars';
import type { Resolvers } from '../generated/resolvers-types';
import { createAccessToken, deleteAccessToken, listAccessTokens } from '../services/access-tokens';
import { setConfigValue, setStreamTitle } from '../services/config-setters';
import { readHardwareStats } from '../services/hardware-stats';
import { instanceDetails } from '../services/instance-config';
import { readLogo } from '../services/logo';
import { readDirectoryListing, readServerConfig, resetDirectoryRegistration } from '../services/server-config';
import { adminStreamStatus, disconnectBroadcaster, finishBroadcast, startBroadcast, streamStatus, updateBroadcast } from '../services/stream-state';
import { createWebhook, deleteWebhook, listWebhooks } from '../services/webhooks';
import { chatMutations, chatQueries, chatSubscriptions, chatTypes } from './chat';
import { guestChatMutations, guestChatSubscriptions } from './guest-chat';
import { serverInfoMutations, serverInfoQueries } from './server-info';

/** Each field maps its arguments to one service call; the services check permissions and announce changes. */
export const resolvers: Resolvers = {
  DateTime: DateTimeResolver,
  JSON: JSONResolver,
  UUID: UUIDResolver,
  ...chatTypes,
  Subscription: { ...chatSubscriptions, ...guestChatSubscriptions },
  Query: {
    ...chatQueries,
    ...serverInfoQueries,
    webhooks: (_parent, _args, context) => listWebhooks(context),
    instanceDetails: (_parent, _args, context) => instanceDetails(context),
    streamStatus: (_parent, _args, context) => streamStatus(context),
    directoryListing: (_parent, _args, context) => readDirectoryListing(context),
    adminStreamStatus: (_parent, _args, context) => adminStreamStatus(context),
    serverConfig: (_parent, _args, context) => readServerConfig(context),
    logo: (_parent, _args, context) => readLogo(context),
    hardwareStats: (_parent, _args, context) => readHardwareStats(context),
    accessTokens: (_parent, args, context) => listAccessTokens(context, args),
  },
  Mutation: {
    ...chatMutations,
    ...guestChatMutations,
    ...serverInfoMutations,
    createWebhook: (_parent, { url, events }, context) => createWebhook(context, url, events),
    deleteWebhook: (_parent, { id }, context) => deleteWebhook(context, id),
    setConfigValue: (_parent, { key, value }, context) => setConfigValue(context, key, value as unknown),
    setStreamTitle: (_parent, { value }, context) => setStreamTitle(context, value as unknown),
    disconnectBroadcaster: (_parent, _args, context) => disconnectBroadcaster(context),
    resetDirectoryRegistration: (_parent, _args, context) => resetDirectoryRegistration(context),
    createAccessToken: (_parent, { name, scopes }, context) => createAccessToken(context, name, scopes),
    deleteAccessToken: (_parent, { token }, context) => deleteAccessToken(context, token),
    ingestPublish: (_parent, { streamKey, remoteAddr, encoder }, context) => startBroadcast(context, streamKey, remoteAddr ?? null, encoder ?? null),
    ingestUpdate: (_parent, { streamKey, details }, context) => updateBroadcast(context, streamKey, details),
    ingestPublishDone: (_parent, { streamKey }, context) => finishBroadcast(context, streamKey),
  },
};
