import { DateTimeResolver, HexColorCodeResolver } from 'graphql-scalars';
import type { Resolvers } from '../generated/resolvers-types';
import { listCategories } from '../services/category-service';

export const resolvers: Resolvers = {
  DateTime: DateTimeResolver,
  HexColorCode: HexColorCodeResolver,
  Query: {
    ticketCategories: (_parent, _args, { em, principal }) => listCategories(em, principal),
  },
  TicketCategory: {
    __resolveReference: (reference, { loaders }) => loaders.categoryById.load(reference.id),
  },
};
