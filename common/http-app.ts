import { randomUUID } from 'node:crypto';
import Fastify, { type FastifyBaseLogger, type FastifyInstance } from 'fastify';
import type { Logger } from './logger';
import type { Metrics } from './metrics';
import { nameServerSpan } from './trace-context';

export const REQUEST_ID_HEADER = 'x-request-id';
// A caller's id is kept only when it is safe to write into a log line.
export const SAFE_REQUEST_ID = /^[A-Za-z0-9._:-]{1,128}$/;

export interface HttpAppOptions {
  logger: Logger;
  bodyLimit?: number;
  /** Trust X-Forwarded-For for the client address (only behind a known proxy). */
  trustProxy?: boolean | string;
  /** Counts requests per route and serves GET /metrics (common/metrics.ts). */
  metrics?: Metrics;
}

/**
 * The Fastify instance every process serves from: takes or makes an
 * `x-request-id`, echoes it on the response and puts it in every log line
 * (as `reqId`, Fastify's label).
 */
export function createHttpApp(options: HttpAppOptions): FastifyInstance {
  const app = Fastify({
    // pino's Logger is a FastifyBaseLogger; the cast keeps the default instance type.
    loggerInstance: options.logger as FastifyBaseLogger,
    bodyLimit: options.bodyLimit ?? 1024 * 1024,
    trustProxy: options.trustProxy ?? false,
    genReqId: (req) => {
      const given = req.headers[REQUEST_ID_HEADER];
      return typeof given === 'string' && SAFE_REQUEST_ID.test(given) ? given : randomUUID();
    },
  });
  app.addHook('onRequest', async (request, reply) => {
    reply.header(REQUEST_ID_HEADER, request.id);
  });
  // A parsed body nested deeper than any API takes is refused here (400, in the route scope's error shape):
  // deep values would otherwise overflow the stack where they are serialised again (subgraph requests).
  app.addHook('preValidation', async (request) => {
    if (request.body !== null && typeof request.body === 'object' && nestedDeeperThan(request.body, MAX_JSON_DEPTH)) {
      throw Object.assign(new Error(`Request body is nested deeper than ${MAX_JSON_DEPTH} levels`), { statusCode: 400 });
    }
  });
  options.metrics?.instrumentHttp(app);
  app.addHook('onRequest', async (request) => nameServerSpan(request.method, request.routeOptions.url));
  return app;
}

/** Deepest nesting of arrays and objects a request body may have. */
export const MAX_JSON_DEPTH = 64;

/** Whether a parsed JSON value nests arrays/objects deeper than `limit` (iterative: no recursion on hostile input). */
export function nestedDeeperThan(value: unknown, limit: number): boolean {
  const stack: { value: unknown; depth: number }[] = [{ value, depth: 1 }];
  while (stack.length > 0) {
    const item = stack.pop()!;
    if (item.value === null || typeof item.value !== 'object') continue;
    if (item.depth > limit) return true;
    for (const child of Object.values(item.value)) {
      if (child !== null && typeof child === 'object') stack.push({ value: child, depth: item.depth + 1 });
    }
  }
  return false;
}

/** Resolves with the bound port; a taken port becomes a one-line, actionable error. */
export async function listen(app: FastifyInstance, host: string, port: number, what: string): Promise<number> {
  try {
    await app.listen({ host, port });
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'EADDRINUSE') throw new PortInUseError(`${what}: port ${port} on ${host} is already in use; stop what holds it or choose another port`);
    throw error;
  }
  const address = app.server.address();
  return typeof address === 'object' && address ? address.port : port;
}

export class PortInUseError extends Error {}
