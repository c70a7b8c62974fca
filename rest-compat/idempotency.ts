import { createHash } from 'node:crypto';
import type { FastifyReply, FastifyRequest, onSendHookHandler, preHandlerHookHandler } from 'fastify';
import { withRetryAfter } from './retry-after';
import type { JsonSchema, RestFamily, RestReply } from './route-table';

/**
 * `Idempotency-Key` on the REST routes that create things (routes marked
 * `idempotent`), after Stripe's idempotent requests: the first attempt with
 * a key runs and its answer is stored; a retry with the same key and the
 * same request (method, path, query and body) gets that answer again, with
 * `Idempotent-Replayed: true`, and writes nothing. Keys belong to the
 * caller's credential, so one caller's key never replays to another.
 * - The same key with a different request: 409 in the family's shape.
 * - A retry while the first attempt still runs: 409, try again later.
 * - Only final answers are stored: 2xx, and 4xx other than the transient
 *   ones below. After a 5xx (or a transient refusal) the key is released and
 *   a retry runs the request again.
 * - A key is at most 255 printable ASCII characters; another is a
 *   validation error in the family's shape (400; 422 for family F).
 * - A request without a credential (nothing to scope the key to) runs as
 *   if it had no key; other routes ignore the header.
 * Where the records live (and how they are protected) is the store's
 * business: gateway/idempotency-store.ts.
 */
export const IDEMPOTENCY_HEADER = 'idempotency-key';
export const REPLAYED_HEADER = 'idempotent-replayed';
export const MAX_IDEMPOTENCY_KEY_LENGTH = 255;

/** The headers of a stored answer that a replay repeats (rate-limit headers belong to each request). */
const STORED_HEADERS = ['location', 'content-type'] as const;
/**
 * Refusals that may go away without the request changing: authentication
 * (401), an Origin, address or permission check (403), timeouts (408),
 * conflicts with the current state (409), too early (425), rate limits (429).
 */
const TRANSIENT_CLIENT_ERRORS = new Set([401, 403, 408, 409, 425, 429]);

/** A first answer as stored: status, the headers above, the body as sent. */
export interface StoredAnswer {
  status: number;
  headers: Record<string, string>;
  body: string;
}

export type IdempotencyClaim =
  | {
      state: 'started';
      /** Stores the answer; a retry replays it from now on. */
      complete(answer: StoredAnswer): Promise<void>;
      /** Drops the claim; a retry runs the request again. */
      release(): Promise<void>;
    }
  | { state: 'replay'; answer: StoredAnswer }
  | { state: 'in_flight' }
  | { state: 'mismatch' }
  /** A stored answer that can no longer be opened (the server's secret changed). */
  | { state: 'unreadable' };

export interface IdempotencyStore {
  /** Claims `key` for this request's caller; null when the request carries no credential to scope the key to. */
  claim(request: FastifyRequest, key: string, fingerprint: string): Promise<IdempotencyClaim | null>;
}

/** The header as documented in the OpenAPI document of every idempotent route. */
export const IDEMPOTENCY_HEADERS_SCHEMA: JsonSchema = {
  type: 'object',
  properties: {
    [IDEMPOTENCY_HEADER]: {
      type: 'string',
      minLength: 1,
      maxLength: MAX_IDEMPOTENCY_KEY_LENGTH,
      description:
        'Optional. A unique key (1–255 printable ASCII characters, e.g. a UUID) that makes a retry safe: ' +
        'the same key with the same request within 24 hours answers the first answer again (header Idempotent-Replayed: true) and creates nothing. ' +
        'The same key with a different request, or while the first is still running, is a 409. Keys belong to the credential that sent them.',
    },
  },
};

const PRINTABLE_ASCII = /^[\x20-\x7e]+$/;

