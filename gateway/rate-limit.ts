import { loadConfig } from '../common/config';
import type { Logger } from '../common/logger';
import type { Plan, Principal } from '../common/principal';
import { MAX_REQUESTS_PER_COUNT } from '../common/rate-limit-counts';
import { adminServiceCall, callService, type AdminCallSettings } from '../common/service-call';
import { CoalescedCounts, type CountedWindow } from './coalesced-counts';

/**
 * Per-plan request limits of the general API (seed 003): a fixed window per
 * caller (signed-in users by id at their plan's limit, API keys by key id and
 * anonymous callers by client address at the Free limit). The counters live in
 * PostgreSQL, behind the admin subgraph's internal `countRequest` mutation
 * (@inaccessible, accepted only from the gateway's service principal), so
 * every gateway replica counts against the same numbers. A replica counts the
 * requests of one caller that arrive together in one call (coalesced-counts.ts).
 */
export interface RateLimitSettings {
  windowSeconds: number;
  perPlan: Record<Plan, number>;
}

/** What the family's hook reports in X-RateLimit-* headers, and whether to refuse. */
export interface RateLimitDecision {
  limit: number;
  remaining: number;
  /** Unix time (seconds) when the window ends. */
  resetAt: number;
  allowed: boolean;
}

/** Seed 003's limits, as common/config.ts defaults them (RATE_LIMIT_* variables). */
export const DEFAULT_RATE_LIMITS: RateLimitSettings = loadConfig({}).rateLimits;

export interface RateLimiterOptions extends AdminCallSettings {
  settings: RateLimitSettings;
  logger: Logger;
}

const COUNT =
  'mutation CountRequest($key: String!, $windowSeconds: Int!, $requests: Int!) { countRequest(key: $key, windowSeconds: $windowSeconds, requests: $requests) { count resetAt } }';

export function rateLimitSubject(principal: Principal): { key: string; plan: Plan } {
  switch (principal.kind) {
    case 'user':
      return { key: `user:${principal.userId}`, plan: principal.plan ?? 'free' };
    case 'apiKey':
      return { key: `key:${principal.keyId}`, plan: 'free' };
    default:
      return { key: `ip:${principal.clientIp}`, plan: 'free' };
  }
}

export class RateLimiter {
  private readonly counts: CoalescedCounts;

  constructor(private readonly options: RateLimiterOptions) {
    const call = adminServiceCall('gateway', options);
    this.counts = new CoalescedCounts(
      (key, requests, requestId) =>
        callService<CountedWindow>(call, {
          query: COUNT,
          variables: { key, windowSeconds: options.settings.windowSeconds, requests },
          field: 'countRequest',
          requestId,
        }),
      MAX_REQUESTS_PER_COUNT,
    );
  }

  /** Counts this request; null when the counter cannot be reached (the request is let through). */
  async check(principal: Principal, requestId: string): Promise<RateLimitDecision | null> {
    const { key, plan } = rateLimitSubject(principal);
    const limit = this.options.settings.perPlan[plan];
    try {
      const counted = await this.counts.count(key, requestId);
      return {
        limit,
        remaining: Math.max(0, limit - counted.count),
        resetAt: Math.ceil(Date.parse(counted.resetAt) / 1000),
        allowed: counted.count <= limit,
      };
    } catch (error) {
      this.options.logger.warn(
        { reqId: requestId, err: error instanceof Error ? { message: error.message } : 'error' },
        'rate-limit counter unavailable; request let through',
      );
      return null;
    }
  }
}
