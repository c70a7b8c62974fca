import type { EntityManager } from '@mikro-orm/postgresql';
import type { DomainEvent } from '../../common/outbox';
import type { OrganizationMember, OrganizationRole } from './entities/organization';
import type { Plan } from './entities/user';
import type { TargetAccess } from './services/permissions';

/**
 * The admin subgraph's hand-written SQL: only statements the ORM cannot say
 * as well (the database clock, ON CONFLICT, compare-and-set, row locks, bulk
 * statements, aggregates, several facts in one round trip). Everything else
 * goes through the entities. Statements that carry a secret or its hash run
 * inside the callers' withHiddenValues (services/hidden-sql.ts).
 */

/**
 * The ids of one page of a table (as `from`: `admin.users u`, alias one
 * letter), oldest first, and how many rows the filter keeps: the services
 * then read the page's entities by id in one ORM query.
 */
async function idPage(
  em: EntityManager,
  from: string,
  clause: string,
  values: readonly unknown[],
  limit: number,
  offset: number,
): Promise<{ ids: string[]; total: number }> {
  const alias = from.split(' ')[1]!;
  const [count] = await em.execute<{ total: string }[]>(`select count(*) as total from ${from} ${clause}`, [...values]);
  const rows = await em.execute<{ id: string }[]>(`select ${alias}.id from ${from} ${clause} order by ${alias}.created_at, ${alias}.id limit ? offset ?`, [
    ...values,
    limit,
    offset,
  ]);
  return { ids: rows.map((row) => row.id), total: Number(count?.total ?? 0) };
}

// ---------------------------------------------------------------- users and roles

/** Why: matches the case-insensitive unique index on lower(email) and reads the lazy hash column in the same statement. */
export async function passwordOfEmail(em: EntityManager, email: string): Promise<{ id: string; passwordHash: string } | null> {
  const [row] = await em.execute<{ id: string; password_hash: string }[]>('select id, password_hash from admin.users where lower(email) = lower(?)', [
    email.trim(),
  ]);
  return row ? { id: row.id, passwordHash: row.password_hash } : null;
}

/** Why: two facts in one round trip, each on a case-insensitive unique index (lower(email), lower(username)). */
export async function namesTaken(
  em: EntityManager,
  email: string | undefined,
  username: string | undefined,
  exceptId: string | undefined,
): Promise<{ emailTaken: boolean; usernameTaken: boolean }> {
  const [row] = await em.execute<{ email_taken: boolean; username_taken: boolean }[]>(
    `select
       exists (select 1 from admin.users where lower(email) = lower(?) and id is distinct from ?::uuid) as email_taken,
       exists (select 1 from admin.users where lower(username) = lower(?) and id is distinct from ?::uuid) as username_taken`,
    [email ?? '', exceptId ?? null, username ?? '', exceptId ?? null],
  );
  return { emailTaken: row?.email_taken ?? false, usernameTaken: row?.username_taken ?? false };
}

/** Why: the case-insensitive unique index on lower(username); answers whose address holds the name. */
export async function emailOfUsername(em: EntityManager, username: string): Promise<string | null> {
  const [row] = await em.execute<{ email: string }[]>('select email from admin.users where lower(username) = lower(?)', [username]);
  return row?.email ?? null;
}

/** Why: ON CONFLICT DO NOTHING: an address registered already (or by a concurrent request) changes nothing and raises nothing. */
export async function insertUserUnlessRegistered(em: EntityManager, user: { email: string; username: string; passwordHash: string }): Promise<void> {
  await em.execute('insert into admin.users (email, username, password_hash) values (?, ?, ?) on conflict do nothing', [
    user.email,
    user.username,
    user.passwordHash,
  ]);
}

/** The filter of the admin user list. */
export interface UserSearch {
  search?: string | null;
  role?: string | null;
}

/** Why: a case-insensitive substring search over four columns and a role name, with the page's total in the same statement. */
export async function searchUsers(em: EntityManager, filter: UserSearch, limit: number, offset: number): Promise<{ ids: string[]; total: number }> {
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
  return idPage(em, 'admin.users u', where.length > 0 ? `where ${where.join(' and ')}` : '', values, limit, offset);
}

