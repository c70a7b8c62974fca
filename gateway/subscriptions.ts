import { createHash, randomUUID } from 'node:crypto';
import type { IncomingMessage, Server } from 'node:http';
import type { Duplex } from 'node:stream';
import { clientAddressResolver, protocolResolver } from './upgrade-request';
import type { FastifyRequest } from 'fastify';
import {
  buildSchema,
  getOperationAST,
  getVariableValues,
  GraphQLError,
  Kind,
  parse,
  specifiedRules,
  TypeInfo,
  validate,
  visit,
  visitWithTypeInfo,
  type DocumentNode,
  type ExecutionArgs,
  type ExecutionResult,
  type GraphQLFormattedError,
  type GraphQLSchema,
  type OperationDefinitionNode,
} from 'graphql';
import { CloseCode } from 'graphql-ws';
import { useServer } from 'graphql-ws/use/ws';
import { LRUCache } from 'lru-cache';
import WebSocket, { WebSocketServer } from 'ws';
import { endableIterator } from '../common/async-iterators';
import { constantTimeEqual } from '../common/constant-time';
import type { Config, SubgraphName } from '../common/config';
import { MASKED_MESSAGE, maskWithRequestId, reportUnexpectedErrors } from '../common/error-masking';
import { ErrorCode } from '../common/errors';
import { REQUEST_ID_HEADER } from '../common/http-app';
import type { Logger } from '../common/logger';
import type { SubscriptionMetrics } from '../common/metrics';
import { PRINCIPAL_HEADER, type Principal } from '../common/principal';
import { SHARED_ACROSS_VIEWERS_DIRECTIVE } from '../common/shared-subscriptions';
import { CredentialRejected, type Authentication } from './authentication';
import { operationLimitRules, type OperationLimits } from './operation-limits';
import { nulInputError } from './nul-input';
import { ConnectionCounts } from './connection-counts';
import { originAllowed } from './origin';
import { createSubscriptionGroups, type GroupEvent, type GroupRequest, type GroupSink, type Membership } from './subscription-groups';
import { completeEvent, planSubscription, PlanRefused, type EntityRouting, type SubscriptionPlan } from './subscription-plan';
import type { PrincipalSigner } from './signed-principals';
import { createUpstreamSubscriptions } from './upstream-subscriptions';
import { textFrames, writeFrames } from './websocket-frames';

/**
 * GraphQL over WebSocket (graphql-ws) on the gateway's /graphql. Apollo
 * Gateway executes no subscriptions, so the gateway does it itself:
 * - connection_init authenticates once, with the same Authenticator as HTTP
 *   (credentials in connectionParams, or the upgrade request's cookie plus
 *   `x-csrf-token` in connectionParams; a cookie sent without that token
 *   leaves the socket anonymous, and a wrong token is refused);
 * - each subscribe is validated against the composed API schema with the
 *   same operation limits as HTTP, then forwarded to the subgraph that owns
 *   the root Subscription field, over graphql-ws, with a signed principal
 *   (gateway/signed-principals.ts); next/error/complete are relayed, errors masked as over HTTP.
 * Fields of other subgraphs inside an event (entity fields, e.g. a chat
 * message's `author { username }`) are fetched per event with one `_entities`
 * query per owning subgraph, signed as the subscriber, and merged
 * (gateway/subscription-plan.ts; docs/ARCHITECTURE.md, Realtime).
 */

export type SubscriptionLimits = Config['subscriptions'];

export interface SubscriptionServerOptions {
  /** The gateway's HTTP server (Fastify's app.server). */
  server: Server;
  path: string;
  /** The API schema and the supergraph it came from, once the gateway has loaded them. */
  schema(): { apiSchema: GraphQLSchema; supergraphSdl: string } | undefined;
  subgraphUrls: Record<SubgraphName, string>;
  /** Signs the principal of every subscribe and entity fetch (the gateway's one signer, shared with HTTP). */
  signer: PrincipalSigner;
  /** The HTTP path's authentication step; called with a request built from the upgrade and connectionParams. */
  authenticate(request: FastifyRequest): Promise<Authentication>;
  trustProxy: boolean | string;
  operationLimits: OperationLimits;
  limits: SubscriptionLimits;
  /** How long the subgraph may take to accept a forwarded subscription. */
  subgraphTimeoutMs: number;
  development: boolean;
  logger: Logger;
  /** ALLOWED_ORIGINS: browser origins besides the gateway's own that may open a socket (gateway/origin.ts). */
  allowedOrigins: readonly string[];
  /** How often each open socket's credential is checked again (a revoked one closes it with 4401/4403). */
  credentialCheckIntervalMs: number;
  /** Registers a callback for when cached credentials are dropped (a change on this gateway): checks at once. */
  onCredentialsInvalidated?(listener: () => void): void;
  /** Active subscriptions and events sent to subscribers, on /metrics (the open-socket count comes from connections()). */
  metrics?: SubscriptionMetrics;
}

