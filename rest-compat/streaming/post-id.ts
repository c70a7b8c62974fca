import { createHash, randomBytes } from 'node:crypto';
import { IDEMPOTENCY_HEADER } from '../idempotency';
import type { RestInput } from '../route-table';

/**
 * The message id a chat post (O39–O41) asks the streaming subgraph to store
 * under, so that posting it again stores nothing new (sendIntegrationChatMessage's
 * `id`). With an Idempotency-Key it is derived from that key and the
 * caller's credential: a client that retries with the same key after an
 * answer it did not get (a timeout, a 503) reaches the message it already
 * stored, even once the key's record was released. Without one it is new
 * for each request, and still shared by the gateway's own retry
 * (route `retryUnavailable`).
 */
export function chatPostId(input: RestInput): string {
  const key = input.headers[IDEMPOTENCY_HEADER];
  const authorization = input.headers.authorization;
  if (typeof key !== 'string' || key === '' || typeof authorization !== 'string') return randomBytes(12).toString('base64url');
  // 12 bytes, as the subgraph's own ids; the credential scopes the key as the idempotency records do.
  return createHash('sha256').update(authorization).update('\0').update(key).digest().subarray(0, 12).toString('base64url');
}
