import { DateTimeResolver, EmailAddressResolver, UUIDResolver } from 'graphql-scalars';
import type { Resolvers } from '../generated/resolvers-types';
import { readPublicSettings } from '../services/settings-service';

export const resolvers: Resolvers = {
  DateTime: DateTimeResolver,
  UUID: UUIDResolver,
  EmailAddress: EmailAddressResolver,
  Query: {
    publicSettings: (_parent, _args, { em }) => readPublicSettings(em),
    me: (_parent, _args, { principal, loaders }) =>
      principal.kind === 'user' ? loaders.userById.load(principal.userId) : null,
  },
  User: {
    __resolveReference: (reference, { loaders }) => loaders.userById.load(reference.id),
  },
};
