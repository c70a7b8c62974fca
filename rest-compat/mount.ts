import fastifySwagger from '@fastify/swagger';
import type { OpenAPIV3 } from 'openapi-types';
import fastifySwaggerUi from '@fastify/swagger-ui';
import Ajv, { type ErrorObject, type ValidateFunction } from 'ajv';
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { GraphQLFormattedError } from 'graphql';
import { NUL_MESSAGE, pathToNul } from '../common/nul-characters';
import { IDEMPOTENCY_HEADERS_SCHEMA, idempotencyHooks, type IdempotencyStore } from './idempotency';
import type { CredentialScheme, RateLimitVerdict, RestFailure, RestFamily, RestInput, RestReply, RestRoute, ValidationIssue } from './route-table';
import { DEFAULT_BODY_LIMIT, faultFor } from '../common/http-app';
import type { ClientFault } from '../common/http-errors';
import { credentialRefusal, type PresentedCredentials } from './credential-gate';
import { completeDocument } from './openapi/document';
import { registerRedoc } from './openapi/redoc';
import { familyForPath } from './path-family';
import { withRetryAfter } from './retry-after';
import { issueOfVariableError, speaksGraphQL } from './variable-errors';
import { answerConditionalGet } from './conditional-get';

/** Runs one GraphQL operation through the gateway's own pipeline for this request. */
export type RestExecutor = (
  request: FastifyRequest,
  operation: string,
  variables: Record<string, unknown>,
) => Promise<{ data: unknown; errors: readonly GraphQLFormattedError[]; headers?: Record<string, string> }>;

const SECURITY_SCHEMES: Record<CredentialScheme, OpenAPIV3.SecuritySchemeObject> = {
  sessionCookie: { type: 'apiKey', in: 'cookie', name: 'session', description: 'Session cookie from POST /api/auth/login; mutations also need x-csrf-token.' },
  apiKey: { type: 'http', scheme: 'bearer', description: 'prapi_ API key (also accepted in x-api-key or x-api-token).' },
  basicAdmin: { type: 'http', scheme: 'basic', description: 'User admin, password = the stream key.' },
  accessToken: { type: 'http', scheme: 'bearer', description: 'Streaming integration access token.' },
  hostToken: { type: 'http', scheme: 'bearer', description: 'Host token from GET /hosts/{host}/access_token.' },
  bearerToken: { type: 'http', scheme: 'bearer', description: 'Access token from POST /v1/auth/login.' },
};

// Query strings and path segments are text, so they are coerced to the schema's
// types; JSON bodies are not, so a wrong JSON type is a validation error.
const coercingAjv = new Ajv({ coerceTypes: 'array', useDefaults: true, removeAdditional: false, allErrors: false, strict: false });
const strictAjv = new Ajv({ coerceTypes: false, useDefaults: true, removeAdditional: false, allErrors: true, strict: false });
for (const ajv of [coercingAjv, strictAjv]) {
  ajv.addFormat('uuid', /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i);
}

/** What Fastify calls to validate one part of a request: false with `errors` set, or true. */
interface RouteValidator {
  (data: unknown): boolean;
  errors?: ErrorObject[] | null;
}

/**
 * Compiles a route schema at its first request instead of at start: the
 * gateway has a few hundred route schemas, and compiling them all took about
 * half a second of a start in which every process competes for two cores.
 */
function compileOnFirstUse(ajv: Ajv, schema: object): RouteValidator {
  let compiled: ValidateFunction | undefined;
  const validate: RouteValidator = (data) => {
    compiled ??= ajv.compile(schema);
    const valid = compiled(data) as boolean;
    validate.errors = compiled.errors;
    return valid;
  };
  return validate;
}

const LOCATION_OF: Record<string, ValidationIssue['location']> = { body: 'body', querystring: 'query', params: 'path', headers: 'header' };

function validationIssues(error: FastifyError, request: FastifyRequest): ValidationIssue[] {
  const location = LOCATION_OF[error.validationContext ?? 'body'] ?? 'body';
  // No body at all is a missing body, not a body of the wrong type.
  if (location === 'body' && request.body === undefined) {
    return [{ location, path: [], message: 'body is required', keyword: 'required' }];
  }
  return (error.validation ?? []).map((issue) => {
    const path = issue.instancePath
      .split('/')
      .filter(Boolean)
      .map((part) => (/^\d+$/.test(part) ? Number(part) : part));
    const missing = issue.keyword === 'required' ? (issue.params as { missingProperty?: string }).missingProperty : undefined;
    return { location, path: missing ? [...path, missing] : path, message: issue.message ?? 'is invalid', keyword: issue.keyword };
  });
}

/** Path parameters, query string and body, in that order: the first NUL character found (common/nul-characters.ts). */
function nulIssue(request: FastifyRequest): ValidationIssue | undefined {
  const parts: [ValidationIssue['location'], unknown][] = [
    ['path', request.params],
    ['query', request.query],
    ['body', request.body],
  ];
  for (const [location, value] of parts) {
    const path = pathToNul(value);
    if (path !== null) return { location, path, message: NUL_MESSAGE, keyword: 'nul' };
  }
  return undefined;
}

