import { randomUUID } from 'node:crypto';
import type { EntityManager } from '@mikro-orm/postgresql';
import { withHiddenValues } from './hidden-sql';
import { requireAuthenticated, requirePermission } from '../../../common/authorization';
import { connectionOf, pageWindow, type Connection, type ConnectionArgs } from '../../../common/connections';
import { domainError, ErrorCode } from '../../../common/errors';
import { hashSecret, verifySecret } from '../../../common/passwords';
import type { Principal } from '../../../common/principal';
import { Role } from '../entities/role';
import { User, type Plan } from '../entities/user';
import { checkLoginAllowed, recordLoginFailure, recordLoginSuccess } from './login-throttle';
import { readSettings } from './settings-service';
import type { AdminSettings } from '../settings';

const PLANS: readonly Plan[] = ['free', 'pro', 'enterprise'];
const PERMISSION_NAME = /^[a-z][a-z0-9_:.-]{0,63}$/;
// A valid hash of a random secret: unknown emails cost the same scrypt work as known ones.
const DUMMY_HASH = hashSecret('no such user ' + Math.random());

/** graphql-scalars' URL parses to a URL object; it is stored as text. */
function urlText(value: unknown): string | null {
  return value === null || value === undefined ? null : String(value);
}

export function validatePassword(password: string, field = 'password'): void {
  if (password.length < 8 || password.length > 200) {
    throw domainError(ErrorCode.BadUserInput, 'The password must be 8 to 200 characters long', { field });
  }
}

function validateUsername(username: string): string {
  const trimmed = username.trim();
  if (!/^[A-Za-z0-9._-]{2,40}$/.test(trimmed)) {
    throw domainError(ErrorCode.BadUserInput, 'The username must be 2 to 40 letters, digits, dots, dashes or underscores', { field: 'username' });
  }
  return trimmed;
}

function validateOptionalText(value: string | null | undefined, field: string): string | null | undefined {
  if (value === undefined || value === null) return value;
  if (value.length > 100) throw domainError(ErrorCode.BadUserInput, `${field} must be at most 100 characters`, { field });
  return value;
}

/**
 * Checks an email and password with the abuse controls. Every failure
 * (unknown email, wrong password, disabled account) is the same
 * UNAUTHENTICATED error after the same scrypt work.
 */
export async function verifyCredentials(em: EntityManager, settings: AdminSettings, email: string, password: string, clientIp: string): Promise<User> {
  await checkLoginAllowed(em, settings, email, clientIp);
  const [row] = await withHiddenValues(() =>
    em
      .getConnection()
      .execute<{ id: string; password_hash: string }[]>('select id, password_hash from admin.users where lower(email) = lower(?)', [email.trim()]),
  );
  const valid = await verifySecret(password, row?.password_hash ?? (await DUMMY_HASH));
  const user = row ? await em.findOne(User, { id: row.id }) : null;
  if (!user || !valid || user.disabled) {
    await recordLoginFailure(em, settings, email, clientIp);
    throw domainError(ErrorCode.Unauthenticated, 'Invalid email or password');
  }
  await recordLoginSuccess(em, email);
  return user;
}

function userFromRow(em: EntityManager, id: string): Promise<User> {
  return em.findOneOrFail(User, { id }, { refresh: true });
}

async function assertUnique(em: EntityManager, email: string | undefined, username: string | undefined, exceptId?: string): Promise<void> {
  const rows = await em.getConnection().execute<{ email_taken: boolean; username_taken: boolean }[]>(
    `select
       exists (select 1 from admin.users where lower(email) = lower(?) and id is distinct from ?::uuid) as email_taken,
       exists (select 1 from admin.users where lower(username) = lower(?) and id is distinct from ?::uuid) as username_taken`,
    [email ?? '', exceptId ?? null, username ?? '', exceptId ?? null],
  );
  if (email && rows[0]?.email_taken) throw domainError(ErrorCode.Conflict, 'Another user has this email', { field: 'email' });
  if (username && rows[0]?.username_taken) throw domainError(ErrorCode.Conflict, 'Another user has this username', { field: 'username' });
}

export interface RegisterInput {
  email: string;
  username: string;
  password: string;
}

/**
 * Self-registration (G17). An address that is already registered gets the
 * same answer and nothing changes, so the answer does not reveal it; a taken
 * username (public anyway) is a conflict.
 */
export async function register(em: EntityManager, input: RegisterInput): Promise<{ email: string; username: string }> {
  const { registrationOpen } = await readSettings(em, ['registrationOpen']);
  if (!registrationOpen) throw domainError(ErrorCode.Forbidden, 'Registration is closed');
  const username = validateUsername(input.username);
  validatePassword(input.password);
  const passwordHash = await hashSecret(input.password);
  const [usernameTaken] = await em.getConnection().execute<{ email: string }[]>('select email from admin.users where lower(username) = lower(?)', [username]);
  if (usernameTaken && usernameTaken.email.toLowerCase() !== input.email.toLowerCase()) {
    throw domainError(ErrorCode.Conflict, 'This username is taken', { field: 'username' });
  }
  await withHiddenValues(() =>
    em
      .getConnection()
      .execute('insert into admin.users (email, username, password_hash) values (?, ?, ?) on conflict do nothing', [input.email, username, passwordHash]),
  );
  return { email: input.email, username };
}

