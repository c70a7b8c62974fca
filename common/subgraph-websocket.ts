import type { IncomingMessage, Server } from 'node:http';
import type { Duplex } from 'node:stream';
import type { Context as TraceContext } from '@opentelemetry/api';
import { createSourceEventStream, execute, GraphQLError, type ExecutionArgs, type ExecutionResult, type GraphQLSchema } from 'graphql';
import { CloseCode } from 'graphql-ws';
import { useServer } from 'graphql-ws/use/ws';
import { WebSocketServer } from 'ws';
import { mapAsyncIterator } from './async-iterators';
import { maskWithRequestId, reportUnexpectedErrors } from './error-masking';
import { SAFE_REQUEST_ID, REQUEST_ID_HEADER } from './http-app';
import type { Logger } from './logger';
import type { Metrics } from './metrics';
import { inSpanOf, traceContextFromExtensions } from './trace-context';
import { PRINCIPAL_HEADER, PrincipalRejected, verifyPrincipal, type Principal } from './principal';

/** What the gateway sends in connection_init when it opens a subscription on a subgraph. */
export type SubgraphConnectionParams = {
  [PRINCIPAL_HEADER]?: string;
  [REQUEST_ID_HEADER]?: string;
  /** The caller's Authorization, for domain credentials (host tokens), as over HTTP. */
  authorization?: string;
  /** The client's User-Agent on its WebSocket upgrade (chat clients list it). */
  'user-agent'?: string;
};

/** Who is on a socket, verified at connection_init. */
export interface SocketIdentity {
  principal: Principal;
  requestId: string;
  authorization: string | undefined;
  /** The client's User-Agent as the gateway saw it (WebSocket only). */
  userAgent?: string;
}

export interface SubgraphWebSocketOptions<TContext extends { requestId: string; logger: Logger }> {
  server: Server;
  path: string;
  schema: GraphQLSchema;
  principalSecret: string;
  development: boolean;
  logger: Logger;
  /** A context like an HTTP request's; called once per operation and again for each event of a subscription. */
  contextFor(identity: SocketIdentity, operationId: string): TContext;
  /** The same caller with new per-request state (EntityManager, DataLoaders), for the next event. */
  renewContext(context: TContext): TContext;
  keepAliveMs?: number;
  connectionInitTimeoutMs?: number;
  /** Open sockets, active subscriptions and events sent, on /metrics. */
  metrics?: Metrics;
}

export interface SubgraphWebSocket {
  close(): Promise<void>;
}


interface Extra extends Record<PropertyKey, unknown> {
  identity?: SocketIdentity;
}

function hasIterator(value: unknown): value is AsyncIterator<unknown> & AsyncIterable<unknown> {
  return typeof value === 'object' && value !== null && Symbol.asyncIterator in value;
}

/**
 * graphql-ws on a subgraph's /graphql (WebSocket upgrade): the gateway opens
 * one socket per client subscription and authenticates it with the signed
 * principal in connection_init, verified as over HTTP (missing: close 4401,
 * forged or stale: 4403). Each operation gets a context like an HTTP request,
 * and each event of a subscription is executed with a fresh one (its own
 * EntityManager and DataLoaders), so nothing stale is cached across events.
 */
export function attachSubgraphWebSocket<TContext extends { requestId: string; logger: Logger }>(
  options: SubgraphWebSocketOptions<TContext>,
): SubgraphWebSocket {
  const { logger } = options;
  const wss = new WebSocketServer({ noServer: true, maxPayload: 1024 * 1024 });
  const onUpgrade = (request: IncomingMessage, socket: Duplex, head: Buffer) => {
    const pathname = new URL(request.url ?? '/', 'http://localhost').pathname;
    if (pathname !== options.path) {
      socket.destroy();
      return;
    }
    wss.handleUpgrade(request, socket, head, (ws) => wss.emit('connection', ws, request));
  };
  options.server.on('upgrade', onUpgrade);

  /** Each operation's remote trace parent (the gateway's span), by its context value. */
  const traceParents = new WeakMap<object, TraceContext>();
  const mask = (error: GraphQLError, context: TContext | undefined) => maskWithRequestId(error.toJSON(), options.development, context?.requestId);
  const report = (errors: readonly GraphQLError[], context: TContext | undefined) => reportUnexpectedErrors(errors, context?.logger ?? logger);

  const disposable = useServer<SubgraphConnectionParams, Extra>(
    {
      isProd: !options.development,
      schema: options.schema,
      connectionInitWaitTimeout: options.connectionInitTimeoutMs ?? 5000,
      onConnect: async (ctx) => {
        const params = ctx.connectionParams ?? {};
        const token = typeof params[PRINCIPAL_HEADER] === 'string' ? params[PRINCIPAL_HEADER] : undefined;
        if (!token) {
          await ctx.extra.socket.close(CloseCode.Unauthorized, 'Request refused: missing principal');
          return false;
        }
        try {
          const principal = await verifyPrincipal(token, options.principalSecret);
          const given = params[REQUEST_ID_HEADER];
          ctx.extra.identity = {
            principal,
            requestId: typeof given === 'string' && SAFE_REQUEST_ID.test(given) ? given : `ws-${Date.now().toString(36)}`,
            authorization: typeof params.authorization === 'string' ? params.authorization : undefined,
            ...(typeof params['user-agent'] === 'string' ? { userAgent: params['user-agent'].slice(0, 512) } : {}),
          };
          return true;
        } catch (error) {
          const reason = error instanceof PrincipalRejected ? error.message : 'invalid principal';
          logger.warn({ reason }, 'principal rejected on websocket');
          return false;
        }
      },
      context: (ctx, id, payload) => {
        const value = options.contextFor(ctx.extra.identity!, id);
        // Tracing: the gateway's span for this subscription, from the subscribe payload's extensions.
        traceParents.set(value, traceContextFromExtensions(payload.extensions));
        return value;
      },
      // Only the gateway connects here, and only to subscribe; queries and mutations go over HTTP.
      execute: () => ({ errors: [new GraphQLError('Only subscriptions are served over WebSocket', { extensions: { code: 'BAD_REQUEST' } })] }),
      subscribe: async (args: ExecutionArgs) => {
        const operation = args.contextValue as TContext;
        const traceParent = traceParents.get(operation);
        const stream = await inSpanOf(traceParent, 'graphql subscribe', async () => createSourceEventStream(args));
        if (!hasIterator(stream)) return stream as ExecutionResult;
        const events = mapAsyncIterator<unknown, ExecutionResult>(stream, async (payload) =>
          inSpanOf(traceParent, 'graphql subscription event', async () => execute({ ...args, rootValue: payload, contextValue: options.renewContext(operation) })),
        );
        return options.metrics ? options.metrics.observeSubscription(events) : events;
      },
      onNext: (_ctx, _id, _payload, args, result) => {
        if (!result.errors?.length) return;
        const context = args.contextValue as TContext;
        report(result.errors, context);
        return { ...result, errors: result.errors.map((error) => mask(error, context)) };
      },
      onError: (_ctx, _id, _payload, errors) => {
        report(errors, undefined);
        return errors.map((error) => mask(error, undefined));
      },
    },
    wss,
    options.keepAliveMs ?? 12_000,
  );

  const stopObserving = options.metrics?.observeWebSockets(() => wss.clients.size);
  return {
    close: async () => {
      stopObserving?.();
      options.server.off('upgrade', onUpgrade);
      await disposable.dispose();
    },
  };
}