/** Why: a bulk statement; a user's whole role set is replaced by one delete and one insert (call inside a transaction). */
export async function replaceUserRoles(em: EntityManager, userId: string, roleIds: readonly string[]): Promise<void> {
  await em.execute('delete from admin.user_roles where user_id = ?', [userId]);
  if (roleIds.length > 0) {
    await em.execute('insert into admin.user_roles (user_id, role_id) select ?, unnest(?::uuid[])', [userId, `{${roleIds.join(',')}}`]);
  }
}

/** Why: a join ordered by role name for many users at once (the roles loader), reading only the pairs. */
export async function roleIdsOfUsers(em: EntityManager, userIds: readonly string[]): Promise<{ userId: string; roleId: string }[]> {
  const rows = await em.execute<{ user_id: string; role_id: string }[]>(
    `select ur.user_id, ur.role_id from admin.user_roles ur join admin.roles r on r.id = ur.role_id
     where ur.user_id in (${userIds.map(() => '?').join(', ')}) order by r.name`,
    [...userIds],
  );
  return rows.map((row) => ({ userId: row.user_id, roleId: row.role_id }));
}

/** What a credential's principal carries of its user. */
export interface PrincipalUser {
  username: string;
  disabled: boolean;
  plan: Plan;
  roles: { id: string; name: string; permissions: string[] }[];
}

/**
 * Why: the hot path of every authenticated request the gateway has not
 * cached: plain values (no entities to hydrate), the user and its roles in
 * two statements.
 */
export async function principalUser(em: EntityManager, userId: string): Promise<PrincipalUser | null> {
  const [user] = await em.execute<{ username: string; disabled: boolean; plan: Plan }[]>('select username, disabled, plan from admin.users where id = ?', [
    userId,
  ]);
  if (!user) return null;
  const roles = await em.execute<{ id: string; name: string; permissions: string[] }[]>(
    'select r.id, r.name, r.permissions from admin.user_roles ur join admin.roles r on r.id = ur.role_id where ur.user_id = ? order by r.name',
    [userId],
  );
  return { ...user, roles };
}

/** Why: bootstrap's count over a join, before any entity is needed. */
export async function adminCount(em: EntityManager): Promise<number> {
  const [row] = await em.execute<{ count: string }[]>(
    `select count(*) as count from admin.user_roles ur join admin.roles r on r.id = ur.role_id where r.name = 'admin'`,
  );
  return Number(row?.count ?? 0);
}

/** Why: ON CONFLICT on the lower(email) index: a first start that finds the address sets its password and makes it admin, in two statements. */
export async function upsertAdminUser(em: EntityManager, user: { email: string; username: string; passwordHash: string }): Promise<void> {
  const [row] = await em.execute<{ id: string }[]>(
    `insert into admin.users (email, username, password_hash) values (?, ?, ?)
     on conflict (lower(email)) do update set password_hash = excluded.password_hash returning id`,
    [user.email, user.username, user.passwordHash],
  );
  await em.execute(`insert into admin.user_roles (user_id, role_id) select ?, id from admin.roles where name = 'admin' on conflict do nothing`, [row!.id]);
}

// ---------------------------------------------------------------- sessions, tokens, sign-in throttling

/** Why: the expiry comes from the database clock (now()), as every check of it does. */
export async function insertLoginSession(
  em: EntityManager,
  session: { userId: string; tokenHash: string; csrfToken: string; ttlSeconds: number },
): Promise<Date> {
  const [row] = await em.execute<{ expires_at: Date }[]>(
    `insert into admin.login_sessions (user_id, token_hash, csrf_token, expires_at)
     values (?, ?, ?, now() + make_interval(secs => ?)) returning expires_at`,
    [session.userId, session.tokenHash, session.csrfToken, session.ttlSeconds],
  );
  return new Date(row!.expires_at);
}

