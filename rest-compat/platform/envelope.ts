import { invalidRequestText, statusOf, type RestFailure, type RestReply } from '../route-table';

/**
 * Family P (seeds 000 and 001): everything under /api in the envelope
 * {"success", "data", "error"}; error codes are lower-case words.
 */
const ERROR_CODE_BY_GRAPHQL_CODE: Record<string, string> = {
  BAD_USER_INPUT: 'invalid_input',
  UNAUTHENTICATED: 'unauthorized',
  FORBIDDEN: 'forbidden',
  NOT_FOUND: 'not_found',
  CONFLICT: 'conflict',
  RATE_LIMITED: 'rate_limited',
  SERVICE_UNAVAILABLE: 'service_unavailable',
  GRAPHQL_VALIDATION_FAILED: 'invalid_input',
  GRAPHQL_PARSE_FAILED: 'invalid_input',
};

export function platformSuccess(data: Record<string, unknown>, status = 200): RestReply {
  return { status, body: { success: true, data, error: null } };
}

export function platformError(status: number, code: string, message: string): RestReply {
  return { status, body: { success: false, data: null, error: { code, message } } };
}

export function platformFailure(failure: RestFailure): RestReply {
  switch (failure.kind) {
    case 'validation':
      return platformError(400, 'invalid_input', invalidRequestText(failure.issues));
    case 'malformed':
      return platformError(failure.status, 'invalid_input', failure.message);
    case 'credential':
      // A key on a session-only route is a valid P credential without the right (403); anything else is no P credential (401).
      return failure.acceptedElsewhereInFamily ? platformError(403, 'forbidden', failure.message) : platformError(401, 'unauthorized', failure.message);
    case 'graphql': {
      const code = ERROR_CODE_BY_GRAPHQL_CODE[failure.code];
      return code ? platformError(statusOf(failure.code), code, failure.message) : platformError(500, 'internal_error', 'Unexpected server error');
    }
  }
}
