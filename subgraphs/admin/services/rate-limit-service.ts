import { domainError, ErrorCode } from '../../../common/errors';
import { MAX_REQUESTS_PER_COUNT } from '../../../common/rate-limit-counts';
import type { Context } from '../context';
import { countInWindow, deleteOldCounters } from '../queries';
import { assertAllowed } from './permissions';

/**
 * Fixed-window request counters for the general API's per-plan rate limits.
 * Every gateway replica counts in the same row (key, window start), so the
 * limit holds across replicas. Windows follow the database clock.
 */
export const MAX_RATE_LIMIT_WINDOW_SECONDS = 3600;
const CLEANUP_PROBABILITY = 0.01;

/** Adds `requests` to the key's counter in the current window and answers the new total. */
export async function countRequest(context: Context, key: string, windowSeconds: number, requests: number): Promise<{ count: number; resetAt: Date }> {
  await assertAllowed(context, 'rateLimit:count');
  if (key.length === 0 || key.length > 200) throw domainError(ErrorCode.BadUserInput, 'key must be 1 to 200 characters', { field: 'key' });
  if (!Number.isInteger(windowSeconds) || windowSeconds < 1 || windowSeconds > MAX_RATE_LIMIT_WINDOW_SECONDS) {
    throw domainError(ErrorCode.BadUserInput, `windowSeconds must be 1 to ${MAX_RATE_LIMIT_WINDOW_SECONDS}`, { field: 'windowSeconds' });
  }
  if (!Number.isInteger(requests) || requests < 1 || requests > MAX_REQUESTS_PER_COUNT) {
    throw domainError(ErrorCode.BadUserInput, `requests must be 1 to ${MAX_REQUESTS_PER_COUNT}`, { field: 'requests' });
  }
  const { count, windowStart } = await countInWindow(context.em, key, windowSeconds, requests);
  // Old windows are cleared now and then, by whichever request draws it.
  if (Math.random() < CLEANUP_PROBABILITY) await deleteOldCounters(context.em, 2 * MAX_RATE_LIMIT_WINDOW_SECONDS);
  return { count, resetAt: new Date(windowStart.getTime() + windowSeconds * 1000) };
}