function send(reply: FastifyReply, answer: RestReply): FastifyReply {
  const result = withRetryAfter(answer);
  for (const [name, value] of Object.entries(result.headers ?? {})) reply.header(name, value);
  reply.code(result.status ?? 200);
  return result.body === undefined ? reply.send() : reply.send(result.body);
}

function inputOf(request: FastifyRequest): RestInput {
  return {
    params: (request.params ?? {}) as Record<string, unknown>,
    query: (request.query ?? {}) as Record<string, unknown>,
    body: request.body,
    headers: request.headers,
  };
}

function mountRoute(
  scope: FastifyInstance,
  family: RestFamily,
  route: RestRoute,
  execute: RestExecutor,
  credentialsOf?: (request: FastifyRequest) => PresentedCredentials,
  idempotency?: IdempotencyStore,
): void {
  const idempotent = route.idempotent && idempotency;
  // Public reads are the same for every caller: ETag and 304 for them (their Cache-Control is the operation's).
  const conditional = route.method === 'GET' && route.credentials.length === 0;
  scope.route({
    // Creation routes honour Idempotency-Key: claimed before the handler, stored with the answer sent.
    ...(idempotent ? idempotencyHooks(family, idempotency) : {}),
    ...(conditional ? { onSend: answerConditionalGet } : {}),
    method: route.method,
    url: route.url,
    // Before the body is read: a credential of a kind this route does not take is refused in the family's shape.
    ...(credentialsOf
      ? {
          onRequest: async (request: FastifyRequest, reply: FastifyReply) => {
            const refusal = credentialRefusal(family, route, credentialsOf(request));
            if (refusal) return send(reply, family.failure(refusal));
          },
        }
      : {}),
    schema: {
      summary: `${route.id}: ${route.summary}`,
      tags: [family.title],
      operationId: route.id,
      ...(route.credentials.length > 0 ? { security: route.credentials.map((scheme) => ({ [scheme]: [] })) } : {}),
      ...route.schema,
      ...(idempotent ? { headers: IDEMPOTENCY_HEADERS_SCHEMA } : {}),
    },
    handler: async (request, reply) => {
      const input = inputOf(request);
      const variables = route.variables?.(input) ?? {};
      let outcome = await execute(request, route.operation, variables);
      // An operation safe to repeat learns its outcome by running again (route-table.ts, retryUnavailable).
      if (route.retryUnavailable && outcome.errors[0]?.extensions?.code === 'SERVICE_UNAVAILABLE') {
        outcome = await execute(request, route.operation, variables);
      }
      // Headers the pipeline set go out with either answer: Set-Cookie of login and logout, and the
      // Cache-Control the operation's @cacheControl hints give (no-store for anything not public).
      if (outcome.headers) for (const [name, value] of Object.entries(outcome.headers)) reply.header(name, value);
      const [error] = outcome.errors;
      if (error) {
        // A value GraphQL could not coerce is the request field it came from, not a variable.
        const issue = issueOfVariableError(error.message, input);
        if (issue) return send(reply, family.failure({ kind: 'validation', issues: [issue] }));
        const code = typeof error.extensions?.code === 'string' ? error.extensions.code : 'INTERNAL_SERVER_ERROR';
        const field = typeof error.extensions?.field === 'string' ? error.extensions.field : undefined;
        const authenticate = typeof error.extensions?.authenticate === 'string' ? error.extensions.authenticate : undefined;
        const message = speaksGraphQL(error.message) ? 'The request is invalid' : error.message;
        return send(reply, family.failure({ kind: 'graphql', code, message, field, authenticate }));
      }
      return send(reply, route.respond(outcome.data, input));
    },
  });
}

/** Counts one request of a rate-limited family: X-RateLimit-* on the answer, and the family's 429 once the limit is used up. */
async function countRequest(
  family: RestFamily,
  rateLimit: (request: FastifyRequest) => Promise<RateLimitVerdict | null>,
  request: FastifyRequest,
  reply: FastifyReply,
): Promise<FastifyReply | undefined> {
  const verdict = await rateLimit(request);
  if (!verdict) return undefined;
  reply.header('x-ratelimit-limit', String(verdict.limit));
  reply.header('x-ratelimit-remaining', String(verdict.remaining));
  reply.header('x-ratelimit-reset', String(verdict.resetAt));
  if (verdict.allowed) return undefined;
  reply.header('retry-after', String(Math.max(1, verdict.resetAt - Math.floor(Date.now() / 1000))));
  const message = `Rate limit of ${verdict.limit} requests exceeded; try again after ${new Date(verdict.resetAt * 1000).toISOString()}`;
  return send(reply, family.failure({ kind: 'graphql', code: 'RATE_LIMITED', message }));
}

