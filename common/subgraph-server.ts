import { readFileSync } from 'node:fs';
import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginInlineTraceDisabled } from '@apollo/server/plugin/disabled';
import { buildSubgraphSchema } from '@apollo/subgraph';
import type { GraphQLResolverMap } from '@apollo/subgraph/dist/schema-helper/resolverMap';
import type { EntityManager, EntitySchema } from '@mikro-orm/postgresql';
import { parse } from 'graphql';
import { executeApolloRequest } from './apollo-fastify';
import { loadConfig, type SubgraphName } from './config';
import { databaseOutageAsUnavailable } from './database-errors';
import { migrateDatabase, openDatabase, type Database, type MigrationClass } from './database';
import { errorReportingPlugin, maskFormattedError } from './error-masking';
import { ErrorCode } from './errors';
import { createHttpApp, listen } from './http-app';
import { withRecentLogs, type Logger, type RecentLogs } from './logger';
import { Metrics } from './metrics';
import { projectPath } from './paths';
import { PRINCIPAL_HEADER, PrincipalRejected, verifyPrincipal, type Principal } from './principal';
import { createPubSub, NO_EVENTS, type PubSub } from './pubsub';
import type { SubscriptionRole } from './shared-subscriptions';
import { attachSubgraphWebSocket, type SocketIdentity, type SubgraphWebSocket } from './subgraph-websocket';

/** What every resolver of every subgraph receives. */
export interface SubgraphContext<TLoaders, TSettings = undefined, TBackground = undefined> {
  principal: Principal;
  requestId: string;
  logger: Logger;
  /**
   * The caller's raw Authorization header as the gateway forwarded it, for
   * domain credentials a subgraph checks itself (host tokens). The principal
   * has been verified before this is read.
   */
  authorization: string | undefined;
  /** What the module's loadSettings read at start (undefined without one). */
  settings: TSettings;
  /** Forked per request: no identity map is shared between requests. */
  em: EntityManager;
  /** DataLoaders made for this request only. */
  loaders: TLoaders;
  /**
   * HTTP headers for the gateway on this response (e.g. the admin subgraph
   * hands a new session token to the gateway here, never in the body).
   */
  responseHeaders: Map<string, string>;
  /** On a WebSocket subscription: its role in shared fan-out (common/shared-subscriptions.ts); absent over HTTP. */
  subscription?: SubscriptionRole;
  /** On a WebSocket subscription: the client's User-Agent as the gateway saw it. */
  userAgent?: string;
  /** Event fan-out across replicas (common/pubsub.ts); NO_EVENTS unless the module sets `events`. */
  events: PubSub;
  /**
   * What this replica's background work lets requests reach (the outbox relay
   * to wake after a commit, the delivery worker to deliver now), as its
   * `startBackground` answered it. Undefined until the work started (the
   * server listens first) and again once it stopped, so callers say what
   * happens without it. Settings stay what was read at start: no handles.
   */
  background: TBackground | undefined;
}

/** Credentials created on first start, printed once by the supervisor. */
export type BootstrapReport = Record<string, string>;

/** Everything that makes one domain a subgraph; each subgraphs/<name>/index.ts exports one. */
export interface SubgraphModule<TLoaders, TSettings = undefined, TBackground = undefined> {
  name: SubgraphName;
  // EntitySchema is generic over each entity; the ORM accepts any of them.
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  entities: EntitySchema<any>[];
  migrations: { name: string; class: MigrationClass }[];
  resolvers: GraphQLResolverMap<SubgraphContext<TLoaders, TSettings, TBackground>>;
  createLoaders(em: EntityManager): TLoaders;
  /**
   * Reads this subgraph's own settings from the environment once, before
   * anything starts; throws when a required one is missing.
   */
  loadSettings?(env: NodeJS.ProcessEnv): TSettings;
  /** Creates first-start data once; returns the generated credentials to show. */
  bootstrap?(em: EntityManager, env: NodeJS.ProcessEnv): Promise<BootstrapReport | undefined>;
  /** The module publishes or subscribes to events: connect the event broker (REDIS_URL, else PostgreSQL). */
  events?: boolean;
  /**
   * Background work of each replica (outbox relay, outbound delivery worker),
   * started once the server listens and stopped first on close. Its `handles`
   * reach requests as `context.background`.
   */
  startBackground?(runtime: SubgraphRuntime<TSettings>): Promise<BackgroundWork<TBackground>>;
  /** Also keeps this subgraph's recent log entries here (common/logger.ts withRecentLogs), e.g. to serve them. */
  recentLogs?: RecentLogs;
}

