import { readFileSync } from 'node:fs';
import { ApolloGateway, type GatewayConfig } from '@apollo/gateway';
import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import type { FastifyRequest } from 'fastify';
import type { DocumentNode, GraphQLSchema } from 'graphql';
import { executeApolloRequest } from '../common/apollo-fastify';
import { constantTimeEqual } from '../common/constant-time';
import { loadConfig, type SubgraphName } from '../common/config';
import { errorReportingPlugin, maskFormattedError } from '../common/error-masking';
import { ErrorCode } from '../common/errors';
import { createHttpApp, listen } from '../common/http-app';
import type { Logger } from '../common/logger';
import { Metrics, type MetricsOptions } from '../common/metrics';
import { projectPath } from '../common/paths';
import { REST_FAMILIES } from '../rest-compat';
import { mountRestCompatibility, type RestExecutor } from '../rest-compat/mount';
import { Authenticator, CredentialRejected, type Authentication } from './authentication';
import { anyOriginPaths, registerCors } from './cors';
import { registerGraphqlIde, wantsIde } from './graphiql/routes';
import { introspectionPlugin } from './introspection';
import { AdminIdempotencyStore } from './idempotency-store';
import type { GatewayContext } from './context';
import { attachOwncastChat, type OwncastChatSettings } from './owncast-chat';
import { DEFAULT_OPERATION_LIMITS, operationLimitRules, type OperationLimits } from './operation-limits';
import { operationResolutionPlugin } from './operation-resolution';
import { DEFAULT_RATE_LIMITS, RateLimiter, type RateLimitSettings } from './rate-limit';
import { checkReadiness } from './readiness';
import { checkScalarInputs, scalarRefusalAsBadInput } from './scalar-inputs';
import { inOurWords, PREFLIGHT_HEADER } from './client-messages';
import { gatewayFaultResponder } from './fault-replies';
import { nulInputPlugin } from './nul-input';
import { presentedCredentials } from './presented-credentials';
import { originAllowed } from './origin';
import { csrfPlugin, sessionCookiePlugin } from './session-plugins';
import { principalSigner } from './signed-principals';
import { SubgraphDataSource } from './subgraph-data-source';
import { CountedCache } from './counted-cache';
import { operationSharingPlugin } from './operation-sharing';
import { attachSubscriptionServer, type SubscriptionLimits, type SubscriptionServer } from './subscriptions';

/** The gateway's query plan type, as its plan cache holds it (the query planner package is the gateway's own). */
type QueryPlan = NonNullable<Awaited<ReturnType<NonNullable<NonNullable<GatewayConfig['queryPlannerConfig']>['cache']>['get']>>>;

export interface GatewayOptions {
  host: string;
  port: number;
  subgraphUrls: Record<SubgraphName, string>;
  principalSecret: string;
  principalTtlSeconds: number;
  subgraphTimeoutMs: number;
  development: boolean;
  docsEnabled: boolean;
  logger: Logger;
  /** Defaults to DEFAULT_OPERATION_LIMITS. */
  operationLimits?: OperationLimits;
  /** Trust X-Forwarded-For for the client address: true, or the proxies' addresses/CIDRs (TRUST_PROXY). */
  trustProxy?: boolean | string;
  /** How long a resolved credential is cached, in seconds (CREDENTIAL_CACHE_SECONDS, default 5). */
  credentialCacheSeconds?: number;
  /** The clock (ms) of the credential cache and of key expiry; Date.now unless a test moves time on. */
  now?: () => number;
  /** Per-plan limits of the general API (/v1); defaults to seed 003's 60/600/6000 a minute. */
  rateLimits?: RateLimitSettings;
  /** GraphQL over WebSocket limits (SUBSCRIPTION_* variables); defaults from common/config.ts. */
  subscriptions?: Partial<SubscriptionLimits>;
  /** GRAPHQL_INTROSPECTION: introspection for every caller; when off, admins only. Defaults to `development`. */
  introspection?: boolean;
  /** ALLOWED_ORIGINS: browser origins besides the gateway's own that may open WebSockets and use the session cookie. */
  allowedOrigins?: string[];
  /** Idempotency-Key records (IDEMPOTENCY_* variables); defaults from common/config.ts. */
  idempotency?: { ttlSeconds: number; leaseSeconds: number };
  /** GET /metrics: METRICS_TOKEN and the operation-name cap; defaults from common/config.ts. */
  metrics?: MetricsOptions;
  /**
   * INFLIGHT_DEDUPLICATION (default on): identical concurrent queries of one caller run once, and
   * identical concurrent subgraph fetches of queries are sent once (gateway/in-flight.ts).
   */
  deduplicateInflight?: boolean;
  /** Owncast's chat socket at /entry (gateway/owncast-chat/): tests shorten its ping and hold its clock. */
  owncastChat?: Partial<OwncastChatSettings>;
}

