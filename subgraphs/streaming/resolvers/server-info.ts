import type { MutationResolvers, QueryResolvers } from '../generated/resolvers-types';
import { addEmoji, listEmoji, removeEmoji } from '../services/emoji';
import { readServerLogs, readServerWarnings } from '../services/server-logs';
import { readViewersOverTime } from '../services/viewer-samples';

/** Emoji, the replica's recent logs and viewers over time. */
export const serverInfoQueries: Pick<QueryResolvers, 'emoji' | 'serverLogs' | 'serverWarnings' | 'viewersOverTime'> = {
  emoji: (_parent, _args, context) => listEmoji(context),
  serverLogs: (_parent, _args, context) => readServerLogs(context),
  serverWarnings: (_parent, _args, context) => readServerWarnings(context),
  viewersOverTime: (_parent, _args, context) => readViewersOverTime(context),
};

export const serverInfoMutations: Pick<MutationResolvers, 'addEmoji' | 'removeEmoji'> = {
  addEmoji: (_parent, { name, url }, context) => addEmoji(context, name, url),
  removeEmoji: (_parent, { name }, context) => removeEmoji(context, name),
};
