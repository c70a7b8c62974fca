import { readFileSync } from 'node:fs';
import { ApolloGateway } from '@apollo/gateway';
import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import type { FastifyRequest } from 'fastify';
import type { GraphQLSchema } from 'graphql';
import { executeApolloRequest } from '../common/apollo-fastify';
import { loadConfig, type SubgraphName } from '../common/config';
import { errorReportingPlugin, maskFormattedError } from '../common/error-masking';
import { ErrorCode } from '../common/errors';
import { createHttpApp, listen } from '../common/http-app';
import type { Logger } from '../common/logger';
import { projectPath } from '../common/paths';
import { REST_FAMILIES } from '../rest-compat';
import { mountRestCompatibility, type RestExecutor } from '../rest-compat/mount';
import { Authenticator, CredentialRejected, type Authentication } from './authentication';
import type { GatewayContext } from './context';
import { attachOwncastChat, type OwncastChatSettings } from './owncast-chat';
import { DEFAULT_OPERATION_LIMITS, operationLimitsRule, type OperationLimits } from './operation-limits';
import { DEFAULT_RATE_LIMITS, RateLimiter, type RateLimitSettings } from './rate-limit';
import { checkReadiness } from './readiness';
import { originAllowed } from './origin';
import { csrfPlugin, sessionCookiePlugin } from './session-plugins';
import { SubgraphDataSource } from './subgraph-data-source';
import { attachSubscriptionServer, type SubscriptionLimits } from './subscriptions';

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
  /** Per-plan limits of the general API (/v1); defaults to seed 003's 60/600/6000 a minute. */
  rateLimits?: RateLimitSettings;
  /** GraphQL over WebSocket limits (SUBSCRIPTION_* variables); defaults from common/config.ts. */
  subscriptions?: Partial<SubscriptionLimits>;
  /** ALLOWED_ORIGINS: browser origins besides the gateway's own that may open WebSockets and use the session cookie. */
  allowedOrigins?: string[];
  /** Owncast's chat socket at /entry (gateway/owncast-chat/): tests shorten its ping and hold its clock. */
  owncastChat?: Partial<OwncastChatSettings>;
}

export interface RunningGateway {
  url: string;
  port: number;
  close(): Promise<void>;
}

/** The static supergraph committed in schema/ (no runtime introspection). */
export function loadSupergraphSdl(): string {
  return readFileSync(projectPath('schema', 'supergraph.graphql'), 'utf8');
}

export async function startGateway(options: GatewayOptions): Promise<RunningGateway> {
  const { logger } = options;
  const allowedOrigins = options.allowedOrigins ?? [];
  const gateway = new ApolloGateway({
    supergraphSdl: loadSupergraphSdl(),
    logger,
    buildService: ({ name }) =>
      new SubgraphDataSource({
        url: options.subgraphUrls[name as SubgraphName],
        principalSecret: options.principalSecret,
        principalTtlSeconds: options.principalTtlSeconds,
        timeoutMs: options.subgraphTimeoutMs,
        issuesCredentials: name === 'admin',
      }),
  });
  // The composed API schema, for validating subscriptions (gateway/subscriptions.ts).
  let loadedSchema: { apiSchema: GraphQLSchema; supergraphSdl: string } | undefined;
  gateway.onSchemaLoadOrUpdate(({ apiSchema, coreSupergraphSdl }) => {
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
  });
  const apollo = new ApolloServer<GatewayContext>({
    gateway,
    logger,
    introspection: options.development,
    // The process owns its signals (common/process-lifecycle.ts) and closes this server itself.
    stopOnTerminationSignals: false,
    // Every operation, from HTTP, REST or WebSocket, passes the same limits.
    validationRules: [operationLimitsRule(options.operationLimits ?? DEFAULT_OPERATION_LIMITS)],
    parseOptions: { maxTokens: (options.operationLimits ?? DEFAULT_OPERATION_LIMITS).maxTokens },
    includeStacktraceInErrorResponses: options.development,
    // Production: no field suggestions ("Did you mean") that reveal the schema.
    hideSchemaDetailsFromClientErrors: !options.development,
    formatError: (formatted) => maskFormattedError(formatted, options.development),
    // csrfPrevention stays on (Apollo's default); csrfPlugin adds the session x-csrf-token check.
    plugins: [ApolloServerPluginLandingPageDisabled(), errorReportingPlugin<GatewayContext>(), csrfPlugin(), sessionCookiePlugin()],
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
    if (authentication.principal.kind === 'user' && authentication.principal.authMethod === 'session' && !originAllowed(request.headers.origin, request.headers.host, allowedOrigins)) {
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

  const app = createHttpApp({ logger, trustProxy: options.trustProxy ?? false });
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
    const cookie = response.http.headers.get('set-cookie');
    return {
      data: response.body.singleResult.data ?? null,
      errors: response.body.singleResult.errors ?? [],
      ...(cookie ? { headers: { 'set-cookie': cookie } } : {}),
    };
  };
  await mountRestCompatibility(app, REST_FAMILIES, executeForRest, {
    docsEnabled: options.docsEnabled,
    // A rejected credential counts against the client address; the route answers the 401/403 itself.
    rateLimit: async (request) => {
      const principal = await authenticateOnce(request).then(
        (authentication) => authentication.principal,
        () => ({ kind: 'anonymous' as const, clientIp: request.ip }),
      );
      return rateLimiter.check(principal, request.id);
    },
  });

  // Owncast 0.0.7's chat socket: claims the /entry upgrades before graphql-ws sees any upgrade.
  const owncastChat = attachOwncastChat({ server: app.server, streamingUrl: options.subgraphUrls.streaming, principalSecret: options.principalSecret, principalTtlSeconds: options.principalTtlSeconds, timeoutMs: options.subgraphTimeoutMs, limits: { ...loadConfig({}).subscriptions, ...options.subscriptions }, trustProxy: options.trustProxy ?? false, settings: options.owncastChat, logger });

  // GraphQL over WebSocket on /graphql (upgrade): subscriptions, forwarded to the owning subgraph.
  const subscriptions = attachSubscriptionServer({
    server: app.server,
    path: '/graphql',
    schema: () => loadedSchema,
    subgraphUrls: options.subgraphUrls,
    principalSecret: options.principalSecret,
    principalTtlSeconds: options.principalTtlSeconds,
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
  });

  const port = await listen(app, options.host, options.port, 'gateway');
  return {
    url: `http://${options.host}:${port}`,
    port,
    close: async () => {
      await owncastChat.close();
      await subscriptions.close();
      await app.close();
      await apollo.stop();
    },
  };
}
