import { DateTimeResolver, UUIDResolver } from 'graphql-scalars';
import { connectionFromList } from '../../../common/connections';
import type { Resolvers } from '../generated/resolvers-types';
import { registerHost } from '../services/host-service';

export const resolvers: Resolvers = {
  DateTime: DateTimeResolver,
  UUID: UUIDResolver,
  Mutation: {
    registerHost: (_parent, _args, { em }) => registerHost(em),
  },
  Host: {
    __resolveReference: (reference, { loaders }) => loaders.hostByUuid.load(reference.uuid),
    friends: async (host, args, { loaders }) => connectionFromList(await loaders.friendsOf.load(host.uuid), args),
    banlist: async (host, args, { loaders }) => connectionFromList(await loaders.banlistOf.load(host.uuid), args),
  },
};
