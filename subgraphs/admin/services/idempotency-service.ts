import { randomUUID } from 'node:crypto';
import { domainError, ErrorCode } from '../../../common/errors';
import type { Context } from '../context';
import {
  claimIdempotencyRecord,
  completeIdempotencyRecord,
  deleteExpiredIdempotencyRecords,
  liveIdempotencyRecord,
  releaseIdempotencyRecord,
} from '../queries';
import { assertAllowed } from './permissions';

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

function requireDigest(value: string, field: string): void {
  if (!HEX_DIGEST.test(value)) throw domainError(ErrorCode.BadUserInput, `${field} must be 64 lower-case hex digits`, { field });
}

function requireSeconds(value: number, field: string, min: number, max: number): void {
  if (!Number.isInteger(value) || value < min || value > max) throw domainError(ErrorCode.BadUserInput, `${field} must be ${min} to ${max}`, { field });
}

export async function claimIdempotencyKey(
  context: Context,
  args: { recordKey: string; fingerprint: string; leaseSeconds: number; ttlSeconds: number },
): Promise<IdempotencyClaim> {
  await assertAllowed(context, 'idempotencyKey:use');
  const { em } = context;
  requireDigest(args.recordKey, 'recordKey');
  requireDigest(args.fingerprint, 'fingerprint');
  requireSeconds(args.leaseSeconds, 'leaseSeconds', 1, MAX_IDEMPOTENCY_LEASE_SECONDS);
  requireSeconds(args.ttlSeconds, 'ttlSeconds', 1, MAX_IDEMPOTENCY_TTL_SECONDS);
  const token = randomUUID();
  const claimed = await claimIdempotencyRecord(em, { ...args, token });
  // Expired records are cleared now and then, by whichever claim draws it.
  if (Math.random() < CLEANUP_PROBABILITY) await deleteExpiredIdempotencyRecords(em);
  if (claimed) return { state: 'STARTED', claimToken: token, response: null };
  const existing = await liveIdempotencyRecord(em, args.recordKey);
  // Gone between the two statements (it expired or was released): the caller retries.
  if (!existing) return { state: 'IN_FLIGHT', claimToken: null, response: null };
  if (existing.fingerprint !== args.fingerprint) return { state: 'MISMATCH', claimToken: null, response: null };
  if (existing.response !== null) return { state: 'REPLAY', claimToken: null, response: existing.response };
  return { state: 'IN_FLIGHT', claimToken: null, response: null };
}

/** Seals the claimed record with the answer; false when the claim was lost (its lease ran out and another attempt took it). */
export async function completeIdempotencyKey(context: Context, args: { recordKey: string; claimToken: string; response: string }): Promise<boolean> {
  await assertAllowed(context, 'idempotencyKey:use');
  requireDigest(args.recordKey, 'recordKey');
  if (args.response.length === 0 || args.response.length > MAX_RESPONSE_CHARACTERS) {
    throw domainError(ErrorCode.BadUserInput, `response must be 1 to ${MAX_RESPONSE_CHARACTERS} characters`, { field: 'response' });
  }
  return completeIdempotencyRecord(context.em, args.recordKey, args.claimToken, args.response);
}

/** Drops the claimed record so that a retry runs the request again; false when the claim was lost. */
export async function releaseIdempotencyKey(context: Context, args: { recordKey: string; claimToken: string }): Promise<boolean> {
  await assertAllowed(context, 'idempotencyKey:use');
  requireDigest(args.recordKey, 'recordKey');
  return releaseIdempotencyRecord(context.em, args.recordKey, args.claimToken);
}
