import { DateTimeResolver, UUIDResolver } from 'graphql-scalars';
import { connectionFromList } from '../../../common/connections';
import type { Context } from '../context';
import type { Resolvers } from '../generated/resolvers-types';
import { hostOfAuthorization, requireHostToken, signHostToken } from '../services/host-tokens';
import { addRelation, findHostOrFail, removeRelation, registerHost, setHostSetting } from '../services/host-service';

/** Only the holder of the host's own token may read or change it. */
function asHost(context: Context, host: string): Promise<void> {
  return requireHostToken(context.authorization, host, context.settings.hostTokens);
}

export const resolvers: Resolvers = {
  DateTime: DateTimeResolver,
  UUID: UUIDResolver,
  Query: {
    host: async (_parent, { uuid }, context) => {
      await asHost(context, uuid);
      return findHostOrFail(context.em, uuid);
    },
  },
  Mutation: {
    registerHost: (_parent, _args, { em }) => registerHost(em),
    issueHostToken: async (_parent, { host }, { em, settings }) => {
      const found = await findHostOrFail(em, host);
      return signHostToken(found.uuid, settings.hostTokens);
    },
    renewHostToken: async (_parent, _args, { em, authorization, settings }) => {
      const host = await findHostOrFail(em, await hostOfAuthorization(authorization, settings.hostTokens));
      return signHostToken(host.uuid, settings.hostTokens);
    },
    setOnlyFriends: async (_parent, { host, onlyFriends }, context) => {
      await asHost(context, host);
      return setHostSetting(context.em, host, 'onlyFriends', onlyFriends);
    },
    setAllowNonames: async (_parent, { host, allowNonames }, context) => {
      await asHost(context, host);
      return setHostSetting(context.em, host, 'allowNonames', allowNonames);
    },
    befriend: async (_parent, { host, friend }, context) => {
      await asHost(context, host);
      return addRelation(context.em, host, 'friend', friend);
    },
    unfriend: async (_parent, { host, formerFriend }, context) => {
      await asHost(context, host);
      return removeRelation(context.em, host, 'friend', formerFriend);
    },
    ban: async (_parent, { host, banned }, context) => {
      await asHost(context, host);
      return addRelation(context.em, host, 'banned', banned);
    },
    unban: async (_parent, { host, banned }, context) => {
      await asHost(context, host);
      return removeRelation(context.em, host, 'banned', banned);
    },
  },
  Host: {
    __resolveReference: (reference, { loaders }) => loaders.hostByUuid.load(reference.uuid),
    friends: async (host, args, { loaders }) => connectionFromList(await loaders.friendsOf.load(host.uuid), args),
    banlist: async (host, args, { loaders }) => connectionFromList(await loaders.banlistOf.load(host.uuid), args),
  },
};
