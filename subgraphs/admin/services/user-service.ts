import { connectionOf, pageWindow, type Connection, type ConnectionArgs } from '../../../common/connections';
import { domainError, ErrorCode } from '../../../common/errors';
import { hashSecret } from '../../../common/passwords';
import { inTransaction } from '../../../common/transaction';
import type { Context } from '../context';
import { Role } from '../entities/role';
import { User, type Plan } from '../entities/user';
import { endSessionsOfUser, namesTaken, replaceUserRoles, searchUsers, type UserSearch } from '../queries';
import type { EntityManager } from '@mikro-orm/postgresql';
import { credentialsChanged } from './gateway-headers';
import { withHiddenValues } from './hidden-sql';
import { assertAllowed, can } from './permissions';
import { urlText, validateOptionalText, validatePassword, validatePlan, validateUsername } from './validation';

/** Users: who is signed in, the admins' user list and user management, and one's own profile. */

/** Query.me: the signed-in user (null for anyone else). */
export function currentUser({ principal, loaders }: Context): Promise<User | null> | null {
  return principal.kind === 'user' ? loaders.userById.load(principal.userId) : null;
}

/** A user's email, for those who may see it (null for everyone else). */
export async function emailOf(context: Context, user: User): Promise<string | null> {
  return (await can(context, 'user:readEmail', user.id)) ? user.email : null;
}

async function assertUnique(em: EntityManager, email: string | undefined, username: string | undefined, exceptId?: string): Promise<void> {
  const taken = await namesTaken(em, email, username, exceptId);
  if (email && taken.emailTaken) throw domainError(ErrorCode.Conflict, 'Another user has this email', { field: 'email' });
  if (username && taken.usernameTaken) throw domainError(ErrorCode.Conflict, 'Another user has this username', { field: 'username' });
}

export interface ProfileInput {
  firstName?: string | null;
  lastName?: string | null;
  avatarUrl?: string | null;
}

export async function updateMyProfile(context: Context, input: ProfileInput): Promise<User> {
  const userId = await assertAllowed(context, 'profile:update');
  const { em } = context;
  const user = await em.findOneOrFail(User, { id: userId });
  if (input.firstName !== undefined) user.firstName = validateOptionalText(input.firstName, 'firstName') ?? null;
  if (input.lastName !== undefined) user.lastName = validateOptionalText(input.lastName, 'lastName') ?? null;
  if (input.avatarUrl !== undefined) user.avatarUrl = urlText(input.avatarUrl);
  await em.flush();
  return user;
}

export interface UserFilter extends ConnectionArgs, UserSearch {}

export async function listUsers(context: Context, filter: UserFilter): Promise<Connection<User>> {
  await assertAllowed(context, 'user:list');
  const { em } = context;
  const { offset, limit } = pageWindow(filter);
  const { ids, total } = await searchUsers(em, filter, limit, offset);
  const users = ids.length > 0 ? await em.find(User, { id: { $in: ids } }) : [];
  const byId = new Map(users.map((user) => [user.id, user]));
  return connectionOf(ids.map((id) => byId.get(id)!).filter(Boolean), offset, total);
}

export interface CreateUserInput {
  email: string;
  username: string;
  password: string;
  firstName?: string | null;
  lastName?: string | null;
  avatarUrl?: string | null;
  plan?: Plan | null;
  roleIds?: string[] | null;
}

export async function createUser(context: Context, input: CreateUserInput): Promise<User> {
  await assertAllowed(context, 'user:manage');
  const { em } = context;
  const username = validateUsername(input.username);
  validatePassword(input.password);
  await assertUnique(em, input.email, username);
  const passwordHash = await hashSecret(input.password);
  const firstName = validateOptionalText(input.firstName, 'firstName') ?? null;
  const lastName = validateOptionalText(input.lastName, 'lastName') ?? null;
  const user = em.create(
    User,
    { email: input.email, username, passwordHash, firstName, lastName, avatarUrl: urlText(input.avatarUrl), plan: input.plan ?? 'free', disabled: false },
    { persist: false },
  );
  // The user and its roles are one transaction: an unknown role id leaves no user behind.
  await inTransaction(em, async (tx) => {
    tx.persist(user);
    // The statement carries the password hash: keep it out of error logs.
    await withHiddenValues(() => tx.flush());
    if (input.roleIds && input.roleIds.length > 0) await replaceRoles(tx, user.id, input.roleIds);
  });
  return user;
}

