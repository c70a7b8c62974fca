import { CoalescedCounts, type CountedWindow } from '../gateway/coalesced-counts';

/**
 * The gateway's rate-limit counting: one call per key on the way at a time,
 * the requests that queue behind it counted by one next call, each request
 * still answered its own position. Calls are held by hand, so the order is
 * fixed and nothing depends on timing.
 */
interface HeldCall {
  key: string;
  requests: number;
  answer(window: CountedWindow): void;
  fail(error: Error): void;
}

function heldCounter(maxPerCall = 1000) {
  const calls: HeldCall[] = [];
  const counts = new CoalescedCounts(
    (key, requests) =>
      new Promise<CountedWindow>((resolve, reject) => {
        calls.push({ key, requests, answer: resolve, fail: reject });
      }),
    maxPerCall,
  );
  return { counts, calls };
}

const settle = () => new Promise((resolve) => setImmediate(resolve));

it('sends the first request at once and the ones that arrive meanwhile as one call; each gets its own position', async () => {
  const { counts, calls } = heldCounter();
  const first = counts.count('user:1', 'r1');
  expect(calls.map((call) => call.requests)).toEqual([1]);
  const queued = [counts.count('user:1', 'r2'), counts.count('user:1', 'r3'), counts.count('user:1', 'r4')];
  expect(calls).toHaveLength(1);
  calls[0]!.answer({ count: 10, resetAt: '2026-12-02T15:01:00Z' });
  await expect(first).resolves.toEqual({ count: 10, resetAt: '2026-12-02T15:01:00Z' });
  await settle();
  expect(calls.map((call) => call.requests)).toEqual([1, 3]);
  calls[1]!.answer({ count: 13, resetAt: '2026-12-02T15:01:00Z' });
  expect((await Promise.all(queued)).map((window) => window.count)).toEqual([11, 12, 13]);
});

it('counts different keys independently, each with its own call', () => {
  const { counts, calls } = heldCounter();
  void counts.count('user:1', 'r1');
  void counts.count('key:2', 'r2');
  expect(calls.map((call) => [call.key, call.requests])).toEqual([
    ['user:1', 1],
    ['key:2', 1],
  ]);
});

it('a failed call fails only its own requests; the ones queued behind it are still sent', async () => {
  const { counts, calls } = heldCounter();
  const first = counts.count('user:1', 'r1');
  const second = counts.count('user:1', 'r2');
  calls[0]!.fail(new Error('admin subgraph unreachable'));
  await expect(first).rejects.toThrow('admin subgraph unreachable');
  await settle();
  expect(calls.map((call) => call.requests)).toEqual([1, 1]);
  calls[1]!.answer({ count: 1, resetAt: '2026-12-02T15:01:00Z' });
  await expect(second).resolves.toMatchObject({ count: 1 });
});

it('sends no more than the most one call may count, the rest in the next calls', async () => {
  const { counts, calls } = heldCounter(2);
  const all = [counts.count('k', 'a'), counts.count('k', 'b'), counts.count('k', 'c'), counts.count('k', 'd'), counts.count('k', 'e')];
  calls[0]!.answer({ count: 1, resetAt: 'x' });
  await settle();
  calls[1]!.answer({ count: 3, resetAt: 'x' });
  await settle();
  calls[2]!.answer({ count: 5, resetAt: 'x' });
  expect(calls.map((call) => call.requests)).toEqual([1, 2, 2]);
  expect((await Promise.all(all)).map((window) => window.count)).toEqual([1, 2, 3, 4, 5]);
});

it('goes idle when nothing waits: the next request is sent at once again', async () => {
  const { counts, calls } = heldCounter();
  const first = counts.count('k', 'a');
  calls[0]!.answer({ count: 1, resetAt: 'x' });
  await first;
  await settle();
  void counts.count('k', 'b');
  expect(calls.map((call) => call.requests)).toEqual([1, 1]);
});
