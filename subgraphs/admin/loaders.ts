import type { EntityManager } from '@mikro-orm/postgresql';
import DataLoader from 'dataloader';
import { User } from './entities/user';

export interface AdminLoaders {
  userById: DataLoader<string, User | null>;
}

export function createAdminLoaders(em: EntityManager): AdminLoaders {
  return {
    userById: new DataLoader(async (ids) => {
      const users = await em.find(User, { id: { $in: [...ids] } });
      const byId = new Map(users.map((user) => [user.id, user]));
      return ids.map((id) => byId.get(id) ?? null);
    }),
  };
}
