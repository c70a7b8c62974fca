import fastifyCors, { type FastifyCorsOptions } from '@fastify/cors';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { RestFamily } from '../rest-compat/route-table';
import { originAllowed } from './origin';

/**
 * Cross-origin (CORS) rules of the gateway, the same origin list as the
 * WebSocket and session-cookie rules (gateway/origin.ts, ALLOWED_ORIGINS):
 * - a listed origin (or the gateway's own) may call every route with every
 *   method, cookies included (Access-Control-Allow-Credentials);
 * - any other origin may read the public, read-only routes (Owncast's
 *   public API and the public site settings), as Owncast itself allows, but
 *   without credentials: `Access-Control-Allow-Origin: *` makes the browser
 *   refuse a credentialed read;
 * - everything else gets no CORS headers, so the browser keeps the answer
 *   from the page (and refuses to send a preflighted request at all).
 * The headers are set in an onRequest hook, before authentication and before
 * any error handler runs, so error answers (401, 404, 429, validation) carry
 * them as well: a page can read why it was refused.
 */

/** Routes (ENDPOINTS.md ids) any web page may read: public, read-only, no credentials. */
export const ANY_ORIGIN_ROUTE_IDS = ['O1', 'O2', 'O3', 'O4', 'O5', 'P1'] as const;

/** Request headers the API reads (credentials, CSRF, request id, Apollo Client's and tracing headers). */
export const CORS_ALLOWED_HEADERS = [
  'content-type',
  'authorization',
  'x-api-key',
  'x-api-token',
  'x-csrf-token',
  'x-request-id',
  'graphql-preflight',
  'idempotency-key',
  // A page revalidating a public read itself (the browser's own cache adds it without asking).
  'if-none-match',
  'apollo-require-preflight',
  'x-apollo-operation-name',
  'apollographql-client-name',
  'apollographql-client-version',
  'traceparent',
  'tracestate',
];

/** Response headers a page may read besides the CORS-safelisted ones. */
export const CORS_EXPOSED_HEADERS = [
  'etag',
  'x-request-id',
  'x-ratelimit-limit',
  'x-ratelimit-remaining',
  'x-ratelimit-reset',
  'retry-after',
  'www-authenticate',
];

/** How long a browser may cache a preflight answer, in seconds. */
export const CORS_MAX_AGE_SECONDS = 600;

/** The paths of the any-origin routes, taken from the route table so they follow its URLs. */
export function anyOriginPaths(families: readonly RestFamily[]): Set<string> {
  const routes = families.flatMap((family) => family.routes);
  const paths = new Set<string>();
  for (const id of ANY_ORIGIN_ROUTE_IDS) {
    const route = routes.find((candidate) => candidate.id === id);
    // Opening a route with credentials or side effects to every origin would be a security hole: refuse to start.
    if (!route || route.method !== 'GET' || route.credentials.length > 0 || route.url.includes(':')) {
      throw new Error(`CORS: route ${id} must exist and be a public GET without path parameters`);
    }
    paths.add(route.url);
  }
  return paths;
}

export interface CorsSettings {
  /** ALLOWED_ORIGINS. */
  allowedOrigins: readonly string[];
  /** Paths any origin may read (anyOriginPaths). */
  anyOriginPaths: ReadonlySet<string>;
}

/** The CORS answer for one request; `origin: false` sends no CORS headers. */
export function corsOptionsFor(request: FastifyRequest, settings: CorsSettings): FastifyCorsOptions {
  const origin = request.headers.origin;
  if (typeof origin !== 'string') return { origin: false };
  if (originAllowed(origin, request.headers.host, settings.allowedOrigins, request.protocol)) {
    return {
      origin,
      credentials: true,
      methods: ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE'],
      allowedHeaders: CORS_ALLOWED_HEADERS,
      exposedHeaders: CORS_EXPOSED_HEADERS,
      maxAge: CORS_MAX_AGE_SECONDS,
    };
  }
  const path = request.url.split('?', 1)[0]!;
  if (settings.anyOriginPaths.has(path)) {
    return {
      origin: '*',
      credentials: false,
      methods: ['GET', 'HEAD'],
      allowedHeaders: CORS_ALLOWED_HEADERS,
      exposedHeaders: CORS_EXPOSED_HEADERS,
      maxAge: CORS_MAX_AGE_SECONDS,
    };
  }
  return { origin: false };
}

/** Registers @fastify/cors on the whole app (its hook and the OPTIONS route that answers preflights). */
export async function registerCors(app: FastifyInstance, settings: CorsSettings): Promise<void> {
  await app.register(fastifyCors, {
    hook: 'onRequest',
    delegator: (request: FastifyRequest, callback: (error: Error | null, options?: FastifyCorsOptions) => void) =>
      callback(null, corsOptionsFor(request, settings)),
  });
}