/** Why: the database clock decides whether the session is still valid. */
export async function liveSessionByTokenHash(
  em: EntityManager,
  tokenHash: string,
): Promise<{ id: string; userId: string; tokenHash: string; csrfToken: string; expiresAt: Date } | null> {
  const [row] = await em.execute<{ id: string; user_id: string; token_hash: string; csrf_token: string; expires_at: Date }[]>(
    'select id, user_id, token_hash, csrf_token, expires_at from admin.login_sessions where token_hash = ? and expires_at > now()',
    [tokenHash],
  );
  return row ? { id: row.id, userId: row.user_id, tokenHash: row.token_hash, csrfToken: row.csrf_token, expiresAt: new Date(row.expires_at) } : null;
}

/** Why: the database clock decides whether the session is still valid. */
export async function liveSessionById(em: EntityManager, id: string): Promise<{ csrfToken: string; expiresAt: Date } | null> {
  const [row] = await em.execute<{ csrf_token: string; expires_at: Date }[]>(
    'select csrf_token, expires_at from admin.login_sessions where id = ? and expires_at > now()',
    [id],
  );
  return row ? { csrfToken: row.csrf_token, expiresAt: new Date(row.expires_at) } : null;
}

/** Why: the expiry comes from the database clock, as every check of it does. */
export async function insertRefreshToken(em: EntityManager, token: { userId: string; familyId: string; tokenHash: string; ttlSeconds: number }): Promise<void> {
  await em.execute(`insert into admin.refresh_tokens (user_id, family_id, token_hash, expires_at) values (?, ?, ?, now() + make_interval(secs => ?))`, [
    token.userId,
    token.familyId,
    token.tokenHash,
    token.ttlSeconds,
  ]);
}

/** A refresh token as presented, with what decides whether it may be used. */
export interface PresentedRefreshToken {
  id: string;
  userId: string;
  familyId: string;
  spent: boolean;
  expired: boolean;
  userDisabled: boolean;
}

/** Why: the token, its expiry by the database clock and its user's state in one round trip. */
export async function refreshTokenByHash(em: EntityManager, tokenHash: string): Promise<PresentedRefreshToken | null> {
  const [row] = await em.execute<
    { id: string; user_id: string; family_id: string; used_at: Date | null; revoked_at: Date | null; expired: boolean; disabled: boolean }[]
  >(
    `select t.id, t.user_id, t.family_id, t.used_at, t.revoked_at, t.expires_at <= now() as expired, u.disabled
     from admin.refresh_tokens t join admin.users u on u.id = t.user_id where t.token_hash = ?`,
    [tokenHash],
  );
  if (!row) return null;
  return {
    id: row.id,
    userId: row.user_id,
    familyId: row.family_id,
    spent: Boolean(row.used_at || row.revoked_at),
    expired: row.expired,
    userDisabled: row.disabled,
  };
}

/** Why: a compare-and-set; of two concurrent uses of one refresh token only one marks it used. */
export async function spendRefreshToken(em: EntityManager, id: string): Promise<boolean> {
  const claimed = await em.execute<{ id: string }[]>(
    'update admin.refresh_tokens set used_at = now() where id = ? and used_at is null and revoked_at is null returning id',
    [id],
  );
  return claimed.length > 0;
}

/** Why: a bulk update of a whole token family, stamped with the database clock. */
export async function revokeTokenFamily(em: EntityManager, familyId: string): Promise<void> {
  await em.execute('update admin.refresh_tokens set revoked_at = now() where family_id = ? and revoked_at is null', [familyId]);
}

/** Why: a bulk update with a subquery: the family of a token the caller presented, only if it is the caller's. */
export async function revokeFamilyOfToken(em: EntityManager, tokenHash: string, userId: string): Promise<void> {
  await em.execute(
    `update admin.refresh_tokens set revoked_at = now() where revoked_at is null and family_id =
       (select family_id from admin.refresh_tokens where token_hash = ? and user_id = ?)`,
    [tokenHash, userId],
  );
}

/** Why: an aggregate (exists) over the family, for every access token the gateway resolves. */
export async function tokenFamilyRevoked(em: EntityManager, familyId: string): Promise<boolean> {
  const [row] = await em.execute<{ revoked: boolean }[]>(
    'select exists (select 1 from admin.refresh_tokens where family_id = ? and revoked_at is not null) as revoked',
    [familyId],
  );
  return row?.revoked ?? false;
}

