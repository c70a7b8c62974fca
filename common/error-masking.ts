import type { ApolloServerPlugin, BaseContext } from '@apollo/server';
import type { GraphQLFormattedError } from 'graphql';
import { ErrorCode, PUBLIC_ERROR_CODES } from './errors';
import type { Logger } from './logger';
import { loggableError } from './loggable-error';

export const MASKED_MESSAGE = 'Internal server error';

function isPublic(code: unknown): boolean {
  return typeof code === 'string' && PUBLIC_ERROR_CODES.has(code);
}

/**
 * Lets an error through only when its code is one written for clients;
 * anything else (database errors, bugs, upstream failures) becomes a generic
 * error. In development mode errors pass unchanged to help debugging.
 */
export function maskFormattedError(formatted: GraphQLFormattedError, development: boolean): GraphQLFormattedError {
  if (development) return formatted;
  if (isPublic(formatted.extensions?.code)) {
    // Keep the message and the client-facing details; drop traces and internals.
    const { stacktrace: _stack, exception: _exception, serviceName: _service, ...extensions } = formatted.extensions ?? {};
    return { message: formatted.message, locations: formatted.locations, path: formatted.path, extensions };
  }
  return { message: MASKED_MESSAGE, path: formatted.path, extensions: { code: ErrorCode.Internal } };
}

/** maskFormattedError, and a masked error names the request, so a user's report finds the log line. */
export function maskWithRequestId(formatted: GraphQLFormattedError, development: boolean, requestId: string | undefined): GraphQLFormattedError {
  const masked = maskFormattedError(formatted, development);
  if (masked.message !== MASKED_MESSAGE || !requestId) return masked;
  return { ...masked, extensions: { ...masked.extensions, requestId } };
}

/** Logs every error a client will only see masked: in full, except database errors (by SQLSTATE only, common/loggable-error.ts). */
export function reportUnexpectedErrors(
  errors: readonly { message: string; path?: readonly (string | number)[]; extensions?: Record<string, unknown>; originalError?: unknown }[],
  logger: Logger,
): void {
  for (const error of errors) {
    if (isPublic(error.extensions?.code)) continue;
    // A database error's message quotes its statement with the caller's values: only its code is logged.
    const loggable = loggableError(error.originalError ?? error);
    logger.error({ err: loggable.err, path: error.path }, `unexpected error: ${loggable.message}`);
  }
}

interface LoggingContext extends BaseContext {
  logger: Logger;
  requestId: string;
}

/**
 * Logs every error a client will not see in full (with the request's own
 * logger, so the line carries the request id) and puts the request id on
 * masked errors, so a user's report finds that line.
 */
export function errorReportingPlugin<TContext extends LoggingContext>(): ApolloServerPlugin<TContext> {
  return {
    async requestDidStart() {
      return {
        async didEncounterErrors({ errors, contextValue }) {
          reportUnexpectedErrors(errors, contextValue.logger);
        },
        async willSendResponse({ response, contextValue }) {
          if (response.body.kind !== 'single') return;
          for (const error of response.body.singleResult.errors ?? []) {
            if (error.message === MASKED_MESSAGE && error.extensions) {
              (error.extensions as Record<string, unknown>).requestId = contextValue.requestId;
            }
          }
        },
      };
    },
  };
}
