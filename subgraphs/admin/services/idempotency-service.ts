import { randomUUID } from 'node:crypto';
import type { EntityManager } from '@mikro-orm/postgresql';
import { domainError, ErrorCode } from '../../../common/errors';
import type { Principal } from '../../../common/principal';

/**
 * Idempotency-Key records of the REST layer (rest-compat/idempotency.ts), in
 * PostgreSQL so that every gateway replica sees the same ones. Only the
 * gateway's service principal may use them. A record is claimed by one
 * attempt (claim_token, with a lease), then either completed with the
 * answer or released so that a retry runs the request again. A claim whose
 * lease ran out (its gateway died) may be taken over by a retry of the same
 * request; an expired record (ttl) by any request.
 */
export type IdempotencyClaimState = 'STARTED' | 'REPLAY' | 'IN_FLIGHT' | 'MISMATCH';

export interface IdempotencyClaim {
  state: IdempotencyClaimState;
  claimToken: string | null;
  response: string | null;
}

const HEX_DIGEST = /^[0-9a-f]{64}$/;
export const MAX_IDEMPOTENCY_LEASE_SECONDS = 3600;
export const MAX_IDEMPOTENCY_TTL_SECONDS = 7 * 24 * 3600;
/** A sealed answer of the largest body the REST layer accepts (1 MiB), with room. */
const MAX_RESPONSE_CHARACTERS = 4 * 1024 * 1024;
const CLEANUP_PROBABILITY = 0.01;

function requireGateway(principal: Principal): void {
  if (principal.kind !== 'service' || principal.service !== 'gateway') throw domainError(ErrorCode.Forbidden, 'Not available');
}

function requireDigest(value: string, field: string): void {
  if (!HEX_DIGEST.test(value)) throw domainError(ErrorCode.BadUserInput, `${field} must be 64 lower-case hex digits`, { field });
}

function requireSeconds(value: number, field: string, min: number, max: number): void {
  if (!Number.isInteger(value) || value < min || value > max) throw domainError(ErrorCode.BadUserInput, `${field} must be ${min} to ${max}`, { field });
}

export async function claimIdempotencyKey(
  em: EntityManager,
  principal: Principal,
  args: { recordKey: string; fingerprint: string; leaseSeconds: number; ttlSeconds: number },
): Promise<IdempotencyClaim> {
  requireGateway(principal);
  requireDigest(args.recordKey, 'recordKey');
  requireDigest(args.fingerprint, 'fingerprint');
  requireSeconds(args.leaseSeconds, 'leaseSeconds', 1, MAX_IDEMPOTENCY_LEASE_SECONDS);
  requireSeconds(args.ttlSeconds, 'ttlSeconds', 1, MAX_IDEMPOTENCY_TTL_SECONDS);
  const token = randomUUID();
  // One statement: two gateways racing for a new key cannot both start it.
  const [claimed] = await em.execute<{ claim_token: string }[]>(
    `insert into admin.idempotency_keys as k (record_key, fingerprint, claim_token, locked_until, expires_at)
     values (?, ?, ?::uuid, now() + make_interval(secs => ?), now() + make_interval(secs => ?))
     on conflict (record_key) do update set fingerprint = excluded.fingerprint, claim_token = excluded.claim_token, response = null,
       locked_until = excluded.locked_until, created_at = now(), expires_at = excluded.expires_at
     where k.expires_at <= now() or (k.response is null and k.locked_until <= now() and k.fingerprint = excluded.fingerprint)
     returning k.claim_token`,
    [args.recordKey, args.fingerprint, token, args.leaseSeconds, args.ttlSeconds],
  );
  if (Math.random() < CLEANUP_PROBABILITY) await em.execute('delete from admin.idempotency_keys where expires_at < now()');
  if (claimed?.claim_token === token) return { state: 'STARTED', claimToken: token, response: null };
  const [existing] = await em.execute<{ fingerprint: string; response: string | null }[]>(
    'select fingerprint, response from admin.idempotency_keys where record_key = ? and expires_at > now()',
    [args.recordKey],
  );
  // Gone between the two statements (it expired or was released): the caller retries.
  if (!existing) return { state: 'IN_FLIGHT', claimToken: null, response: null };
  if (existing.fingerprint !== args.fingerprint) return { state: 'MISMATCH', claimToken: null, response: null };
  if (existing.response !== null) return { state: 'REPLAY', claimToken: null, response: existing.response };
  return { state: 'IN_FLIGHT', claimToken: null, response: null };
}

export async function completeIdempotencyKey(
  em: EntityManager,
  principal: Principal,
  args: { recordKey: string; claimToken: string; response: string },
): Promise<boolean> {
  requireGateway(principal);
  requireDigest(args.recordKey, 'recordKey');
  if (args.response.length === 0 || args.response.length > MAX_RESPONSE_CHARACTERS) {
    throw domainError(ErrorCode.BadUserInput, `response must be 1 to ${MAX_RESPONSE_CHARACTERS} characters`, { field: 'response' });
  }
  const rows = await em.execute<{ record_key: string }[]>(
    `update admin.idempotency_keys set response = ?, claim_token = null, locked_until = null
     where record_key = ? and claim_token = ?::uuid returning record_key`,
    [args.response, args.recordKey, args.claimToken],
  );
  return rows.length > 0;
}

export async function releaseIdempotencyKey(em: EntityManager, principal: Principal, args: { recordKey: string; claimToken: string }): Promise<boolean> {
  requireGateway(principal);
  requireDigest(args.recordKey, 'recordKey');
  const rows = await em.execute<{ record_key: string }[]>(
    'delete from admin.idempotency_keys where record_key = ? and claim_token = ?::uuid returning record_key',
    [args.recordKey, args.claimToken],
  );
  return rows.length > 0;
}
