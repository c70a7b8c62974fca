import { RestartBackoff } from '../scripts/restart-backoff';

describe('the supervisor’s restart backoff', () => {
  const options = { initialMs: 500, maxMs: 4000, resetAfterMs: 60_000 };

  it('doubles per crash in a row, up to the cap, with half of each delay random', () => {
    const lowest = new RestartBackoff({ ...options, random: () => 0 });
    const highest = new RestartBackoff({ ...options, random: () => 1 });
    const low = Array.from({ length: 6 }, () => lowest.next(100));
    const high = Array.from({ length: 6 }, () => highest.next(100));
    expect(high).toEqual([500, 1000, 2000, 4000, 4000, 4000]);
    expect(low).toEqual([250, 500, 1000, 2000, 2000, 2000]);
    expect(lowest.restarts).toBe(6);
  });

  it('starts over once the service stayed up long enough', () => {
    const backoff = new RestartBackoff({ ...options, random: () => 1 });
    expect([backoff.next(10), backoff.next(10), backoff.next(10)]).toEqual([500, 1000, 2000]);
    expect(backoff.next(60_000)).toBe(500);
    expect(backoff.restarts).toBe(1);
  });

  it('draws a different delay each time with the real random source', () => {
    const delays = new Set(Array.from({ length: 20 }, () => new RestartBackoff(options).next(0)));
    expect(delays.size).toBeGreaterThan(1);
    for (const delay of delays) {
      expect(delay).toBeGreaterThanOrEqual(250);
      expect(delay).toBeLessThanOrEqual(500);
    }
  });
});
