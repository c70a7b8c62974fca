import type { EntityManager } from '@mikro-orm/postgresql';
import DataLoader from 'dataloader';
import { Role } from './entities/role';
import { User } from './entities/user';
import { createResourceLoaders, type ResourceLoaders } from './resource-loaders';

export interface AdminLoaders extends ResourceLoaders {
  userById: DataLoader<string, User | null>;
  roleById: DataLoader<string, Role | null>;
  rolesByUserId: DataLoader<string, Role[]>;
  /** Users this request proved to be (login answers show their own email). */
  selfUserIds: Set<string>;
}

export function createAdminLoaders(em: EntityManager): AdminLoaders {
  return {
    ...createResourceLoaders(em),
    selfUserIds: new Set<string>(),
    // A user this request already read (e.g. inside a mutation's transaction) comes from the
    // identity map: the mutation's answer then needs no database round trip after its commit,
    // so a fault there cannot turn a committed write into an error.
    userById: new DataLoader(async (ids) => {
      const unitOfWork = em.getUnitOfWork();
      const byId = new Map<string, User>();
      for (const id of ids) {
        const known = unitOfWork.getById<User>(User.name, id);
        if (known) byId.set(id, known);
      }
      const missing = ids.filter((id) => !byId.has(id));
      if (missing.length > 0) for (const user of await em.find(User, { id: { $in: missing } })) byId.set(user.id, user);
      return ids.map((id) => byId.get(id) ?? null);
    }),
    roleById: new DataLoader(async (ids) => {
      const roles = await em.find(Role, { id: { $in: [...ids] } });
      const byId = new Map(roles.map((role) => [role.id, role]));
      return ids.map((id) => byId.get(id) ?? null);
    }),
    rolesByUserId: new DataLoader(async (userIds) => {
      const rows = await em.getConnection().execute<{ user_id: string; role_id: string }[]>(
        `select ur.user_id, ur.role_id from admin.user_roles ur join admin.roles r on r.id = ur.role_id
         where ur.user_id in (${userIds.map(() => '?').join(', ')}) order by r.name`,
        [...userIds],
      );
      const roleIds = [...new Set(rows.map((row) => row.role_id))];
      const roles = roleIds.length > 0 ? await em.find(Role, { id: { $in: roleIds } }) : [];
      const roleById = new Map(roles.map((role) => [role.id, role]));
      return userIds.map((userId) =>
        rows
          .filter((row) => row.user_id === userId)
          .map((row) => roleById.get(row.role_id)!)
          .filter(Boolean),
      );
    }),
  };
}
