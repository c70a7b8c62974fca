import { connectionOf, pageWindow, type Connection, type ConnectionArgs } from '../../../common/connections';
import { domainError, ErrorCode } from '../../../common/errors';
import type { Context } from '../context';
import { Role } from '../entities/role';
import { credentialsChanged } from './gateway-headers';
import { assertAllowed } from './permissions';
import { validatePermissions } from './validation';

/** Roles: named sets of permissions that users hold. */
export async function listRoles(context: Context, args: ConnectionArgs): Promise<Connection<Role>> {
  await assertAllowed(context, 'role:list');
  const { offset, limit } = pageWindow(args);
  const [roles, total] = await context.em.findAndCount(Role, {}, { orderBy: { name: 'asc' }, limit, offset });
  return connectionOf(roles, offset, total);
}

export async function createRole(context: Context, name: string, permissions: string[]): Promise<Role> {
  await assertAllowed(context, 'role:manage');
  const { em } = context;
  const clean = validatePermissions(permissions);
  const existing = await em.findOne(Role, { name: name.trim() });
  if (existing) throw domainError(ErrorCode.Conflict, 'A role with this name exists', { field: 'name' });
  const role = em.create(Role, { name: name.trim(), permissions: clean });
  await em.flush();
  return role;
}

export async function updateRole(context: Context, id: string, name: string | null | undefined, permissions: string[] | null | undefined): Promise<Role> {
  await assertAllowed(context, 'role:manage');
  const { em } = context;
  const role = await em.findOne(Role, { id });
  if (!role) throw domainError(ErrorCode.NotFound, 'No such role', { field: 'id' });
  if (name != null) {
    const other = await em.findOne(Role, { name: name.trim(), id: { $ne: id } });
    if (other) throw domainError(ErrorCode.Conflict, 'A role with this name exists', { field: 'name' });
    role.name = name.trim();
  }
  if (permissions != null) role.permissions = validatePermissions(permissions);
  await em.flush();
  // Principals carry their roles' permissions: the gateway drops the ones it cached.
  return credentialsChanged(context, role);
}

/**
 * Query.existingRoleIds: the tickets subgraph asks, with its own service
 * principal, which of the role ids a category names exist.
 */
export async function existingRoleIds(context: Context, ids: readonly string[]): Promise<string[]> {
  await assertAllowed(context, 'role:checkExisting');
  const unique = [...new Set(ids.map((id) => id.toLowerCase()))];
  if (unique.length === 0) return [];
  if (unique.length > 1000) throw domainError(ErrorCode.BadUserInput, 'At most 1000 role ids at once');
  const roles = await context.em.find(Role, { id: { $in: unique } }, { fields: ['id'] });
  return roles.map((role) => role.id);
}

/** The permissions a user's roles give, sorted, each once. */
export async function permissionsOfUser({ loaders }: Context, userId: string): Promise<string[]> {
  return [...new Set((await loaders.rolesByUserId.load(userId)).flatMap((role) => role.permissions))].sort();
}