/** What a module's background work gets to run with. */
export interface SubgraphRuntime<TSettings> {
  orm: Database;
  settings: TSettings;
  env: NodeJS.ProcessEnv;
  logger: Logger;
  principalSecret: string;
  /** This replica's own /graphql URL. */
  url: string;
  /** This server's /metrics registry (outbound workers report to it). */
  metrics: Metrics;
}

export interface BackgroundWork<THandles = undefined> {
  /** What requests may use while the work runs (context.background); the server holds it, not the settings. */
  handles?: THandles;
  stop(): Promise<void>;
}

export interface SubgraphServerOptions {
  host: string;
  port: number;
  databaseUrl: string;
  databasePoolMax: number;
  principalSecret: string;
  development: boolean;
  logger: Logger;
  env?: NodeJS.ProcessEnv;
  onQuery?: (sql: string) => void;
}

export interface RunningSubgraph {
  name: SubgraphName;
  url: string;
  port: number;
  orm: Database;
  bootstrap: BootstrapReport | undefined;
  /** Names of the migrations this start applied (empty when the schema was up to date). */
  migrationsApplied: string[];
  events: PubSub;
  /** Open graphql-ws sockets (each gateway replica keeps one; tests count them). */
  webSocketConnections(): number;
  close(): Promise<void>;
}

export function loadSubgraphSdl(name: SubgraphName): string {
  return readFileSync(projectPath('schema', `${name}.graphql`), 'utf8');
}

