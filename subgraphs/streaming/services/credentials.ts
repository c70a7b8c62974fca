import { createHash, createHmac, randomBytes } from 'node:crypto';
import type { EntityManager } from '@mikro-orm/postgresql';
import { domainError, ErrorCode } from '../../../common/errors';
import type { Logger } from '../../../common/logger';
import { verifySecret } from '../../../common/passwords';
import { AccessToken } from '../entities/access-token';
import { STREAM_KEY_HASH } from './bootstrap-stream-key';
import { asString, readConfig } from './config-store';

/**
 * The Owncast credentials, checked by this subgraph from the Authorization
 * header the gateway forwards:
 * - admin: HTTP Basic, user `admin`, password = the stream key (scrypt hash in
 *   streaming.config);
 * - integrations: `Bearer <access token>` with a scope (SHA-256 in
 *   streaming.access_tokens).
 */
export const ACCESS_SCOPES = ['CAN_SEND_MESSAGES', 'CAN_SEND_SYSTEM_MESSAGES', 'HAS_ADMIN_ACCESS'] as const;
export type AccessScope = (typeof ACCESS_SCOPES)[number];

export const ADMIN_CHALLENGE = 'Basic realm="Owncast"';
export const ACCESS_TOKEN_CHALLENGE = 'Bearer realm="Owncast"';

export interface CredentialContext {
  em: EntityManager;
  authorization: string | undefined;
  /** Failed admin authentications are logged as warnings (never the presented key), as Owncast does. */
  logger?: Pick<Logger, 'warn'>;
}

/**
 * scrypt costs tens of milliseconds, so a successful stream-key check is
 * remembered for VERIFIED_TTL_MS, keyed by an HMAC of the presented key under
 * a per-process random secret (the cache never holds the key or an unsalted
 * hash of it). An entry counts only while the stored hash is the one it was
 * verified against: the hash is read on every request (one indexed row), so a
 * key change on any replica ends the old key at once. Failures are never cached.
 */
const VERIFIED_TTL_MS = 60_000;
const VERIFIED_MAX_ENTRIES = 32;
const cacheSecret = randomBytes(32);
const verified = new Map<string, { storedHash: string; expiresAt: number }>();

function cacheKey(presented: string): string {
  return createHmac('sha256', cacheSecret).update(presented).digest('base64url');
}

/** Forgets every cached verification (the key has just changed). */
export function forgetVerifiedStreamKeys(): void {
  verified.clear();
}

/** True when `presented` is the current stream key. */
export async function isStreamKey(em: EntityManager, presented: string): Promise<boolean> {
  const stored = asString((await readConfig(em, [STREAM_KEY_HASH])).get(STREAM_KEY_HASH));
  if (!stored || !presented) return false;
  const key = cacheKey(presented);
  const hit = verified.get(key);
  if (hit && hit.storedHash === stored && hit.expiresAt > Date.now()) return true;
  if (!(await verifySecret(presented, stored))) return false;
  if (verified.size >= VERIFIED_MAX_ENTRIES) verified.clear();
  verified.set(key, { storedHash: stored, expiresAt: Date.now() + VERIFIED_TTL_MS });
  return true;
}

function basicAdminPassword(authorization: string | undefined): string | undefined {
  const match = /^Basic\s+([A-Za-z0-9+/=_-]+)\s*$/i.exec(authorization ?? '');
  if (!match) return undefined;
  const decoded = Buffer.from(match[1]!, 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  if (colon < 0 || decoded.slice(0, colon) !== 'admin') return undefined;
  return decoded.slice(colon + 1);
}

export function adminRefused(): Error {
  return domainError(ErrorCode.Unauthenticated, 'Not authenticated: HTTP Basic admin with the stream key is required', {
    authenticate: ADMIN_CHALLENGE,
  });
}

/** Passes only for `Basic admin:<stream key>`; returns that key (the caller's own credential). */
export async function requireAdmin(context: CredentialContext): Promise<string> {
  const password = basicAdminPassword(context.authorization);
  if (password === undefined || !(await isStreamKey(context.em, password))) {
    context.logger?.warn('Failed admin authentication');
    throw adminRefused();
  }
  return password;
}

export function hashAccessToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

/** Passes only for `Bearer <access token>` of a token holding `scope`. */
export async function requireAccessToken(context: CredentialContext, scope: AccessScope): Promise<AccessToken> {
  const match = /^Bearer\s+(\S+)\s*$/i.exec(context.authorization ?? '');
  const found = match ? await context.em.findOne(AccessToken, { tokenHash: hashAccessToken(match[1]!) }) : null;
  if (!found) {
    throw domainError(ErrorCode.Unauthenticated, 'Not authenticated: a valid access token is required', {
      authenticate: ACCESS_TOKEN_CHALLENGE,
    });
  }
  if (!found.scopes.includes(scope)) throw domainError(ErrorCode.Forbidden, `The access token lacks the ${scope} scope`);
  await recordTokenUse(context.em, found, new Date());
  return found;
}

/**
 * `lastUsed` is for the admin's eyes (minute precision is plenty), so a busy
 * integration does not write its token's row on every request: only when the
 * stored time is LAST_USED_PRECISION_MS old. The condition is repeated in the
 * UPDATE, so replicas racing on the same token write it once.
 */
const LAST_USED_PRECISION_MS = 60_000;

async function recordTokenUse(em: EntityManager, token: AccessToken, now: Date): Promise<boolean> {
  const staleBefore = new Date(now.getTime() - LAST_USED_PRECISION_MS);
  if (token.lastUsedAt && token.lastUsedAt > staleBefore) return false;
  const updated = await em.nativeUpdate(AccessToken, { id: token.id, $or: [{ lastUsedAt: null }, { lastUsedAt: { $lte: staleBefore } }] }, { lastUsedAt: now });
  return updated > 0;
}

/** An access token with `scope`, or (when the caller sends HTTP Basic) the admin. */
export async function requireAccessTokenOrAdmin(context: CredentialContext, scope: AccessScope): Promise<void> {
  if (/^Basic\s/i.test(context.authorization ?? '')) await requireAdmin(context);
  else await requireAccessToken(context, scope);
}