export interface ProfileInput {
  firstName?: string | null;
  lastName?: string | null;
  avatarUrl?: string | null;
}

export async function updateMyProfile(em: EntityManager, principal: Principal, input: ProfileInput): Promise<User> {
  const caller = requireAuthenticated(principal, 'your profile');
  if (caller.kind !== 'user') throw domainError(ErrorCode.Forbidden, 'Only a signed-in user has a profile');
  const user = await em.findOneOrFail(User, { id: caller.userId });
  if (input.firstName !== undefined) user.firstName = validateOptionalText(input.firstName, 'firstName') ?? null;
  if (input.lastName !== undefined) user.lastName = validateOptionalText(input.lastName, 'lastName') ?? null;
  if (input.avatarUrl !== undefined) user.avatarUrl = urlText(input.avatarUrl);
  await em.flush();
  return user;
}

export interface UserFilter extends ConnectionArgs {
  search?: string | null;
  role?: string | null;
}

export async function listUsers(em: EntityManager, principal: Principal, filter: UserFilter): Promise<Connection<User>> {
  requirePermission(principal, 'admin', 'users:read', 'the user list');
  const { offset, limit } = pageWindow(filter);
  const where: string[] = [];
  const values: unknown[] = [];
  if (filter.search) {
    const pattern = `%${filter.search.replace(/[\\%_]/g, '\\$&')}%`;
    where.push('(u.email ilike ? or u.username ilike ? or u.first_name ilike ? or u.last_name ilike ?)');
    values.push(pattern, pattern, pattern, pattern);
  }
  if (filter.role) {
    where.push('exists (select 1 from admin.user_roles ur join admin.roles r on r.id = ur.role_id where ur.user_id = u.id and r.name = ?)');
    values.push(filter.role);
  }
  const clause = where.length > 0 ? `where ${where.join(' and ')}` : '';
  const connection = em.getConnection();
  const [count] = await connection.execute<{ total: string }[]>(`select count(*) as total from admin.users u ${clause}`, values);
  const ids = await connection.execute<{ id: string }[]>(`select u.id from admin.users u ${clause} order by u.created_at, u.id limit ? offset ?`, [
    ...values,
    limit,
    offset,
  ]);
  const users = ids.length > 0 ? await em.find(User, { id: { $in: ids.map((row) => row.id) } }) : [];
  const byId = new Map(users.map((user) => [user.id, user]));
  return connectionOf(ids.map((row) => byId.get(row.id)!).filter(Boolean), offset, Number(count?.total ?? 0));
}