export interface RunningGateway {
  url: string;
  port: number;
  /** GraphQL subscriptions: counts for tests and metrics, and join() for other chat transports (gateway/subscriptions.ts). */
  subscriptions: Pick<SubscriptionServer, 'connections' | 'groups' | 'join'>;
  close(): Promise<void>;
}

/** The static supergraph committed in schema/ (no runtime introspection). */
export function loadSupergraphSdl(): string {
  return readFileSync(projectPath('schema', 'supergraph.graphql'), 'utf8');
}

export async function startGateway(options: GatewayOptions): Promise<RunningGateway> {
  const { logger } = options;
  const allowedOrigins = options.allowedOrigins ?? [];
  const metrics = new Metrics(options.metrics ?? loadConfig({}).metrics);
  const deduplicate = options.deduplicateInflight ?? true;
  // One signature per principal for half its lifetime, for every subgraph fetch and subscribe (gateway/signed-principals.ts).
  const signer = principalSigner(options.principalSecret, options.principalTtlSeconds);
  const dataSources: SubgraphDataSource[] = [];
  // Apollo Gateway sends usage metrics to Apollo's cloud (and, with OTLP settings in the environment,
  // OTEL_EXPORTER_OTLP_HEADERS, which are collector credentials) unless this is set when it is built.
  // Set here, not only in the entry point, so that every gateway this code starts stays quiet.
  process.env.APOLLO_TELEMETRY_DISABLED ??= 'true';
  const gateway = new ApolloGateway({
    supergraphSdl: loadSupergraphSdl(),
    logger,
    queryPlannerConfig: { cache: new CountedCache<QueryPlan>((hit) => metrics.cacheLookup('query_plan', hit)) },
    buildService: ({ name }) => {
      const dataSource = new SubgraphDataSource({
        url: options.subgraphUrls[name as SubgraphName],
        signer,
        timeoutMs: options.subgraphTimeoutMs,
        issuesCredentials: name === 'admin',
        name,
        metrics,
        deduplicate,
        logger,
      });
      dataSources.push(dataSource);
      return dataSource;
    },
  });
  // The composed API schema, for validating subscriptions (gateway/subscriptions.ts).
  let loadedSchema: { apiSchema: GraphQLSchema; supergraphSdl: string } | undefined;
  gateway.onSchemaLoadOrUpdate(({ apiSchema, coreSupergraphSdl }) => {
    // Malformed UUIDs, e-mail addresses, ... are refused here, before planning (gateway/scalar-inputs.ts).
    checkScalarInputs(apiSchema);
    loadedSchema = { apiSchema, supergraphSdl: coreSupergraphSdl };
  });
  const credentialCacheSeconds = options.credentialCacheSeconds ?? loadConfig({}).credentialCacheSeconds;
  const authenticator = new Authenticator({
    adminUrl: options.subgraphUrls.admin,
    principalSecret: options.principalSecret,
    principalTtlSeconds: options.principalTtlSeconds,
    cacheSeconds: credentialCacheSeconds,
    timeoutMs: options.subgraphTimeoutMs,
    logger,
    now: options.now,
  });
  const apollo = new ApolloServer<GatewayContext>({
    gateway,
    logger,
    documentStore: new CountedCache<DocumentNode>((hit) => metrics.cacheLookup('document', hit)),
    // On for the admins' IDE; introspectionPlugin refuses everyone else unless GRAPHQL_INTROSPECTION is on.
    introspection: true,
    // The process owns its signals (common/process-lifecycle.ts) and closes this server itself.
    stopOnTerminationSignals: false,
    // Every operation, from HTTP, REST or WebSocket, passes the same limits.
    validationRules: operationLimitRules(options.operationLimits ?? DEFAULT_OPERATION_LIMITS),
    parseOptions: { maxTokens: (options.operationLimits ?? DEFAULT_OPERATION_LIMITS).maxTokens },
    includeStacktraceInErrorResponses: options.development,
    // Production: no field suggestions ("Did you mean") that reveal the schema.
    hideSchemaDetailsFromClientErrors: !options.development,
    formatError: (formatted, error) => maskFormattedError(inOurWords(scalarRefusalAsBadInput(formatted, error)), options.development),
    // csrfPrevention stays on; csrfPlugin adds the session x-csrf-token check. Our preflight header is the one
    // the refusal names (gateway/client-messages.ts); Apollo's own two keep working for Apollo clients.
    csrfPrevention: { requestHeaders: [PREFLIGHT_HEADER, 'x-apollo-operation-name', 'apollo-require-preflight'] },
    // operationResolutionPlugin: an unknown operationName, several unnamed operations or a subscription over HTTP is a 400, not a 500.
    plugins: [
      ApolloServerPluginLandingPageDisabled(),
      errorReportingPlugin<GatewayContext>(),
      nulInputPlugin<GatewayContext>(),
      csrfPlugin(),
      sessionCookiePlugin(),
      operationResolutionPlugin<GatewayContext>(),
      introspectionPlugin({ enabled: options.introspection ?? options.development }),
      metrics.graphqlPlugin<GatewayContext>(),
      ...(deduplicate ? [operationSharingPlugin(metrics)] : []),
    ],
  });
  await apollo.start();

  // One authentication per request, shared by the rate-limit hook and the operation's context.
  const authentications = new WeakMap<FastifyRequest, Promise<Authentication>>();
  const authenticateOnce = (request: FastifyRequest): Promise<Authentication> => {
    let authentication = authentications.get(request);
    if (!authentication) {
      authentication = authenticator.authenticate(request);
      authentications.set(request, authentication);
    }
    return authentication;
  };
  const rateLimiter = new RateLimiter({
    adminUrl: options.subgraphUrls.admin,
    principalSecret: options.principalSecret,
    principalTtlSeconds: options.principalTtlSeconds,
    timeoutMs: options.subgraphTimeoutMs,
    settings: options.rateLimits ?? DEFAULT_RATE_LIMITS,
    logger,
  });

  /** Throws CredentialRejected for a bad API key or access token. */
  const contextFor = async (request: FastifyRequest): Promise<GatewayContext> => {
    const authentication = await authenticateOnce(request);
    // A session cookie rides along with any site's request: it counts only from an allowed Origin (gateway/origin.ts).
    if (
      authentication.principal.kind === 'user' &&
      authentication.principal.authMethod === 'session' &&
      !originAllowed(request.headers.origin, request.headers.host, allowedOrigins, request.protocol)
    ) {
      throw new CredentialRejected(403, ErrorCode.Forbidden, 'Requests with the session cookie must come from an allowed origin');
    }
    const csrfHeader = request.headers['x-csrf-token'];
    return {
      principal: authentication.principal,
      requestId: request.id,
      logger: request.log as Logger,
      authorization: authentication.forwardAuthorization ? request.headers.authorization : undefined,
      csrf: { expected: authentication.csrfToken, given: typeof csrfHeader === 'string' ? csrfHeader : undefined },
      secureCookies: request.protocol === 'https',
      onCredentialsChanged: () => authenticator.invalidate(),
    };
  };
  const rejection = (error: CredentialRejected) => ({ message: error.message, extensions: { code: error.code } });

  const app = createHttpApp({ logger, trustProxy: options.trustProxy ?? false, respondToFault: gatewayFaultResponder('/graphql', REST_FAMILIES), metrics });
  await registerCors(app, { allowedOrigins, anyOriginPaths: anyOriginPaths(REST_FAMILIES) });
  const ide = registerGraphqlIde(app);
  app.get('/healthz', { schema: { hide: true } }, async () => ({ status: 'ok' }));
  app.get('/readyz', { schema: { hide: true } }, async (_request, reply) => {
    const readiness = await checkReadiness(options.subgraphUrls);
    return reply.code(readiness.ready ? 200 : 503).send(readiness);
  });
  app.route({
    method: ['GET', 'POST'],
    url: '/graphql',
    schema: { hide: true },
    handler: async (request, reply) => {
      if (wantsIde(request)) return ide.sendPage(reply);
      let context: GatewayContext;
      try {
        context = await contextFor(request);
      } catch (error) {
        if (!(error instanceof CredentialRejected)) throw error;
        return reply.code(error.status).send({ errors: [rejection(error)] });
      }
      return executeApolloRequest(apollo, request, reply, async () => context);
    },
  });

  const executeForRest: RestExecutor = async (request, operation, variables) => {
    let contextValue: GatewayContext;
    try {
      contextValue = await contextFor(request);
    } catch (error) {
      if (!(error instanceof CredentialRejected)) throw error;
      return { data: null, errors: [rejection(error)] };
    }
    const response = await apollo.executeOperation({ query: operation, variables }, { contextValue });
    if (response.body.kind !== 'single') throw new Error('REST operations must not stream');
    const headers: Record<string, string> = {};
    // Set-Cookie of login and logout; Cache-Control from the subgraphs' hints, as /graphql sends it.
    for (const name of ['set-cookie', 'cache-control']) {
      const value = response.http.headers.get(name);
      if (value) headers[name] = value;
    }
    return { data: response.body.singleResult.data ?? null, errors: response.body.singleResult.errors ?? [], headers };
  };
  const idempotency = new AdminIdempotencyStore({
    adminUrl: options.subgraphUrls.admin,
    principalSecret: options.principalSecret,
    principalTtlSeconds: options.principalTtlSeconds,
    timeoutMs: options.subgraphTimeoutMs,
    ...(options.idempotency ?? loadConfig({}).idempotency),
    logger,
    // Keys belong to the credential: the user or API key the gateway resolved, else the
    // domain credential (host token, Basic admin, access token) the subgraph will check.
    // A refused credential scopes nothing: the request runs, and is refused, without a key.
    callerOf: async (request) => {
      const authentication = await authenticateOnce(request).catch(() => undefined);
      if (!authentication) return null;
      const { principal } = authentication;
      // A replay skips the operation, so it must not skip what the session cookie needs to count:
      // an allowed Origin and the session's x-csrf-token (every creation route is a mutation).
      if (principal.kind === 'user' && principal.authMethod === 'session') {
        const csrf = request.headers['x-csrf-token'];
        const csrfValid = typeof csrf === 'string' && !!authentication.csrfToken && constantTimeEqual(authentication.csrfToken, csrf);
        if (!csrfValid || !originAllowed(request.headers.origin, request.headers.host, allowedOrigins, request.protocol)) return null;
      }
      if (principal.kind === 'user') return `user:${principal.userId}`;
      if (principal.kind === 'apiKey') return `apiKey:${principal.keyId}`;
      const { authorization } = request.headers;
      return typeof authorization === 'string' && authorization !== '' ? `authorization:${authorization}` : null;
    },
  });
  await mountRestCompatibility(app, REST_FAMILIES, executeForRest, {
    docsEnabled: options.docsEnabled,
    credentialsOf: presentedCredentials,
    idempotency,
    // A rejected credential counts against the client address; the route answers the 401/403 itself.
    rateLimit: async (request) => {
      const principal = await authenticateOnce(request).then(
        (authentication) => authentication.principal,
        () => ({ kind: 'anonymous' as const, clientIp: request.ip }),
      );
      return rateLimiter.check(principal, request.id);
    },
  });

  // GraphQL over WebSocket on /graphql (upgrade): subscriptions, forwarded to the owning subgraph.
  const subscriptions = attachSubscriptionServer({
    server: app.server,
    path: '/graphql',
    schema: () => loadedSchema,
    subgraphUrls: options.subgraphUrls,
    signer,
    authenticate: (request) => authenticator.authenticate(request),
    trustProxy: options.trustProxy ?? false,
    operationLimits: options.operationLimits ?? DEFAULT_OPERATION_LIMITS,
    limits: { ...loadConfig({}).subscriptions, ...options.subscriptions },
    subgraphTimeoutMs: options.subgraphTimeoutMs,
    development: options.development,
    logger,
    allowedOrigins,
    credentialCheckIntervalMs: Math.max(1, credentialCacheSeconds) * 1000,
    onCredentialsInvalidated: (listener) => authenticator.onInvalidate(listener),
    metrics,
  });
  metrics.observeWebSockets(() => subscriptions.connections());

  // Owncast 0.0.7's chat socket: claims the /entry upgrades before graphql-ws sees any upgrade; its relay joins the shared fan-out.
  const owncastChat = attachOwncastChat({
    server: app.server,
    subscriptions,
    streamingUrl: options.subgraphUrls.streaming,
    principalSecret: options.principalSecret,
    principalTtlSeconds: options.principalTtlSeconds,
    timeoutMs: options.subgraphTimeoutMs,
    limits: { ...loadConfig({}).subscriptions, ...options.subscriptions },
    trustProxy: options.trustProxy ?? false,
    settings: options.owncastChat,
    logger,
  });

  const port = await listen(app, options.host, options.port, 'gateway');
  return {
    url: `http://${options.host}:${port}`,
    port,
    subscriptions,
    close: async () => {
      await owncastChat.close();
      await subscriptions.close();
      await app.close();
      await apollo.stop();
      await Promise.all(dataSources.map((dataSource) => dataSource.close()));
    },
  };
}