/** Why: bulk statements; a disabled user or a changed password ends every session and token family at once. */
export async function endSessionsOfUser(em: EntityManager, userId: string): Promise<void> {
  await em.execute('delete from admin.login_sessions where user_id = ?', [userId]);
  await em.execute('update admin.refresh_tokens set revoked_at = now() where user_id = ? and revoked_at is null', [userId]);
}

/** Why: counts within a window of the database clock, for two keys in one statement. */
export async function recentLoginFailures(em: EntityManager, keys: readonly string[], windowSeconds: number): Promise<Map<string, number>> {
  const rows = await em.execute<{ key: string; failures: number }[]>(
    `select key, failures from admin.login_failures where key in (?, ?) and window_start > now() - make_interval(secs => ?)`,
    [keys[0], keys[1], windowSeconds],
  );
  return new Map(rows.map((row) => [row.key, row.failures]));
}

/** Why: ON CONFLICT with an increment, so concurrent failures all count; a window that passed starts again at 1. */
export async function countLoginFailure(em: EntityManager, key: string, windowSeconds: number): Promise<void> {
  await em.execute(
    `insert into admin.login_failures (key, failures, window_start) values (?, 1, now())
     on conflict (key) do update set
       failures = case when admin.login_failures.window_start > now() - make_interval(secs => ?) then admin.login_failures.failures + 1 else 1 end,
       window_start = case when admin.login_failures.window_start > now() - make_interval(secs => ?) then admin.login_failures.window_start else now() end`,
    [key, windowSeconds, windowSeconds],
  );
}

/** Why: an API key's use is checked and stamped in one statement (the hot path of every key the gateway has not cached). */
export async function useApiKey(
  em: EntityManager,
  secretHash: string,
): Promise<{ id: string; secretHash: string; scopes: string[]; allowedIps: string[]; expiresAt: Date | null; createdBy: string | null } | null> {
  const [row] = await em.execute<
    { id: string; secret_hash: string; scopes: string[]; allowed_ips: string[]; expires_at: Date | null; created_by: string | null }[]
  >(
    `update admin.api_keys set last_used_at = now()
     where secret_hash = ? and not revoked and (expires_at is null or expires_at > now())
     returning id, secret_hash, scopes, allowed_ips, expires_at, created_by`,
    [secretHash],
  );
  if (!row) return null;
  return {
    id: row.id,
    secretHash: row.secret_hash,
    scopes: row.scopes,
    allowedIps: row.allowed_ips,
    expiresAt: row.expires_at ? new Date(row.expires_at) : null,
    createdBy: row.created_by,
  };
}

// ---------------------------------------------------------------- settings

/** Why: ON CONFLICT: a key stored for the first time and one changed are the same statement, stamped by the database clock. */
export async function upsertSetting(em: EntityManager, key: string, value: unknown): Promise<void> {
  await em.execute(
    `insert into admin.settings (key, value, updated_at) values (?, ?::jsonb, now())
     on conflict (key) do update set value = excluded.value, updated_at = now()`,
    [key, JSON.stringify(value)],
  );
}

// ---------------------------------------------------------------- organizations

/** Why: a row lock (FOR UPDATE) that serializes membership changes of one organization. */
export async function lockOrganization(em: EntityManager, organizationId: string): Promise<void> {
  await em.execute('select id from admin.organizations where id = ? for update', [organizationId]);
}

/** Why: ON CONFLICT (slug) DO NOTHING tells a taken slug apart without an exception that would abort the transaction. */
export async function insertOrganizationUnlessSlugTaken(em: EntityManager, name: string, slug: string): Promise<string | null> {
  const [row] = await em.execute<{ id: string }[]>('insert into admin.organizations (name, slug) values (?, ?) on conflict (slug) do nothing returning id', [
    name,
    slug,
  ]);
  return row?.id ?? null;
}

