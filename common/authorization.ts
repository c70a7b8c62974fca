import { domainError, ErrorCode } from './errors';
import type { Principal } from './principal';

/**
 * The API-key scopes every domain understands (seed 000), and the
 * permissions each scope lets an actor-linked key use: such a key acts with
 * its creator's permissions ∩ the permissions its scopes imply.
 */
export const API_KEY_SCOPES = [
  'settings:read',
  'settings:write',
  'tickets:read',
  'tickets:write',
  'bans:read',
  'bans:write',
  'users:read',
  'users:write',
] as const;
export type ApiKeyScope = (typeof API_KEY_SCOPES)[number];

export const SCOPE_PERMISSIONS: Record<ApiKeyScope, string[]> = {
  'settings:read': ['admin'],
  'settings:write': ['admin'],
  'tickets:read': ['manage_tickets', 'define_tickets'],
  'tickets:write': ['manage_tickets', 'define_tickets'],
  'bans:read': ['admin'],
  'bans:write': ['admin'],
  'users:read': ['admin'],
  'users:write': ['admin'],
};

/** Fields a key may read from bans API responses (seed 000 banFields). */
export const BAN_FIELDS = ['id', 'username', 'providerIds', 'reason', 'timestamps', 'status'] as const;

export function effectiveKeyPermissions(creatorPermissions: readonly string[], scopes: readonly string[]): string[] {
  const implied = new Set(scopes.flatMap((scope) => SCOPE_PERMISSIONS[scope as ApiKeyScope] ?? []));
  return [...new Set(creatorPermissions)].filter((permission) => implied.has(permission)).sort();
}

/** Someone who signed in or holds a key; anything else is UNAUTHENTICATED. */
export function requireAuthenticated(principal: Principal, what = 'this'): Exclude<Principal, { kind: 'anonymous' } | { kind: 'service' }> {
  if (principal.kind === 'anonymous' || principal.kind === 'service') {
    throw domainError(ErrorCode.Unauthenticated, `Sign in to use ${what}`);
  }
  return principal;
}

/**
 * Users need the permission; API keys need the scope and the permission
 * among their effective ones (a key without scope for it is FORBIDDEN).
 * `scope: null` means API keys are not accepted at all.
 */
export function requirePermission(principal: Principal, permission: string, scope: ApiKeyScope | null, what = 'this'): void {
  const caller = requireAuthenticated(principal, what);
  if (caller.kind === 'apiKey') {
    if (scope === null) throw domainError(ErrorCode.Forbidden, `API keys cannot use ${what}`);
    if (!caller.scopes.includes(scope)) throw domainError(ErrorCode.Forbidden, `This API key lacks the ${scope} scope`);
  }
  if (!caller.permissions.includes(permission)) throw domainError(ErrorCode.Forbidden, `You lack the ${permission} permission`);
}
