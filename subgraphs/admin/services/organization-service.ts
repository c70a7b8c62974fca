import { UniqueConstraintViolationException, type EntityManager } from '@mikro-orm/postgresql';
import { GraphQLError } from 'graphql';
import { connectionOf, pageWindow, type Connection, type ConnectionArgs } from '../../../common/connections';
import { domainError, ErrorCode } from '../../../common/errors';
import { recordEvent } from '../../../common/outbox';
import type { Principal } from '../../../common/principal';
import { Organization, type OrganizationMember, type OrganizationRole } from '../entities/organization';
import { User } from '../entities/user';
import { isSiteAdmin, requireUserCaller, type UserCaller } from './resource-service';

/**
 * Organizations of the general API (seed 003, G9–G13c). The creator becomes
 * the owner. Members see the organization and its members; owners and
 * admins of the organization rename it and manage members (only owners grant
 * or remove the owner role); only owners delete it; any member may leave.
 * An organization keeps at least one owner. Users with the site-wide `admin`
 * permission may do everything. To everyone else an organization is
 * NOT_FOUND, as if it did not exist.
 * Changes record organization.updated / organization.member_added /
 * organization.member_removed (with `organization_id`) in the admin outbox,
 * in the same transaction; organization webhooks receive them.
 */
const SLUG_PATTERN = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
const ROLES: readonly OrganizationRole[] = ['owner', 'admin', 'member'];

interface MemberRow {
  organization_id: string;
  user_id: string;
  role: OrganizationRole;
  created_at: Date;
}

export function memberFromRow(row: MemberRow): OrganizationMember {
  return { organizationId: row.organization_id, userId: row.user_id, role: row.role, joinedAt: new Date(row.created_at) };
}

function validName(name: string): string {
  const trimmed = name.trim();
  if (trimmed.length < 1 || trimmed.length > 200) throw domainError(ErrorCode.BadUserInput, 'name must be 1 to 200 characters', { field: 'name' });
  return trimmed;
}

function validSlug(slug: string): string {
  if (slug.length < 2 || slug.length > 64 || !SLUG_PATTERN.test(slug)) {
    throw domainError(ErrorCode.BadUserInput, 'slug must be 2 to 64 lower-case letters, digits and single dashes, not starting or ending with a dash', {
      field: 'slug',
    });
  }
  return slug;
}

function validRole(role: string): OrganizationRole {
  if (!ROLES.includes(role as OrganizationRole)) throw domainError(ErrorCode.BadUserInput, `role must be one of ${ROLES.join(', ')}`, { field: 'role' });
  return role as OrganizationRole;
}

const slugTaken = () => domainError(ErrorCode.Conflict, 'That slug is taken', { field: 'slug' });

/** Owners and admins of an organization manage it: rename it, manage members, point webhooks at its events. */
export const MANAGER_ROLES: readonly OrganizationRole[] = ['owner', 'admin'];

export function managesOrganization(role: OrganizationRole | null): boolean {
  return role !== null && MANAGER_ROLES.includes(role);
}

/** The user's role in the organization; null when not a member (or no such organization). */
export async function roleOf(em: EntityManager, organizationId: string, userId: string): Promise<OrganizationRole | null> {
  const [row] = await em.execute<{ role: OrganizationRole }[]>('select role from admin.organization_members where organization_id = ? and user_id = ?', [
    organizationId,
    userId,
  ]);
  return row?.role ?? null;
}

/**
 * The organization (locked for the transaction when `lock`) and the caller's
 * role in it; NOT_FOUND when it does not exist or the caller may not see it.
 */