/** Why: ON CONFLICT DO NOTHING: an existing membership is told apart without an exception that would abort the transaction. */
export async function insertMemberUnlessPresent(
  em: EntityManager,
  member: { organizationId: string; userId: string; role: OrganizationRole },
): Promise<OrganizationMember | null> {
  const [row] = await em.execute<{ organization_id: string; user_id: string; role: OrganizationRole; created_at: Date }[]>(
    `insert into admin.organization_members (organization_id, user_id, role) values (?, ?, ?)
     on conflict do nothing returning organization_id, user_id, role, created_at`,
    [member.organizationId, member.userId, member.role],
  );
  return row ? { organizationId: row.organization_id, userId: row.user_id, role: row.role, joinedAt: new Date(row.created_at) } : null;
}

/** Why: a filter by membership (exists) with the page's total, in id order for one entity read. */
export async function organizationPage(em: EntityManager, memberId: string | null, limit: number, offset: number): Promise<{ ids: string[]; total: number }> {
  const mine = memberId === null ? '' : 'where exists (select 1 from admin.organization_members m where m.organization_id = o.id and m.user_id = ?)';
  const values = memberId === null ? [] : [memberId];
  return idPage(em, 'admin.organizations o', mine, values, limit, offset);
}

/** Why: ordered by role rank (owner, admin, member), which no column holds, for many organizations at once (the members loader). */
export async function membersOfOrganizations(em: EntityManager, organizationIds: readonly string[]): Promise<OrganizationMember[]> {
  const rows = await em.execute<{ organization_id: string; user_id: string; role: OrganizationRole; created_at: Date }[]>(
    `select organization_id, user_id, role, created_at from admin.organization_members
     where organization_id in (${organizationIds.map(() => '?').join(', ')})
     order by case role when 'owner' then 0 when 'admin' then 1 else 2 end, created_at, user_id`,
    [...organizationIds],
  );
  return rows.map((row) => ({ organizationId: row.organization_id, userId: row.user_id, role: row.role, joinedAt: new Date(row.created_at) }));
}

/** Why: pairs of keys in one statement (row-value IN), for the role loader of many organizations and users. */
export async function memberRoles(em: EntityManager, pairs: readonly [string, string][]): Promise<Map<string, OrganizationRole>> {
  const rows = await em.execute<{ organization_id: string; user_id: string; role: OrganizationRole }[]>(
    `select organization_id, user_id, role from admin.organization_members
     where (organization_id, user_id) in (${pairs.map(() => '(?::uuid, ?::uuid)').join(', ')})`,
    pairs.flat(),
  );
  return new Map(rows.map((row) => [`${row.organization_id}:${row.user_id}`, row.role]));
}

/** Why: an aggregate; how many owners an organization keeps (it must keep one). */
export async function ownerCount(em: EntityManager, organizationId: string): Promise<number> {
  const [row] = await em.execute<{ n: string }[]>("select count(*) as n from admin.organization_members where organization_id = ? and role = 'owner'", [
    organizationId,
  ]);
  return Number(row?.n ?? 0);
}

// ---------------------------------------------------------------- outbound targets, actions and ingested events

/** A target or webhook as its views show it (no secret, only whether one is set). */
export interface TargetRow {
  id: string;
  kind: TargetAccess['kind'];
  name: string;
  url: string;
  has_secret: boolean;
  enabled: boolean;
  events: string[] | null;
  owner_id: string | null;
  organization_id: string | null;
  created_at: Date;
  updated_at: Date;
}

/** A delivery joined with its target. */
export interface ActionRow extends TargetRow {
  action_id: string;
  event: string;
  payload: Record<string, unknown>;
  status: 'queued' | 'delivering' | 'succeeded' | 'failed';
  attempts: number;
  last_error: string | null;
  last_status_code: number | null;
  next_attempt_at: Date;
  delivered_at: Date | null;
  action_created_at: Date;
  action_updated_at: Date;
}

const TARGET_COLUMNS =
  't.id, t.kind, t.name, t.url, t.secret is not null as has_secret, t.enabled, t.events, t.owner_id, t.organization_id, t.created_at, t.updated_at';
