import { loadConfig, requirePrincipalSecret } from './config';
import { createLogger } from './logger';
import { runService } from './process-lifecycle';
import { startSubgraph, type SubgraphModule } from './subgraph-server';

/** Entry point of one subgraph process (subgraphs/<name>/main.ts). */
export function runSubgraphProcess<TLoaders, TSettings, TBackground>(module: SubgraphModule<TLoaders, TSettings, TBackground>): void {
  void runService(`${module.name} subgraph`, async () => {
    const config = loadConfig();
    if (!config.databaseUrl) throw new Error('DATABASE_URL must be set (npm start sets it for its embedded PostgreSQL)');
    return startSubgraph(module, {
      host: config.listenHost,
      port: config.ports[module.name],
      databaseUrl: config.databaseUrl,
      databasePoolMax: config.databasePoolMax,
      principalSecret: requirePrincipalSecret(config),
      development: config.mode === 'development',
      logger: createLogger(`subgraph-${module.name}`, config.logLevel),
    });
  });
}
