import { DateTimeResolver, JSONResolver, UUIDResolver } from 'graphql-scalars';
import type { Context } from '../context';
import type { Resolvers } from '../generated/resolvers-types';
import { chatMutations, chatQueries, chatSubscriptions, chatTypes, statusChanged } from './chat';
import { guestChatMutations, guestChatSubscriptions, visibilityMessages } from './guest-chat';
import { serverInfoMutations, serverInfoQueries } from './server-info';
import { createAccessToken, deleteAccessToken, listAccessTokens } from '../services/access-tokens';
import { setConfigValue } from '../services/config-setters';
import { requireAdmin, requireAccessTokenOrAdmin } from '../services/credentials';
import { readHardwareStats } from '../services/hardware-stats';
import { createWebhook, deleteWebhook, listWebhooks } from '../services/webhooks';
import { notifyWebhooks } from '../services/chat';
import { readInstanceDetails } from '../services/instance-config';
import { readLogo } from '../services/logo';
import { readDirectoryListing, readServerConfig, resetDirectoryRegistration } from '../services/server-config';
import { disconnectBroadcaster, finishBroadcast, readAdminStreamStatus, readStreamStatus, startBroadcast, updateBroadcast } from '../services/stream-state';

/** The title is part of the stream status; webhooks hear STREAM_TITLE_UPDATED. */
async function titleChanged(context: Context, value: unknown): Promise<void> {
  await statusChanged(context);
  await notifyWebhooks(context.em, context, 'STREAM_TITLE_UPDATED', { streamTitle: value, timestamp: new Date().toISOString() });
}

/** Thin: credentials first, then the service. */
export const resolvers: Resolvers = {
  DateTime: DateTimeResolver,
  JSON: JSONResolver,
  UUID: UUIDResolver,
  ...chatTypes,
  ChatEvent: { ...chatTypes.ChatEvent, messages: (event, _args, context) => visibilityMessages(event, context) },
  Subscription: { ...chatSubscriptions, ...guestChatSubscriptions },
  Query: {
    ...chatQueries,
    ...serverInfoQueries,
    webhooks: async (_parent, _args, context) => {
      await requireAdmin(context);
      return listWebhooks(context.em);
    },
    instanceDetails: (_parent, _args, { em }) => readInstanceDetails(em),
    streamStatus: (_parent, _args, { em }) => readStreamStatus(em),
    directoryListing: (_parent, _args, { em }) => readDirectoryListing(em),
    adminStreamStatus: async (_parent, _args, context) => {
      await requireAdmin(context);
      return readAdminStreamStatus(context.em);
    },
    serverConfig: async (_parent, _args, context) => readServerConfig(context.em, await requireAdmin(context)),
    logo: (_parent, _args, { em, settings }) => readLogo(em, settings.webroot),
    hardwareStats: async (_parent, _args, context) => {
      await requireAdmin(context);
      return readHardwareStats();
    },
    accessTokens: async (_parent, args, context) => {
      await requireAdmin(context);
      return listAccessTokens(context.em, args);
    },
  },
  Mutation: {
    ...chatMutations,
    ...guestChatMutations,
    ...serverInfoMutations,
    createWebhook: async (_parent, { url, events }, context) => {
      await requireAdmin(context);
      return createWebhook(context.em, url, events, context.settings.outbound.allowPrivate);
    },
    deleteWebhook: async (_parent, { id }, context) => {
      await requireAdmin(context);
      return deleteWebhook(context.em, id);
    },
    setConfigValue: async (_parent, { key, value }, context) => {
      await requireAdmin(context);
      const result = await setConfigValue(context.em, key, value as unknown);
      if (key === 'STREAM_TITLE') await titleChanged(context, value);
      return result;
    },
    setStreamTitle: async (_parent, { value }, context) => {
      await requireAccessTokenOrAdmin(context, 'HAS_ADMIN_ACCESS');
      const result = await setConfigValue(context.em, 'STREAM_TITLE', value as unknown);
      await titleChanged(context, value);
      return result;
    },
    disconnectBroadcaster: async (_parent, _args, context) => {
      await requireAdmin(context);
      const result = await disconnectBroadcaster(context.em);
      await statusChanged(context);
      await notifyWebhooks(context.em, context, 'STREAM_STOPPED', { timestamp: new Date().toISOString() });
      return result;
    },
    resetDirectoryRegistration: async (_parent, _args, context) => {
      await requireAdmin(context);
      return resetDirectoryRegistration(context.em);
    },
    createAccessToken: async (_parent, { name, scopes }, context) => {
      await requireAdmin(context);
      return createAccessToken(context.em, name, scopes);
    },
    deleteAccessToken: async (_parent, { token }, context) => {
      await requireAdmin(context);
      return deleteAccessToken(context.em, token);
    },
    ingestPublish: async (_parent, { streamKey, remoteAddr, encoder }, context) => {
      const status = await startBroadcast(context.em, streamKey, remoteAddr ?? null, encoder ?? null);
      await statusChanged(context);
      await notifyWebhooks(context.em, context, 'STREAM_STARTED', { streamTitle: status.streamTitle, timestamp: new Date().toISOString() });
      return status;
    },
    ingestUpdate: (_parent, { streamKey, details }, { em }) => updateBroadcast(em, streamKey, details),
    ingestPublishDone: async (_parent, { streamKey }, context) => {
      const { ended, status } = await finishBroadcast(context.em, streamKey);
      // Only the call that ended the broadcast tells anyone: a repeated or concurrent on_publish_done does not.
      if (ended) {
        await statusChanged(context);
        await notifyWebhooks(context.em, context, 'STREAM_STOPPED', { timestamp: new Date().toISOString() });
      }
      return status;
    },
  },
};