/** A subscribe's text, parsed, validated and planned (the same for every caller). */
interface PlannedOperation {
  document: DocumentNode;
  operation: OperationDefinitionNode;
  owner: SubgraphName;
  rootField: string;
  plan: SubscriptionPlan;
}

/** Which schema an operation is checked against: the clients' API schema, or the whole supergraph (the gateway's own transports). */
export type OperationScope = 'api' | 'internal';

/** Who subscribes through the in-gateway API (SubscriptionServer.join). */
export interface SubscriptionCaller {
  principal: Principal;
  /** A domain credential the owner checks itself (host tokens), forwarded as over HTTP. */
  authorization?: string;
  userAgent?: string;
  /** Logged with the subscription, and the id masked errors carry. */
  requestId: string;
  logger: Logger;
}

export interface SubscriptionServer {
  /** Open client sockets (metrics, tests). */
  connections(): number;
  /** Groups with an upstream subscription, and their subscribers (tests, metrics). */
  groups(): { groups: number; subscribers: number };
  /**
   * The in-gateway API for other transports (e.g. Owncast's /entry socket):
   * the operation goes through the same validation, limits, planning and
   * shared fan-out as a graphql-ws subscribe. Returns the errors it is
   * refused with, or the membership; events reach the sink in batches (the
   * same EventBatch object for every subscriber of a group), and complete()
   * follows the last one. The caller authenticates first (the principal is
   * trusted) and ends the membership with leave(). Scope `internal` lets the
   * gateway's own transports reach fields the API schema hides
   * (@inaccessible, e.g. /entry's chatRelay); clients never get that scope.
   */
  join(
    operation: { query: string; variables?: Record<string, unknown>; operationName?: string },
    caller: SubscriptionCaller,
    sink: GroupSink,
    scope?: OperationScope,
  ): Membership | GraphQLFormattedError[];
  close(): Promise<void>;
}

/** Close codes of this server beyond graphql-ws's own. */
export const SUBSCRIPTION_CLOSE = {
  /** Too many connections, or a client too slow to take its events (RFC 6455 "Try Again Later"). */
  tryAgainLater: 1013,
  /** The gateway is shutting down (graphql-ws's dispose): clients reconnect, to another replica or later. */
  goingAway: 1001,
} as const;

/** A document without definitions: nulInputError then checks the variables alone. */
const NO_DEFINITIONS: DocumentNode = { kind: Kind.DOCUMENT, definitions: [] };

/** Operations one socket may run at once. */
const MAX_OPERATIONS_PER_CONNECTION = 100;
/** A client dropped as too slow gets this long to take the close frame before the socket is cut. */
const SLOW_CLIENT_GRACE_MS = 1000;

// ---------------------------------------------------------------------------
// Routing: which subgraph owns a Subscription field, which fields it can resolve

interface Routing extends EntityRouting {
  /** The subgraph that owns Subscription.<field>, by its name in SUBGRAPH_NAMES. */
  ownerOf(field: string): string | undefined;
  /** Whether the subgraph can resolve <type>.<field> itself. */
  resolves(subgraph: string, type: string, field: string): boolean;
  /** Whether the owner declared Subscription.<field> @sharedAcrossViewers (its events are the same for every subscriber). */
  sharedAcrossViewers(field: string): boolean;
}

function stringArgument(directive: { arguments?: readonly { name: { value: string }; value: { kind: Kind } }[] }, name: string): string | undefined {
  const argument = directive.arguments?.find((candidate) => candidate.name.value === name);
  if (!argument) return undefined;
  const value = argument.value as { kind: Kind; value?: unknown };
  return (value.kind === Kind.STRING || value.kind === Kind.ENUM) && typeof value.value === 'string' ? value.value : undefined;
}

function booleanArgument(directive: { arguments?: readonly { name: { value: string }; value: { kind: Kind } }[] }, name: string): boolean {
  const argument = directive.arguments?.find((candidate) => candidate.name.value === name);
  const value = argument?.value as { kind: Kind; value?: unknown } | undefined;
  return value?.kind === Kind.BOOLEAN && value.value === true;
}

/**
 * Reads the supergraph's join directives: `@join__graph` names each graph,
 * `@join__type` says which graphs define a type, `@join__field` which of
 * them resolve a field (a field without it is resolved by every graph of
 * its type; `external` ones are not resolved there).
 */
