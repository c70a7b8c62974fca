import { statusOf, type RestFailure, type RestReply, type ValidationIssue } from '../route-table';

/**
 * Family F (seed 004, a FastAPI service): errors are {"message"}; request
 * validation errors are 422 {"detail": [{loc, msg, type}]} as FastAPI
 * (pydantic 2) writes them.
 */
const PYDANTIC_BY_KEYWORD: Record<string, { type: string; msg: string }> = {
  required: { type: 'missing', msg: 'Field required' },
  format: { type: 'uuid_parsing', msg: 'Input should be a valid UUID' },
  type: { type: 'type_error', msg: 'Input has the wrong type' },
};

const TYPE_ERRORS: Record<string, { type: string; msg: string }> = {
  boolean: { type: 'bool_type', msg: 'Input should be a valid boolean' },
  integer: { type: 'int_type', msg: 'Input should be a valid integer' },
  string: { type: 'string_type', msg: 'Input should be a valid string' },
  object: { type: 'model_attributes_type', msg: 'Input should be a valid dictionary or object to extract fields from' },
};

function detailOf(issue: ValidationIssue): { loc: (string | number)[]; msg: string; type: string } {
  const expectedType = /must be (\w+)/.exec(issue.message)?.[1];
  const mapped = (issue.keyword === 'type' && expectedType ? TYPE_ERRORS[expectedType] : undefined) ??
    PYDANTIC_BY_KEYWORD[issue.keyword] ?? { type: 'value_error', msg: `Value error, ${issue.message}` };
  return { loc: [issue.location, ...issue.path], msg: mapped.msg, type: mapped.type };
}

export function socialFailure(failure: RestFailure): RestReply {
  switch (failure.kind) {
    case 'validation':
      return { status: 422, body: { detail: failure.issues.map(detailOf) } };
    case 'malformed':
      // FastAPI answers a body it cannot decode as JSON with 422 json_invalid.
      return failure.status === 400 && failure.body
        ? { status: 422, body: { detail: [{ loc: ['body'], msg: 'JSON decode error', type: 'json_invalid' }] } }
        : { status: failure.status, body: { message: failure.message } };
    case 'credential':
      // As FastAPI's HTTPBearer answers a request without a usable token.
      return { status: 401, body: { message: failure.message }, headers: { 'www-authenticate': 'Bearer' } };
    case 'graphql': {
      const status = statusOf(failure.code);
      return {
        status,
        body: { message: status === 500 ? 'Internal Server Error' : failure.message },
        // As FastAPI's HTTPBearer answers a request without a usable token.
        ...(status === 401 ? { headers: { 'www-authenticate': 'Bearer' } } : {}),
      };
    }
  }
}
