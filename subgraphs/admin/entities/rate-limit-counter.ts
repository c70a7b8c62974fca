import { defineEntity, p, type InferEntity } from '@mikro-orm/postgresql';

/** Requests counted for one rate-limit key in one fixed window; every gateway replica counts in the same row (queries.ts). */
export const RateLimitCounter = defineEntity({
  name: 'RateLimitCounter',
  tableName: 'rate_limit_counters',
  properties: {
    key: p.text().primary(),
    windowStart: p.datetime().primary(),
    count: p.integer(),
  },
});
export type RateLimitCounter = InferEntity<typeof RateLimitCounter>;
