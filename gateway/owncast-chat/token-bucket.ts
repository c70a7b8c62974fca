/**
 * Owncast 0.0.7's per-socket limit (golang.org/x/time/rate, Limiter(0.6, 5)):
 * a bucket of `burst` tokens, full at first, refilling at `perSecond`; a
 * frame that finds no whole token is dropped. Hand-written rather than a
 * library because the limit must match x/time/rate's refill exactly and read
 * an injectable clock (tests count drops without waiting on time); the
 * libraries on npm (limiter, rate-limiter-flexible) read the system clock.
 */
export interface TokenBucketSettings {
  burst: number;
  perSecond: number;
}

/** 0.0.7's values: five at once, then one every 1.67 s. */
export const OWNCAST_RATE_LIMIT: TokenBucketSettings = { burst: 5, perSecond: 0.6 };

export class TokenBucket {
  private tokens: number;
  private updatedAt: number;

  constructor(
    private readonly settings: TokenBucketSettings,
    /** Milliseconds, monotonic. */
    private readonly now: () => number,
  ) {
    this.tokens = settings.burst;
    this.updatedAt = now();
  }

  /** Takes a token if there is one. */
  take(): boolean {
    const now = this.now();
    const elapsed = Math.max(0, now - this.updatedAt) / 1000;
    this.updatedAt = now;
    this.tokens = Math.min(this.settings.burst, this.tokens + elapsed * this.settings.perSecond);
    if (this.tokens < 1) return false;
    this.tokens -= 1;
    return true;
  }
}
