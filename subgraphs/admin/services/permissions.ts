import { requireAuthenticated, requirePermission } from '../../../common/authorization';
import { domainError, ErrorCode } from '../../../common/errors';
import { definePermissions } from '../../../common/permissions';
import type { Principal, ServiceName } from '../../../common/principal';
import type { Context } from '../context';
import type { Organization, OrganizationRole } from '../entities/organization';
import type { Resource } from '../entities/resource';
import type { TargetKind } from './outbound-rows';
import { readSettings } from './settings-service';

/** A signed-in user (session or general-API bearer token), as the general API's rules need. */
export type UserCaller = Extract<Principal, { kind: 'user' }>;

/** What one outbound call may reach among the rows of one kind, worked out from the caller before anything is read. */
export interface TargetAccess {
  kind: TargetKind;
  /** Only this user's webhooks are visible; null: every row of the kind. */
  onlyOwner: string | null;
  /** The user a webhook created now belongs to; null when the caller acts for no user. */
  actor: string | null;
  /** Site admins see every organization. */
  siteAdmin: boolean;
}

/** The caller's standing in one organization, read by the service (under its lock where it changes members). */
export interface OrganizationAccess {
  role: OrganizationRole | null;
  siteAdmin: boolean;
}

/** Owners and admins of an organization manage it: rename it, manage members, point webhooks at its events. */
export const MANAGER_ROLES: readonly OrganizationRole[] = ['owner', 'admin'];

export function managesOrganization(role: OrganizationRole | null): boolean {
  return role !== null && MANAGER_ROLES.includes(role);
}

export function isSiteAdmin(caller: UserCaller): boolean {
  return caller.permissions.includes('admin');
}

/** Only the named internal service may call (the fields are @inaccessible; to anyone else they do not exist). */
function onlyService(principal: Principal, service: ServiceName): void {
  if (principal.kind !== 'service' || principal.service !== service) throw domainError(ErrorCode.Forbidden, 'Not available');
}

/** The general API authenticates with bearer access tokens: API keys are refused by name. */
function userCaller(principal: Principal, what: string): UserCaller {
  const caller = requireAuthenticated(principal, what);
  if (caller.kind !== 'user') throw domainError(ErrorCode.Forbidden, `API keys cannot use ${what}; sign in with a bearer access token`);
  return caller;
}

function createdByOf(principal: Principal): string | null {
  return principal.kind === 'user' ? principal.userId : principal.kind === 'apiKey' ? (principal.userId ?? null) : null;
}

/**
 * Targets: admins (keys: settings:read to read, settings:write to change).
 * Webhooks: every signed-in user, for their own. API keys are no credential
 * of the general API and no key scope covers an account's own data (as for
 * resources), so a key reaches webhooks only as the admin it is: with the
 * settings scopes and the admin permission, like targets.
 */
function outboundAccess(principal: Principal, kind: TargetKind, change: boolean): TargetAccess {
  if (kind === 'target') {
    requirePermission(principal, 'admin', change ? 'settings:write' : 'settings:read', 'outbound integrations');
    return { kind, onlyOwner: null, actor: createdByOf(principal), siteAdmin: true };
  }
  const caller = requireAuthenticated(principal, 'webhooks');
  if (caller.kind === 'apiKey') {
    requirePermission(caller, 'admin', change ? 'settings:write' : 'settings:read', 'webhooks');
    return { kind, onlyOwner: null, actor: caller.userId ?? null, siteAdmin: true };
  }
  const siteAdmin = isSiteAdmin(caller);
  return { kind, onlyOwner: siteAdmin ? null : caller.userId, actor: caller.userId, siteAdmin };
}

const NO_SUCH_ORGANIZATION = 'No such organization';

/**
 * What callers may do in the admin subgraph: identity, settings, API keys,
 * outbound integrations, the general API's resources and organizations, and
 * the internal fields other services use. Rules that establish who acts
 * answer it (the user id, the user caller, the outbound access), so services
 * do not work it out again.
 */
