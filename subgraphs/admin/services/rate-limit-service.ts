import type { EntityManager } from '@mikro-orm/postgresql';
import { domainError, ErrorCode } from '../../../common/errors';
import type { Principal } from '../../../common/principal';

/**
 * Fixed-window request counters for the general API's per-plan rate limits.
 * Every gateway replica counts in the same row (key, window start), so the
 * limit holds across replicas. Windows follow the database clock.
 */
export const MAX_RATE_LIMIT_WINDOW_SECONDS = 3600;
const CLEANUP_PROBABILITY = 0.01;

export async function countRequest(em: EntityManager, principal: Principal, key: string, windowSeconds: number): Promise<{ count: number; resetAt: Date }> {
  if (principal.kind !== 'service' || principal.service !== 'gateway') throw domainError(ErrorCode.Forbidden, 'Not available');
  if (key.length === 0 || key.length > 200) throw domainError(ErrorCode.BadUserInput, 'key must be 1 to 200 characters', { field: 'key' });
  if (!Number.isInteger(windowSeconds) || windowSeconds < 1 || windowSeconds > MAX_RATE_LIMIT_WINDOW_SECONDS) {
    throw domainError(ErrorCode.BadUserInput, `windowSeconds must be 1 to ${MAX_RATE_LIMIT_WINDOW_SECONDS}`, { field: 'windowSeconds' });
  }
  const [row] = await em.execute<{ count: number; window_start: Date }[]>(
    `insert into admin.rate_limit_counters as c (key, window_start, count)
     values (?, to_timestamp(floor(extract(epoch from now())::float8 / ?::int) * ?::int), 1)
     on conflict (key, window_start) do update set count = c.count + 1
     returning c.count, c.window_start`,
    [key, windowSeconds, windowSeconds],
  );
  if (!row) throw new Error('rate-limit counter returned no row');
  // Old windows are cleared now and then, by whichever request draws it.
  if (Math.random() < CLEANUP_PROBABILITY) {
    await em.execute(`delete from admin.rate_limit_counters where window_start < now() - interval '${2 * MAX_RATE_LIMIT_WINDOW_SECONDS} seconds'`);
  }
  return { count: Number(row.count), resetAt: new Date(new Date(row.window_start).getTime() + windowSeconds * 1000) };
}