export function routingFromSupergraph(supergraphSdl: string): Routing {
  const document = parse(supergraphSdl);
  const graphNames = new Map<string, string>();
  const typeGraphs = new Map<string, Set<string>>();
  const fieldGraphs = new Map<string, Set<string>>();
  const fields = new Set<string>();
  /** `<type>|<graph>` → the first resolvable simple key (field names). */
  const keys = new Map<string, string[]>();
  let subscriptionType = 'Subscription';
  /** `<type>.<field>` carrying @sharedAcrossViewers (composed into the supergraph with @composeDirective). */
  const shared = new Set<string>();
  for (const definition of document.definitions) {
    if (definition.kind === Kind.SCHEMA_DEFINITION) {
      const subscription = definition.operationTypes.find((operation) => operation.operation === 'subscription');
      if (subscription) subscriptionType = subscription.type.name.value;
    }
    if (definition.kind === Kind.ENUM_TYPE_DEFINITION && definition.name.value === 'join__Graph') {
      for (const value of definition.values ?? []) {
        const graph = value.directives?.find((directive) => directive.name.value === 'join__graph');
        const name = graph && stringArgument(graph, 'name');
        if (name) graphNames.set(value.name.value, name);
      }
    }
  }
  for (const definition of document.definitions) {
    if (
      definition.kind !== Kind.OBJECT_TYPE_DEFINITION &&
      definition.kind !== Kind.INTERFACE_TYPE_DEFINITION &&
      definition.kind !== Kind.OBJECT_TYPE_EXTENSION &&
      definition.kind !== Kind.INTERFACE_TYPE_EXTENSION
    ) {
      continue;
    }
    const typeName = definition.name.value;
    const graphs = typeGraphs.get(typeName) ?? new Set<string>();
    typeGraphs.set(typeName, graphs);
    for (const directive of definition.directives ?? []) {
      const graph = directive.name.value === 'join__type' ? stringArgument(directive, 'graph') : undefined;
      if (graph) graphs.add(graphNames.get(graph) ?? graph);
      const key = graph ? stringArgument(directive, 'key') : undefined;
      const resolvable = directive.arguments?.find((argument) => argument.name.value === 'resolvable');
      const unresolvable = (resolvable?.value as { kind: Kind; value?: unknown } | undefined)?.value === false;
      const graphName = graph ? (graphNames.get(graph) ?? graph) : undefined;
      // Simple keys only (field names, no nested selections).
      if (graphName && key && !unresolvable && !key.includes('{') && !keys.has(`${typeName}|${graphName}`)) {
        keys.set(`${typeName}|${graphName}`, key.split(/\s+/).filter(Boolean));
      }
    }
    for (const field of definition.fields ?? []) {
      fields.add(`${typeName}.${field.name.value}`);
      if (field.directives?.some((directive) => directive.name.value === SHARED_ACROSS_VIEWERS_DIRECTIVE)) shared.add(`${typeName}.${field.name.value}`);
      const joins = (field.directives ?? []).filter((directive) => directive.name.value === 'join__field');
      const resolving = joins.filter((join) => stringArgument(join, 'graph') && !booleanArgument(join, 'external'));
      if (resolving.length === 0) continue;
      fieldGraphs.set(
        `${typeName}.${field.name.value}`,
        new Set(resolving.map((join) => graphNames.get(stringArgument(join, 'graph')!) ?? stringArgument(join, 'graph')!)),
      );
    }
  }
  const graphsOf = (type: string, field: string): Set<string> | undefined =>
    fields.has(`${type}.${field}`) ? (fieldGraphs.get(`${type}.${field}`) ?? typeGraphs.get(type)) : undefined;
  return {
    ownerOf: (field) => {
      const graphs = graphsOf(subscriptionType, field);
      return graphs?.size ? [...graphs][0] : undefined;
    },
    resolves: (subgraph, type, field) => graphsOf(type, field)?.has(subgraph) ?? false,
    sharedAcrossViewers: (field) => shared.has(`${subscriptionType}.${field}`),
    graphsOf: (type, field) => [...(graphsOf(type, field) ?? [])],
    keyOf: (type, graph) => keys.get(`${type}|${graph}`),
  };
}

// ---------------------------------------------------------------------------
// Authentication adapter: the upgrade request and connectionParams as the request the HTTP path sees

/** Credentials a client may put in connectionParams (browsers cannot set headers on a WebSocket). */
const CREDENTIAL_PARAMS = ['authorization', 'x-api-key', 'x-api-token', 'x-csrf-token'] as const;

/**
 * What the HTTP path's Authenticator reads from a Fastify request (ip,
 * headers, id, log), built from the upgrade request, with credentials from
 * connectionParams taking the place of headers.
 */
