import { DateTimeResolver, JSONResolver } from 'graphql-scalars';
import type { Resolvers } from '../generated/resolvers-types';
import { createAccessToken, deleteAccessToken, listAccessTokens } from '../services/access-tokens';
import { setConfigValue } from '../services/config-setters';
import { requireAdmin, requireAccessTokenOrAdmin } from '../services/credentials';
import { readHardwareStats } from '../services/hardware-stats';
import { readInstanceDetails } from '../services/instance-config';
import { readDirectoryListing, readServerConfig, resetDirectoryRegistration } from '../services/server-config';
import {
  disconnectBroadcaster,
  finishBroadcast,
  readAdminStreamStatus,
  readStreamStatus,
  startBroadcast,
} from '../services/stream-state';

/** Thin: credentials first, then the service. */
export const resolvers: Resolvers = {
  DateTime: DateTimeResolver,
  JSON: JSONResolver,
  Query: {
    instanceDetails: (_parent, _args, { em }) => readInstanceDetails(em),
    streamStatus: (_parent, _args, { em }) => readStreamStatus(em),
    directoryListing: (_parent, _args, { em }) => readDirectoryListing(em),
    adminStreamStatus: async (_parent, _args, context) => {
      await requireAdmin(context);
      return readAdminStreamStatus(context.em);
    },
    serverConfig: async (_parent, _args, context) => {
      await requireAdmin(context);
      return readServerConfig(context.em);
    },
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
    setConfigValue: async (_parent, { key, value }, context) => {
      await requireAdmin(context);
      return setConfigValue(context.em, key, value as unknown);
    },
    setStreamTitle: async (_parent, { value }, context) => {
      await requireAccessTokenOrAdmin(context, 'HAS_ADMIN_ACCESS');
      return setConfigValue(context.em, 'STREAM_TITLE', value as unknown);
    },
    disconnectBroadcaster: async (_parent, _args, context) => {
      await requireAdmin(context);
      return disconnectBroadcaster(context.em);
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
    ingestPublish: (_parent, { streamKey, remoteAddr, encoder }, { em }) => startBroadcast(em, streamKey, remoteAddr ?? null, encoder ?? null),
    ingestPublishDone: (_parent, { streamKey }, { em }) => finishBroadcast(em, streamKey),
  },
};
