import { decodeJwt } from 'jose';
import { verifyPrincipal, type Principal } from '../common/principal';
import { byPrincipal, byRequest, principalSigner } from '../gateway/signed-principals';

/**
 * The gateway's signed principals (gateway/signed-principals.ts). The
 * realtime path (`byPrincipal`): one token per principal for half its
 * lifetime, then a fresh one; never one principal's token for another.
 * HTTP (`byRequest`): one token per request, never another request's.
 */
const SECRET = 'signed-principals-test-secret-of-enough-length';
const TTL_SECONDS = 60;
const anonymous: Principal = { kind: 'anonymous', clientIp: '127.0.0.1' };
const elsewhere: Principal = { kind: 'anonymous', clientIp: '10.0.0.9' };
const user: Principal = {
  kind: 'user',
  clientIp: '127.0.0.1',
  userId: 'u-1',
  username: 'ada',
  roles: [],
  permissions: [],
  authMethod: 'bearer',
};

describe('principalSigner by principal', () => {
  it('hands the same principal the same token, which verifies as that principal', async () => {
    const sign = principalSigner(SECRET, TTL_SECONDS, { key: byPrincipal });
    const [first, second] = await Promise.all([sign(anonymous, 'first'), sign(anonymous, 'second')]);
    expect(second).toBe(first);
    expect(await sign(anonymous, 'third')).toBe(first);
    expect(await verifyPrincipal(first, SECRET)).toEqual(anonymous);
  });

  it('never hands one principal another principal’s token', async () => {
    const sign = principalSigner(SECRET, TTL_SECONDS, { key: byPrincipal });
    const tokens = [await sign(anonymous, 'a'), await sign(elsewhere, 'b'), await sign(user, 'c')];
    expect(new Set(tokens).size).toBe(3);
    expect(await verifyPrincipal(tokens[1], SECRET)).toEqual(elsewhere);
    expect(await verifyPrincipal(tokens[2], SECRET)).toEqual(user);
  });

  it('signs afresh once half the lifetime has passed', async () => {
    let now = 1_000_000;
    const sign = principalSigner(SECRET, TTL_SECONDS, { key: byPrincipal, now: () => now });
    const first = await sign(anonymous, 'before');
    now += (TTL_SECONDS * 1000) / 2;
    expect(await sign(anonymous, 'still')).toBe(first);
    now += 1;
    const fresh = await sign(anonymous, 'after');
    expect(fresh).not.toBe(first);
    expect(decodeJwt(fresh).rid).toBe('after');
    expect(await verifyPrincipal(fresh, SECRET)).toEqual(anonymous);
  });
});

describe('principalSigner by request', () => {
  it('signs once per request, and never hands one request another request’s token', async () => {
    const sign = principalSigner(SECRET, TTL_SECONDS, { key: byRequest });
    const request = {};
    const [first, again] = await Promise.all([sign(user, 'r-1', request), sign(user, 'r-1', request)]);
    expect(again).toBe(first);
    // Keyed by the request itself, not by its id: another request under the same id gets its own signature.
    expect(sign(user, 'r-1', {})).not.toBe(sign(user, 'r-1', request));
    const other = await sign(user, 'r-2', {});
    expect(other).not.toBe(first);
    expect(decodeJwt(first).rid).toBe('r-1');
    expect(decodeJwt(other).rid).toBe('r-2');
    expect(await verifyPrincipal(other, SECRET)).toEqual(user);
  });

  it('signs a long request afresh once half the lifetime has passed', async () => {
    let now = 1_000_000;
    const sign = principalSigner(SECRET, TTL_SECONDS, { key: byRequest, now: () => now });
    const request = {};
    // The same request id and second can give the same text, so a fresh signature shows as a new promise.
    const first = sign(anonymous, 'long', request);
    await first;
    now += (TTL_SECONDS * 1000) / 2;
    expect(sign(anonymous, 'long', request)).toBe(first);
    now += 1;
    const fresh = sign(anonymous, 'long', request);
    expect(fresh).not.toBe(first);
    expect(await verifyPrincipal(await fresh, SECRET)).toEqual(anonymous);
  });
});