function requestForAuthentication(
  upgrade: IncomingMessage,
  connectionParams: Readonly<Record<string, unknown>> | undefined,
  options: { clientAddress: (request: IncomingMessage) => string; requestId: string; logger: Logger },
): FastifyRequest {
  const headers: Record<string, string | string[] | undefined> = { ...upgrade.headers };
  // A header credential of the upgrade counts only when connectionParams carry none (they win).
  const params = Object.fromEntries(Object.entries(connectionParams ?? {}).map(([key, value]) => [key.toLowerCase(), value]));
  for (const name of CREDENTIAL_PARAMS) {
    const value = params[name];
    if (typeof value === 'string' && value !== '') headers[name] = value;
  }
  headers[REQUEST_ID_HEADER] = options.requestId;
  const request = {
    id: options.requestId,
    ip: options.clientAddress(upgrade),
    headers,
    raw: upgrade,
    log: options.logger,
    protocol: (upgrade.socket as { encrypted?: boolean }).encrypted ? 'https' : 'http',
    url: upgrade.url ?? '/',
    method: upgrade.method ?? 'GET',
  };
  // Only the fields above are read by the authentication step.
  return request as unknown as FastifyRequest;
}

// ---------------------------------------------------------------------------
// The server

/** Who holds a socket, worked out at connection_init and again at each subscribe. */
interface SocketIdentity {
  principal: Principal;
  authorization: string | undefined;
  connectionId: string;
  logger: Logger;
  /** The socket's credentials as the authentication step reads them. */
  request: FastifyRequest;
}

