import type { DeliverySettings, DeliveryWorker } from '../../common/outbound/worker';

/** Streaming subgraph settings, read once from the environment (the OUTBOUND_* variables of docs/CONFIGURATION.md). */
export interface StreamingSettings {
  /** Webhook delivery (common/outbound/worker.ts), the same settings the admin subgraph's worker uses. */
  outbound: DeliverySettings;
  /** Set by startBackground: this replica's webhook delivery worker. */
  runtime: { worker?: DeliveryWorker };
}

function intFrom(env: NodeJS.ProcessEnv, name: string, fallback: number, min: number, max: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min || value > max) throw new Error(`${name} must be an integer between ${min} and ${max}, got "${raw}"`);
  return value;
}

export function loadStreamingSettings(env: NodeJS.ProcessEnv): StreamingSettings {
  return {
    outbound: {
      pollIntervalMs: intFrom(env, 'OUTBOUND_POLL_INTERVAL_MS', 1000, 5, 600_000),
      batchSize: intFrom(env, 'OUTBOUND_BATCH_SIZE', 20, 1, 1000),
      timeoutMs: intFrom(env, 'OUTBOUND_TIMEOUT_MS', 10_000, 10, 120_000),
      maxAttempts: intFrom(env, 'OUTBOUND_MAX_ATTEMPTS', 8, 1, 100),
      backoffBaseMs: intFrom(env, 'OUTBOUND_BACKOFF_BASE_MS', 5000, 1, 3_600_000),
      backoffMaxMs: intFrom(env, 'OUTBOUND_BACKOFF_MAX_MS', 3_600_000, 1, 7 * 24 * 3_600_000),
      allowPrivate: /^(1|true|yes|on)$/i.test(env.OUTBOUND_ALLOW_PRIVATE ?? ''),
      secretKey: env.OUTBOUND_SECRET_KEY || undefined,
    },
    runtime: {},
  };
}
