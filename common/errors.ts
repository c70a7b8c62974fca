import { GraphQLError, type ASTNode } from 'graphql';

/**
 * The error codes a client may see in `extensions.code`. Every REST family maps
 * these to its own status codes and shapes; anything else is masked as
 * INTERNAL_SERVER_ERROR by the gateway.
 */
export const ErrorCode = {
  BadUserInput: 'BAD_USER_INPUT',
  Unauthenticated: 'UNAUTHENTICATED',
  Forbidden: 'FORBIDDEN',
  NotFound: 'NOT_FOUND',
  Conflict: 'CONFLICT',
  RateLimited: 'RATE_LIMITED',
  ServiceUnavailable: 'SERVICE_UNAVAILABLE',
  Internal: 'INTERNAL_SERVER_ERROR',
} as const;
export type ErrorCode = (typeof ErrorCode)[keyof typeof ErrorCode];

/** Codes whose message was written for the client and may pass the gateway. */
export const PUBLIC_ERROR_CODES: ReadonlySet<string> = new Set<string>([
  ErrorCode.BadUserInput,
  ErrorCode.Unauthenticated,
  ErrorCode.Forbidden,
  ErrorCode.NotFound,
  ErrorCode.Conflict,
  ErrorCode.RateLimited,
  ErrorCode.ServiceUnavailable,
  // graphql-js validation and parse failures, raised by Apollo Server itself
  'GRAPHQL_VALIDATION_FAILED',
  'GRAPHQL_PARSE_FAILED',
  'BAD_REQUEST',
  'PERSISTED_QUERY_NOT_FOUND',
  'PERSISTED_QUERY_NOT_SUPPORTED',
  'OPERATION_RESOLUTION_FAILURE',
]);

export interface ErrorDetails {
  /** Which input field was wrong, for BAD_USER_INPUT. */
  field?: string;
  [key: string]: unknown;
}

/** A GraphQL error meant for the client, with a stable code. */
export function domainError(code: ErrorCode, message: string, details: ErrorDetails = {}): GraphQLError {
  return new GraphQLError(message, { extensions: { ...details, code } });
}

/**
 * A request the gateway refuses before any subgraph runs, as the client's
 * mistake: BAD_USER_INPUT, and HTTP 400 for the whole response (Apollo reads
 * `extensions.http`), pointing at the offending part of the document if given.
 */
export function badRequestError(message: string, nodes?: ASTNode | readonly ASTNode[]): GraphQLError {
  return new GraphQLError(message, { nodes, extensions: { code: ErrorCode.BadUserInput, http: { status: 400 } } });
}