/** The socket's credentials were refused: closeCode at connection_init, code on a later subscribe. */
class Refused extends Error {
  constructor(
    readonly closeCode: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

interface Extra extends Record<PropertyKey, unknown> {
  identity?: SocketIdentity;
}

/** What onSubscribe hands to subscribe (as the operation's contextValue). */
interface SubscriberContext {
  request: GroupRequest;
  socket: WebSocket;
  /** The graphql-ws operation id: the frames written for this subscriber carry it. */
  operationId: string;
}

function withCode(error: GraphQLError, code: string, development: boolean): GraphQLError {
  // Production: no "Did you mean" suggestions that reveal the schema (as hideSchemaDetailsFromClientErrors does).
  const message = development ? error.message : error.message.replace(/ ?Did you mean(.+?)\?$/, '');
  return new GraphQLError(message, {
    nodes: error.nodes,
    source: error.source,
    positions: error.positions,
    path: error.path,
    extensions: { ...error.extensions, code },
  });
}

function refusal(message: string, code: string): GraphQLError {
  return new GraphQLError(message, { extensions: { code } });
}

/** Close reasons are limited to 123 bytes. */
function closeReason(message: string): string {
  return Buffer.byteLength(message) <= 123 ? message : `${Buffer.from(message).subarray(0, 120).toString('utf8')}...`;
}

function closeCodeOf(error: CredentialRejected): number {
  if (error.status === 401) return CloseCode.Unauthorized;
  if (error.status === 403) return CloseCode.Forbidden;
  return SUBSCRIPTION_CLOSE.tryAgainLater;
}

export function attachSubscriptionServer(options: SubscriptionServerOptions): SubscriptionServer {
  const { logger, limits } = options;
  // A message above maxPayload closes the socket with 1009 (Message Too Big) before it is buffered whole.
  // No permessage-deflate: group events are written pre-framed (gateway/websocket-frames.ts).
  const wss = new WebSocketServer({ noServer: true, maxPayload: limits.maxPayloadBytes, perMessageDeflate: false });
  /** Open sockets per client address and per credential (the caps of SUBSCRIPTION_MAX_CONNECTIONS_PER_*). */
  const perAddress = new ConnectionCounts(limits.maxConnectionsPerAddress);
  const perCredential = new ConnectionCounts(limits.maxConnectionsPerCredential);
  /** Sockets past connection_init, for the periodic credential check. */
  const identified = new Map<WebSocket, SocketIdentity>();
  const refuseUpgrade = (socket: Duplex, status: number, message: string) => {
    socket.end(
      `HTTP/1.1 ${status} ${status === 403 ? 'Forbidden' : 'Bad Request'}\r\nConnection: close\r\nContent-Type: text/plain\r\nContent-Length: ${Buffer.byteLength(message)}\r\n\r\n${message}`,
    );
    socket.destroy();
  };
  let routing: { sdl: string; routing: Routing } | undefined;
  const routingFor = (sdl: string): Routing => {
    if (routing?.sdl !== sdl) routing = { sdl, routing: routingFromSupergraph(sdl) };
    return routing.routing;
  };
  const validationRules = [...specifiedRules, ...operationLimitRules(options.operationLimits)];
  /** The supergraph as a schema, @inaccessible fields included (the internal scope), built once per supergraph. */
  let internal: { sdl: string; schema: GraphQLSchema } | undefined;
  const internalSchemaOf = (sdl: string): GraphQLSchema => {
    if (internal?.sdl !== sdl) internal = { sdl, schema: buildSchema(sdl, { assumeValidSDL: true }) };
    return internal.schema;
  };
  const clientAddress = clientAddressResolver(options.trustProxy);
  const protocolOf = protocolResolver(options.trustProxy);

  const onUpgrade = (request: IncomingMessage, socket: Duplex, head: Buffer) => {
    const pathname = new URL(request.url ?? '/', 'http://localhost').pathname;
    if (pathname !== options.path) {
      socket.destroy();
      return;
    }
    // Cross-site WebSocket hijacking: a page of another site may not open a socket (with the user's cookies).
    if (!originAllowed(request.headers.origin, request.headers.host, options.allowedOrigins, protocolOf(request))) {
      logger.warn({ origin: request.headers.origin }, 'websocket refused: origin not allowed');
      refuseUpgrade(socket, 403, 'Origin not allowed');
      return;
    }
    if (wss.clients.size >= limits.maxConnections) {
      logger.warn({ connections: wss.clients.size }, 'websocket refused: too many connections');
      wss.handleUpgrade(request, socket, head, (ws) => ws.close(SUBSCRIPTION_CLOSE.tryAgainLater, 'Too many connections; try again later'));
      return;
    }
    const address = clientAddress(request);
    const release = perAddress.take(address);
    if (!release) {
      logger.warn({ address }, 'websocket refused: too many connections from one address');
      wss.handleUpgrade(request, socket, head, (ws) => ws.close(SUBSCRIPTION_CLOSE.tryAgainLater, 'Too many connections from this address; try again later'));
      return;
    }
    // A failed handshake never emits the socket: the count goes back when the TCP socket closes.
    socket.once('close', release);
    wss.handleUpgrade(request, socket, head, (ws) => {
      ws.once('close', release);
      wss.emit('connection', ws, request);
      // ws emits 'error' only for a bad frame from the client (too big: 1009, malformed: 1002) and closes
      // the socket itself; graphql-ws would print it with console.error, which a client must not be able to flood.
      ws.removeAllListeners('error');
      ws.on('error', (error: Error & { code?: string }) => logger.warn({ address, code: error.code }, 'websocket closed: bad frame from client'));
    });
  };
  options.server.on('upgrade', onUpgrade);

  /** A client that does not read its socket must not make the gateway buffer without bound. */
  const dropIfSlow = (socket: WebSocket, logger: Logger): boolean => {
    if (socket.bufferedAmount <= limits.maxBufferedBytes) return false;
    if (socket.readyState !== WebSocket.OPEN) return true;
    logger.warn({ buffered: socket.bufferedAmount }, 'websocket client too slow: dropped');
    socket.close(SUBSCRIPTION_CLOSE.tryAgainLater, 'Too slow: events piled up; reconnect');
    setTimeout(() => {
      if (socket.readyState !== WebSocket.CLOSED) socket.terminate();
    }, SLOW_CLIENT_GRACE_MS).unref();
    return true;
  };

  /** Principals as signed for subscribes and entity fetches, each reused for half its lifetime (a shared group fetches as anonymous). */
  const signedFor = options.signer;

  const upstream = createUpstreamSubscriptions({
    subgraphUrls: options.subgraphUrls,
    sign: signedFor,
    connectTimeoutMs: options.subgraphTimeoutMs,
    keepAliveMs: limits.keepAliveMs,
    logger,
  });
  const groups = createSubscriptionGroups({
    upstream,
    development: options.development,
    logger,
    deliveryChunk: limits.deliveryChunk,
    /** One `_entities` request to a subgraph for one event of one group. */
    fetchEntities: async (graph, query, variables, as) => {
      const url = options.subgraphUrls[graph as SubgraphName];
      if (!url) throw new Error(`unknown subgraph ${graph}`);
      const response = await fetch(url, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          [PRINCIPAL_HEADER]: await signedFor(as.principal, as.requestId),
          [REQUEST_ID_HEADER]: as.requestId,
          ...(as.authorization ? { authorization: as.authorization } : {}),
        },
        body: JSON.stringify({ query, variables }),
        signal: AbortSignal.timeout(options.subgraphTimeoutMs),
      });
      return (await response.json()) as Awaited<ReturnType<Parameters<typeof completeEvent>[3]>>;
    },
  });

  /**
   * One subscriber's operation as graphql-ws sees it: an iterator that
   * yields nothing itself. The group writes each event's frame straight to
   * the socket (the payload serialised once per group, only the id
   * differs); the iterator ends when the group ends the subscriber, and
   * graphql-ws then sends `complete`. return() (client complete, socket
   * closed) leaves the group.
   */
  const subscriberStream = (args: ExecutionArgs) => {
    const context = args.contextValue as SubscriberContext;
    const { socket } = context;
    const prefix = `{"id":${JSON.stringify(context.operationId)},"type":"next","payload":`;
    // Subscribers whose operation ids are alike (clients number them 1, 2, ...) share the framed bytes.
    const frameKey = `graphql-ws:${context.operationId}`;
    const build = (events: readonly GroupEvent[]) => textFrames(events.map((event) => `${prefix}${event.json}}`));
    let finish: ((result: IteratorResult<never, undefined>) => void) | undefined;
    let finished = false;
    const done = { value: undefined, done: true } as const;
    const stop = () => {
      if (finished) return;
      finished = true;
      finish?.(done);
    };
    const membership = groups.join(context.request, {
      next: (batch) => {
        if (finished || dropIfSlow(socket, context.request.logger)) return;
        writeFrames(socket, batch.framed(frameKey, build));
        options.metrics?.countEventSent(batch.events.length);
      },
      complete: stop,
    });
    const iterator = endableIterator<never>(
      () => (finished ? Promise.resolve(done) : new Promise((resolve) => (finish = resolve))),
      async () => {
        membership.leave();
        stop();
      },
    );
    // It yields no results (the group writes the frames), so it is any result type graphql-ws asks for.
    return iterator as unknown as AsyncGenerator<ExecutionResult>;
  };

