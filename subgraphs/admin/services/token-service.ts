import { randomUUID } from 'node:crypto';
import { SignJWT } from 'jose';
import { domainError, ErrorCode } from '../../../common/errors';
import type { Context } from '../context';
import { insertRefreshToken, refreshTokenByHash, revokeFamilyOfToken, revokeTokenFamily, spendRefreshToken } from '../queries';
import { verifyCredentials } from './credential-check';
import { credentialsChanged } from './gateway-headers';
import { withHiddenValues } from './hidden-sql';
import { assertAllowed } from './permissions';
import { randomToken, sha256 } from './secrets';
import { ACCESS_TOKEN_AUDIENCE, ACCESS_TOKEN_ISSUER, accessTokenKey } from './signing-key';

/** General-API sign-in: short-lived signed access tokens and single-use refresh tokens in families. */
export interface AuthTokens {
  accessToken: string;
  refreshToken: string;
  tokenType: string;
  expiresIn: number;
}

async function issueInFamily({ em, settings }: Context, userId: string, familyId: string): Promise<AuthTokens> {
  const refreshToken = randomToken(32);
  await withHiddenValues(() => insertRefreshToken(em, { userId, familyId, tokenHash: sha256(refreshToken), ttlSeconds: settings.refreshTokenTtlSeconds }));
  const accessToken = await new SignJWT({ fam: familyId })
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
    .setIssuer(ACCESS_TOKEN_ISSUER)
    .setAudience(ACCESS_TOKEN_AUDIENCE)
    .setSubject(userId)
    .setJti(randomUUID())
    .setIssuedAt()
    .setExpirationTime(`${settings.accessTokenTtlSeconds}s`)
    .sign(await accessTokenKey(em));
  return { accessToken, refreshToken, tokenType: 'Bearer', expiresIn: settings.accessTokenTtlSeconds };
}

/** Signs in with email and password; a new refresh-token family. */
export async function issueTokens(context: Context, email: string, password: string): Promise<AuthTokens> {
  const user = await verifyCredentials(context, email, password);
  return issueInFamily(context, user.id, randomUUID());
}

const INVALID_REFRESH = 'Invalid or expired refresh token';

/**
 * A refresh token is single use. Presenting one that was already used
 * (or revoked) means it leaked: the whole family is revoked, which also ends
 * the family's access tokens at the gateway within its cache bound.
 */
export async function refreshTokens(context: Context, refreshToken: string): Promise<AuthTokens> {
  try {
    return await spendAndReissue(context, refreshToken);
  } catch (error) {
    // Reuse revokes a family: its access tokens must stop at once on this gateway.
    credentialsChanged(context);
    throw error;
  }
}

async function spendAndReissue(context: Context, refreshToken: string): Promise<AuthTokens> {
  const { em } = context;
  const token = await withHiddenValues(() => refreshTokenByHash(em, sha256(refreshToken)));
  if (!token) throw domainError(ErrorCode.Unauthenticated, INVALID_REFRESH);
  if (token.spent) {
    await revokeTokenFamily(em, token.familyId);
    throw domainError(ErrorCode.Unauthenticated, INVALID_REFRESH);
  }
  if (token.expired || token.userDisabled) throw domainError(ErrorCode.Unauthenticated, INVALID_REFRESH);
  if (!(await spendRefreshToken(em, token.id))) {
    // Lost a race with another use of the same token: that is reuse too.
    await revokeTokenFamily(em, token.familyId);
    throw domainError(ErrorCode.Unauthenticated, INVALID_REFRESH);
  }
  return issueInFamily(context, token.userId, token.familyId);
}

/** Revokes the caller's token family and the given refresh token's family (it must be the caller's). */
export async function revokeTokens(context: Context, refreshToken: string | null | undefined): Promise<boolean> {
  const caller = await assertAllowed(context, 'tokens:revoke');
  const { em } = context;
  if (caller.tokenFamily) await revokeTokenFamily(em, caller.tokenFamily);
  if (refreshToken) await withHiddenValues(() => revokeFamilyOfToken(em, sha256(refreshToken), caller.userId));
  return credentialsChanged(context, true);
}
