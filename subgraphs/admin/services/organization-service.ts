import { UniqueConstraintViolationException, type EntityManager } from '@mikro-orm/postgresql';
import { GraphQLError } from 'graphql';
import { connectionOf, pageWindow, type Connection, type ConnectionArgs } from '../../../common/connections';
import { domainError, ErrorCode } from '../../../common/errors';
import { recordEvent } from '../../../common/outbox';
import { inTransaction } from '../../../common/transaction';
import type { Context } from '../context';
import { Organization, OrganizationMember, type OrganizationRole } from '../entities/organization';
import { User } from '../entities/user';
import { insertMemberUnlessPresent, insertOrganizationUnlessSlugTaken, lockOrganization, organizationPage, ownerCount } from '../queries';
import { assertAllowed, can, isSiteAdmin, type OrganizationAccess, type UserCaller } from './permissions';

/**
 * Organizations of the general API (seed 003). The creator becomes
 * the owner. Members see the organization and its members; owners and
 * admins of the organization rename it and manage members (only owners grant
 * or remove the owner role); only owners delete it; any member may leave.
 * An organization keeps at least one owner. Users with the site-wide `admin`
 * permission may do everything. To everyone else an organization is
 * NOT_FOUND, as if it did not exist (the rules: services/permissions.ts).
 * Changes record organization.updated / organization.member_added /
 * organization.member_removed (with `organization_id`) in the admin outbox,
 * in the same transaction; organization webhooks receive them.
 */
const SLUG_PATTERN = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
const ROLES: readonly OrganizationRole[] = ['owner', 'admin', 'member'];

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

/** The user's role in the organization; null when not a member (or no such organization). */
export async function roleOf(em: EntityManager, organizationId: string, userId: string): Promise<OrganizationRole | null> {
  const member = await em.findOne(OrganizationMember, { organizationId, userId });
  return member?.role ?? null;
}

/**
 * The organization (locked for the transaction when `lock`) and the caller's
 * standing in it; NOT_FOUND when it does not exist or the caller may not see it.
 */
async function accessTo(
  context: Context,
  em: EntityManager,
  caller: UserCaller,
  organizationId: string,
  lock = false,
): Promise<{ organization: Organization } & OrganizationAccess> {
  if (lock) await lockOrganization(em, organizationId);
  const organization = await em.findOne(Organization, { id: organizationId });
  const role = organization ? await roleOf(em, organizationId, caller.userId) : null;
  const access = { role, siteAdmin: isSiteAdmin(caller) };
  if (!organization) throw domainError(ErrorCode.NotFound, 'No such organization');
  await assertAllowed(context, 'organization:view', access);
  return { organization, ...access };
}

export async function listOrganizations(context: Context, args: ConnectionArgs): Promise<Connection<Organization>> {
  const caller = await assertAllowed(context, 'organization:use');
  const { em } = context;
  const { offset, limit } = pageWindow(args);
  const { ids, total } = await organizationPage(em, isSiteAdmin(caller) ? null : caller.userId, limit, offset);
  const organizations = ids.length > 0 ? await em.find(Organization, { id: { $in: ids } }) : [];
  const byId = new Map(organizations.map((organization) => [organization.id, organization]));
  return connectionOf(ids.map((id) => byId.get(id)!).filter(Boolean), offset, total);
}

/** null when it does not exist or the caller is neither a member nor a site admin. */
export async function findOrganization(context: Context, id: string): Promise<Organization | null> {
  const caller = await assertAllowed(context, 'organization:use');
  try {
    return (await accessTo(context, context.em, caller, id)).organization;
  } catch (error) {
    if (error instanceof GraphQLError && error.extensions.code === ErrorCode.NotFound) return null;
    throw error;
  }
}

/** An organization another subgraph refers to: null unless the caller may see it. */
export async function organizationReference(context: Context, id: string): Promise<Organization | null> {
  const organization = await context.loaders.organizationById.load(id);
  return organization && (await can(context, 'organization:reference', organization)) ? organization : null;
}

/** The caller's role in the organization (null for anyone who is no member, and for keys). */
export function myRole({ principal, loaders }: Context, organization: Organization): Promise<OrganizationRole | null> | null {
  return principal.kind === 'user' ? loaders.organizationRole.load(`${organization.id}:${principal.userId}`) : null;
}

