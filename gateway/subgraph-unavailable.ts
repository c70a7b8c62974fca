import { GraphQLError } from 'graphql';
import { ErrorCode } from '../common/errors';

/**
 * A subgraph fetch that failed in transport: the subgraph did not answer
 * within SUBGRAPH_TIMEOUT_MS, refused or dropped the connection, or a proxy
 * in front of it answered 502/503/504. That is the service being
 * unavailable for now, not a bug: SERVICE_UNAVAILABLE (REST 503 with
 * Retry-After), in words that name no address, library or subgraph.
 */
export const SUBGRAPH_TIMEOUT_MESSAGE = 'Service unavailable: the request took too long to complete; try again';
export const SUBGRAPH_UNREACHABLE_MESSAGE = 'Service unavailable: a part of the service cannot be reached right now; try again';

/** undici's names for headers and body timeouts, and its connect timeout. */
const TIMEOUT_CODES = new Set(['UND_ERR_HEADERS_TIMEOUT', 'UND_ERR_BODY_TIMEOUT', 'UND_ERR_CONNECT_TIMEOUT', 'ETIMEDOUT']);

/** Statuses a gateway or proxy in front of a subgraph answers when the subgraph is away or overloaded. */
export function isUnavailableStatus(status: number): boolean {
  return status === 502 || status === 503 || status === 504;
}

/** The client-facing error for a fetch that threw (the original stays attached for the log). */
export function subgraphUnavailable(cause: unknown): GraphQLError {
  const code = (cause as { code?: unknown } | null)?.code;
  const timedOut = typeof code === 'string' && TIMEOUT_CODES.has(code);
  return new GraphQLError(timedOut ? SUBGRAPH_TIMEOUT_MESSAGE : SUBGRAPH_UNREACHABLE_MESSAGE, {
    extensions: { code: ErrorCode.ServiceUnavailable },
    originalError: cause instanceof Error ? cause : undefined,
  });
}
