import type { FormattedExecutionResult } from 'graphql-ws';
import { createLogger } from '../common/logger';
import { createSubscriptionGroups, type EventBatch, type GroupRequest, type SubscriptionGroups } from '../gateway/subscription-groups';
import type { UpstreamSink, UpstreamSubscriptions } from '../gateway/upstream-subscriptions';
import { until } from './support/wait';

/**
 * How a group's events reach its members when they are written a chunk of
 * members per event-loop turn (gateway/subscription-groups.ts), with the
 * upstream played by this test so that an event, and the end of the
 * subscription, can arrive at an exact point of a delivery. Every member must
 * get every event once and in order, also when the group ends while a batch
 * is half written.
 */

const logger = createLogger('test', 'silent');

/** An upstream whose one subscription the test drives by hand. */
function handDrivenUpstream(): UpstreamSubscriptions & { sink(): UpstreamSink } {
  let current: UpstreamSink | undefined;
  return {
    subscribe: (_request, sink) => {
      current = sink;
      return () => undefined;
    },
    close: async () => undefined,
    sink: () => {
      if (!current) throw new Error('no upstream subscription yet');
      return current;
    },
  };
}

const request: GroupRequest = {
  subgraph: 'streaming',
  plan: { ownerQuery: 'subscription { tick }', fetches: [], entityFetches: [] },
  variables: undefined,
  coercedVariables: {},
  // Not shared across viewers: grouped per principal, and all five are the same anonymous caller.
  shared: false,
  principal: { kind: 'anonymous', clientIp: '' },
  requestId: 'delivery-test',
  logger,
};

const tick = (value: string): FormattedExecutionResult => ({ data: { tick: value } });

/** What each member received, in order: the tick values, then COMPLETE. */
function joinMembers(groups: SubscriptionGroups, count: number, onNext: (member: number, batch: EventBatch) => void = () => undefined) {
  const received: string[][] = [];
  for (let member = 0; member < count; member += 1) {
    const log: string[] = [];
    received.push(log);
    groups.join(request, {
      next: (batch) => {
        for (const event of batch.events) log.push(String((event.result.data as { tick?: unknown } | undefined)?.tick));
        onNext(member, batch);
      },
      complete: () => log.push('COMPLETE'),
    });
  }
  return received;
}

/** Waits until every member has received `count` items (events and the end), then a little longer for any extra. */
async function receivedBy(received: string[][], count: number): Promise<void> {
  await until(() => received.every((log) => log.length >= count), `${count} items for every member`);
  // Chunks are written one event-loop turn apart: give a duplicate the turns to show up.
  for (let turn = 0; turn < 10; turn += 1) await new Promise((resolve) => setImmediate(resolve));
}

/** Resolves once the group's subscription has gone live (joins wait for it). */
async function live(upstream: ReturnType<typeof handDrivenUpstream>): Promise<UpstreamSink> {
  for (;;) {
    try {
      return upstream.sink();
    } catch {
      await new Promise((resolve) => setImmediate(resolve));
    }
  }
}

describe('delivery a chunk of members at a time', () => {
  it('gives each of five members every event once and in order, two members per turn, batches overlapping', async () => {
    const upstream = handDrivenUpstream();
    const groups = createSubscriptionGroups({ upstream, fetchEntities: async () => ({}), development: true, logger, deliveryChunk: 2 });
    const received = joinMembers(groups, 5);
    const sink = await live(upstream);
    sink.next(tick('A'));
    await new Promise((resolve) => setImmediate(resolve));
    // A is now half written; B and C come while it is.
    sink.next(tick('B'));
    sink.next(tick('C'));
    await receivedBy(received, 3);
    expect(received).toEqual(Array.from({ length: 5 }, () => ['A', 'B', 'C']));
    groups.close();
  });

  it('a group that ends while a batch is half written still gives every member that batch and what was pending, then ends', async () => {
    const upstream = handDrivenUpstream();
    const groups = createSubscriptionGroups({ upstream, fetchEntities: async () => ({}), development: true, logger, deliveryChunk: 2 });
    let ended = false;
    const received = joinMembers(groups, 5, (member) => {
      // While A reaches the second member (the first chunk), B arrives and the source completes.
      if (member === 1 && !ended) {
        ended = true;
        upstream.sink().next(tick('B'));
        upstream.sink().complete();
      }
    });
    const sink = await live(upstream);
    sink.next(tick('A'));
    await receivedBy(received, 3);
    expect(received).toEqual(Array.from({ length: 5 }, () => ['A', 'B', 'COMPLETE']));
  });
});
