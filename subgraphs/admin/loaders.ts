import type { EntityManager } from '@mikro-orm/postgresql';
import DataLoader from 'dataloader';
import { Organization, type OrganizationMember, type OrganizationRole } from './entities/organization';
import { Resource } from './entities/resource';
import { Role } from './entities/role';
import { User } from './entities/user';
import { memberRoles, membersOfOrganizations, roleIdsOfUsers } from './queries';

/** Per-request DataLoaders: every reference and child list goes through one. */
export interface AdminLoaders {
  userById: DataLoader<string, User | null>;
  roleById: DataLoader<string, Role | null>;
  /** Roles of each user, by name. */
  rolesByUserId: DataLoader<string, Role[]>;
  /** Users this request proved to be (login answers show their own email). */
  selfUserIds: Set<string>;
  resourceById: DataLoader<string, Resource | null>;
  organizationById: DataLoader<string, Organization | null>;
  /** Members of an organization, owners first, then in joining order. */
  membersByOrganizationId: DataLoader<string, OrganizationMember[]>;
  /** Role of one user in one organization; key `${organizationId}:${userId}`. */
  organizationRole: DataLoader<string, OrganizationRole | null>;
}

/** The columns a user shows (not the password hash). */
const USER_FIELDS = ['id', 'email', 'username', 'firstName', 'lastName', 'avatarUrl', 'plan', 'disabled', 'createdAt', 'updatedAt'] as const;

/** Users as plain values in one select: the same row as em.find reads, not tracked, never to be changed or flushed. */
async function readUsers(em: EntityManager, ids: readonly string[]): Promise<User[]> {
  const rows = await em
    .createQueryBuilder(User)
    .select([...USER_FIELDS])
    .where({ id: { $in: [...ids] } })
    .execute('all', true);
  // Mapped to property names with the entity's types (dates as Date), so they answer as the entity would.
  return rows as unknown as User[];
}

function byId<T extends { id: string }>(rows: readonly T[], ids: readonly string[]): (T | null)[] {
  const found = new Map(rows.map((row) => [row.id, row]));
  return ids.map((id) => found.get(id) ?? null);
}

export function createAdminLoaders(em: EntityManager): AdminLoaders {
  return {
    selfUserIds: new Set<string>(),
    // A user this request already read (e.g. inside a mutation's transaction) comes from the
    // identity map: the mutation's answer then needs no database round trip after its commit,
    // so a fault there cannot turn a committed write into an error. The others are read as
    // plain values (readUsers): references only show users, and most requests resolve many
    // (ticket owners, message authors), so they skip the entity hydration and change tracking.
    userById: new DataLoader(async (ids) => {
      const unitOfWork = em.getUnitOfWork();
      const known = new Map<string, User>();
      for (const id of ids) {
        const user = unitOfWork.getById<User>(User.meta.className, id);
        if (user) known.set(id, user);
      }
      const missing = ids.filter((id) => !known.has(id));
      if (missing.length > 0) for (const user of await readUsers(em, missing)) known.set(user.id, user);
      return ids.map((id) => known.get(id) ?? null);
    }),
    roleById: new DataLoader(async (ids) => byId(await em.find(Role, { id: { $in: [...ids] } }), ids)),
    rolesByUserId: new DataLoader(async (userIds) => {
      const pairs = await roleIdsOfUsers(em, userIds);
      const roleIds = [...new Set(pairs.map((pair) => pair.roleId))];
      const roles = roleIds.length > 0 ? await em.find(Role, { id: { $in: roleIds } }) : [];
      const roleById = new Map(roles.map((role) => [role.id, role]));
      return userIds.map((userId) =>
        pairs
          .filter((pair) => pair.userId === userId)
          .map((pair) => roleById.get(pair.roleId)!)
          .filter(Boolean),
      );
    }),
    resourceById: new DataLoader(async (ids) => byId(await em.find(Resource, { id: { $in: [...ids] } }), ids)),
    organizationById: new DataLoader(async (ids) => byId(await em.find(Organization, { id: { $in: [...ids] } }), ids)),
    membersByOrganizationId: new DataLoader(async (ids) => {
      const members = await membersOfOrganizations(em, ids);
      return ids.map((id) => members.filter((member) => member.organizationId === id));
    }),
    organizationRole: new DataLoader(async (keys) => {
      const roles = await memberRoles(
        em,
        keys.map((key) => key.split(':') as [string, string]),
      );
      return keys.map((key) => roles.get(key) ?? null);
    }),
  };
}
