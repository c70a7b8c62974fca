import { LRUCache } from 'lru-cache';
import { signPrincipal, type Principal } from '../common/principal';

/** Signs a principal for a subgraph (the value of its x-principal), or hands back one signed a moment ago. */
export type PrincipalSigner = (principal: Principal, requestId: string) => Promise<string>;

/** Distinct principals remembered at most; past it the least recently used is forgotten (a burst of new callers costs signatures, not memory). */
const MAX_REMEMBERED = 10_000;

/**
 * The realtime path signs the same principal over and over: a thousand
 * viewers of one stream subscribe as the same anonymous caller, and each
 * subscribe (and each entity fetch of a group) needs a signed principal.
 * A token says "the gateway vouches for this principal until exp", so one
 * signed moments ago says exactly what a fresh one would; it is reused for
 * half its lifetime, so a subgraph always gets at least half the lifetime to
 * work with. Reusing the token also lets the subgraph's verification cache
 * (common/principal.ts) answer instead of checking the signature again. The
 * request id inside the token (`rid`) is then the first caller's; subgraphs
 * take the request id from the request itself, never from the token.
 * Concurrent signings of one principal share one promise.
 */
export function principalSigner(secret: string, ttlSeconds: number, now: () => number = Date.now): PrincipalSigner {
  // An LRU bounded by MAX_REMEMBERED whose entries go stale after half the token's lifetime (read on every lookup).
  const signed = new LRUCache<string, Promise<string>>({ max: MAX_REMEMBERED, ttl: (ttlSeconds * 1000) / 2, ttlResolution: 0, perf: { now } });
  return (principal, requestId) => {
    const key = JSON.stringify(principal);
    const known = signed.get(key);
    if (known) return known;
    const token = signPrincipal(principal, secret, ttlSeconds, requestId);
    signed.set(key, token);
    // A failed signing is not remembered: the next caller tries again.
    token.catch(() => {
      if (signed.peek(key) === token) signed.delete(key);
    });
    return token;
  };
}
