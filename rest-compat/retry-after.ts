import type { RestReply } from './route-table';

/**
 * How long a client should wait before retrying a 503. The causes (a
 * subgraph that did not answer in time, an unreachable database, a
 * transaction that lost to concurrent work) pass within moments, and a
 * client that waits at least a second spreads its retries out.
 */
export const RETRY_AFTER_SECONDS = 1;

/** A 503 in any family tells the client when to retry (RFC 9110 Retry-After); other answers pass unchanged. */
export function withRetryAfter(reply: RestReply): RestReply {
  if (reply.status !== 503) return reply;
  const headers = reply.headers ?? {};
  if (Object.keys(headers).some((name) => name.toLowerCase() === 'retry-after')) return reply;
  return { ...reply, headers: { ...headers, 'retry-after': String(RETRY_AFTER_SECONDS) } };
}
