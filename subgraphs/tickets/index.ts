import type { GraphQLResolverMap } from '@apollo/subgraph/dist/schema-helper/resolverMap';
import type { SubgraphModule } from '../../common/subgraph-server';
import type { Context } from './context';
import { TicketCategorySchema } from './entities/ticket-category';
import { createTicketsLoaders, type TicketsLoaders } from './loaders';
import { Migration0001Categories } from './migrations/0001-categories';
import { resolvers } from './resolvers';

/** Support tickets, their messages and categories (seed 001). */
export const ticketsSubgraph: SubgraphModule<TicketsLoaders> = {
  name: 'tickets',
  entities: [TicketCategorySchema],
  migrations: [{ name: '0001-categories', class: Migration0001Categories }],
  // Generated resolver types are stricter than Apollo's map; the shapes agree.
  resolvers: resolvers as GraphQLResolverMap<Context>,
  createLoaders: createTicketsLoaders,
};
