import { requireAuthenticated, requirePermission } from '../../../common/authorization';
import type { Principal } from '../../../common/principal';
import type { TargetKind } from './outbound-rows';
import { isSiteAdmin } from './resource-service';

/** Who may reach which outbound targets and webhooks: the permission checks of every outbound call. */
export const canRead = (principal: Principal) => requirePermission(principal, 'admin', 'settings:read', 'outbound integrations');
export const canWrite = (principal: Principal) => requirePermission(principal, 'admin', 'settings:write', 'outbound integrations');

/** What one call may reach among the rows of one kind, worked out from the caller before anything is read. */
export interface TargetAccess {
  kind: TargetKind;
  /** Only this user's webhooks are visible; null: every row of the kind. */
  onlyOwner: string | null;
  /** The user a webhook created now belongs to; null when the caller acts for no user. */
  actor: string | null;
  /** Site admins see every organization. */
  siteAdmin: boolean;
}

/**
 * Targets: admins (keys: settings:read to read, settings:write to change).
 * Webhooks: every signed-in user, for their own. API keys are no
 * credential of the general API and no key scope covers an account's own
 * data (as for resources), so a key reaches webhooks only as the admin it is:
 * with the settings scopes and the admin permission, like targets.
 */
export function accessTo(principal: Principal, kind: TargetKind, change: boolean): TargetAccess {
  if (kind === 'target') {
    (change ? canWrite : canRead)(principal);
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

function createdByOf(principal: Principal): string | null {
  return principal.kind === 'user' ? principal.userId : principal.kind === 'apiKey' ? (principal.userId ?? null) : null;
}

/** The where clause (on alias t) that keeps a call to the rows it may reach. */
export function visibleRows(access: TargetAccess): { clause: string; values: unknown[] } {
  return access.onlyOwner === null
    ? { clause: 't.kind = ?', values: [access.kind] }
    : { clause: 't.kind = ? and t.owner_id = ?', values: [access.kind, access.onlyOwner] };
}
