import { generalTokens } from './general-api';
import type { IdentityClient } from './identity';
import { ADMIN, callerHeaders, createApiKey, createUser, login, type Session } from './platform';

/**
 * The permission matrix of admin endpoints: the bootstrap admin's session,
 * a member's session (no roles), API keys with and without the settings
 * scopes, and general-API bearer tokens of both users.
 */
export interface AdminCallers {
  admin: Session;
  member: Session;
  /** settings:read + settings:write, created by the admin. */
  settingsKey: string;
  /** settings:read only. */
  readKey: string;
  /** tickets:read only. */
  otherKey: string;
  adminBearer: string;
  memberBearer: string;
}

export async function adminCallers(client: IdentityClient): Promise<AdminCallers> {
  const admin = await login(client, ADMIN.email, ADMIN.password);
  const member = await createUser(client, admin, 'member');
  const key = async (scopes: string[]) => (await createApiKey(client, admin, { scopes })).secret;
  return {
    admin,
    member: await login(client, member.email, member.password),
    settingsKey: await key(['settings:read', 'settings:write']),
    readKey: await key(['settings:read']),
    otherKey: await key(['tickets:read']),
    adminBearer: (await generalTokens(client, ADMIN.email, ADMIN.password)).access,
    memberBearer: (await generalTokens(client, member.email, member.password)).access,
  };
}

export interface EndpointCase {
  id: string;
  method: string;
  path: string;
  body?: unknown;
  /** Needs settings:write (a settings:read key is refused). */
  write: boolean;
}

/**
 * Checks the refusals every family-P admin endpoint must give: 401 without
 * credentials, 403 for a key without the scope, 403 for a non-admin session,
 * 403 for a session mutation without CSRF; and that the admin's session and a
 * key with the scope pass the checks (any status but 401/403).
 */
export async function checkPlatformPermissions(client: IdentityClient, callers: AdminCallers, endpoint: EndpointCase): Promise<void> {
  const call = (headers: Record<string, string>) =>
    client.call<{ error: { code: string } | null }>(endpoint.method, endpoint.path, { headers, body: endpoint.body });
  const expectStatus = async (label: string, headers: Record<string, string>, status: number) => {
    const response = await call(headers);
    if (response.status !== status) throw new Error(`${endpoint.id} ${label}: expected ${status}, got ${response.status} ${JSON.stringify(response.body)}`);
  };
  const expectAllowed = async (label: string, headers: Record<string, string>) => {
    const response = await call(headers);
    if (response.status === 401 || response.status === 403) throw new Error(`${endpoint.id} ${label}: refused with ${response.status}`);
  };
  await expectStatus('no credentials', {}, 401);
  await expectStatus('key without scope', { authorization: `Bearer ${callers.otherKey}` }, 403);
  if (endpoint.write) await expectStatus('read-only key', { 'x-api-key': callers.readKey }, 403);
  await expectStatus('non-admin session', callerHeaders(callers.member), 403);
  if (endpoint.method !== 'GET') await expectStatus('session without CSRF', { cookie: callers.admin.cookie }, 403);
  await expectAllowed('admin session', callerHeaders(callers.admin));
  await expectAllowed('key with scope', { 'x-api-token': endpoint.write ? callers.settingsKey : callers.readKey });
}
