import { unwrapResolverError } from '@apollo/server/errors';
import { GraphQLError, type GraphQLFormattedError } from 'graphql';
import { ErrorCode } from './errors';

/** Node socket errors that mean PostgreSQL cannot be reached. */
const SOCKET_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENETUNREACH', 'ENOTFOUND', 'EPIPE', 'EAI_AGAIN']);
/**
 * PostgreSQL states of a server going away or not accepting connections
 * (admin shutdown, crash shutdown, starting up; too many connections).
 */
const SQLSTATE_CODES = new Set(['57P01', '57P02', '57P03', '53300']);
/**
 * Class 08 is "connection exception", except 08P01 (protocol_violation):
 * PostgreSQL sends that about a message the client built wrong (e.g. a query
 * with more than 65535 parameters) and keeps the connection open, so it is
 * the query's fault, and a retry fails alike.
 */
const NOT_CONNECTION_FAULTS = new Set(['08P01']);
/**
 * States of a statement that lost to concurrent work and was rolled back
 * whole: serialization failure, deadlock, lock wait timeout, statement
 * timeout. The statement (and its transaction) wrote nothing, and the same
 * request can succeed a moment later, so the caller is told to try again
 * (503), like an outage.
 */
const CONTENTION_CODES = new Set(['40001', '40P01', '55P03', '57014']);
/** unique_violation: a concurrent request wrote the same unique value first. */
const UNIQUE_VIOLATION = '23505';

interface ErrorLike {
  code?: unknown;
  name?: unknown;
  message?: unknown;
  cause?: unknown;
}

/**
 * The error and what it wraps (at most five deep), with their codes. Read
 * by shape, not `instanceof Error`: errors made by Node itself (sockets)
 * come from another realm wherever code runs in a VM context (Jest).
 */
function codesOf(error: unknown): { code: string | undefined; name: string; message: string }[] {
  const chain: { code: string | undefined; name: string; message: string }[] = [];
  for (let current = error, depth = 0; typeof current === 'object' && current !== null && depth < 5; depth += 1) {
    const { code, name, message, cause } = current as ErrorLike;
    chain.push({
      code: typeof code === 'string' ? code : undefined,
      name: typeof name === 'string' ? name : '',
      message: typeof message === 'string' ? message : '',
    });
    current = cause;
  }
  return chain;
}

function isConnectionState(code: string): boolean {
  return SOCKET_CODES.has(code) || SQLSTATE_CODES.has(code) || (code.startsWith('08') && !NOT_CONNECTION_FAULTS.has(code));
}

/** Whether `error` (or what it wraps) says the database is unreachable rather than that the query failed. */
export function isDatabaseUnavailable(error: unknown): boolean {
  return codesOf(error).some(
    ({ code, name, message }) =>
      (code !== undefined && isConnectionState(code)) ||
      // knex cannot get a pooled connection in time, the socket closed under a query,
      // or the database refuses new connections (55000, e.g. allow_connections off).
      name === 'KnexTimeoutError' ||
      /Connection terminated|not currently accepting connections/i.test(message),
  );
}

/** Whether the statement lost to concurrent work (deadlock, serialization, lock or statement timeout) and was rolled back. */
export function isDatabaseContention(error: unknown): boolean {
  return codesOf(error).some(({ code }) => code !== undefined && CONTENTION_CODES.has(code));
}

/** Whether a unique index refused the write: another request stored the same value first. */
export function isUniqueViolation(error: unknown): boolean {
  return codesOf(error).some(({ code }) => code === UNIQUE_VIOLATION);
}

export const DATABASE_UNAVAILABLE_MESSAGE = 'Service unavailable: the database is unreachable';
export const DATABASE_BUSY_MESSAGE = 'Service unavailable: the request collided with concurrent work; try again';
export const CONCURRENT_WRITE_MESSAGE = 'The request conflicts with a concurrent change of the same data';

/**
 * Every subgraph's formatError runs this before masking: an error raised
 * because PostgreSQL is unreachable, or because the statement lost to
 * concurrent work, becomes SERVICE_UNAVAILABLE (REST 503: nothing was
 * written, try again) instead of an internal error, wherever it was thrown;
 * a unique violation that no service turned into its own error (two
 * identical writes racing past the service's check) becomes CONFLICT (409).
 */
export function databaseOutageAsUnavailable(formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError {
  const original = unwrapResolverError(error);
  if (original instanceof GraphQLError) return formatted;
  const answer = (code: ErrorCode, message: string): GraphQLFormattedError => ({ message, path: formatted.path, extensions: { code } });
  if (isDatabaseUnavailable(original)) return answer(ErrorCode.ServiceUnavailable, DATABASE_UNAVAILABLE_MESSAGE);
  if (isDatabaseContention(original)) return answer(ErrorCode.ServiceUnavailable, DATABASE_BUSY_MESSAGE);
  if (isUniqueViolation(original)) return answer(ErrorCode.Conflict, CONCURRENT_WRITE_MESSAGE);
  return formatted;
}
