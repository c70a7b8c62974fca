import { LRUCache } from 'lru-cache';
import { signPrincipal, type Principal } from '../common/principal';

/**
 * Signs a principal for a subgraph (the value of its x-principal), or hands
 * back the token signed a moment ago for the same key. `scope` is what the
 * key may depend on besides the principal (HTTP: the request's context).
 */
export type PrincipalSigner<Scope = void> = (principal: Principal, requestId: string, scope: Scope) => Promise<string>;

/** Which calls may share one token: those whose key is equal (a string) or the same object. */
export type SigningKey<Scope> = (principal: Principal, scope: Scope) => string | object;

/**
 * The realtime path's key: the principal itself. A thousand viewers of one
 * stream subscribe as the same anonymous caller, and each subscribe (and
 * each entity fetch of a group) needs a signed principal; a token says "the
 * gateway vouches for this principal until exp", so one signed moments ago
 * says exactly what a fresh one would. The request id inside the token
 * (`rid`) is then the first caller's; subgraphs take the request id from the
 * request itself, never from the token.
 */
export const byPrincipal: SigningKey<void> = (principal) => JSON.stringify(principal);

/**
 * HTTP's key: the request's own context object, so a request's query plan
 * signs once however many subgraph fetches it makes (signing is most of what
 * a small fetch costs the gateway), and its token is never handed to another request.
 */
export const byRequest: SigningKey<object> = (_principal, request) => request;

/** Distinct string keys remembered at most; past it the least recently used is forgotten (a burst of new callers costs signatures, not memory). */
const MAX_REMEMBERED = 10_000;

interface Signed {
  token: Promise<string>;
  signedAt: number;
}

/**
 * Tokens by key: string keys in an LRU bounded by MAX_REMEMBERED whose
 * entries go stale after `reusableMs` (read on every lookup); object keys
 * weakly, so a finished request's token goes with its context.
 */
class SignedTokens {
  private readonly byText: LRUCache<string, Signed>;
  private readonly byObject = new WeakMap<object, Signed>();

  constructor(reusableMs: number, now: () => number) {
    this.byText = new LRUCache<string, Signed>({ max: MAX_REMEMBERED, ttl: reusableMs, ttlResolution: 0, perf: { now } });
  }

  get(key: string | object): Signed | undefined {
    return typeof key === 'string' ? this.byText.get(key) : this.byObject.get(key);
  }

  set(key: string | object, signed: Signed): void {
    if (typeof key === 'string') this.byText.set(key, signed);
    else this.byObject.set(key, signed);
  }

  /** Forgets `signed` unless the key has been signed again since. */
  forget(key: string | object, signed: Signed): void {
    const current = typeof key === 'string' ? this.byText.peek(key) : this.byObject.get(key);
    if (current !== signed) return;
    if (typeof key === 'string') this.byText.delete(key);
    else this.byObject.delete(key);
  }
}

/**
 * The gateway's one principal signer, for HTTP fetches (`byRequest`) and the
 * realtime path (`byPrincipal`). A token is reused for half its lifetime, so
 * a subgraph always gets at least half the lifetime to work with. Reusing it
 * also lets the subgraph's verification cache (common/principal.ts) answer
 * instead of checking the signature again. Concurrent signings for one key
 * share one promise; a failed one is not remembered, so the next call tries again.
 */
export function principalSigner<Scope>(secret: string, ttlSeconds: number, options: { key: SigningKey<Scope>; now?: () => number }): PrincipalSigner<Scope> {
  const now = options.now ?? Date.now;
  const reusableMs = (ttlSeconds * 1000) / 2;
  const tokens = new SignedTokens(reusableMs, now);
  return (principal, requestId, scope) => {
    const key = options.key(principal, scope);
    const known = tokens.get(key);
    if (known && now() - known.signedAt <= reusableMs) return known.token;
    const signed: Signed = { token: signPrincipal(principal, secret, ttlSeconds, requestId), signedAt: now() };
    tokens.set(key, signed);
    signed.token.catch(() => tokens.forget(key, signed));
    return signed.token;
  };
}
