import type { EntityManager } from '@mikro-orm/postgresql';
import DataLoader from 'dataloader';
import { TicketCategory } from './entities/ticket-category';

export interface TicketsLoaders {
  categoryById: DataLoader<string, TicketCategory | null>;
}

export function createTicketsLoaders(em: EntityManager): TicketsLoaders {
  return {
    categoryById: new DataLoader(async (ids) => {
      const categories = await em.find(TicketCategory, { id: { $in: [...ids] } });
      const byId = new Map(categories.map((category) => [category.id, category]));
      return ids.map((id) => byId.get(id) ?? null);
    }),
  };
}