export const { assertAllowed, can } = definePermissions<Context>()({
  /** See a user's email: the user themself (or one this request signed in), admins, and keys of admins with users:read. */
  'user:readEmail': ({ principal, loaders }: Context, userId: string) => {
    if (loaders.selfUserIds.has(userId)) return;
    if (principal.kind === 'user' && (principal.userId === userId || principal.permissions.includes('admin'))) return;
    if (principal.kind === 'apiKey' && principal.permissions.includes('admin') && principal.scopes.includes('users:read')) return;
    throw domainError(ErrorCode.Forbidden, 'Only the user and admins see this email');
  },
  /** List users: admins (keys: users:read). */
  'user:list': ({ principal }: Context) => requirePermission(principal, 'admin', 'users:read', 'the user list'),
  /** Create and change users and their roles: admins (keys: users:write). */
  'user:manage': ({ principal }: Context) => requirePermission(principal, 'admin', 'users:write', 'user management'),
  /** Register oneself: while the registrationOpen setting is on. */
  'user:register': async ({ em }: Context) => {
    const { registrationOpen } = await readSettings(em, ['registrationOpen']);
    if (!registrationOpen) throw domainError(ErrorCode.Forbidden, 'Registration is closed');
  },
  /** Change one's own profile: a signed-in user; answers the user id. */
  'profile:update': ({ principal }: Context) => {
    const caller = requireAuthenticated(principal, 'your profile');
    if (caller.kind !== 'user') throw domainError(ErrorCode.Forbidden, 'Only a signed-in user has a profile');
    return caller.userId;
  },
  /** List roles: anyone signed in. */
  'role:list': ({ principal }: Context) => {
    requireAuthenticated(principal, 'roles');
  },
  /** Create and change roles: admins (keys: users:write). */
  'role:manage': ({ principal }: Context) => requirePermission(principal, 'admin', 'users:write', 'role management'),
  /** Ask which role ids exist: the tickets subgraph's service principal only (its categories name roles). */
  'role:checkExisting': ({ principal }: Context) => onlyService(principal, 'tickets'),
  /** End one's platform session: a user signed in with one; answers the session id. */
  'session:end': ({ principal }: Context) => {
    const caller = requireAuthenticated(principal, 'logout');
    if (caller.kind !== 'user' || !caller.sessionId) throw domainError(ErrorCode.Unauthenticated, 'No session to end');
    return caller.sessionId;
  },
  /** Revoke one's general-API token families: a signed-in user; answers the caller. */
  'tokens:revoke': ({ principal }: Context) => {
    const caller = requireAuthenticated(principal, 'logout');
    if (caller.kind !== 'user') throw domainError(ErrorCode.Forbidden, 'Only a signed-in user can log out');
    return caller;
  },
  /** Turn a credential into a principal: the gateway's own service principal only. */
  'credential:resolve': ({ principal }: Context) => onlyService(principal, 'gateway'),
  /**
   * Manage API keys: an admin signed in with a session, answering the
   * admin's user id. API keys cannot manage API keys, and neither can a
   * general-API bearer token: it would turn a short-lived token into a long-lived key.
   */
  'apiKey:manage': ({ principal }: Context) => {
    const caller = requireAuthenticated(principal, 'API key administration');
    if (caller.kind !== 'user' || caller.authMethod !== 'session')
      throw domainError(ErrorCode.Forbidden, 'API keys are managed from a signed-in admin session only');
    if (!caller.permissions.includes('admin')) throw domainError(ErrorCode.Forbidden, 'You lack the admin permission');
    return caller.userId;
  },
  /** Read every setting: admins (keys: settings:read). */
  'settings:read': ({ principal }: Context) => requirePermission(principal, 'admin', 'settings:read', 'the admin settings'),
  /** Change settings: admins (keys: settings:write). */
  'settings:write': ({ principal }: Context) => requirePermission(principal, 'admin', 'settings:write', 'the admin settings'),
  /** Send a test email: admins (keys: settings:write). */
  'settings:sendTestEmail': ({ principal }: Context) => requirePermission(principal, 'admin', 'settings:write', 'test emails'),
  /** Read targets or webhooks of one kind; answers which rows the call reaches. */
  'outboundTarget:read': ({ principal }: Context, kind: TargetKind) => outboundAccess(principal, kind, false),
  /** Create, change, delete or test targets or webhooks of one kind; answers which rows the call reaches. */
  'outboundTarget:write': ({ principal }: Context, kind: TargetKind) => outboundAccess(principal, kind, true),
  /** Read the deliveries: admins (keys: settings:read). */
  'outboundAction:read': ({ principal }: Context) => requirePermission(principal, 'admin', 'settings:read', 'outbound integrations'),
  /** Deliver again or delete deliveries: admins (keys: settings:write). */
  'outboundAction:write': ({ principal }: Context) => requirePermission(principal, 'admin', 'settings:write', 'outbound integrations'),
  /**
   * Point a webhook at an organization's events: its owner must manage the
   * organization (checked again for every event delivered). To a non-member
   * the organization does not exist, unless the caller is a site admin.
   */
  'organization:watch': (_context: Context, { exists, role, siteAdmin }: OrganizationAccess & { exists: boolean }) => {
    if (!exists || (role === null && !siteAdmin)) throw domainError(ErrorCode.NotFound, NO_SUCH_ORGANIZATION, { field: 'organization_id' });
    if (!managesOrganization(role)) {
      throw domainError(ErrorCode.Forbidden, "Only the organization's owners and admins may have webhooks on its events", { field: 'organization_id' });
    }
  },
  /** Hand domain events to the outbound engine: other subgraphs' service principals (never the gateway, never a user). */
  'event:ingest': ({ principal }: Context) => {
    if (principal.kind !== 'service' || principal.service === 'gateway') throw domainError(ErrorCode.Forbidden, 'Not available');
    return principal.service;
  },
  /** Idempotency-Key records of the REST layer: the gateway's service principal only. */
  'idempotencyKey:use': ({ principal }: Context) => onlyService(principal, 'gateway'),
  /** Count requests for the per-plan rate limits: the gateway's service principal only. */
  'rateLimit:count': ({ principal }: Context) => onlyService(principal, 'gateway'),
  /** Use the general API's resources: a signed-in user; answers the caller. */
  'resource:use': ({ principal }: Context) => userCaller(principal, 'resources'),
  /** See and change one resource: its owner and site admins. Anyone else's resource is NOT_FOUND, as if it did not exist. */
  'resource:view': ({ principal }: Context, resource: Resource) => {
    if (principal.kind !== 'user' || (resource.ownerId !== principal.userId && !principal.permissions.includes('admin'))) {
      throw domainError(ErrorCode.NotFound, 'No such resource');
    }
  },
  /** Use the general API's organizations: a signed-in user; answers the caller. */
  'organization:use': ({ principal }: Context) => userCaller(principal, 'organizations'),
  /** See one organization: its members and site admins; to anyone else it is NOT_FOUND. */
  'organization:view': (_context: Context, { role, siteAdmin }: OrganizationAccess) => {
    if (!role && !siteAdmin) throw domainError(ErrorCode.NotFound, NO_SUCH_ORGANIZATION);
  },
  /** Resolve a reference to an organization: members and site admins (read through the request's loaders). */
  'organization:reference': async ({ principal, loaders }: Context, organization: Organization) => {
    if (principal.kind !== 'user') throw domainError(ErrorCode.NotFound, NO_SUCH_ORGANIZATION);
    if (principal.permissions.includes('admin')) return;
    if (!(await loaders.organizationRole.load(`${organization.id}:${principal.userId}`))) throw domainError(ErrorCode.NotFound, NO_SUCH_ORGANIZATION);
  },
  /** Rename an organization: its owners and admins, and site admins. */
  'organization:update': (_context: Context, { role, siteAdmin }: OrganizationAccess) => {
    if (!siteAdmin && !managesOrganization(role)) throw domainError(ErrorCode.Forbidden, 'Only owners and admins of the organization may change it');
  },
  /** Delete an organization: its owners, and site admins. */
  'organization:delete': (_context: Context, { role, siteAdmin }: OrganizationAccess) => {
    if (!siteAdmin && role !== 'owner') throw domainError(ErrorCode.Forbidden, 'Only owners may delete the organization');
  },
  /** Add a member: owners and admins of the organization; only owners grant the owner role. */
  'organization:addMember': (_context: Context, { role, siteAdmin, granted }: OrganizationAccess & { granted: OrganizationRole }) => {
    if (!siteAdmin && !managesOrganization(role)) throw domainError(ErrorCode.Forbidden, 'Only owners and admins of the organization may add members');
    if (granted === 'owner' && !siteAdmin && role !== 'owner') throw domainError(ErrorCode.Forbidden, 'Only owners may add owners');
  },
  /**
   * Remove a member: owners and admins of the organization remove others
   * (only owners remove owners); any member may leave.
   */
  'organization:removeMember': (
    _context: Context,
    { role, siteAdmin, target, leaving }: OrganizationAccess & { target: OrganizationRole | null; leaving: boolean },
  ) => {
    if (!leaving && !siteAdmin && !managesOrganization(role)) {
      throw domainError(ErrorCode.Forbidden, 'Only owners and admins of the organization may remove members');
    }
    if (!target) throw domainError(ErrorCode.NotFound, 'The user is not a member');
    if (target === 'owner' && !leaving && !siteAdmin && role !== 'owner') throw domainError(ErrorCode.Forbidden, 'Only owners may remove owners');
  },
});