/** The role the creator of an organization has in it (createOrganization's answer shows it without a read). */
const CREATOR_ROLE: OrganizationRole = 'owner';

export async function createOrganization(context: Context, input: { name: string; slug: string }): Promise<Organization> {
  const caller = await assertAllowed(context, 'organization:use');
  const name = validName(input.name);
  const slug = validSlug(input.slug);
  // Everything the answer shows is read before the commit: a fault after it cannot fail a created organization.
  const organization = await inTransaction(context.em, async (tx) => {
    const id = await insertOrganizationUnlessSlugTaken(tx, name, slug);
    if (!id) throw slugTaken();
    await insertMemberUnlessPresent(tx, { organizationId: id, userId: caller.userId, role: CREATOR_ROLE });
    return tx.findOneOrFail(Organization, { id });
  });
  // The caller's role is known: myRole needs no read after the commit.
  context.loaders.organizationRole.prime(`${organization.id}:${caller.userId}`, CREATOR_ROLE);
  return organization;
}

export async function updateOrganization(context: Context, id: string, input: { name?: string | null; slug?: string | null }): Promise<Organization> {
  const caller = await assertAllowed(context, 'organization:use');
  const { organization, ...access } = await accessTo(context, context.em, caller, id);
  await assertAllowed(context, 'organization:update', access);
  if (input.name === null) throw domainError(ErrorCode.BadUserInput, 'name cannot be null', { field: 'name' });
  if (input.slug === null) throw domainError(ErrorCode.BadUserInput, 'slug cannot be null', { field: 'slug' });
  const name = input.name === undefined ? undefined : validName(input.name);
  const slug = input.slug === undefined ? undefined : validSlug(input.slug);
  const changed = [...(name === undefined ? [] : ['name']), ...(slug === undefined ? [] : ['slug'])];
  try {
    await inTransaction(context.em, async (tx) => {
      if (name !== undefined) organization.name = name;
      if (slug !== undefined) organization.slug = slug;
      // A rename to the same name is still a change the caller made: it is stamped and recorded.
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

export async function deleteOrganization(context: Context, id: string): Promise<string> {
  const caller = await assertAllowed(context, 'organization:use');
  const { organization, ...access } = await accessTo(context, context.em, caller, id);
  await assertAllowed(context, 'organization:delete', access);
  await context.em.nativeDelete(Organization, { id: organization.id });
  return id;
}

export async function addOrganizationMember(context: Context, organizationId: string, userId: string, role: string): Promise<OrganizationMember> {
  const caller = await assertAllowed(context, 'organization:use');
  const granted = validRole(role);
  return inTransaction(context.em, async (tx) => {
    const { organization: _organization, ...access } = await accessTo(context, tx, caller, organizationId, true);
    await assertAllowed(context, 'organization:addMember', { ...access, granted });
    // An entity read, so the answer's user comes from the identity map after the commit.
    const user = await tx.findOne(User, { id: userId, disabled: false });
    if (!user) throw domainError(ErrorCode.NotFound, 'No such user', { field: 'user_id' });
    const member = await insertMemberUnlessPresent(tx, { organizationId, userId, role: granted });
    if (!member) throw domainError(ErrorCode.Conflict, 'The user is already a member', { field: 'user_id' });
    await recordEvent(tx, 'admin', 'organization.member_added', { organization_id: organizationId, user_id: userId, role: granted });
    return member;
  });
}

export async function removeOrganizationMember(context: Context, organizationId: string, userId: string): Promise<string> {
  const caller = await assertAllowed(context, 'organization:use');
  await inTransaction(context.em, async (tx) => {
    // The lock serializes membership changes, so two owners cannot remove each other at once.
    const { organization: _organization, ...access } = await accessTo(context, tx, caller, organizationId, true);
    const target = await roleOf(tx, organizationId, userId);
    await assertAllowed(context, 'organization:removeMember', { ...access, target, leaving: userId === caller.userId });
    if (target === 'owner' && (await ownerCount(tx, organizationId)) <= 1) {
      throw domainError(ErrorCode.Conflict, 'An organization keeps at least one owner; delete it instead');
    }
    await tx.nativeDelete(OrganizationMember, { organizationId, userId });
    await recordEvent(tx, 'admin', 'organization.member_removed', { organization_id: organizationId, user_id: userId, role: target });
  });
  return userId;
}