export async function startSubgraph<TLoaders, TSettings, TBackground>(
  module: SubgraphModule<TLoaders, TSettings, TBackground>,
  options: SubgraphServerOptions,
): Promise<RunningSubgraph> {
  const logger = module.recentLogs ? withRecentLogs(options.logger, module.recentLogs) : options.logger;
  const env = options.env ?? process.env;
  // Modules without settings declare TSettings = undefined, which is what they get.
  const settings = (module.loadSettings ? module.loadSettings(env) : undefined) as TSettings;
  const metrics = new Metrics(loadConfig(env).metrics);
  const orm = await openDatabase({
    schema: module.name,
    databaseUrl: options.databaseUrl,
    entities: module.entities,
    migrations: module.migrations,
    poolMax: options.databasePoolMax,
    logger,
    onQuery: options.onQuery,
    connectTimeoutMs: loadConfig(env).databaseConnectTimeoutMs,
    metrics,
  });
  let app: ReturnType<typeof createHttpApp> | undefined;
  let apollo: ApolloServer<SubgraphContext<TLoaders, TSettings, TBackground>> | undefined;
  let events: PubSub = NO_EVENTS;
  let webSocket: SubgraphWebSocket | undefined;
  // Set once startBackground answered, cleared when the work stopped; each context reads it when made.
  let backgroundHandles: TBackground | undefined;
  try {
    if (module.events) events = await createPubSub({ databaseUrl: options.databaseUrl, redisUrl: loadConfig(env).redisUrl, logger });
    const migrationsApplied = await migrateDatabase(orm, module.name, logger);
    const bootstrap = module.bootstrap ? await module.bootstrap(orm.em.fork(), env) : undefined;

    const schema = buildSubgraphSchema({
      typeDefs: parse(loadSubgraphSdl(module.name)),
      // buildSubgraphSchema types resolvers with an unknown context; ours is supplied below.
      resolvers: module.resolvers as GraphQLResolverMap<unknown>,
    });
    apollo = new ApolloServer<SubgraphContext<TLoaders, TSettings, TBackground>>({
      schema,
      introspection: options.development,
      // The process owns its signals (common/process-lifecycle.ts) and closes this server itself.
      stopOnTerminationSignals: false,
      // Traces go to Apollo's cloud, which this product does not use.
      plugins: [
        ApolloServerPluginInlineTraceDisabled(),
        errorReportingPlugin<SubgraphContext<TLoaders, TSettings, TBackground>>(),
        metrics.graphqlPlugin<SubgraphContext<TLoaders, TSettings, TBackground>>(),
        {
          async requestDidStart() {
            return {
              async willSendResponse({ response, contextValue }) {
                for (const [name, value] of contextValue.responseHeaders) response.http.headers.set(name, value);
              },
            };
          },
        },
      ],
      hideSchemaDetailsFromClientErrors: !options.development,
      includeStacktraceInErrorResponses: options.development,
      // An unreachable database is SERVICE_UNAVAILABLE (503) in every subgraph, not an internal error.
      formatError: (formatted, error) => maskFormattedError(databaseOutageAsUnavailable(formatted, error), options.development),
    });
    await apollo.start();
    const server = apollo;
    const runningEvents = events;
    /** One request's (or one WebSocket operation's) context. */
    const contextFor = (identity: SocketIdentity, logger: Logger): SubgraphContext<TLoaders, TSettings, TBackground> => {
      const em = orm.em.fork();
      return {
        ...identity,
        logger,
        settings,
        em,
        loaders: module.createLoaders(em),
        responseHeaders: new Map<string, string>(),
        events: runningEvents,
        background: backgroundHandles,
      };
    };

    app = createHttpApp({ logger, metrics });
    app.get('/healthz', async (_request, reply) => {
      try {
        await orm.em.getConnection().execute('select 1');
        return { status: 'ok', subgraph: module.name };
      } catch {
        return reply.code(503).send({ status: 'unavailable', subgraph: module.name });
      }
    });
    app.route({
      method: ['GET', 'POST'],
      url: '/graphql',
      handler: async (request, reply) => {
        let principal: Principal;
        try {
          const header = request.headers[PRINCIPAL_HEADER];
          principal = await verifyPrincipal(typeof header === 'string' ? header : undefined, options.principalSecret);
        } catch (error) {
          const reason = error instanceof PrincipalRejected ? error.message : 'invalid principal';
          request.log.warn({ reason }, 'principal rejected');
          return reply.code(401).send({ errors: [{ message: `Request refused: ${reason}`, extensions: { code: ErrorCode.Unauthenticated } }] });
        }
        return executeApolloRequest(server, request, reply, async () => {
          const { authorization } = request.headers;
          return contextFor(
            { principal, requestId: request.id, authorization: typeof authorization === 'string' ? authorization : undefined },
            request.log as Logger,
          );
        });
      },
    });
    // graphql-ws on the same path (WebSocket upgrade): subscriptions the gateway forwards.
    webSocket = attachSubgraphWebSocket<SubgraphContext<TLoaders, TSettings, TBackground>>({
      server: app.server,
      path: '/graphql',
      schema,
      principalSecret: options.principalSecret,
      development: options.development,
      logger,
      contextFor: (identity) => contextFor(identity, logger.child({ reqId: identity.requestId })),
      renewContext: (context) => contextFor(context, context.logger),
      metrics,
    });
    const runningWebSocket = webSocket;
    const port = await listen(app, options.host, options.port, `${module.name} subgraph`);
    const runningApp = app;
    const url = `http://${options.host}:${port}/graphql`;
    const background = module.startBackground
      ? await module.startBackground({ orm, settings, env, logger, principalSecret: options.principalSecret, url, metrics })
      : undefined;
    backgroundHandles = background?.handles;
    return {
      name: module.name,
      url,
      port,
      orm,
      bootstrap,
      migrationsApplied,
      events: runningEvents,
      webSocketConnections: () => runningWebSocket.connections(),
      close: async () => {
        await background?.stop();
        backgroundHandles = undefined;
        await runningWebSocket.close();
        await runningApp.close();
        await server.stop();
        await runningEvents.close();
        await orm.close(true);
      },
    };
  } catch (error) {
    await webSocket?.close().catch(() => undefined);
    await app?.close().catch(() => undefined);
    await events.close().catch(() => undefined);
    await apollo?.stop().catch(() => undefined);
    await orm.close(true).catch(() => undefined);
    throw error;
  }
}
