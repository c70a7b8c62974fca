import type { EntityManager } from '@mikro-orm/postgresql';
import DataLoader from 'dataloader';
import { Ticket } from './entities/ticket';
import { TicketCategory } from './entities/ticket-category';
import { TicketMessage } from './entities/ticket-message';
import { findPlain } from '../../common/plain-rows';
import { countMessagesByTicket } from './queries';

/** Per-request DataLoaders: every reference and child list goes through one. */
export interface TicketsLoaders {
  categoryById: DataLoader<string, TicketCategory | null>;
  ticketById: DataLoader<string, Ticket | null>;
  /** Messages of each ticket, oldest first; plain rows (common/plain-rows.ts), only ever shown. */
  messagesByTicketId: DataLoader<string, TicketMessage[]>;
  /** How many messages each ticket has (one grouped count; for `messages(first: 0) { totalCount }`). */
  messageCountByTicketId: DataLoader<string, number>;
  /** Tickets each user owns, newest first (User.tickets); plain rows, only ever shown. */
  ticketsByOwnerId: DataLoader<string, Ticket[]>;
  /** Every category, read once per request (visibility needs their role lists); primes categoryById. */
  allCategories(): Promise<TicketCategory[]>;
}

function byKey<T, K extends keyof T>(rows: T[], key: K): Map<T[K], T[]> {
  const groups = new Map<T[K], T[]>();
  for (const row of rows) {
    const group = groups.get(row[key]);
    if (group) group.push(row);
    else groups.set(row[key], [row]);
  }
  return groups;
}

export function createTicketsLoaders(em: EntityManager): TicketsLoaders {
  let categories: Promise<TicketCategory[]> | undefined;
  const loaders: TicketsLoaders = {
    categoryById: new DataLoader(async (ids) => {
      const found = await em.find(TicketCategory, { id: { $in: [...ids] } });
      const byId = new Map(found.map((category) => [category.id, category]));
      return ids.map((id) => byId.get(id) ?? null);
    }),
    ticketById: new DataLoader(async (ids) => {
      const found = await em.find(Ticket, { id: { $in: [...ids] } });
      const byId = new Map(found.map((ticket) => [ticket.id, ticket]));
      return ids.map((id) => byId.get(id) ?? null);
    }),
    messagesByTicketId: new DataLoader(async (ticketIds) => {
      const groups = byKey(await findPlain(em, TicketMessage, { ticketId: { $in: [...ticketIds] } }, { createdAt: 'asc', id: 'asc' }), 'ticketId');
      return ticketIds.map((id) => groups.get(id) ?? []);
    }),
    messageCountByTicketId: new DataLoader(async (ticketIds) => {
      const counts = await countMessagesByTicket(em, ticketIds);
      return ticketIds.map((id) => counts.get(id) ?? 0);
    }),
    ticketsByOwnerId: new DataLoader(async (ownerIds) => {
      // Not primed into ticketById: mutations change what that loader answers, and these rows are not managed.
      const found = await findPlain(em, Ticket, { ownerId: { $in: [...ownerIds] } }, { createdAt: 'desc', id: 'desc' });
      const groups = byKey(found, 'ownerId');
      return ownerIds.map((id) => groups.get(id) ?? []);
    }),
    allCategories: () => {
      categories ??= em.find(TicketCategory, {}, { orderBy: { name: 'asc', id: 'asc' } }).then((all) => {
        for (const category of all) loaders.categoryById.prime(category.id, category);
        return all;
      });
      return categories;
    },
  };
  return loaders;
}
