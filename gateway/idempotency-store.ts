import { createCipheriv, createDecipheriv, createHmac, hkdfSync, randomBytes } from 'node:crypto';
import type { FastifyRequest } from 'fastify';
import type { Logger } from '../common/logger';
import { adminServiceCall, callService, type AdminCallSettings, type ServiceCallOptions } from '../common/service-call';
import type { IdempotencyClaim, IdempotencyStore, StoredAnswer } from '../rest-compat/idempotency';

/**
 * Idempotency-Key records in PostgreSQL, behind the admin subgraph's
 * internal `claimIdempotencyKey` / `completeIdempotencyKey` /
 * `releaseIdempotencyKey` mutations (@inaccessible, accepted only from the
 * gateway's service principal), so every gateway replica shares them.
 * What leaves the gateway:
 * - the record key: an HMAC (keyed from PRINCIPAL_SECRET) of the caller's
 *   identity and the Idempotency-Key, so the table holds neither, and one
 *   caller's key can never name another caller's record;
 * - a SHA-256 fingerprint of the request;
 * - the first answer sealed with AES-256-GCM under a key derived from
 *   PRINCIPAL_SECRET, the caller and the Idempotency-Key itself: reading the
 *   table alone opens no answer (some hold a one-time secret, e.g. a new
 *   API key's), and only the same caller presenting the same key does.
 */
export interface IdempotencyStoreOptions extends AdminCallSettings {
  /** How long a first answer is replayed (IDEMPOTENCY_TTL_SECONDS). */
  ttlSeconds: number;
  /** How long an attempt holds its key (IDEMPOTENCY_LEASE_SECONDS). */
  leaseSeconds: number;
  /** The caller's identity for scoping keys; null when the request has no credential. */
  callerOf(request: FastifyRequest): Promise<string | null>;
  logger: Logger;
}

const CLAIM = `mutation ClaimIdempotencyKey($recordKey: String!, $fingerprint: String!, $leaseSeconds: Int!, $ttlSeconds: Int!) {
  claimIdempotencyKey(recordKey: $recordKey, fingerprint: $fingerprint, leaseSeconds: $leaseSeconds, ttlSeconds: $ttlSeconds) { state claimToken response }
}`;
const COMPLETE = `mutation CompleteIdempotencyKey($recordKey: String!, $claimToken: UUID!, $response: String!) {
  completeIdempotencyKey(recordKey: $recordKey, claimToken: $claimToken, response: $response)
}`;
const RELEASE = `mutation ReleaseIdempotencyKey($recordKey: String!, $claimToken: UUID!) {
  releaseIdempotencyKey(recordKey: $recordKey, claimToken: $claimToken)
}`;

interface ClaimResult {
  state: 'STARTED' | 'REPLAY' | 'IN_FLIGHT' | 'MISMATCH';
  claimToken: string | null;
  response: string | null;
}

const SEALED_PREFIX = 'v1.';
const IV_BYTES = 12;
const TAG_BYTES = 16;

export class AdminIdempotencyStore implements IdempotencyStore {
  private readonly recordKeySecret: Buffer;
  private readonly service: ServiceCallOptions;

  constructor(private readonly options: IdempotencyStoreOptions) {
    // Own keys for own purposes, derived from the one secret the deployment has.
    this.recordKeySecret = Buffer.from(hkdfSync('sha256', options.principalSecret, '', 'playroom idempotency record key', 32));
    this.service = adminServiceCall('gateway', options);
  }

  async claim(request: FastifyRequest, key: string, fingerprint: string): Promise<IdempotencyClaim | null> {
    const caller = await this.options.callerOf(request);
    if (caller === null) return null;
    const recordKey = createHmac('sha256', this.recordKeySecret).update(caller).update('\0').update(key).digest('hex');
    const result = await callService<ClaimResult>(this.service, {
      query: CLAIM,
      variables: { recordKey, fingerprint, leaseSeconds: this.options.leaseSeconds, ttlSeconds: this.options.ttlSeconds },
      field: 'claimIdempotencyKey',
      requestId: request.id,
    });
    switch (result.state) {
      case 'STARTED': {
        const claimToken = result.claimToken;
        if (!claimToken) throw new Error('claimIdempotencyKey started without a claim token');
        return {
          state: 'started',
          complete: async (answer) => {
            await callService<boolean>(this.service, {
              query: COMPLETE,
              variables: { recordKey, claimToken, response: this.seal(caller, key, recordKey, answer) },
              field: 'completeIdempotencyKey',
              requestId: request.id,
            });
          },
          release: async () => {
            await callService<boolean>(this.service, {
              query: RELEASE,
              variables: { recordKey, claimToken },
              field: 'releaseIdempotencyKey',
              requestId: request.id,
            });
          },
        };
      }
      case 'REPLAY': {
        const answer = result.response ? this.open(caller, key, recordKey, result.response) : null;
        if (!answer) this.options.logger.warn({ reqId: request.id }, 'stored idempotent answer cannot be opened');
        return answer ? { state: 'replay', answer } : { state: 'unreadable' };
      }
      case 'IN_FLIGHT':
        return { state: 'in_flight' };
      case 'MISMATCH':
        return { state: 'mismatch' };
    }
  }

  private answerKey(caller: string, key: string): Buffer {
    return Buffer.from(hkdfSync('sha256', this.options.principalSecret, caller, `playroom idempotency answer\0${key}`, 32));
  }

  private seal(caller: string, key: string, recordKey: string, answer: StoredAnswer): string {
    const iv = randomBytes(IV_BYTES);
    const cipher = createCipheriv('aes-256-gcm', this.answerKey(caller, key), iv);
    cipher.setAAD(Buffer.from(recordKey));
    const sealed = Buffer.concat([cipher.update(JSON.stringify(answer), 'utf8'), cipher.final()]);
    return SEALED_PREFIX + Buffer.concat([iv, cipher.getAuthTag(), sealed]).toString('base64url');
  }

  /** null when the answer was sealed under another secret or altered. */
  private open(caller: string, key: string, recordKey: string, stored: string): StoredAnswer | null {
    if (!stored.startsWith(SEALED_PREFIX)) return null;
    const bytes = Buffer.from(stored.slice(SEALED_PREFIX.length), 'base64url');
    if (bytes.length < IV_BYTES + TAG_BYTES) return null;
    try {
      const decipher = createDecipheriv('aes-256-gcm', this.answerKey(caller, key), bytes.subarray(0, IV_BYTES));
      decipher.setAAD(Buffer.from(recordKey));
      decipher.setAuthTag(bytes.subarray(IV_BYTES, IV_BYTES + TAG_BYTES));
      const plain = Buffer.concat([decipher.update(bytes.subarray(IV_BYTES + TAG_BYTES)), decipher.final()]).toString('utf8');
      return JSON.parse(plain) as StoredAnswer;
    } catch {
      return null;
    }
  }
}
