import { DateTimeResolver } from 'graphql-scalars';
import type { Resolvers } from '../generated/resolvers-types';
import { readInstanceDetails } from '../services/instance-config';

export const resolvers: Resolvers = {
  DateTime: DateTimeResolver,
  Query: {
    instanceDetails: (_parent, _args, { em }) => readInstanceDetails(em),
  },
};