const ACTION_COLUMNS = `a.id as action_id, a.event, a.payload, a.status, a.attempts, a.last_error, a.last_status_code, a.next_attempt_at,
  a.delivered_at, a.created_at as action_created_at, a.updated_at as action_updated_at, ${TARGET_COLUMNS}`;

/** The where clause (on alias t) that keeps a call to the rows it may reach. */
function visibleTargets(access: TargetAccess): { clause: string; values: unknown[] } {
  return access.onlyOwner === null
    ? { clause: 't.kind = ?', values: [access.kind] }
    : { clause: 't.kind = ? and t.owner_id = ?', values: [access.kind, access.onlyOwner] };
}

/** A PostgreSQL array literal; event names are checked against EVENT_TYPE first, so need no quoting. */
export function arrayLiteral(events: readonly string[] | null): string | null {
  return events === null ? null : `{${events.join(',')}}`;
}

/** Why: "has a secret" without reading the sealed secret, and the total in the page's own statement (a window count). */
export async function targetPage(em: EntityManager, access: TargetAccess, limit: number, offset: number): Promise<{ rows: TargetRow[]; total: number }> {
  const { clause, values } = visibleTargets(access);
  const rows = await em.execute<(TargetRow & { total: string })[]>(
    `select ${TARGET_COLUMNS}, count(*) over () as total from admin.outbound_targets t where ${clause} order by t.created_at, t.id limit ? offset ?`,
    [...values, limit, offset],
  );
  const total = rows[0]
    ? Number(rows[0].total)
    : Number((await em.execute<{ n: string }[]>(`select count(*) as n from admin.outbound_targets t where ${clause}`, values))[0]!.n);
  return { rows, total };
}

/** Why: "has a secret" without reading the sealed secret, limited to the rows the call may reach. */
export async function visibleTarget(em: EntityManager, access: TargetAccess, id: string): Promise<TargetRow | null> {
  const { clause, values } = visibleTargets(access);
  const [row] = await em.execute<TargetRow[]>(`select ${TARGET_COLUMNS} from admin.outbound_targets t where t.id = ? and ${clause}`, [id, ...values]);
  return row ?? null;
}

/** Why: the insert answers the whole view (no read after the commit that could fail a created target), without the sealed secret. */
export async function insertTarget(
  em: EntityManager,
  target: {
    kind: TargetAccess['kind'];
    name: string;
    url: string;
    secret: string | null;
    enabled: boolean;
    events: string[] | null;
    createdBy: string | null;
    ownerId: string | null;
    organizationId: string | null;
  },
): Promise<TargetRow> {
  const [row] = await em.execute<TargetRow[]>(
    `insert into admin.outbound_targets as t (kind, name, url, secret, enabled, events, created_by, owner_id, organization_id)
     values (?, ?, ?, ?, ?, ?::text[], ?, ?, ?) returning ${TARGET_COLUMNS}`,
    [target.kind, target.name, target.url, target.secret, target.enabled, arrayLiteral(target.events), target.createdBy, target.ownerId, target.organizationId],
  );
  return row!;
}

/** The columns a target update may set; undefined leaves one as it is. */
export interface TargetChanges {
  name?: string;
  url?: string;
  secret?: string | null;
  enabled?: boolean;
  events?: string[] | null;
  organizationId?: string | null;
}

/** Why: only the given columns change, stamped by the database clock, without reading the sealed secret back. */
export async function updateTargetColumns(em: EntityManager, id: string, changes: TargetChanges): Promise<void> {
  const sets: string[] = [];
  const values: unknown[] = [];
  const set = (column: string, value: unknown, cast = '') => {
    sets.push(`${column} = ?${cast}`);
    values.push(value);
  };
  if (changes.name !== undefined) set('name', changes.name);
  if (changes.url !== undefined) set('url', changes.url);
  if (changes.secret !== undefined) set('secret', changes.secret);
  if (changes.enabled !== undefined) set('enabled', changes.enabled);
  if (changes.events !== undefined) set('events', arrayLiteral(changes.events), '::text[]');
  if (changes.organizationId !== undefined) set('organization_id', changes.organizationId);
  if (sets.length === 0) return;
  await em.execute(`update admin.outbound_targets set ${sets.join(', ')}, updated_at = now() where id = ?`, [...values, id]);
}