  const mask = (error: GraphQLFormattedError, requestId: string | undefined) => maskWithRequestId(error, options.development, requestId);
  const report = reportUnexpectedErrors;
  const formatted = (error: GraphQLError | GraphQLFormattedError): GraphQLFormattedError => (error instanceof GraphQLError ? error.toJSON() : error);

  /** The socket's caller, by the HTTP path's authentication step. */
  const identify = async (request: FastifyRequest): Promise<Pick<SocketIdentity, 'principal' | 'authorization'>> => {
    let authentication: Authentication;
    try {
      authentication = await options.authenticate(request);
    } catch (error) {
      if (error instanceof CredentialRejected) throw new Refused(closeCodeOf(error), error.code, error.message);
      throw error;
    }
    // A session cookie rides along with any page's WebSocket (cross-site): it counts only with its CSRF token.
    if (authentication.csrfToken !== undefined) {
      const given = request.headers['x-csrf-token'];
      // Without a token the cookie simply does not count, as a stale one does on HTTP: a public chat
      // widget on a signed-in user's page still connects, as an anonymous viewer. A wrong token is refused.
      if (given === undefined) return { principal: { kind: 'anonymous', clientIp: authentication.principal.clientIp }, authorization: undefined };
      if (typeof given !== 'string' || !constantTimeEqual(given, authentication.csrfToken)) {
        throw new Refused(CloseCode.Forbidden, ErrorCode.Forbidden, 'Session cookie needs its x-csrf-token in connectionParams');
      }
    }
    const authorization = request.headers.authorization;
    return {
      principal: authentication.principal,
      authorization: authentication.forwardAuthorization && typeof authorization === 'string' ? authorization : undefined,
    };
  };

  /**
   * Parses, validates (API schema, operation limits) and plans a
   * subscription for a caller: what its group needs, or the errors to
   * refuse it with.
   */
  /**
   * What a subscribe's text always gives (parse, validation, owner, plan),
   * whoever sends it: a thousand viewers of one page send one text, so it is
   * worked out once. Keyed by operation name and text, dropped with the supergraph.
   */
  const planned = new LRUCache<string, PlannedOperation | GraphQLError[]>({ max: 500 });
  let plannedFor: string | undefined;
  const planOperation = (
    loaded: { apiSchema: GraphQLSchema; supergraphSdl: string; scope?: OperationScope },
    payload: { query: string; operationName?: string | null },
  ): PlannedOperation | GraphQLError[] => {
    if (plannedFor !== loaded.supergraphSdl) {
      planned.clear();
      plannedFor = loaded.supergraphSdl;
    }
    const key = `${loaded.scope ?? 'api'}\n${payload.operationName ?? ''}\n${payload.query}`;
    const cached = planned.get(key);
    if (cached) return cached;
    const result = planUncached(loaded, payload);
    planned.set(key, result);
    return result;
  };

