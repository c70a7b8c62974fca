import { LRUCache } from 'lru-cache';
import { signPrincipal, type Principal } from '../common/principal';

/**
 * Signs a principal for a subgraph (the value of its x-principal), or hands
 * back the token signed a moment ago for the same principal.
 */
export type PrincipalSigner = (principal: Principal, requestId: string) => Promise<string>;

/** Distinct principals remembered at most; past it the least recently used is forgotten (a burst of new callers costs signatures, not memory). */
const MAX_REMEMBERED = 10_000;

interface Signed {
  token: Promise<string>;
  signedAt: number;
}

/**
 * The gateway's one principal signer, for every subgraph fetch (HTTP) and
 * every subscribe and entity fetch (realtime). A token says "the gateway
 * vouches for this principal until exp", so one signed moments ago for the
 * same principal says exactly what a fresh one would: each principal's token
 * is reused for half its lifetime (a subgraph always gets at least half the
 * lifetime to work with), whatever request or subscriber it is for.
 * Signing is most of what a small fetch costs the gateway, and a reused
 * token also lets each subgraph's verification cache (common/principal.ts)
 * answer instead of checking the signature again. Principals differ by every
 * field, the client address included, so two callers share a token only
 * when no subgraph could tell them apart anyway. The request id inside
 * (`rid`) is then the first caller's; subgraphs take the request id from the
 * request itself (x-request-id, or a subscribe's extensions), never from the
 * token. Concurrent signings for one principal share one promise; a failed
 * one is not remembered, so the next call tries again.
 */
export function principalSigner(secret: string, ttlSeconds: number, options: { now?: () => number } = {}): PrincipalSigner {
  const now = options.now ?? Date.now;
  const reusableMs = (ttlSeconds * 1000) / 2;
  const tokens = new LRUCache<string, Signed>({ max: MAX_REMEMBERED, ttl: reusableMs, ttlResolution: 0, perf: { now } });
  return (principal, requestId) => {
    const key = JSON.stringify(principal);
    const known = tokens.get(key);
    if (known && now() - known.signedAt <= reusableMs) return known.token;
    const signed: Signed = { token: signPrincipal(principal, secret, ttlSeconds, requestId), signedAt: now() };
    tokens.set(key, signed);
    signed.token.catch(() => {
      if (tokens.peek(key) === signed) tokens.delete(key);
    });
    return signed.token;
  };
}