/** The filter of the action list. */
export interface ActionSearch {
  status?: ActionRow['status'] | null;
  targetId?: string | null;
}

/** Why: a join of each action with its target's view, newest first, and the total (an aggregate). */
export async function actionPage(em: EntityManager, filter: ActionSearch, limit: number, offset: number): Promise<{ rows: ActionRow[]; total: number }> {
  const where: string[] = [];
  const values: unknown[] = [];
  if (filter.status) {
    where.push('a.status = ?');
    values.push(filter.status);
  }
  if (filter.targetId) {
    where.push('a.target_id = ?');
    values.push(filter.targetId);
  }
  const clause = where.length > 0 ? `where ${where.join(' and ')}` : '';
  const rows = await em.execute<ActionRow[]>(
    `select ${ACTION_COLUMNS} from admin.outbound_actions a join admin.outbound_targets t on t.id = a.target_id ${clause}
     order by a.created_at desc, a.id limit ? offset ?`,
    [...values, limit, offset],
  );
  const [count] = await em.execute<{ n: string }[]>(`select count(*) as n from admin.outbound_actions a ${clause}`, values);
  return { rows, total: Number(count!.n) };
}

/** Why: one action joined with its target's view, in one round trip. */
export async function actionById(em: EntityManager, id: string): Promise<ActionRow | null> {
  const [row] = await em.execute<ActionRow[]>(
    `select ${ACTION_COLUMNS} from admin.outbound_actions a join admin.outbound_targets t on t.id = a.target_id where a.id = ?`,
    [id],
  );
  return row ?? null;
}

/**
 * Why: due by the database clock an hour from now, so the background worker
 * leaves it to the call that delivers it at once (a poll in between would
 * deliver the test twice).
 */
export async function insertTestAction(em: EntityManager, targetId: string): Promise<string> {
  const [row] = await em.execute<{ id: string }[]>(
    `insert into admin.outbound_actions (target_id, event, payload, next_attempt_at)
     values (?, 'webhook.test', ?::jsonb, now() + interval '1 hour') returning id`,
    [targetId, JSON.stringify({ test: true, targetId, message: 'This is a test delivery.' })],
  );
  return row!.id;
}

/**
 * Why: a bulk statement; records the events not seen before (ON CONFLICT on
 * their ids) and creates their actions for every matching target and webhook
 * in one round trip, checking webhooks' owners and organization roles per event.
 */
export async function insertActionsForEvents(
  em: EntityManager,
  source: string,
  events: readonly DomainEvent[],
  managerRoles: readonly OrganizationRole[],
): Promise<number> {
  const rows = await em.execute<{ id: string }[]>(
    `with incoming as (
       select * from jsonb_to_recordset(?::jsonb) as x(id uuid, type text, payload jsonb, "occurredAt" timestamptz)
     ), inserted as (
       insert into admin.domain_events (id, source, type, occurred_at)
       select id, ?, type, "occurredAt" from incoming on conflict (id) do nothing returning id
     )
     insert into admin.outbound_actions (target_id, event_id, event, payload)
     select t.id, i.id, i.type, i.payload
     from incoming i join inserted using (id)
     join admin.outbound_targets t on t.enabled and (t.events is null or i.type = any(t.events))
     left join admin.users owner on owner.id = t.owner_id
     where t.kind = 'target'
        or (? = 'admin' and not owner.disabled and (
              (t.organization_id is null and i.payload ->> 'owner_id' = t.owner_id::text)
           or (t.organization_id::text = i.payload ->> 'organization_id' and exists (
                 select 1 from admin.organization_members m
                 where m.organization_id = t.organization_id and m.user_id = t.owner_id and m.role = any(?::text[])))))
     order by i."occurredAt"
     returning id`,
    [JSON.stringify(events), source, source, arrayLiteral([...managerRoles])],
  );
  return rows.length;
}

// ---------------------------------------------------------------- the gateway's shared records

