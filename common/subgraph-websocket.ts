import type { IncomingMessage, Server } from 'node:http';
import type { Duplex } from 'node:stream';
import {
  createSourceEventStream,
  execute,
  getOperationAST,
  GraphQLError,
  Kind,
  parse,
  validate,
  type DocumentNode,
  type ExecutionArgs,
  type ExecutionResult,
  type GraphQLSchema,
  type OperationDefinitionNode,
} from 'graphql';
import { context as otelContext } from '@opentelemetry/api';
import { CloseCode, type SubscribePayload } from 'graphql-ws';
import { useServer } from 'graphql-ws/use/ws';
import { LRUCache } from 'lru-cache';
import { WebSocketServer } from 'ws';
import { mapAsyncIterator } from './async-iterators';
import { maskWithRequestId, reportUnexpectedErrors } from './error-masking';
import { ErrorCode } from './errors';
import { SAFE_REQUEST_ID } from './http-app';
import type { Logger } from './logger';
import type { Metrics } from './metrics';
import { PRINCIPAL_HEADER, PrincipalRejected, verifyPrincipal, type Principal } from './principal';
import { startSubscriptionSpan, type SubscriptionSpan } from './subscription-trace';
import {
  EXCEPT_MEMBERS,
  EXCEPT_MEMBERS_EXTENSION,
  SHARED_ACROSS_VIEWERS_DIRECTIVE,
  SUBSCRIBED_EXTENSION,
  type SubscriptionRole,
  type UpstreamSubscribeExtensions,
  type WithExceptMembers,
} from './shared-subscriptions';

/** What the gateway sends in connection_init: a principal it signed, proving it is the gateway. */
export type SubgraphConnectionParams = {
  [PRINCIPAL_HEADER]?: string;
};

/** Who a subscription is for, verified per operation (the connection carries many callers). */
export interface SocketIdentity {
  principal: Principal;
  requestId: string;
  authorization: string | undefined;
  /** The client's User-Agent as the gateway saw it (WebSocket only). */
  userAgent?: string;
  /** Shared fan-out: whether this operation is a group's, one subscriber's of a group, or neither. */
  subscription?: SubscriptionRole;
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
  /** Open sockets (the gateway keeps one per replica; tests count them). */
  connections(): number;
  close(): Promise<void>;
}

interface Extra extends Record<PropertyKey, unknown> {
  /** The connection's own principal was verified at connection_init. */
  verified?: boolean;
}

function hasIterator(value: unknown): value is AsyncIterator<unknown> & AsyncIterable<unknown> {
  return typeof value === 'object' && value !== null && Symbol.asyncIterator in value;
}

function refusal(message: string, code: string): GraphQLError {
  return new GraphQLError(message, { extensions: { code } });
}

/** Subscription fields whose schema carries @sharedAcrossViewers: only they may be served as group and member. */
function sharedFieldsOf(schema: GraphQLSchema): Set<string> {
  const fields = schema.getSubscriptionType()?.getFields() ?? {};
  return new Set(
    Object.values(fields)
      .filter((field) => field.astNode?.directives?.some((directive) => directive.name.value === SHARED_ACROSS_VIEWERS_DIRECTIVE))
      .map((field) => field.name),
  );
}

function rootFieldOf(operation: OperationDefinitionNode): string | undefined {
  const first = operation.selectionSet.selections[0];
  return first?.kind === Kind.FIELD ? first.name.value : undefined;
}

