import { endableIterator, type EventIterator } from './async-iterators';

/**
 * What the gateway and a subgraph agree on when many subscribers share one
 * upstream subscription (gateway/subscription-groups.ts; docs/ARCHITECTURE.md,
 * Realtime). The gateway keeps one graphql-ws connection per subgraph, so
 * who a subscription is for travels with each subscribe, in its
 * `extensions`, not in connection_init.
 *
 * A Subscription field the owning subgraph marks `@sharedAcrossViewers`
 * (its events are the same whoever subscribes) is served to a group of
 * subscribers as:
 * - one `group` subscription: the events for everyone, executed once;
 * - one `member` subscription per subscriber: its subscribe resolver runs as
 *   the subscriber (authorization, and side effects such as registering a
 *   chat client), and it yields only what is for that subscriber alone.
 * A field without the directive is never shared between principals, and its
 * resolvers see no role (`single`).
 */

/** Extensions of a subscribe the gateway sends to a subgraph. */
export interface UpstreamSubscribeExtensions {
  /** The subscriber's principal, signed (common/principal.ts); verified per operation. */
  principal: string;
  requestId: string;
  /** The caller's Authorization, for domain credentials (host tokens), as over HTTP. */
  authorization?: string;
  /** The client's User-Agent on its WebSocket upgrade (chat clients list it). */
  userAgent?: string;
  /** Absent: an ordinary subscription (one per group of identical subscribers). */
  role?: 'group' | 'member';
  /** A member's id, unique per gateway subscriber: a group event can name members that must not get it. */
  member?: string;
  /** W3C trace context of the gateway's subscribe (common/subscription-trace.ts); absent with tracing off. */
  traceparent?: string;
  tracestate?: string;
}

/** Where a subscribe resolver finds its role (context.subscription). */
export interface SubscriptionRole {
  role: 'single' | 'group' | 'member';
  /** The member id (role member only). */
  member?: string;
}

/**
 * The first result of a group or member subscription, sent once its
 * subscribe resolver has succeeded (the subscriber is admitted and its
 * source is listening): graphql-ws has no acknowledgement of its own.
 */
export const SUBSCRIBED_EXTENSION = 'playroomSubscribed';

/** Extension of a group event: member ids that receive their own version instead (their member subscription sends it). */
export const EXCEPT_MEMBERS_EXTENSION = 'playroomExceptMembers';

/** Set on a group's event payload (by the subscribe resolver) to fill EXCEPT_MEMBERS_EXTENSION. */
export const EXCEPT_MEMBERS = Symbol('exceptMembers');

export type WithExceptMembers<T> = T & { [EXCEPT_MEMBERS]?: readonly string[] };

/** The name of the directive, as the supergraph carries it (@composeDirective). */
export const SHARED_ACROSS_VIEWERS_DIRECTIVE = 'sharedAcrossViewers';

/**
 * An event source that yields nothing and ends when returned: a member
 * whose subscribe resolver only admits (authorizes) it, with nothing of
 * its own to deliver, stays open until the subscriber leaves.
 */
export function untilReturned<T>(onEnd?: () => Promise<void>): EventIterator<T> {
  let wake: ((result: IteratorResult<T, undefined>) => void) | undefined;
  let ended = false;
  const end = async (): Promise<void> => {
    if (ended) return;
    ended = true;
    wake?.({ value: undefined, done: true });
    await onEnd?.().catch(() => undefined);
  };
  return endableIterator(
    (): Promise<IteratorResult<T, undefined>> => (ended ? Promise.resolve({ value: undefined, done: true }) : new Promise((resolve) => (wake = resolve))),
    end,
  );
}
