import { invalidRequestText, statusOf, type RestFailure, type RestReply } from '../route-table';

/**
 * Family G (seed 003): single objects as {"data": {...}}, lists as
 * {"data": [...], "meta": {page, per_page, total, total_pages}}, errors as
 * {"error": {code, message}} with the seed's codes.
 */
/** The seed's error code for each GraphQL code; the status comes from statusOf. */
const ERROR_NAME_BY_GRAPHQL_CODE: Record<string, string> = {
  BAD_USER_INPUT: 'invalid_request',
  UNAUTHENTICATED: 'authentication_required',
  FORBIDDEN: 'insufficient_permissions',
  NOT_FOUND: 'resource_not_found',
  CONFLICT: 'invalid_request',
  RATE_LIMITED: 'rate_limit_exceeded',
  SERVICE_UNAVAILABLE: 'internal_server_error',
  GRAPHQL_VALIDATION_FAILED: 'invalid_request',
  GRAPHQL_PARSE_FAILED: 'invalid_request',
};

export function generalData(data: unknown, status = 200): RestReply {
  return { status, body: { data } };
}

export function generalList(items: unknown[], page: number, perPage: number, total: number): RestReply {
  return { status: 200, body: { data: items, meta: { page, per_page: perPage, total, total_pages: Math.ceil(total / perPage) } } };
}

export function generalError(status: number, code: string, message: string): RestReply {
  return { status, body: { error: { code, message } } };
}

export function generalFailure(failure: RestFailure): RestReply {
  switch (failure.kind) {
    case 'validation':
      return generalError(400, 'invalid_request', invalidRequestText(failure.issues));
    case 'credential':
      return generalError(401, 'authentication_required', failure.message);
    case 'malformed':
      return generalError(failure.status >= 400 && failure.status < 500 ? failure.status : 400, 'invalid_request', failure.message);
    case 'graphql': {
      const name = ERROR_NAME_BY_GRAPHQL_CODE[failure.code];
      return name ? generalError(statusOf(failure.code), name, failure.message) : generalError(500, 'internal_server_error', 'Internal server error');
    }
  }
}
