import { SignJWT, jwtVerify } from 'jose';
import { domainError, ErrorCode } from '../../../common/errors';
import { HOST_TOKEN_ISSUER } from '../../../common/token-issuers';
import type { HostTokenSettings } from '../settings';

/**
 * Host tokens: HS256 JWTs whose `sub` is the host's uuid. They are a
 * credential of this domain, not of the platform, so this subgraph checks
 * them itself, reading the caller's Authorization header that the gateway
 * forwards; services/permissions.ts asks `hostOfAuthorization`.
 */
const ISSUER = HOST_TOKEN_ISSUER;
const AUDIENCE = 'playroom-host';

export interface IssuedHostToken {
  token: string;
  expiresAt: Date;
}

function keyOf(secret: string): Uint8Array {
  return new TextEncoder().encode(secret);
}

export async function signHostToken(hostUuid: string, settings: HostTokenSettings): Promise<IssuedHostToken> {
  const issuedAt = Math.floor(Date.now() / 1000);
  const expiresAtSeconds = issuedAt + settings.ttlSeconds;
  const token = await new SignJWT({})
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
    .setIssuer(ISSUER)
    .setAudience(AUDIENCE)
    .setSubject(hostUuid.toLowerCase())
    .setIssuedAt(issuedAt)
    .setExpirationTime(expiresAtSeconds)
    .sign(keyOf(settings.secret));
  return { token, expiresAt: new Date(expiresAtSeconds * 1000) };
}

const UNAUTHENTICATED_MESSAGE = 'Not authenticated: a valid host token is required';

/**
 * The host uuid of a valid `Bearer <host token>`; UNAUTHENTICATED when it is
 * missing, malformed, forged or expired (one message for all, so nothing
 * about the token or the secret leaks).
 */
export async function hostOfAuthorization(authorization: string | undefined, settings: HostTokenSettings): Promise<string> {
  const match = /^Bearer\s+(\S+)\s*$/i.exec(authorization ?? '');
  if (!match) throw domainError(ErrorCode.Unauthenticated, UNAUTHENTICATED_MESSAGE);
  try {
    const { payload } = await jwtVerify(match[1]!, keyOf(settings.secret), {
      issuer: ISSUER,
      audience: AUDIENCE,
      algorithms: ['HS256'],
      requiredClaims: ['sub', 'exp', 'iat'],
    });
    return payload.sub!.toLowerCase();
  } catch {
    throw domainError(ErrorCode.Unauthenticated, UNAUTHENTICATED_MESSAGE);
  }
}
