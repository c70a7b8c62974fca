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
}

function intFrom(env: NodeJS.ProcessEnv, name: string, fallback: number, min: number, max: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min || value > max) throw new Error(`${name} must be an integer between ${min} and ${max}, got "${raw}"`);
  return value;
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
  };
}