/** What a claim found. */
export type IdempotencyRecord = { claimed: true } | { claimed: false; existing: { fingerprint: string; response: string | null } | null };

/**
 * Why: ON CONFLICT with a condition, in one statement: two gateways racing
 * for a new key cannot both start it, and only an expired record or a lapsed
 * claim of the same request is taken over. Expiry follows the database clock.
 */
export async function claimIdempotencyRecord(
  em: EntityManager,
  claim: { recordKey: string; fingerprint: string; token: string; leaseSeconds: number; ttlSeconds: number },
): Promise<boolean> {
  const [claimed] = await em.execute<{ claim_token: string }[]>(
    `insert into admin.idempotency_keys as k (record_key, fingerprint, claim_token, locked_until, expires_at)
     values (?, ?, ?::uuid, now() + make_interval(secs => ?), now() + make_interval(secs => ?))
     on conflict (record_key) do update set fingerprint = excluded.fingerprint, claim_token = excluded.claim_token, response = null,
       locked_until = excluded.locked_until, created_at = now(), expires_at = excluded.expires_at
     where k.expires_at <= now() or (k.response is null and k.locked_until <= now() and k.fingerprint = excluded.fingerprint)
     returning k.claim_token`,
    [claim.recordKey, claim.fingerprint, claim.token, claim.leaseSeconds, claim.ttlSeconds],
  );
  return claimed?.claim_token === claim.token;
}

/** Why: expiry by the database clock, as the claim decides it. */
export async function liveIdempotencyRecord(em: EntityManager, recordKey: string): Promise<{ fingerprint: string; response: string | null } | null> {
  const [row] = await em.execute<{ fingerprint: string; response: string | null }[]>(
    'select fingerprint, response from admin.idempotency_keys where record_key = ? and expires_at > now()',
    [recordKey],
  );
  return row ?? null;
}

/** Why: a compare-and-set on the claim token: only the attempt that holds the claim completes it. */
export async function completeIdempotencyRecord(em: EntityManager, recordKey: string, claimToken: string, response: string): Promise<boolean> {
  const rows = await em.execute<{ record_key: string }[]>(
    `update admin.idempotency_keys set response = ?, claim_token = null, locked_until = null
     where record_key = ? and claim_token = ?::uuid returning record_key`,
    [response, recordKey, claimToken],
  );
  return rows.length > 0;
}

/** Why: a compare-and-set on the claim token: only the attempt that holds the claim releases it. */
export async function releaseIdempotencyRecord(em: EntityManager, recordKey: string, claimToken: string): Promise<boolean> {
  const rows = await em.execute<{ record_key: string }[]>(
    'delete from admin.idempotency_keys where record_key = ? and claim_token = ?::uuid returning record_key',
    [recordKey, claimToken],
  );
  return rows.length > 0;
}

/** Why: a bulk delete by the database clock, now and then. */
export async function deleteExpiredIdempotencyRecords(em: EntityManager): Promise<void> {
  await em.execute('delete from admin.idempotency_keys where expires_at < now()');
}

/** Why: ON CONFLICT with an increment, so every replica counts in the same row; the window follows the database clock. */
export async function countInWindow(em: EntityManager, key: string, windowSeconds: number, requests: number): Promise<{ count: number; windowStart: Date }> {
  const [row] = await em.execute<{ count: number; window_start: Date }[]>(
    `insert into admin.rate_limit_counters as c (key, window_start, count)
     values (?, to_timestamp(floor(extract(epoch from now())::float8 / ?::int) * ?::int), ?::int)
     on conflict (key, window_start) do update set count = c.count + excluded.count
     returning c.count, c.window_start`,
    [key, windowSeconds, windowSeconds, requests],
  );
  if (!row) throw new Error('rate-limit counter returned no row');
  return { count: Number(row.count), windowStart: new Date(row.window_start) };
}

/** Why: a bulk delete by the database clock, now and then. */
export async function deleteOldCounters(em: EntityManager, olderThanSeconds: number): Promise<void> {
  await em.execute(`delete from admin.rate_limit_counters where window_start < now() - interval '${olderThanSeconds} seconds'`);
}
