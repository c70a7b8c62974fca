/**
 * Exponential backoff with jitter: the n-th retry (n ≥ 1) waits
 * base · 2^(n-1), capped at max, then scaled by a random factor in [0.5, 1]
 * so retries of many actions that failed together spread out.
 */
export function backoffDelayMs(attempt: number, baseMs: number, maxMs: number, random: () => number = Math.random): number {
  const exponential = Math.min(maxMs, baseMs * 2 ** Math.max(0, attempt - 1));
  return Math.round(exponential * (0.5 + random() * 0.5));
}
