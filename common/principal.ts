import { SignJWT, jwtVerify, errors as joseErrors } from 'jose';
import { LRUCache } from 'lru-cache';

/**
 * Who is calling. The gateway works this out once per request and forwards it
 * to every subgraph in the `x-principal` header as a short-lived HS256 JWT;
 * subgraphs trust nothing else about the caller.
 */
export type Principal =
  | { kind: 'anonymous'; clientIp: string }
  | {
      kind: 'user';
      clientIp: string;
      userId: string;
      username: string;
      /** Names of the user's roles. */
      roles: string[];
      /** Ids of the user's roles (ticket categories grant access by role id). */
      roleIds?: string[];
      permissions: string[];
      /** How the user proved who they are: session cookie or general-API access token. */
      authMethod: 'session' | 'bearer';
      /** Subscription plan (general API rate limits); free when absent. */
      plan?: Plan;
      /** Login session id when authenticated by cookie. */
      sessionId?: string;
      /** Refresh-token family of the access token, when authenticated by bearer. */
      tokenFamily?: string;
    }
  | {
      kind: 'apiKey';
      clientIp: string;
      keyId: string;
      scopes: string[];
      /** Creator of an actor-linked key; the key acts with their permissions ∩ its scopes. */
      userId?: string;
      username?: string;
      /** Role ids of the creator of an actor-linked key. */
      roleIds?: string[];
      permissions: string[];
    }
  /**
   * Internal callers. Only the gateway signs `service: 'gateway'`, and only
   * the admin subgraph's credential resolution accepts it; the tickets
   * subgraph signs `service: 'tickets'` to ask the admin subgraph which role
   * ids exist (Query.existingRoleIds). Every subgraph signs its own name to
   * hand domain events to the admin subgraph (common/outbox.ts:
   * ingestDomainEvents accepts subgraph services only).
   */
  | { kind: 'service'; service: ServiceName; clientIp: string };

export type ServiceName = 'gateway' | 'admin' | 'tickets' | 'social' | 'streaming';

/** Subscription plan of a user (admin.users.plan). */
export type Plan = 'free' | 'pro' | 'enterprise';

export const PRINCIPAL_HEADER = 'x-principal';
const ISSUER = 'playroom-gateway';
const AUDIENCE = 'playroom-subgraph';

const keys = new Map<string, Uint8Array>();

function keyOf(secret: string): Uint8Array {
  let key = keys.get(secret);
  if (!key) {
    key = new TextEncoder().encode(secret);
    keys.set(secret, key);
  }
  return key;
}

/**
 * Principals already verified, by secret and then by token. The gateway
 * sends one token for every fetch of a request (and may reuse it across a
 * credential's requests), so a subgraph sees each token several times; the
 * HMAC and claim checks are done once per token and its expiry is checked on
 * every use. Only tokens that verified are kept, each until it expires.
 */
const VERIFIED_PER_SECRET = 10_000;
const verified = new Map<string, LRUCache<string, Principal>>();

function verifiedFor(secret: string): LRUCache<string, Principal> {
  let cache = verified.get(secret);
  if (!cache) {
    cache = new LRUCache<string, Principal>({ max: VERIFIED_PER_SECRET, ttlAutopurge: false });
    verified.set(secret, cache);
  }
  return cache;
}

/** Freezes the principal and everything in it: one object is handed to many requests. */
function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null && !Object.isFrozen(value)) {
    for (const item of Object.values(value)) deepFreeze(item);
    Object.freeze(value);
  }
  return value;
}

export async function signPrincipal(principal: Principal, secret: string, ttlSeconds: number, requestId: string): Promise<string> {
  return new SignJWT({ principal, rid: requestId })
    .setProtectedHeader({ alg: 'HS256' })
    .setIssuer(ISSUER)
    .setAudience(AUDIENCE)
    .setIssuedAt()
    .setExpirationTime(`${ttlSeconds}s`)
    .sign(keyOf(secret));
}

export class PrincipalRejected extends Error {}

/** The verified principal of `token`; the same frozen object for every use of one token. */
export async function verifyPrincipal(token: string | undefined, secret: string): Promise<Principal> {
  if (!token) throw new PrincipalRejected('missing principal');
  const cache = verifiedFor(secret);
  const known = cache.get(token);
  if (known) return known;
  try {
    const { payload } = await jwtVerify(token, keyOf(secret), {
      issuer: ISSUER,
      audience: AUDIENCE,
      algorithms: ['HS256'],
      requiredClaims: ['exp', 'iat'],
    });
    const principal = payload.principal as Principal | undefined;
    if (!principal || typeof principal !== 'object' || typeof principal.kind !== 'string') {
      throw new PrincipalRejected('malformed principal');
    }
    // Kept no longer than the token is valid (exp is required, so present); jose has checked it is in the future.
    const ttl = payload.exp! * 1000 - Date.now();
    if (ttl > 0) cache.set(token, deepFreeze(principal), { ttl });
    return principal;
  } catch (error) {
    if (error instanceof PrincipalRejected) throw error;
    if (error instanceof joseErrors.JWTExpired) throw new PrincipalRejected('expired principal');
    throw new PrincipalRejected('invalid principal');
  }
}