  const planUncached = (
    loaded: { apiSchema: GraphQLSchema; supergraphSdl: string },
    payload: { query: string; operationName?: string | null },
  ): PlannedOperation | GraphQLError[] => {
    let document: DocumentNode;
    try {
      document = parse(payload.query, { maxTokens: options.operationLimits.maxTokens });
    } catch (error) {
      if (error instanceof GraphQLError) return [withCode(error, 'GRAPHQL_PARSE_FAILED', options.development)];
      throw error;
    }
    const { apiSchema } = loaded;
    const errors = validate(apiSchema, document, validationRules);
    if (errors.length > 0) return errors.map((error) => withCode(error, 'GRAPHQL_VALIDATION_FAILED', options.development));
    const operation = getOperationAST(document, payload.operationName);
    if (!operation) return [refusal('Unable to identify the operation to run', 'GRAPHQL_VALIDATION_FAILED')];
    if (operation.operation !== 'subscription') {
      return [refusal('Only subscriptions are served over WebSocket; send queries and mutations over HTTP', 'BAD_REQUEST')];
    }
    // Validation guarantees one root field (SingleFieldSubscriptionsRule); find its owner and check every field.
    const route = routingFor(loaded.supergraphSdl);
    const subscriptionType = apiSchema.getSubscriptionType();
    const typeInfo = new TypeInfo(apiSchema);
    let owner: string | undefined;
    let rootField: string | undefined;
    visit(
      document,
      visitWithTypeInfo(typeInfo, {
        Field(node) {
          const parent = typeInfo.getParentType();
          if (parent && parent === subscriptionType && !node.name.value.startsWith('__')) {
            rootField = node.name.value;
            owner = route.ownerOf(node.name.value);
          }
        },
      }),
    );
    if (!owner || !rootField || !(owner in options.subgraphUrls)) return [refusal('No subgraph serves this subscription', 'GRAPHQL_VALIDATION_FAILED')];
    let plan: SubscriptionPlan;
    try {
      plan = planSubscription(apiSchema, document, operation, owner, route);
    } catch (error) {
      if (error instanceof PlanRefused) return [refusal(error.message, 'GRAPHQL_VALIDATION_FAILED')];
      throw error;
    }
    // A NUL in a string literal is the text's own mistake: refused (and remembered) with the text.
    const literalNul = nulInputError(document, undefined);
    if (literalNul) return [literalNul];
    return { document, operation, owner: owner as SubgraphName, rootField, plan };
  };

  const prepareOperation = (
    loaded: { apiSchema: GraphQLSchema; supergraphSdl: string; scope?: OperationScope },
    payload: { query: string; variables?: Record<string, unknown> | null; operationName?: string | null },
    caller: SubscriptionCaller,
  ): { request: GroupRequest; args: Omit<ExecutionArgs, 'contextValue'> } | GraphQLError[] => {
    const prepared = planOperation(loaded, payload);
    if (Array.isArray(prepared)) return prepared;
    const { apiSchema } = loaded;
    const { document, operation, owner, rootField, plan } = prepared;
    // The document's literals were checked when the text was planned; only the variables are new.
    const nulInput = nulInputError(NO_DEFINITIONS, payload.variables);
    if (nulInput) return [nulInput];
    const route = routingFor(loaded.supergraphSdl);
    const variables = payload.variables ?? undefined;
    const coerced = getVariableValues(apiSchema, operation.variableDefinitions ?? [], variables ?? {});
    if (coerced.errors) return coerced.errors.map((error) => withCode(error, 'BAD_USER_INPUT', options.development));
    return {
      request: {
        subgraph: owner,
        plan,
        ...(payload.operationName ? { operationName: payload.operationName } : {}),
        variables,
        coercedVariables: coerced.coerced,
        shared: route.sharedAcrossViewers(rootField),
        ...caller,
      },
      args: { schema: apiSchema, document, operationName: payload.operationName, variableValues: variables },
    };
  };

  const disposable = useServer<Record<string, unknown>, Extra>(
    {
      isProd: !options.development,
      connectionInitWaitTimeout: limits.connectionInitTimeoutMs,
      onConnect: async (ctx) => {
        const connectionId = randomUUID();
        const connectionLogger = logger.child({ reqId: connectionId, transport: 'websocket' });
        const request = requestForAuthentication(ctx.extra.request, ctx.connectionParams, {
          clientAddress,
          requestId: connectionId,
          logger: connectionLogger,
        });
        try {
          const identity: SocketIdentity = { ...(await identify(request)), connectionId, logger: connectionLogger, request };
          const credential = credentialKeyOf(identity);
          if (credential !== undefined) {
            const release = perCredential.take(credential);
            if (!release) {
              connectionLogger.warn('websocket refused: too many connections for one credential');
              await ctx.extra.socket.close(SUBSCRIPTION_CLOSE.tryAgainLater, 'Too many connections for this credential; try again later');
              return false;
            }
            ctx.extra.socket.once('close', release);
          }
          ctx.extra.identity = identity;
          if (identity.principal.kind !== 'anonymous') {
            identified.set(ctx.extra.socket, identity);
            ctx.extra.socket.once('close', () => identified.delete(ctx.extra.socket));
          }
          return true;
        } catch (error) {
          if (error instanceof Refused) {
            await ctx.extra.socket.close(error.closeCode, closeReason(error.message));
          } else {
            connectionLogger.error({ err: error }, 'websocket authentication failed');
            await ctx.extra.socket.close(CloseCode.InternalServerError, 'Internal server error');
          }
          return false;
        }
      },
      onSubscribe: async (ctx, id, payload) => {
        const connection = ctx.extra.identity!;
        // Again for each subscribe (cached for CREDENTIAL_CACHE_SECONDS): a revoked credential opens nothing new.
        let identity: SocketIdentity;
        try {
          identity = { ...connection, ...(await identify(connection.request)) };
        } catch (error) {
          if (error instanceof Refused) return [refusal(error.message, error.code)];
          connection.logger.error({ err: error }, 'websocket authentication failed');
          return [refusal(MASKED_MESSAGE, ErrorCode.Internal)];
        }
        const loaded = options.schema();
        if (!loaded) return [refusal('The gateway is starting; subscribe again shortly', ErrorCode.ServiceUnavailable)];
        if (Object.keys(ctx.subscriptions).length > MAX_OPERATIONS_PER_CONNECTION) {
          return [refusal(`At most ${MAX_OPERATIONS_PER_CONNECTION} operations may run on one connection`, ErrorCode.RateLimited)];
        }
        const prepared = prepareOperation(loaded, payload, {
          principal: identity.principal,
          authorization: identity.authorization,
          userAgent: typeof ctx.extra.request.headers['user-agent'] === 'string' ? ctx.extra.request.headers['user-agent'] : undefined,
          requestId: `${identity.connectionId}:${id}`,
          logger: identity.logger.child({ operationId: id }),
        });
        if (!('request' in prepared)) return prepared;
        const contextValue: SubscriberContext = { request: prepared.request, socket: ctx.extra.socket, operationId: id };
        return { ...prepared.args, contextValue };
      },
      // Metrics only: the subscription counts as active while its stream runs (its events are counted as they are written).
      subscribe: (args) => {
        const stream = subscriberStream(args);
        return options.metrics ? (options.metrics.observeSubscription(stream) as unknown as AsyncGenerator<ExecutionResult>) : stream;
      },
      onError: (ctx, _id, _payload, errors) => {
        report(errors, ctx.extra.identity?.logger ?? logger);
        return errors.map((error) => mask(formatted(error), ctx.extra.identity?.connectionId));
      },
    },
    wss,
    limits.keepAliveMs,
  );

