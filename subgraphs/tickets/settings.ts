import { loadConfig } from '../../common/config';
import type { OutboxRelay } from '../../common/outbox';

/** What the tickets subgraph reads from the environment at start. */
export interface TicketsSettings {
  /** The admin subgraph's GraphQL URL (ADMIN_URL), asked directly, not through the gateway. */
  adminUrl: string;
  /** PRINCIPAL_SECRET, to sign this subgraph's own service principal; checked when first needed. */
  principalSecret: string | undefined;
  principalTtlSeconds: number;
  timeoutMs: number;
  /** How often the outbox relay looks for unrelayed events (it is also woken after each commit). */
  outboxPollIntervalMs: number;
  /** This replica's outbox relay, once background work started. */
  runtime: { relay?: OutboxRelay };
}

export function loadTicketsSettings(env: NodeJS.ProcessEnv): TicketsSettings {
  const config = loadConfig(env);
  return {
    adminUrl: config.subgraphUrls.admin,
    principalSecret: config.principalSecret,
    principalTtlSeconds: config.principalTtlSeconds,
    timeoutMs: config.subgraphTimeoutMs,
    outboxPollIntervalMs: 1000,
    runtime: {},
  };
}
