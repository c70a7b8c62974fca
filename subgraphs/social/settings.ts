import { loadConfig, requireHostTokenSecret } from '../../common/config';

/** What the social subgraph reads from the environment at start. */
export interface SocialSettings {
  hostTokens: HostTokenSettings;
}

export interface HostTokenSettings {
  /** HS256 secret (HOST_TOKEN_SECRET); never logged or returned. */
  secret: string;
  /** HOST_TOKEN_TTL_SECONDS. */
  ttlSeconds: number;
}

export function loadSocialSettings(env: NodeJS.ProcessEnv): SocialSettings {
  const config = loadConfig(env);
  return { hostTokens: { secret: requireHostTokenSecret(config), ttlSeconds: config.hostTokenTtlSeconds } };
}