async function accessTo(
  em: EntityManager,
  caller: UserCaller,
  organizationId: string,
  lock = false,
): Promise<{ organization: Organization; role: OrganizationRole | null; siteAdmin: boolean }> {
  if (lock) await em.execute('select id from admin.organizations where id = ? for update', [organizationId]);
  const organization = await em.findOne(Organization, { id: organizationId });
  const role = organization ? await roleOf(em, organizationId, caller.userId) : null;
  const siteAdmin = isSiteAdmin(caller);
  if (!organization || (!role && !siteAdmin)) throw domainError(ErrorCode.NotFound, 'No such organization');
  return { organization, role, siteAdmin };
}

export async function listOrganizations(em: EntityManager, principal: Principal, args: ConnectionArgs): Promise<Connection<Organization>> {
  const caller = requireUserCaller(principal, 'organizations');
  const { offset, limit } = pageWindow(args);
  const mine = isSiteAdmin(caller) ? '' : 'where exists (select 1 from admin.organization_members m where m.organization_id = o.id and m.user_id = ?)';
  const values = isSiteAdmin(caller) ? [] : [caller.userId];
  const [count] = await em.execute<{ total: string }[]>(`select count(*) as total from admin.organizations o ${mine}`, values);
  const rows = await em.execute<{ id: string }[]>(`select o.id from admin.organizations o ${mine} order by o.created_at, o.id limit ? offset ?`, [
    ...values,
    limit,
    offset,
  ]);
  const organizations = rows.length > 0 ? await em.find(Organization, { id: { $in: rows.map((row) => row.id) } }) : [];
  const byId = new Map(organizations.map((organization) => [organization.id, organization]));
  return connectionOf(rows.map((row) => byId.get(row.id)!).filter(Boolean), offset, Number(count?.total ?? 0));
}

/** null when it does not exist or the caller is neither a member nor a site admin. */
export async function findOrganization(em: EntityManager, principal: Principal, id: string): Promise<Organization | null> {
  const caller = requireUserCaller(principal, 'organizations');
  try {
    return (await accessTo(em, caller, id)).organization;
  } catch (error) {
    if (error instanceof GraphQLError && error.extensions.code === ErrorCode.NotFound) return null;
    throw error;
  }
}

export async function createOrganization(em: EntityManager, principal: Principal, input: { name: string; slug: string }): Promise<Organization> {
  const caller = requireUserCaller(principal, 'organizations');
  const name = validName(input.name);
  const slug = validSlug(input.slug);
  // Everything the answer shows is read before the commit: a fault after it cannot fail a created organization.
  return em.transactional(async (tx) => {
    const [row] = await tx.execute<{ id: string }[]>('insert into admin.organizations (name, slug) values (?, ?) on conflict (slug) do nothing returning id', [
      name,
      slug,
    ]);
    if (!row) throw slugTaken();
    await tx.execute("insert into admin.organization_members (organization_id, user_id, role) values (?, ?, 'owner')", [row.id, caller.userId]);
    return tx.findOneOrFail(Organization, { id: row.id });
  });
}

/** The role the creator of an organization has in it (createOrganization's answer shows it without a read). */
export const CREATOR_ROLE: OrganizationRole = 'owner';

export async function updateOrganization(
  em: EntityManager,
  principal: Principal,
  id: string,
  input: { name?: string | null; slug?: string | null },
): Promise<Organization> {
  const caller = requireUserCaller(principal, 'organizations');
  const { organization, role, siteAdmin } = await accessTo(em, caller, id);
  if (!siteAdmin && !managesOrganization(role)) throw domainError(ErrorCode.Forbidden, 'Only owners and admins of the organization may change it');
  if (input.name === null) throw domainError(ErrorCode.BadUserInput, 'name cannot be null', { field: 'name' });
  if (input.slug === null) throw domainError(ErrorCode.BadUserInput, 'slug cannot be null', { field: 'slug' });
  const name = input.name === undefined ? undefined : validName(input.name);
  const slug = input.slug === undefined ? undefined : validSlug(input.slug);
  const changed = [...(name === undefined ? [] : ['name']), ...(slug === undefined ? [] : ['slug'])];
  try {
    await em.transactional(async (tx) => {
      if (name !== undefined) organization.name = name;
      if (slug !== undefined) organization.slug = slug;
      organization.updatedAt = new Date();
      await tx.flush();
      await recordEvent(tx, 'admin', 'organization.updated', { organization_id: organization.id, name: organization.name, slug: organization.slug, changed });
    });
  } catch (error) {
    if (error instanceof UniqueConstraintViolationException) throw slugTaken();
    throw error;
  }
  return organization;
}

