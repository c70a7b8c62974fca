import { unwrapResolverError } from '@apollo/server/errors';
import { GraphQLError, type GraphQLFormattedError } from 'graphql';
import { ErrorCode } from './errors';

/** Node socket errors that mean PostgreSQL cannot be reached. */
const SOCKET_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENETUNREACH', 'ENOTFOUND', 'EPIPE', 'EAI_AGAIN']);
/** PostgreSQL states of a server going away or not accepting connections. */
const SQLSTATE_CODES = new Set(['57P01', '57P02', '57P03']);

/** Whether `error` (or what it wraps) says the database is unreachable rather than that the query failed. */
export function isDatabaseUnavailable(error: unknown): boolean {
  for (let current = error, depth = 0; current instanceof Error && depth < 5; depth += 1) {
    const code = (current as { code?: unknown }).code;
    if (typeof code === 'string' && (SOCKET_CODES.has(code) || SQLSTATE_CODES.has(code) || code.startsWith('08'))) return true;
    // knex cannot get a pooled connection in time, the socket closed under a query,
    // or the database refuses new connections (55000, e.g. allow_connections off).
    if (current.name === 'KnexTimeoutError' || /Connection terminated|not currently accepting connections/i.test(current.message)) return true;
    current = current.cause;
  }
  return false;
}

export const DATABASE_UNAVAILABLE_MESSAGE = 'Service unavailable: the database is unreachable';

/**
 * Every subgraph's formatError runs this before masking: an error raised
 * because PostgreSQL is unreachable becomes SERVICE_UNAVAILABLE (REST 503)
 * instead of an internal error, wherever it was thrown.
 */
export function databaseOutageAsUnavailable(formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError {
  const original = unwrapResolverError(error);
  if (original instanceof GraphQLError || !isDatabaseUnavailable(original)) return formatted;
  return { message: DATABASE_UNAVAILABLE_MESSAGE, path: formatted.path, extensions: { code: ErrorCode.ServiceUnavailable } };
}
