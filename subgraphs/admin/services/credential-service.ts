import type { EntityManager } from '@mikro-orm/postgresql';
import { jwtVerify } from 'jose';
import { effectiveKeyPermissions } from '../../../common/authorization';
import { domainError, ErrorCode } from '../../../common/errors';
import type { Plan, Principal } from '../../../common/principal';
import { withHiddenValues } from './hidden-sql';
import { constantTimeEqual, sha256 } from './secrets';
import { ACCESS_TOKEN_AUDIENCE, ACCESS_TOKEN_ISSUER, accessTokenKey } from './signing-key';

export type CredentialKind = 'session' | 'apiKey' | 'accessToken';

/** What the gateway needs to build a principal; `valid: false` for any bad credential. */
export interface ResolvedCredential {
  valid: boolean;
  principalKind?: 'user' | 'apiKey';
  userId?: string | null;
  username?: string | null;
  roles?: string[];
  roleIds?: string[];
  permissions?: string[];
  plan?: Plan | null;
  scopes?: string[];
  keyId?: string;
  allowedIps?: string[];
  sessionId?: string;
  csrfToken?: string;
  expiresAt?: Date | null;
}

const INVALID: ResolvedCredential = { valid: false };

async function userPart(
  em: EntityManager,
  userId: string,
): Promise<{ username: string; plan: Plan; roles: string[]; roleIds: string[]; permissions: string[] } | null> {
  const [user] = await em
    .getConnection()
    .execute<{ username: string; disabled: boolean; plan: Plan }[]>('select username, disabled, plan from admin.users where id = ?', [userId]);
  if (!user || user.disabled) return null;
  const rows = await em
    .getConnection()
    .execute<{ id: string; name: string; permissions: string[] }[]>(
      'select r.id, r.name, r.permissions from admin.user_roles ur join admin.roles r on r.id = ur.role_id where ur.user_id = ? order by r.name',
      [userId],
    );
  return {
    username: user.username,
    plan: user.plan,
    roles: rows.map((row) => row.name),
    roleIds: rows.map((row) => row.id),
    permissions: [...new Set(rows.flatMap((row) => row.permissions))].sort(),
  };
}

async function resolveSession(em: EntityManager, token: string): Promise<ResolvedCredential> {
  const hash = sha256(token);
  const [row] = await em
    .getConnection()
    .execute<{ id: string; user_id: string; token_hash: string; csrf_token: string; expires_at: Date }[]>(
      'select id, user_id, token_hash, csrf_token, expires_at from admin.login_sessions where token_hash = ? and expires_at > now()',
      [hash],
    );
  if (!row || !constantTimeEqual(row.token_hash, hash)) return INVALID;
  const user = await userPart(em, row.user_id);
  if (!user) return INVALID;
  return {
    valid: true,
    principalKind: 'user',
    userId: row.user_id,
    ...user,
    sessionId: row.id,
    csrfToken: row.csrf_token,
    expiresAt: new Date(row.expires_at),
  };
}

async function resolveApiKey(em: EntityManager, secret: string): Promise<ResolvedCredential> {
  const hash = sha256(secret);
  const [row] = await em.getConnection().execute<
    {
      id: string;
      secret_hash: string;
      scopes: string[];
      allowed_ips: string[];
      expires_at: Date | null;
      created_by: string | null;
    }[]
  >(
    `update admin.api_keys set last_used_at = now()
     where secret_hash = ? and not revoked and (expires_at is null or expires_at > now())
     returning id, secret_hash, scopes, allowed_ips, expires_at, created_by`,
    [hash],
  );
  if (!row || !constantTimeEqual(row.secret_hash, hash)) return INVALID;
  const creator = row.created_by ? await userPart(em, row.created_by) : null;
  return {
    valid: true,
    principalKind: 'apiKey',
    keyId: row.id,
    scopes: row.scopes,
    allowedIps: row.allowed_ips,
    expiresAt: row.expires_at ? new Date(row.expires_at) : null,
    userId: creator ? row.created_by : null,
    username: creator?.username ?? null,
    roles: creator?.roles ?? [],
    roleIds: creator?.roleIds ?? [],
    plan: creator?.plan ?? null,
    permissions: effectiveKeyPermissions(creator?.permissions ?? [], row.scopes),
  };
}

async function resolveAccessToken(em: EntityManager, token: string): Promise<ResolvedCredential> {
  let userId: string;
  let family: string;
  let expiresAt: Date;
  try {
    const { payload } = await jwtVerify(token, await accessTokenKey(em), {
      issuer: ACCESS_TOKEN_ISSUER,
      audience: ACCESS_TOKEN_AUDIENCE,
      algorithms: ['HS256'],
      requiredClaims: ['exp', 'sub'],
    });
    if (typeof payload.fam !== 'string' || !payload.sub || !payload.exp) return INVALID;
    userId = payload.sub;
    family = payload.fam;
    expiresAt = new Date(payload.exp * 1000);
  } catch {
    return INVALID;
  }
  const [revoked] = await em
    .getConnection()
    .execute<{ revoked: boolean }[]>('select exists (select 1 from admin.refresh_tokens where family_id = ? and revoked_at is not null) as revoked', [family]);
  if (revoked?.revoked) return INVALID;
  const user = await userPart(em, userId);
  if (!user) return INVALID;
  return { valid: true, principalKind: 'user', userId, ...user, sessionId: family, expiresAt };
}

/** Query.resolveCredential: only the gateway's own service principal may ask. */
export async function resolveCredential(em: EntityManager, principal: Principal, kind: CredentialKind, secret: string): Promise<ResolvedCredential> {
  if (principal.kind !== 'service' || principal.service !== 'gateway') throw domainError(ErrorCode.Forbidden, 'Not available');
  if (secret.length === 0 || secret.length > 4096) return INVALID;
  switch (kind) {
    case 'session':
      return withHiddenValues(() => resolveSession(em, secret));
    case 'apiKey':
      return withHiddenValues(() => resolveApiKey(em, secret));
    case 'accessToken':
      return withHiddenValues(() => resolveAccessToken(em, secret));
  }
}
