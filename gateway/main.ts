// First: tracing instruments http, undici and pg before anything below loads them.
import '../common/tracing';
import { loadConfig, requirePrincipalSecret } from '../common/config';
import { createLogger } from '../common/logger';
import { runService } from '../common/process-lifecycle';
import { startGateway } from './server';

void runService('gateway', async () => {
  const config = loadConfig();
  return startGateway({
    host: config.listenHost,
    port: config.ports.gateway,
    subgraphUrls: config.subgraphUrls,
    principalSecret: requirePrincipalSecret(config),
    principalTtlSeconds: config.principalTtlSeconds,
    subgraphTimeoutMs: config.subgraphTimeoutMs,
    development: config.mode === 'development',
    docsEnabled: config.docsEnabled,
    deduplicateInflight: config.inflightDeduplication,
    trustProxy: config.trustProxy,
    credentialCacheSeconds: config.credentialCacheSeconds,
    rateLimits: config.rateLimits,
    operationLimits: config.operationLimits,
    subscriptions: config.subscriptions,
    allowedOrigins: config.allowedOrigins,
    introspection: config.graphqlIntrospection,
    idempotency: config.idempotency,
    metrics: config.metrics,
    logger: createLogger('gateway', config.logLevel),
  });
});
