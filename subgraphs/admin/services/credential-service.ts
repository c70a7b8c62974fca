import type { EntityManager } from '@mikro-orm/postgresql';
import { jwtVerify } from 'jose';
import { effectiveKeyPermissions } from '../../../common/authorization';
import type { Plan } from '../../../common/principal';
import type { Context } from '../context';
import { liveSessionByTokenHash, principalUser, tokenFamilyRevoked, useApiKey } from '../queries';
import { withHiddenValues } from './hidden-sql';
import { assertAllowed } from './permissions';
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

/** What a principal carries of its user; null for a disabled or deleted user (their credentials stop at once). */
async function userPart(
  em: EntityManager,
  userId: string,
): Promise<{ username: string; plan: Plan; roles: string[]; roleIds: string[]; permissions: string[] } | null> {
  const user = await principalUser(em, userId);
  if (!user || user.disabled) return null;
  return {
    username: user.username,
    plan: user.plan,
    roles: user.roles.map((role) => role.name),
    roleIds: user.roles.map((role) => role.id),
    permissions: [...new Set(user.roles.flatMap((role) => role.permissions))].sort(),
  };
}

async function resolveSession(em: EntityManager, token: string): Promise<ResolvedCredential> {
  const hash = sha256(token);
  const session = await liveSessionByTokenHash(em, hash);
  if (!session || !constantTimeEqual(session.tokenHash, hash)) return INVALID;
  const user = await userPart(em, session.userId);
  if (!user) return INVALID;
  return {
    valid: true,
    principalKind: 'user',
    userId: session.userId,
    ...user,
    sessionId: session.id,
    csrfToken: session.csrfToken,
    expiresAt: session.expiresAt,
  };
}

async function resolveApiKey(em: EntityManager, secret: string): Promise<ResolvedCredential> {
  const hash = sha256(secret);
  const key = await useApiKey(em, hash);
  if (!key || !constantTimeEqual(key.secretHash, hash)) return INVALID;
  const creator = key.createdBy ? await userPart(em, key.createdBy) : null;
  return {
    valid: true,
    principalKind: 'apiKey',
    keyId: key.id,
    scopes: key.scopes,
    allowedIps: key.allowedIps,
    expiresAt: key.expiresAt,
    userId: creator ? key.createdBy : null,
    username: creator?.username ?? null,
    roles: creator?.roles ?? [],
    roleIds: creator?.roleIds ?? [],
    plan: creator?.plan ?? null,
    permissions: effectiveKeyPermissions(creator?.permissions ?? [], key.scopes),
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
  if (await tokenFamilyRevoked(em, family)) return INVALID;
  const user = await userPart(em, userId);
  if (!user) return INVALID;
  return { valid: true, principalKind: 'user', userId, ...user, sessionId: family, expiresAt };
}

/** Query.resolveCredential: turns a session cookie, API key or access token into what the gateway builds a principal from. */
export async function resolveCredential(context: Context, kind: CredentialKind, secret: string): Promise<ResolvedCredential> {
  await assertAllowed(context, 'credential:resolve');
  const { em } = context;
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
