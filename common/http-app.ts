import { randomUUID } from 'node:crypto';
import Fastify, { LogController, type FastifyBaseLogger, type FastifyError, type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';
import { BODY_TOO_DEEP, clientFaultOf, MAX_PARAM_LENGTH, type ClientFault } from './http-errors';
import { loggableError } from './loggable-error';
import { requestLogLevelFrom, type RequestLogLevel } from './config';
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
  /**
   * Answers every refusal the app makes outside a scope that has its own
   * error handler (unknown routes 404, bad URLs, too-long path segments,
   * unreadable bodies, unexpected errors 500) in the caller's convention.
   * Without it, Fastify's own body shape is used (subgraphs: only the gateway calls them).
   */
  respondToFault?: FaultResponder;
  /** Counts requests per route and serves GET /metrics (common/metrics.ts). */
  metrics?: Metrics;
  /** The level of each request's log line; defaults to REQUEST_LOG_LEVEL (debug). */
  requestLogLevel?: RequestLogLevel;
}

/** Writes one refusal; `fault.status` is 404 for an unknown route and 500 for the server's own failure. */
export type FaultResponder = (request: FastifyRequest, reply: FastifyReply, fault: ClientFault) => FastifyReply;

export const DEFAULT_BODY_LIMIT = 1024 * 1024;
export const NOT_FOUND_MESSAGE = 'No such endpoint; /openapi.json lists the documented ones';
export const INTERNAL_MESSAGE = 'Internal server error';

/**
 * Fastify's own request lines (an "incoming request" and a "request
 * completed" line at info for every request, in every process) cost more
 * than some requests do. Each answered request writes one line at
 * REQUEST_LOG_LEVEL instead (debug by default, so nothing at the default
 * LOG_LEVEL; operators turn it on with REQUEST_LOG_LEVEL=info). Failed
 * requests (errors, 5xx) are always logged as errors.
 */
class RequestLogs extends LogController {
  constructor(private readonly level: RequestLogLevel) {
    super();
  }

  override incomingRequest(): void {}

  override requestCompleted(error: Error | null | undefined, request: FastifyRequest, reply: FastifyReply): void {
    if (error) {
      reply.log.error({ res: reply, err: error, responseTime: reply.elapsedTime }, 'request errored');
      return;
    }
    if (this.level === 'off' || !(request.log as Logger).isLevelEnabled(this.level)) return;
    request.log[this.level]({ method: request.method, url: request.url, statusCode: reply.statusCode, ms: Math.round(reply.elapsedTime) }, 'request');
  }

  override routeNotFound(request: FastifyRequest): void {
    if (this.level === 'off' || !(request.log as Logger).isLevelEnabled(this.level)) return;
    request.log[this.level]({ method: request.method, url: request.url }, 'no such route');
  }
}

/**
 * The Fastify instance every process serves from: takes or makes an
 * `x-request-id`, echoes it on the response and puts it in every log line
 * (as `reqId`, Fastify's label).
 */
export function createHttpApp(options: HttpAppOptions): FastifyInstance {
  const bodyLimit = options.bodyLimit ?? DEFAULT_BODY_LIMIT;
  const { respondToFault } = options;
  const app = Fastify({
    logController: new RequestLogs(options.requestLogLevel ?? requestLogLevelFrom(process.env.REQUEST_LOG_LEVEL)),
    // pino's Logger is a FastifyBaseLogger; the cast keeps the default instance type.
    loggerInstance: options.logger as FastifyBaseLogger,
    bodyLimit,
    routerOptions: { maxParamLength: MAX_PARAM_LENGTH },
    trustProxy: options.trustProxy ?? false,
    // Refusals before routing (bad URL, too-long segment) would otherwise echo the URL in Fastify's shape.
    ...(respondToFault
      ? {
          frameworkErrors: (error: FastifyError, request: FastifyRequest, reply: FastifyReply) =>
            respondToFault(request, reply, faultFor(error, request, bodyLimit)),
        }
      : {}),
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
      throw Object.assign(new Error(`Request body is nested deeper than ${MAX_JSON_DEPTH} levels`), { statusCode: 400, code: BODY_TOO_DEEP });
    }
  });
  if (respondToFault) {
    app.setNotFoundHandler((request, reply) => respondToFault(request, reply, { status: 404, message: NOT_FOUND_MESSAGE }));
    app.setErrorHandler((error: FastifyError, request, reply) => respondToFault(request, reply, faultFor(error, request, bodyLimit)));
  }
  options.metrics?.instrumentHttp(app);
  app.addHook('onRequest', async (request) => nameServerSpan(request.method, request.routeOptions.url));
  return app;
}

/** The client's fault in our words, or a logged 500. */
export function faultFor(error: FastifyError, request: FastifyRequest, bodyLimit: number): ClientFault {
  const fault = clientFaultOf(error, bodyLimit);
  if (fault) return fault;
  request.log.error({ err: loggableError(error).err }, 'request failed');
  return { status: 500, message: INTERNAL_MESSAGE };
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
