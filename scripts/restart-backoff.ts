/**
 * How long the supervisor waits before restarting a service that exited:
 * exponential (initial · 2^n), capped, with "equal jitter" (half the delay
 * fixed, half random) so that services that crashed together do not come
 * back in lockstep. A service that stayed up for `resetAfterMs` counts as
 * healthy again, and its next crash starts over at the initial delay.
 */
export interface RestartBackoffOptions {
  initialMs: number;
  maxMs: number;
  resetAfterMs: number;
  random?: () => number;
}

export const DEFAULT_RESTART_BACKOFF: RestartBackoffOptions = { initialMs: 500, maxMs: 30_000, resetAfterMs: 60_000 };

export class RestartBackoff {
  private attempts = 0;

  constructor(private readonly options: RestartBackoffOptions = DEFAULT_RESTART_BACKOFF) {}

  /** The wait before the next restart, given how long the service was up before it exited. */
  next(upForMs: number): number {
    if (upForMs >= this.options.resetAfterMs) this.attempts = 0;
    const ceiling = Math.min(this.options.maxMs, this.options.initialMs * 2 ** this.attempts);
    this.attempts += 1;
    const random = this.options.random ?? Math.random;
    return Math.round(ceiling / 2 + random() * (ceiling / 2));
  }

  /** Restarts in a row since the service was last healthy. */
  get restarts(): number {
    return this.attempts;
  }
}