export async function listRoles(em: EntityManager, principal: Principal, args: ConnectionArgs): Promise<Connection<Role>> {
  requireAuthenticated(principal, 'roles');
  const { offset, limit } = pageWindow(args);
  const [roles, total] = await em.findAndCount(Role, {}, { orderBy: { name: 'asc' }, limit, offset });
  return connectionOf(roles, offset, total);
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

export async function createUser(em: EntityManager, principal: Principal, input: CreateUserInput): Promise<User> {
  requirePermission(principal, 'admin', 'users:write', 'user management');
  const username = validateUsername(input.username);
  validatePassword(input.password);
  await assertUnique(em, input.email, username);
  const passwordHash = await hashSecret(input.password);
  // The user and its roles are one transaction: an unknown role id leaves no user behind.
  const id = await em.transactional(async (tx) => {
    const [row] = await withHiddenValues(() =>
      tx.execute<{ id: string }[]>(
        `insert into admin.users (email, username, password_hash, first_name, last_name, avatar_url, plan) values (?, ?, ?, ?, ?, ?, ?) returning id`,
        [
          input.email,
          username,
          passwordHash,
          validateOptionalText(input.firstName, 'firstName') ?? null,
          validateOptionalText(input.lastName, 'lastName') ?? null,
          urlText(input.avatarUrl),
          input.plan ?? 'free',
        ],
      ),
    );
    if (input.roleIds && input.roleIds.length > 0) await replaceRoles(tx, row!.id, input.roleIds);
    return row!.id;
  });
  return userFromRow(em, id);
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

export async function updateUser(em: EntityManager, principal: Principal, input: UpdateUserInput): Promise<User> {
  requirePermission(principal, 'admin', 'users:write', 'user management');
  if (input.password != null) validatePassword(input.password);
  const passwordHash = input.password != null ? await hashSecret(input.password) : undefined;
  // The change, the ended sessions and the revoked tokens commit together or not at all.
  return em.transactional(async (tx) => {
    const user = await tx.findOne(User, { id: input.id });
    if (!user) throw domainError(ErrorCode.NotFound, 'No such user', { field: 'id' });
    const username = input.username != null ? validateUsername(input.username) : undefined;
    await assertUnique(tx, input.email ?? undefined, username, user.id);
    if (input.email != null) user.email = input.email;
    if (username) user.username = username;
    if (input.firstName !== undefined) user.firstName = validateOptionalText(input.firstName, 'firstName') ?? null;
    if (input.lastName !== undefined) user.lastName = validateOptionalText(input.lastName, 'lastName') ?? null;
    if (input.avatarUrl !== undefined) user.avatarUrl = urlText(input.avatarUrl);
    if (input.plan != null) {
      if (!PLANS.includes(input.plan)) throw domainError(ErrorCode.BadUserInput, 'Unknown plan', { field: 'plan' });
      user.plan = input.plan;
    }
    if (input.disabled != null) {
      if (input.disabled && principal.kind === 'user' && principal.userId === user.id) {
        throw domainError(ErrorCode.BadUserInput, 'You cannot disable yourself', { field: 'disabled' });
      }
      user.disabled = input.disabled;
    }
    if (passwordHash !== undefined) user.passwordHash = passwordHash;
    await withHiddenValues(() => tx.flush());
    if (input.disabled || passwordHash !== undefined) {
      // A disabled user or a changed password ends every session and token family.
      await tx.execute('delete from admin.login_sessions where user_id = ?', [user.id]);
      await tx.execute('update admin.refresh_tokens set revoked_at = now() where user_id = ? and revoked_at is null', [user.id]);
    }
    return user;
  });
}

/** Replaces a user's roles (call inside a transaction); returns the roles. Unknown ids change nothing. */
async function replaceRoles(em: EntityManager, userId: string, roleIds: string[]): Promise<Role[]> {
  const unique = [...new Set(roleIds)];
  const found = unique.length > 0 ? await em.find(Role, { id: { $in: unique } }) : [];
  if (found.length !== unique.length) throw domainError(ErrorCode.BadUserInput, 'Unknown role id', { field: 'roleIds' });
  await em.execute('delete from admin.user_roles where user_id = ?', [userId]);
  if (unique.length > 0) {
    await em.execute('insert into admin.user_roles (user_id, role_id) select ?, unnest(?::uuid[])', [userId, `{${unique.join(',')}}`]);
  }
  return found;
}

export async function setUserRoles(em: EntityManager, principal: Principal, userId: string, roleIds: string[]): Promise<User> {
  requirePermission(principal, 'admin', 'users:write', 'user management');
  const user = await em.findOne(User, { id: userId });
  if (!user) throw domainError(ErrorCode.NotFound, 'No such user', { field: 'userId' });
  await em.transactional(async (tx) => {
    const roles = await replaceRoles(tx, userId, roleIds);
    // Checked on the roles replaceRoles loaded; throwing rolls the replacement back.
    if (principal.kind === 'user' && principal.userId === userId && !roles.some((role) => role.permissions.includes('admin'))) {
      throw domainError(ErrorCode.BadUserInput, 'You cannot remove your own admin role', { field: 'roleIds' });
    }
  });
  return user;
}

function validatePermissions(permissions: string[]): string[] {
  for (const permission of permissions) {
    if (!PERMISSION_NAME.test(permission))
      throw domainError(ErrorCode.BadUserInput, `Invalid permission name: ${permission.slice(0, 64)}`, { field: 'permissions' });
  }
  return [...new Set(permissions)].sort();
}

export async function createRole(em: EntityManager, principal: Principal, name: string, permissions: string[]): Promise<Role> {
  requirePermission(principal, 'admin', 'users:write', 'role management');
  const clean = validatePermissions(permissions);
  const existing = await em.findOne(Role, { name: name.trim() });
  if (existing) throw domainError(ErrorCode.Conflict, 'A role with this name exists', { field: 'name' });
  const role = em.create(Role, { id: randomUUID(), name: name.trim(), permissions: clean, createdAt: new Date() });
  await em.flush();
  return role;
}

export async function updateRole(
  em: EntityManager,
  principal: Principal,
  id: string,
  name: string | null | undefined,
  permissions: string[] | null | undefined,
): Promise<Role> {
  requirePermission(principal, 'admin', 'users:write', 'role management');
  const role = await em.findOne(Role, { id });
  if (!role) throw domainError(ErrorCode.NotFound, 'No such role', { field: 'id' });
  if (name != null) {
    const other = await em.findOne(Role, { name: name.trim(), id: { $ne: id } });
    if (other) throw domainError(ErrorCode.Conflict, 'A role with this name exists', { field: 'name' });
    role.name = name.trim();
  }
  if (permissions != null) role.permissions = validatePermissions(permissions);
  await em.flush();
  return role;
}