/** Object keys sorted at every level, so equal JSON bodies hash alike whatever their key order. */
function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, item]) => item !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([key, item]) => `${JSON.stringify(key)}:${canonicalJson(item)}`).join(',')}}`;
  }
  return JSON.stringify(value ?? null);
}

/** What makes two attempts "the same request": method, path, query and body. */
export function requestFingerprint(request: FastifyRequest): string {
  const path = request.url.split('?')[0] ?? '';
  return createHash('sha256')
    .update([request.method, path, canonicalJson(request.query ?? {}), canonicalJson(request.body ?? null)].join('\n'))
    .digest('hex');
}

function sendReply(reply: FastifyReply, answer: RestReply): FastifyReply {
  const result = withRetryAfter(answer);
  for (const [name, value] of Object.entries(result.headers ?? {})) reply.header(name, value);
  return reply.code(result.status ?? 200).send(result.body);
}

function conflict(family: RestFamily, message: string): RestReply {
  return family.failure({ kind: 'graphql', code: 'CONFLICT', message });
}

/**
 * The route hooks of an idempotent route: preHandler claims the key (or
 * answers a replay or a refusal), onSend stores or releases it with the
 * answer actually sent, whichever way it was produced.
 */
export function idempotencyHooks(family: RestFamily, store: IdempotencyStore): { preHandler: preHandlerHookHandler; onSend: onSendHookHandler } {
  const claims = new WeakMap<FastifyRequest, Extract<IdempotencyClaim, { state: 'started' }>>();

  const preHandler: preHandlerHookHandler = async (request, reply) => {
    const key = request.headers[IDEMPOTENCY_HEADER];
    if (key === undefined) return;
    if (typeof key !== 'string' || !PRINTABLE_ASCII.test(key) || key.length > MAX_IDEMPOTENCY_KEY_LENGTH) {
      return sendReply(
        reply,
        family.failure({
          kind: 'validation',
          issues: [
            {
              location: 'header',
              path: [IDEMPOTENCY_HEADER],
              message: `must be 1 to ${MAX_IDEMPOTENCY_KEY_LENGTH} printable ASCII characters`,
              keyword: 'pattern',
            },
          ],
        }),
      );
    }
    let claim: IdempotencyClaim | null;
    try {
      claim = await store.claim(request, key, requestFingerprint(request));
    } catch (error) {
      request.log.error({ err: error instanceof Error ? { message: error.message } : 'error' }, 'idempotency key not claimed');
      return sendReply(
        reply,
        family.failure({ kind: 'graphql', code: 'SERVICE_UNAVAILABLE', message: 'Idempotency keys cannot be checked right now; try again' }),
      );
    }
    if (!claim) return;
    switch (claim.state) {
      case 'started':
        claims.set(request, claim);
        return;
      case 'replay':
        reply.header(REPLAYED_HEADER, 'true');
        for (const [name, value] of Object.entries(claim.answer.headers)) reply.header(name, value);
        return reply.code(claim.answer.status).send(claim.answer.body === '' ? undefined : claim.answer.body);
      case 'mismatch':
        return sendReply(reply, conflict(family, 'This Idempotency-Key was already used for a different request; use a new key for a new request'));
      case 'in_flight':
        return sendReply(reply, conflict(family, 'A request with this Idempotency-Key is still being processed; retry later'));
      case 'unreadable':
        return sendReply(reply, conflict(family, 'The first answer to this Idempotency-Key can no longer be replayed; use a new key'));
    }
  };

  const onSend: onSendHookHandler = async (request, reply, payload) => {
    const claim = claims.get(request);
    if (!claim) return payload;
    claims.delete(request);
    const status = reply.statusCode;
    const final = (status >= 200 && status < 300) || (status >= 400 && status < 500 && !TRANSIENT_CLIENT_ERRORS.has(status));
    // The answer goes out either way: a record that cannot be written only costs a later retry its replay.
    try {
      if (final && (typeof payload === 'string' || payload === undefined || payload === null)) {
        const headers: Record<string, string> = {};
        for (const name of STORED_HEADERS) {
          const value = reply.getHeader(name);
          if (value !== undefined) headers[name] = String(value);
        }
        await claim.complete({ status, headers, body: typeof payload === 'string' ? payload : '' });
      } else {
        await claim.release();
      }
    } catch (error) {
      request.log.error({ err: error instanceof Error ? { message: error.message } : 'error' }, 'idempotency record not written; it lapses with its lease');
    }
    return payload;
  };

  return { preHandler, onSend };
}