/**
 * graphql-ws on a subgraph's /graphql (WebSocket upgrade). Only the gateway
 * connects: connection_init carries a principal it signed (missing: close
 * 4401, forged or stale: 4403), and one connection carries all of a gateway
 * replica's subscriptions. Each subscribe carries its own signed principal
 * in `extensions` (common/shared-subscriptions.ts), verified as over HTTP
 * (missing: UNAUTHENTICATED, forged or stale: FORBIDDEN, as an error
 * message for that operation). Each operation gets a context like an HTTP
 * request, and each event of a subscription is executed with a fresh one
 * (its own EntityManager and DataLoaders), so nothing stale is cached
 * across events.
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
  const shared = sharedFieldsOf(options.schema);

  const mask = (error: GraphQLError, context: TContext | undefined) => maskWithRequestId(error.toJSON(), options.development, context?.requestId);
  const report = (errors: readonly GraphQLError[], context: TContext | undefined) => reportUnexpectedErrors(errors, context?.logger ?? logger);

  /** The operation's caller from its extensions; a GraphQLError when the principal is missing or not the gateway's. */
  const identityOf = async (extensions: Readonly<Record<string, unknown>> | null | undefined): Promise<SocketIdentity | GraphQLError> => {
    const given = (extensions ?? {}) as Partial<Record<keyof UpstreamSubscribeExtensions, unknown>>;
    const token = typeof given.principal === 'string' ? given.principal : undefined;
    if (!token) return refusal('Request refused: missing principal', ErrorCode.Unauthenticated);
    let principal: Principal;
    try {
      principal = await verifyPrincipal(token, options.principalSecret);
    } catch (error) {
      const reason = error instanceof PrincipalRejected ? error.message : 'invalid principal';
      logger.warn({ reason }, 'principal rejected on websocket');
      return refusal(`Request refused: ${reason}`, ErrorCode.Forbidden);
    }
    const role = given.role === 'group' || given.role === 'member' ? given.role : 'single';
    const member = typeof given.member === 'string' ? given.member.slice(0, 200) : undefined;
    return {
      principal,
      requestId: typeof given.requestId === 'string' && SAFE_REQUEST_ID.test(given.requestId) ? given.requestId : `ws-${Date.now().toString(36)}`,
      authorization: typeof given.authorization === 'string' ? given.authorization : undefined,
      ...(typeof given.userAgent === 'string' ? { userAgent: given.userAgent.slice(0, 512) } : {}),
      subscription: { role, ...(role === 'member' && member ? { member } : {}) },
    };
  };

  /** Parsed and validated once per text: the gateway sends one text for every member of a group. */
  const checkedDocuments = new LRUCache<string, DocumentNode | readonly GraphQLError[]>({ max: 500 });
  const checkedDocument = (query: string): DocumentNode | readonly GraphQLError[] => {
    const cached = checkedDocuments.get(query);
    if (cached) return cached;
    let checked: DocumentNode | readonly GraphQLError[];
    try {
      const document = parse(query);
      const errors = validate(options.schema, document);
      checked = errors.length > 0 ? errors : document;
    } catch (error) {
      if (!(error instanceof GraphQLError)) throw error;
      checked = [error];
    }
    checkedDocuments.set(query, checked);
    return checked;
  };

  /** Checks one subscribe and prepares its execution; errors refuse it. */
  const prepareSubscribe = async (id: string, payload: SubscribePayload): Promise<ExecutionArgs | readonly GraphQLError[]> => {
    const checked = checkedDocument(payload.query);
    if (!('kind' in checked)) return checked;
    const document = checked;
    const operation = getOperationAST(document, payload.operationName);
    if (!operation) return [refusal('Unable to identify the operation', 'GRAPHQL_VALIDATION_FAILED')];
    // Only the gateway connects here, and only to subscribe; queries and mutations go over HTTP.
    if (operation.operation !== 'subscription') return [refusal('Only subscriptions are served over WebSocket', 'BAD_REQUEST')];
    const identity = await identityOf(payload.extensions);
    if (identity instanceof GraphQLError) return [identity];
    // Sharing is the owning subgraph's decision: a field it did not declare shared is never served as a group.
    if (identity.subscription?.role !== 'single' && !shared.has(rootFieldOf(operation) ?? '')) {
      return [refusal('This subscription cannot be shared between subscribers', 'BAD_REQUEST')];
    }
    return {
      schema: options.schema,
      document,
      operationName: payload.operationName,
      variableValues: payload.variables,
      contextValue: options.contextFor(identity, id),
    };
  };

  const subscribeSpans = new WeakMap<TContext, SubscriptionSpan>();

  const disposable = useServer<SubgraphConnectionParams, Extra>(
    {
      isProd: !options.development,
      connectionInitWaitTimeout: options.connectionInitTimeoutMs ?? 5000,
      onConnect: async (ctx) => {
        const params = ctx.connectionParams ?? {};
        const token = typeof params[PRINCIPAL_HEADER] === 'string' ? params[PRINCIPAL_HEADER] : undefined;
        if (!token) {
          await ctx.extra.socket.close(CloseCode.Unauthorized, 'Request refused: missing principal');
          return false;
        }
        try {
          await verifyPrincipal(token, options.principalSecret);
          ctx.extra.verified = true;
          return true;
        } catch (error) {
          const reason = error instanceof PrincipalRejected ? error.message : 'invalid principal';
          logger.warn({ reason }, 'principal rejected on websocket');
          return false;
        }
      },
      onSubscribe: async (_ctx, id, payload) => {
        // The gateway's trace continues here once per subscribe: its checks and the subscribe resolver (not each event).
        const span = startSubscriptionSpan(payload.extensions, payload.operationName);
        const prepared = await otelContext.with(span.context, () => prepareSubscribe(id, payload));
        if (Array.isArray(prepared)) span.end(prepared[0]);
        else subscribeSpans.set((prepared as ExecutionArgs).contextValue as TContext, span);
        return prepared;
      },
      subscribe: async (args: ExecutionArgs) => {
        const span = subscribeSpans.get(args.contextValue as TContext);
        subscribeSpans.delete(args.contextValue as TContext);
        const stream = await (span ? otelContext.with(span.context, () => createSourceEventStream(args)) : createSourceEventStream(args));
        span?.end(hasIterator(stream) ? undefined : (stream as ExecutionResult).errors?.[0]);
        if (!hasIterator(stream)) return stream as ExecutionResult;
        const operation = args.contextValue as TContext & { subscription?: SubscriptionRole };
        const role = operation.subscription?.role ?? 'single';
        const events = mapAsyncIterator<unknown, ExecutionResult>(stream, async (payload) => {
          const result = await execute({ ...args, rootValue: payload, contextValue: options.renewContext(operation) });
          const except = (payload as WithExceptMembers<object> | null)?.[EXCEPT_MEMBERS];
          return role === 'group' && except?.length ? { ...result, extensions: { ...result.extensions, [EXCEPT_MEMBERS_EXTENSION]: except } } : result;
        });
        const observed = options.metrics ? options.metrics.observeSubscription(events) : events;
        return role === 'single' ? observed : prependResult({ extensions: { [SUBSCRIBED_EXTENSION]: true } }, observed);
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
    connections: () => wss.clients.size,
    close: async () => {
      stopObserving?.();
      options.server.off('upgrade', onUpgrade);
      await disposable.dispose();
    },
  };
}

/** The iterator with one result before its own (return() still reaches the source at once). */
function prependResult(first: ExecutionResult, rest: AsyncIterableIterator<ExecutionResult> & AsyncGenerator<ExecutionResult, undefined>) {
  let sent = false;
  const iterator = {
    next: async (): Promise<IteratorResult<ExecutionResult, undefined>> => {
      if (sent) return rest.next();
      sent = true;
      return { value: first, done: false };
    },
    return: () => rest.return(undefined),
    throw: (error?: unknown) => rest.throw(error),
    [Symbol.asyncIterator]() {
      return iterator;
    },
  };
  return iterator as AsyncIterableIterator<ExecutionResult> & AsyncGenerator<ExecutionResult, undefined>;
}