/** A refusal of the HTTP layer (common/http-app.ts) as a family failure. */
export function failureOfFault(fault: ClientFault): RestFailure {
  if (fault.status === 404) return { kind: 'graphql', code: 'NOT_FOUND', message: fault.message };
  if (fault.status >= 500) return { kind: 'graphql', code: 'INTERNAL_SERVER_ERROR', message: fault.message };
  return { kind: 'malformed', status: fault.status, message: fault.message, ...(fault.body ? { body: true } : {}) };
}

/**
 * Answers a refusal made outside any route of a family (unknown routes, bad
 * URLs, too-long path segments) in the shape of the family whose routes the
 * path is closest to (rest-compat/path-family.ts), or as a plain
 * {"error": {code, message}} for paths of no family.
 */
export function replyInFamily(families: readonly RestFamily[], request: FastifyRequest, reply: FastifyReply, fault: ClientFault): FastifyReply {
  const family = familyForPath(families, request.url);
  if (family) return send(reply, family.failure(failureOfFault(fault)));
  const code = fault.status === 404 ? 'not_found' : fault.status >= 500 ? 'internal_error' : 'invalid_request';
  return reply.code(fault.status).send({ error: { code, message: fault.message } });
}

/**
 * Serves every family's routes, each in its own Fastify scope so validation
 * and other failures take that family's error shape, and publishes the
 * OpenAPI document (/openapi.json) and its docs pages (/docs Swagger UI and
 * /redoc, local assets).
 */
export async function mountRestCompatibility(
  app: FastifyInstance,
  families: RestFamily[],
  execute: RestExecutor,
  options: {
    docsEnabled: boolean;
    /** The credentials a request presents, for each route's `credentials` (rest-compat/credential-gate.ts); no check without it. */
    credentialsOf?: (request: FastifyRequest) => PresentedCredentials;
    /** Counts a request of a `rateLimited` family; null when no verdict is available (the request goes ahead without headers). */
    rateLimit?: (request: FastifyRequest) => Promise<RateLimitVerdict | null>;
    /** Where Idempotency-Key records live; without one the header is ignored everywhere. */
    idempotency?: IdempotencyStore;
  },
): Promise<void> {
  await app.register(fastifySwagger, {
    openapi: {
      openapi: '3.0.3',
      info: {
        title: 'Playroom federation: REST compatibility',
        version: '1.0.0',
        description: 'Every documented endpoint of the original APIs, each translated into a GraphQL operation on /graphql.',
      },
      components: { securitySchemes: SECURITY_SCHEMES },
    },
    // Responses, scopes and servers come from the route table (rest-compat/openapi/document.ts).
    transformObject: (documentObject) =>
      'openapiObject' in documentObject ? completeDocument(documentObject.openapiObject as OpenAPIV3.Document, families) : documentObject.swaggerObject,
  });
  const { rateLimit } = options;
  for (const family of families) {
    await app.register(async (scope) => {
      if (family.formBodies) {
        scope.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string' }, (_request, body, done) => {
          done(null, Object.fromEntries(new URLSearchParams(body as string)));
        });
      }
      if (family.rateLimited && rateLimit) {
        // onRequest runs before parsing and validation, so every answer of the family carries the headers.
        scope.addHook('onRequest', async (request, reply) => countRequest(family, rateLimit, request, reply));
      }
      // Before the schemas run: a NUL character anywhere in the request is invalid input in the family's shape.
      scope.addHook('preValidation', async (request, reply) => {
        const issue = nulIssue(request);
        if (issue) return send(reply, family.failure({ kind: 'validation', issues: [issue] }));
      });
      scope.setValidatorCompiler(({ schema, httpPart }) => compileOnFirstUse(httpPart === 'body' ? strictAjv : coercingAjv, schema));
      scope.setErrorHandler((error: FastifyError, request, reply) => {
        if (error.validation) return send(reply, family.failure({ kind: 'validation', issues: validationIssues(error, request) }));
        return send(reply, family.failure(failureOfFault(faultFor(error, request, scope.initialConfig.bodyLimit ?? DEFAULT_BODY_LIMIT))));
      });
      for (const route of family.routes) mountRoute(scope, family, route, execute, options.credentialsOf, options.idempotency);
    });
  }
  if (rateLimit && families.some((family) => family.rateLimited)) {
    // A path no route matches (the scopes' hooks never see it) counts too, when it lies in a rate-limited
    // family's paths: an unknown /v1 path is answered with the same headers, and the same 429, as a known one.
    app.addHook('onRequest', async (request, reply) => {
      if (request.routeOptions.url !== undefined) return;
      const family = familyForPath(families, request.url);
      if (family?.rateLimited) return countRequest(family, rateLimit, request, reply);
    });
  }
  app.get('/openapi.json', { schema: { hide: true } }, async () => app.swagger());
  if (options.docsEnabled) {
    await app.register(fastifySwaggerUi, { routePrefix: '/docs', uiConfig: { docExpansion: 'list' } });
    registerRedoc(app);
  }
}
