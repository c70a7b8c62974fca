import { decodeJwt } from 'jose';
import { verifyPrincipal, type Principal } from '../common/principal';
import { principalSigner } from '../gateway/signed-principals';

/**
 * The gateway's signed principals (gateway/signed-principals.ts), for HTTP
 * fetches and the realtime path alike: one token per principal for half its
 * lifetime, then a fresh one; never one principal's token for another.
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

describe('principalSigner', () => {
  it('hands the same principal the same token, which verifies as that principal', async () => {
    const sign = principalSigner(SECRET, TTL_SECONDS);
    const [first, second] = await Promise.all([sign(anonymous, 'first'), sign(anonymous, 'second')]);
    expect(second).toBe(first);
    expect(await sign(anonymous, 'third')).toBe(first);
    expect(await verifyPrincipal(first, SECRET)).toEqual(anonymous);
  });

  it('never hands one principal another principal’s token', async () => {
    const sign = principalSigner(SECRET, TTL_SECONDS);
    const tokens = [await sign(anonymous, 'a'), await sign(elsewhere, 'b'), await sign(user, 'c')];
    expect(new Set(tokens).size).toBe(3);
    expect(await verifyPrincipal(tokens[1], SECRET)).toEqual(elsewhere);
    expect(await verifyPrincipal(tokens[2], SECRET)).toEqual(user);
  });

  it('signs afresh once half the lifetime has passed', async () => {
    let now = 1_000_000;
    const sign = principalSigner(SECRET, TTL_SECONDS, { now: () => now });
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
