import { loadConfig } from '../../common/config';

/** What the tickets subgraph reads from the environment at start. */
export interface TicketsSettings {
  /** The admin subgraph's GraphQL URL (ADMIN_URL), asked directly, not through the gateway. */
  adminUrl: string;
  /** PRINCIPAL_SECRET, to sign this subgraph's own service principal; checked when first needed. */
  principalSecret: string | undefined;
  principalTtlSeconds: number;
  timeoutMs: number;
}

export function loadTicketsSettings(env: NodeJS.ProcessEnv): TicketsSettings {
  const config = loadConfig(env);
  return {
    adminUrl: config.subgraphUrls.admin,
    principalSecret: config.principalSecret,
    principalTtlSeconds: config.principalTtlSeconds,
    timeoutMs: config.subgraphTimeoutMs,
  };
}