  /**
   * A revoked or expired credential closes the sockets it opened (4401/4403),
   * checked every credentialCheckIntervalMs and whenever this gateway drops
   * its cached credentials. The check goes through the Authenticator's cache,
   * so a revocation made elsewhere ends a socket within about two
   * CREDENTIAL_CACHE_SECONDS. "Cannot check now" (1013 at connect) keeps the socket.
   */
  let checking = false;
  let checkAgain = false;
  const checkCredentials = async (): Promise<void> => {
    if (checking) {
      checkAgain = true;
      return;
    }
    checking = true;
    try {
      do {
        checkAgain = false;
        await Promise.all(
          [...identified].map(async ([socket, identity]) => {
            try {
              await identify(identity.request);
            } catch (error) {
              if (!(error instanceof Refused) || error.closeCode === SUBSCRIPTION_CLOSE.tryAgainLater) return;
              identified.delete(socket);
              identity.logger.info({ code: error.closeCode }, 'websocket closed: credential no longer valid');
              socket.close(error.closeCode, closeReason(error.message));
            }
          }),
        );
      } while (checkAgain);
    } catch (error) {
      logger.error({ err: error }, 'websocket credential check failed');
    } finally {
      checking = false;
    }
  };
  const credentialTimer = setInterval(() => void checkCredentials(), options.credentialCheckIntervalMs);
  credentialTimer.unref();
  options.onCredentialsInvalidated?.(() => void checkCredentials());

  return {
    connections: () => wss.clients.size,
    groups: () => ({ groups: groups.groupCount(), subscribers: groups.subscriberCount() }),
    join: (operation, caller, sink, scope = 'api') => {
      const api = options.schema();
      if (!api) return [refusal('The gateway is starting; subscribe again shortly', ErrorCode.ServiceUnavailable).toJSON()];
      const loaded = scope === 'internal' ? { apiSchema: internalSchemaOf(api.supergraphSdl), supergraphSdl: api.supergraphSdl, scope } : api;
      const prepared = prepareOperation(loaded, operation, caller);
      if (!('request' in prepared)) return prepared.map((error) => error.toJSON());
      return groups.join(prepared.request, sink);
    },
    close: async () => {
      clearInterval(credentialTimer);
      options.server.off('upgrade', onUpgrade);
      // Closes every client socket with 1001 Going Away (graphql-ws), ending its subscriptions upstream.
      await disposable.dispose();
      groups.close();
      await upstream.close();
    },
  };
}

/** What a socket counts against for SUBSCRIPTION_MAX_CONNECTIONS_PER_CREDENTIAL; undefined for a caller without one. */
function credentialKeyOf(identity: SocketIdentity): string | undefined {
  const { principal } = identity;
  if (principal.kind === 'apiKey') return `apiKey:${principal.keyId}`;
  if (principal.kind === 'user') return `user:${principal.userId}`;
  // Tokens the gateway does not resolve itself (host tokens, streaming access tokens) count by their value.
  if (identity.authorization) return `authorization:${createHash('sha256').update(identity.authorization).digest('hex')}`;
  return undefined;
}
