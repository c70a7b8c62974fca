import type { RestFailure, RestReply } from '../route-table';

/**
 * Family G (seed 003): single objects as {"data": {...}}, lists as
 * {"data": [...], "meta": {page, per_page, total, total_pages}}, errors as
 * {"error": {code, message}} with the seed's codes.
 */
const ERRORS_BY_GRAPHQL_CODE: Record<string, { status: number; code: string }> = {
  BAD_USER_INPUT: { status: 400, code: 'invalid_request' },
  UNAUTHENTICATED: { status: 401, code: 'authentication_required' },
  FORBIDDEN: { status: 403, code: 'insufficient_permissions' },
  NOT_FOUND: { status: 404, code: 'resource_not_found' },
  CONFLICT: { status: 409, code: 'invalid_request' },
  RATE_LIMITED: { status: 429, code: 'rate_limit_exceeded' },
  SERVICE_UNAVAILABLE: { status: 503, code: 'internal_server_error' },
  GRAPHQL_VALIDATION_FAILED: { status: 400, code: 'invalid_request' },
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
    case 'validation': {
      const issue = failure.issues[0];
      const where = issue && issue.path.length > 0 ? `${issue.path.join('.')} ` : '';
      return generalError(400, 'invalid_request', `Invalid ${issue?.location ?? 'request'}: ${where}${issue?.message ?? 'is invalid'}`);
    }
    case 'malformed':
      return generalError(failure.status >= 400 && failure.status < 500 ? failure.status : 400, 'invalid_request', failure.message);
    case 'not-found-route':
      return generalError(404, 'resource_not_found', 'No such endpoint');
    case 'graphql': {
      const mapped = ERRORS_BY_GRAPHQL_CODE[failure.code];
      return mapped ? generalError(mapped.status, mapped.code, failure.message) : generalError(500, 'internal_server_error', 'Internal server error');
    }
  }
}
