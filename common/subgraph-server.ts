import { readFileSync } from 'node:fs';
import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginInlineTraceDisabled } from '@apollo/server/plugin/disabled';
import { buildSubgraphSchema } from '@apollo/subgraph';
import type { GraphQLResolverMap } from '@apollo/subgraph/dist/schema-helper/resolverMap';
import type { EntityManager, EntitySchema } from '@mikro-orm/postgresql';
import { parse } from 'graphql';
import { executeApolloRequest } from './apollo-fastify';
import type { SubgraphName } from './config';
import { migrateDatabase, openDatabase, type Database, type MigrationClass } from './database';
import { errorReportingPlugin, maskFormattedError } from './error-masking';
import { ErrorCode } from './errors';
import { createHttpApp, listen } from './http-app';
import type { Logger } from './logger';
import { projectPath } from './paths';
import { PRINCIPAL_HEADER, PrincipalRejected, verifyPrincipal, type Principal } from './principal';

/** What every resolver of every subgraph receives. */
export interface SubgraphContext<TLoaders> {
  principal: Principal;
  requestId: string;
  logger: Logger;
  /** Forked per request: no identity map is shared between requests. */
  em: EntityManager;
  /** DataLoaders made for this request only. */
  loaders: TLoaders;
}

/** Credentials created on first start, printed once by the supervisor. */
export type BootstrapReport = Record<string, string>;

/** Everything that makes one domain a subgraph; each subgraphs/<name>/index.ts exports one. */
export interface SubgraphModule<TLoaders> {
  name: SubgraphName;
  // EntitySchema is generic over each entity; the ORM accepts any of them.
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  entities: EntitySchema<any>[];
  migrations: { name: string; class: MigrationClass }[];
  resolvers: GraphQLResolverMap<SubgraphContext<TLoaders>>;
  createLoaders(em: EntityManager): TLoaders;
  /** Creates first-start data once; returns the generated credentials to show. */
  bootstrap?(em: EntityManager, env: NodeJS.ProcessEnv): Promise<BootstrapReport | undefined>;
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
  close(): Promise<void>;
}

export function loadSubgraphSdl(name: SubgraphName): string {
  return readFileSync(projectPath('schema', `${name}.graphql`), 'utf8');
}

export async function startSubgraph<TLoaders>(
  module: SubgraphModule<TLoaders>,
  options: SubgraphServerOptions,
): Promise<RunningSubgraph> {
  const { logger } = options;
  const orm = await openDatabase({
    schema: module.name,
    databaseUrl: options.databaseUrl,
    entities: module.entities,
    migrations: module.migrations,
    poolMax: options.databasePoolMax,
    logger,
    onQuery: options.onQuery,
  });
  let app: ReturnType<typeof createHttpApp> | undefined;
  let apollo: ApolloServer<SubgraphContext<TLoaders>> | undefined;
  try {
    await migrateDatabase(orm, module.name, logger);
    const bootstrap = module.bootstrap ? await module.bootstrap(orm.em.fork(), options.env ?? process.env) : undefined;

    const schema = buildSubgraphSchema({
      typeDefs: parse(loadSubgraphSdl(module.name)),
      // buildSubgraphSchema types resolvers with an unknown context; ours is supplied below.
      resolvers: module.resolvers as GraphQLResolverMap<unknown>,
    });
    apollo = new ApolloServer<SubgraphContext<TLoaders>>({
      schema,
      introspection: options.development,
      // Traces go to Apollo's cloud, which this product does not use.
      plugins: [ApolloServerPluginInlineTraceDisabled(), errorReportingPlugin<SubgraphContext<TLoaders>>()],
      hideSchemaDetailsFromClientErrors: !options.development,
      includeStacktraceInErrorResponses: options.development,
      formatError: (formatted) => maskFormattedError(formatted, options.development),
    });
    await apollo.start();
    const server = apollo;

    app = createHttpApp({ logger });
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
          const em = orm.em.fork();
          return { principal, requestId: request.id, logger: request.log as Logger, em, loaders: module.createLoaders(em) };
        });
      },
    });
    const port = await listen(app, options.host, options.port, `${module.name} subgraph`);
    const runningApp = app;
    return {
      name: module.name,
      url: `http://${options.host}:${port}/graphql`,
      port,
      orm,
      bootstrap,
      close: async () => {
        await runningApp.close();
        await server.stop();
        await orm.close(true);
      },
    };
  } catch (error) {
    await app?.close().catch(() => undefined);
    await apollo?.stop().catch(() => undefined);
    await orm.close(true).catch(() => undefined);
    throw error;
  }
}
