import type { GraphQLResolverMap } from '@apollo/subgraph/dist/schema-helper/resolverMap';
import { outboxRelayBackground, type OutboxRelayHandles } from '../../common/outbox';
import { OutboxEvent } from '../../common/outbox-event';
import type { SubgraphModule } from '../../common/subgraph-server';
import type { Context } from './context';
import { Ticket } from './entities/ticket';
import { TicketCategory } from './entities/ticket-category';
import { TicketMessage } from './entities/ticket-message';
import { createTicketsLoaders, type TicketsLoaders } from './loaders';
import { Migration0001Categories } from './migrations/0001-categories';
import { Migration0002Tickets } from './migrations/0002-tickets';
import { resolvers } from './resolvers';
import { loadTicketsSettings, type TicketsSettings } from './settings';

/** Support tickets, their messages, and the categories whose roles decide who sees and answers them. */
export const ticketsSubgraph: SubgraphModule<TicketsLoaders, TicketsSettings, OutboxRelayHandles> = {
  name: 'tickets',
  entities: [TicketCategory, Ticket, TicketMessage, OutboxEvent],
  migrations: [
    { name: '0001-categories', class: Migration0001Categories },
    { name: '0002-tickets', class: Migration0002Tickets },
  ],
  // Generated resolver types are stricter than Apollo's map; the shapes agree.
  resolvers: resolvers as GraphQLResolverMap<Context>,
  createLoaders: createTicketsLoaders,
  // ADMIN_URL and PRINCIPAL_SECRET: category role ids are checked with the admin subgraph.
  loadSettings: loadTicketsSettings,
  // The outbox relay (tickets.outbox_events: ticket.created, ticket.updated,
  // ticket.message.created, ticket.deleted) forwards to the admin subgraph's
  // outbound delivery engine, signed as {kind: 'service', service: 'tickets'};
  // the services wake it after each commit (context.background.relay).
  startBackground: outboxRelayBackground<TicketsSettings>('tickets'),
};