export async function deleteOrganization(em: EntityManager, principal: Principal, id: string): Promise<string> {
  const caller = requireUserCaller(principal, 'organizations');
  const { role, siteAdmin } = await accessTo(em, caller, id);
  if (!siteAdmin && role !== 'owner') throw domainError(ErrorCode.Forbidden, 'Only owners may delete the organization');
  await em.execute('delete from admin.organizations where id = ?', [id]);
  return id;
}

export async function addOrganizationMember(
  em: EntityManager,
  principal: Principal,
  organizationId: string,
  userId: string,
  role: string,
): Promise<OrganizationMember> {
  const caller = requireUserCaller(principal, 'organizations');
  const granted = validRole(role);
  const row = await em.transactional(async (tx) => {
    const access = await accessTo(tx, caller, organizationId, true);
    if (!access.siteAdmin && !managesOrganization(access.role)) {
      throw domainError(ErrorCode.Forbidden, 'Only owners and admins of the organization may add members');
    }
    if (granted === 'owner' && !access.siteAdmin && access.role !== 'owner') throw domainError(ErrorCode.Forbidden, 'Only owners may add owners');
    // An entity read, so the answer's user comes from the identity map after the commit.
    const user = await tx.findOne(User, { id: userId, disabled: false });
    if (!user) throw domainError(ErrorCode.NotFound, 'No such user', { field: 'user_id' });
    const [inserted] = await tx.execute<MemberRow[]>(
      `insert into admin.organization_members (organization_id, user_id, role) values (?, ?, ?)
       on conflict do nothing returning organization_id, user_id, role, created_at`,
      [organizationId, userId, granted],
    );
    if (!inserted) throw domainError(ErrorCode.Conflict, 'The user is already a member', { field: 'user_id' });
    await recordEvent(tx, 'admin', 'organization.member_added', { organization_id: organizationId, user_id: userId, role: granted });
    return inserted;
  });
  return memberFromRow(row);
}

export async function removeOrganizationMember(em: EntityManager, principal: Principal, organizationId: string, userId: string): Promise<string> {
  const caller = requireUserCaller(principal, 'organizations');
  await em.transactional(async (tx) => {
    // The lock serializes membership changes, so two owners cannot remove each other at once.
    const access = await accessTo(tx, caller, organizationId, true);
    const target = await roleOf(tx, organizationId, userId);
    const leaving = userId === caller.userId;
    const manager = access.siteAdmin || managesOrganization(access.role);
    if (!leaving && !manager) throw domainError(ErrorCode.Forbidden, 'Only owners and admins of the organization may remove members');
    if (!target) throw domainError(ErrorCode.NotFound, 'The user is not a member');
    if (target === 'owner' && !leaving && !access.siteAdmin && access.role !== 'owner') {
      throw domainError(ErrorCode.Forbidden, 'Only owners may remove owners');
    }
    if (target === 'owner') {
      const [owners] = await tx.execute<{ n: string }[]>("select count(*) as n from admin.organization_members where organization_id = ? and role = 'owner'", [
        organizationId,
      ]);
      if (Number(owners?.n ?? 0) <= 1) throw domainError(ErrorCode.Conflict, 'An organization keeps at least one owner; delete it instead');
    }
    await tx.execute('delete from admin.organization_members where organization_id = ? and user_id = ?', [organizationId, userId]);
    await recordEvent(tx, 'admin', 'organization.member_removed', { organization_id: organizationId, user_id: userId, role: target });
  });
  return userId;
}
