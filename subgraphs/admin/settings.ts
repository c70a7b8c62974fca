import { intFrom } from '../../common/config';
import { loadDeliverySettings, type DeliverySettings } from '../../common/outbound/worker';

/** Admin subgraph settings read once from the environment (docs/CONFIGURATION.md). */
export interface AdminSettings {
  sessionTtlSeconds: number;
  accessTokenTtlSeconds: number;
  refreshTokenTtlSeconds: number;
  /** Failed logins for one account (email) within the window before 429. */
  loginMaxFailuresPerAccount: number;
  /** Failed logins from one client address within the window before 429. */
  loginMaxFailuresPerAddress: number;
  loginFailureWindowSeconds: number;
  /** SMTP connection, greeting and socket timeout of test mails. */
  smtpTimeoutMs: number;
  /** Outbound delivery worker (common/outbound/worker.ts) and the outbox relay. */
  outbound: DeliverySettings & { outboxPollIntervalMs: number };
}

export function loadAdminSettings(env: NodeJS.ProcessEnv): AdminSettings {
  return {
    sessionTtlSeconds: intFrom(env, 'SESSION_TTL_SECONDS', 8 * 3600, 60, 90 * 24 * 3600),
    // Seed 003: expires_in 3600.
    accessTokenTtlSeconds: 3600,
    refreshTokenTtlSeconds: intFrom(env, 'REFRESH_TOKEN_TTL_SECONDS', 30 * 24 * 3600, 60, 365 * 24 * 3600),
    loginMaxFailuresPerAccount: intFrom(env, 'LOGIN_MAX_FAILURES_PER_ACCOUNT', 10, 1, 10_000),
    loginMaxFailuresPerAddress: intFrom(env, 'LOGIN_MAX_FAILURES_PER_ADDRESS', 50, 1, 100_000),
    loginFailureWindowSeconds: intFrom(env, 'LOGIN_FAILURE_WINDOW_SECONDS', 900, 1, 24 * 3600),
    smtpTimeoutMs: intFrom(env, 'SMTP_TIMEOUT_MS', 10_000, 10, 120_000),
    outbound: {
      ...loadDeliverySettings(env),
      outboxPollIntervalMs: intFrom(env, 'OUTBOX_POLL_INTERVAL_MS', 1000, 5, 600_000),
    },
  };
}
