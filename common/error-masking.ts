import type { GraphQLFormattedError } from 'graphql';
import { ErrorCode, PUBLIC_ERROR_CODES } from './errors';
import type { Logger } from './logger';

export const MASKED_MESSAGE = 'Internal server error';

/**
 * Lets an error through only when its code is one written for clients;
 * anything else (database errors, bugs, upstream failures) is logged in full
 * and replaced by a generic error that carries the request id. In
 * development mode errors pass unchanged to help debugging.
 */
export function maskFormattedError(
  formatted: GraphQLFormattedError,
  original: unknown,
  options: { development: boolean; logger: Logger },
): GraphQLFormattedError {
  const code = formatted.extensions?.code;
  if (options.development) return formatted;
  if (typeof code === 'string' && PUBLIC_ERROR_CODES.has(code)) {
    // Keep the message and the client-facing details; drop traces and internals.
    const { stacktrace: _stack, exception: _exception, serviceName: _service, ...extensions } = formatted.extensions ?? {};
    return { message: formatted.message, locations: formatted.locations, path: formatted.path, extensions };
  }
  options.logger.error({ err: original, graphqlError: formatted.message }, 'masked internal error');
  return { message: MASKED_MESSAGE, path: formatted.path, extensions: { code: ErrorCode.Internal } };
}
