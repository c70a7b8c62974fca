import { IdentityClient, sessionCookieFrom } from './identity';

/**
 * Callers for permission tests of admin endpoints: the bootstrap admin's
 * session, a member's session (no roles), API keys with and without the
 * settings scopes, and general-API bearer tokens of both users.
 */
export interface Session {
  cookie: string;
  csrf: string;
}

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

export const ADMIN = { email: 'root@example.com', password: 'correct horse battery' };
const MEMBER = { email: 'member@example.com', password: 'member password 1' };

export async function login(client: IdentityClient, email: string, password: string): Promise<Session> {
  const response = await client.call<{ data: { csrfToken: string } }>('POST', '/api/auth/login', { body: { email, password } });
  if (response.status !== 200) throw new Error(`login failed: ${response.status}`);
  return { cookie: sessionCookieFrom(response), csrf: response.body.data.csrfToken };
}

async function bearer(client: IdentityClient, email: string, password: string): Promise<string> {
  const response = await client.call<{ access_token: string }>('POST', '/v1/auth/login', { body: { email, password } });
  if (response.status !== 200) throw new Error(`bearer login failed: ${response.status}`);
  return response.body.access_token;
}

async function key(client: IdentityClient, admin: Session, scopes: string[]): Promise<string> {
  const response = await client.call<{ data: { token: { secret: string } } }>('POST', '/api/admin/tokens', {
    headers: { cookie: admin.cookie, 'x-csrf-token': admin.csrf },
    body: { displayName: scopes.join(' '), scopes, allowedIps: [], banFields: [] },
  });
  if (response.status !== 200) throw new Error(`key creation failed: ${response.status}`);
  return response.body.data.token.secret;
}

export async function adminCallers(client: IdentityClient): Promise<AdminCallers> {
  const admin = await login(client, ADMIN.email, ADMIN.password);
  const created = await client.graphql(
    'mutation($input: CreateUserInput!) { createUser(input: $input) { id } }',
    { input: { email: MEMBER.email, username: 'member', password: MEMBER.password } },
    { cookie: admin.cookie, 'x-csrf-token': admin.csrf },
  );
  if (created.body.errors) throw new Error(`member creation failed: ${created.body.errors[0]!.message}`);
  return {
    admin,
    member: await login(client, MEMBER.email, MEMBER.password),
    settingsKey: await key(client, admin, ['settings:read', 'settings:write']),
    readKey: await key(client, admin, ['settings:read']),
    otherKey: await key(client, admin, ['tickets:read']),
    adminBearer: await bearer(client, ADMIN.email, ADMIN.password),
    memberBearer: await bearer(client, MEMBER.email, MEMBER.password),
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
  const session = (who: Session, csrf = true) => ({ cookie: who.cookie, ...(csrf ? { 'x-csrf-token': who.csrf } : {}) });
  await expectStatus('no credentials', {}, 401);
  await expectStatus('key without scope', { authorization: `Bearer ${callers.otherKey}` }, 403);
  if (endpoint.write) await expectStatus('read-only key', { 'x-api-key': callers.readKey }, 403);
  await expectStatus('non-admin session', session(callers.member), 403);
  if (endpoint.method !== 'GET') await expectStatus('session without CSRF', session(callers.admin, false), 403);
  await expectAllowed('admin session', session(callers.admin));
  await expectAllowed('key with scope', { 'x-api-token': endpoint.write ? callers.settingsKey : callers.readKey });
}