export interface UpdateUserInput {
  id: string;
  email?: string | null;
  username?: string | null;
  password?: string | null;
  firstName?: string | null;
  lastName?: string | null;
  avatarUrl?: string | null;
  plan?: Plan | null;
  disabled?: boolean | null;
}

export async function updateUser(context: Context, input: UpdateUserInput): Promise<User> {
  await assertAllowed(context, 'user:manage');
  const { em, principal } = context;
  if (input.password != null) validatePassword(input.password);
  const passwordHash = input.password != null ? await hashSecret(input.password) : undefined;
  // The change, the ended sessions and the revoked tokens commit together or not at all.
  const user = await inTransaction(em, async (tx) => {
    const user = await tx.findOne(User, { id: input.id });
    if (!user) throw domainError(ErrorCode.NotFound, 'No such user', { field: 'id' });
    const username = input.username != null ? validateUsername(input.username) : undefined;
    await assertUnique(tx, input.email ?? undefined, username, user.id);
    if (input.email != null) user.email = input.email;
    if (username) user.username = username;
    if (input.firstName !== undefined) user.firstName = validateOptionalText(input.firstName, 'firstName') ?? null;
    if (input.lastName !== undefined) user.lastName = validateOptionalText(input.lastName, 'lastName') ?? null;
    if (input.avatarUrl !== undefined) user.avatarUrl = urlText(input.avatarUrl);
    if (input.plan != null) user.plan = validatePlan(input.plan);
    if (input.disabled != null) {
      if (input.disabled && principal.kind === 'user' && principal.userId === user.id) {
        throw domainError(ErrorCode.BadUserInput, 'You cannot disable yourself', { field: 'disabled' });
      }
      user.disabled = input.disabled;
    }
    if (passwordHash !== undefined) user.passwordHash = passwordHash;
    await withHiddenValues(() => tx.flush());
    // A disabled user or a changed password ends every session and token family.
    if (input.disabled || passwordHash !== undefined) await endSessionsOfUser(tx, user.id);
    return user;
  });
  return credentialsChanged(context, user);
}

/** Replaces a user's roles (call inside a transaction); returns the roles. Unknown ids change nothing. */
async function replaceRoles(em: EntityManager, userId: string, roleIds: string[]): Promise<Role[]> {
  const unique = [...new Set(roleIds)];
  const found = unique.length > 0 ? await em.find(Role, { id: { $in: unique } }) : [];
  if (found.length !== unique.length) throw domainError(ErrorCode.BadUserInput, 'Unknown role id', { field: 'roleIds' });
  await replaceUserRoles(em, userId, unique);
  return found;
}

export async function setUserRoles(context: Context, userId: string, roleIds: string[]): Promise<User> {
  await assertAllowed(context, 'user:manage');
  const { em, principal } = context;
  const user = await em.findOne(User, { id: userId });
  if (!user) throw domainError(ErrorCode.NotFound, 'No such user', { field: 'userId' });
  await inTransaction(em, async (tx) => {
    const roles = await replaceRoles(tx, userId, roleIds);
    // Checked on the roles replaceRoles loaded; throwing rolls the replacement back.
    if (principal.kind === 'user' && principal.userId === userId && !roles.some((role) => role.permissions.includes('admin'))) {
      throw domainError(ErrorCode.BadUserInput, 'You cannot remove your own admin role', { field: 'roleIds' });
    }
  });
  return credentialsChanged(context, user);
}
