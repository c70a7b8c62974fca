import type { MutationResolvers, QueryResolvers } from '../generated/resolvers-types';
import { requireAdmin } from '../services/credentials';
import { addEmoji, listEmoji, removeEmoji } from '../services/emoji';
import { readServerLogs, readServerWarnings } from '../services/server-logs';
import { readViewersOverTime } from '../services/viewer-samples';

/** O5, O10, O11, O36: emoji, the replica's recent logs and viewers over time. */
export const serverInfoQueries: Pick<QueryResolvers, 'emoji' | 'serverLogs' | 'serverWarnings' | 'viewersOverTime'> = {
  emoji: (_parent, _args, { em }) => listEmoji(em),
  serverLogs: async (_parent, _args, context) => {
    await requireAdmin(context);
    return readServerLogs();
  },
  serverWarnings: async (_parent, _args, context) => {
    await requireAdmin(context);
    return readServerWarnings();
  },
  viewersOverTime: async (_parent, _args, context) => {
    await requireAdmin(context);
    return readViewersOverTime(context.em);
  },
};

export const serverInfoMutations: Pick<MutationResolvers, 'addEmoji' | 'removeEmoji'> = {
  addEmoji: async (_parent, { name, url }, context) => {
    await requireAdmin(context);
    return addEmoji(context.em, name, url);
  },
  removeEmoji: async (_parent, { name }, context) => {
    await requireAdmin(context);
    return removeEmoji(context.em, name);
  },
};
