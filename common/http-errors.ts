import type { FastifyError } from 'fastify';

/**
 * Fastify's own refusals (unreadable bodies, bad URLs, too-long path
 * segments) in our words. Fastify's messages name its error codes, echo the
 * URL or the content type, and come in Fastify's body shape; every server
 * answers them in the caller's convention instead (common/http-app.ts and
 * the REST families' handlers).
 */
export interface ClientFault {
  status: number;
  message: string;
  /** The fault is the body itself (it could not be read as the content type says). */
  body?: boolean;
}

/** Longest path segment (route parameter) the apps accept (Fastify's maxParamLength, set by common/http-app.ts). */
export const MAX_PARAM_LENGTH = 100;

const FAULTS: Record<string, ClientFault> = {
  FST_ERR_CTP_INVALID_MEDIA_TYPE: { status: 415, message: 'Unsupported content type: send JSON (content-type: application/json)', body: true },
  FST_ERR_CTP_EMPTY_JSON_BODY: { status: 400, message: 'The body is empty although content-type says JSON', body: true },
  FST_ERR_CTP_INVALID_JSON_BODY: { status: 400, message: 'The body is not valid JSON', body: true },
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: { status: 400, message: 'The body does not match its Content-Length', body: true },
  FST_ERR_BAD_URL: { status: 400, message: 'The URL is not valid (malformed percent-encoding)' },
  FST_ERR_MAX_PARAM_LENGTH: { status: 414, message: `A path segment is longer than ${MAX_PARAM_LENGTH} characters` },
};

/** Our own refusal of a parsed body nested too deep (common/http-app.ts): a body fault like invalid JSON. */
export const BODY_TOO_DEEP = 'BODY_NESTED_TOO_DEEP';

/** The fault a client caused, in our words; undefined when the error is the server's (answer 500 and log it). */
export function clientFaultOf(error: FastifyError, bodyLimitBytes: number): ClientFault | undefined {
  if (error.code === 'FST_ERR_CTP_BODY_TOO_LARGE') return { status: 413, message: `The body is larger than the limit of ${bodyLimitBytes} bytes`, body: true };
  if (error.code === BODY_TOO_DEEP) return { status: 400, message: error.message, body: true };
  const known = error.code ? FAULTS[error.code] : undefined;
  if (known) return known;
  const status = error.statusCode;
  if (status === undefined || status < 400 || status >= 500) return undefined;
  // Other Fastify refusals keep their status, not their wording; our own (no FST_ code) were written for clients.
  if (error.code?.startsWith('FST_')) return { status, message: 'The request is malformed' };
  // A body stream that broke off (client aborted) is also given status 400 by Fastify's parser.
  if (error.code === 'ECONNRESET' || /aborted/i.test(error.message)) return { status, message: 'The request body was cut off', body: true };
  return { status, message: error.message };
}
