import { createHash, randomUUID } from 'node:crypto';
import type { FormattedExecutionResult, GraphQLFormattedError } from 'graphql';
import type { SubgraphName } from '../common/config';
import { maskWithRequestId, reportUnexpectedErrors } from '../common/error-masking';
import { ErrorCode } from '../common/errors';
import type { Logger } from '../common/logger';
import type { Principal } from '../common/principal';
import { EXCEPT_MEMBERS_EXTENSION, SUBSCRIBED_EXTENSION } from '../common/shared-subscriptions';
import { completeEvent, type EntityFetcher, type SubscriptionPlan } from './subscription-plan';
import type { UpstreamSubscriptions } from './upstream-subscriptions';

/**
 * Shared fan-out. Subscribers whose operation (as planned for its owner),
 * variables and view of the data are the same form a group with ONE
 * upstream subscription: each event is completed once (one `_entities`
 * fetch per owning subgraph), serialised once, and the same JSON goes to
 * every subscriber of the group.
 *
 * The view: a field the owning subgraph declares `@sharedAcrossViewers`
 * has one view for everyone (its foreign fields are fetched as an
 * anonymous caller, the view every subscriber is entitled to); any other
 * field has one view per caller (principal, forwarded Authorization and
 * User-Agent: everything the subgraph could tell them apart by).
 *
 * Admission: for a shared field each subscriber first gets its own
 * `member` subscription on the owner, run as that subscriber (its
 * authorization and side effects, e.g. a chat client row); only once the
 * owner acknowledged it does the subscriber join the group, so a refused
 * subscriber never receives a group's event. The member subscription
 * carries what is for that subscriber alone, and a group event naming a
 * member in EXCEPT_MEMBERS_EXTENSION skips it. For any other field the
 * group is keyed by the very credentials the owner checked when the group
 * started, and the gateway has checked them again for this subscribe.
 *
 * This module knows nothing of sockets: the caller's sink writes the JSON
 * (and drops a subscriber that cannot keep up, which leaves the group
 * without holding it up).
 */

/** One event as every subscriber of a group gets it: the result (shared: do not modify) and its JSON. */
export interface GroupEvent {
  result: FormattedExecutionResult;
  json: string;
}

/**
 * Events handed to subscribers together, in order: the group's events that
 * arrived since its last delivery (one delivery per event loop turn, so under
 * load a socket gets several events in one write, not one write each), or
 * one event for a subscriber alone. The same batch object goes to every
 * subscriber of a group delivery, so a transport frames it once per shape
 * (`framed`) and writes the same bytes to each of its sockets.
 */
export class EventBatch {
  private readonly frames = new Map<string, Buffer>();

  constructor(readonly events: readonly GroupEvent[]) {}

  /** The bytes `build` makes of this batch, built once per key (the transport and whatever of the subscriber its frames carry). */
  framed(key: string, build: (events: readonly GroupEvent[]) => Buffer): Buffer {
    let bytes = this.frames.get(key);
    if (!bytes) {
      bytes = build(this.events);
      this.frames.set(key, bytes);
    }
    return bytes;
  }
}

export interface GroupSink {
  next(batch: EventBatch): void;
  /** The subscription is over (after an error result, or when the source completed); not called after leave(). */
  complete(): void;
}

export interface GroupRequest {
  subgraph: SubgraphName;
  plan: SubscriptionPlan;
  operationName?: string;
  /** As the client sent them (forwarded upstream). */
  variables: Record<string, unknown> | undefined;
  /** The variables as coerced by the schema (defaults applied): part of the group key. */
  coercedVariables: Record<string, unknown>;
  /** The root field carries @sharedAcrossViewers. */
  shared: boolean;
  principal: Principal;
  authorization?: string;
  userAgent?: string;
  requestId: string;
  logger: Logger;
}

export interface Membership {
  /** Leaves the group (ending the upstream subscription with the last subscriber). */
  leave(): void;
}

export interface SubscriptionGroups {
  join(request: GroupRequest, sink: GroupSink): Membership;
  /** Groups with an upstream subscription (tests, metrics). */
  groupCount(): number;
  /** Subscribers in groups or being admitted (tests, metrics). */
  subscriberCount(): number;
  /** Ends every subscription (shutdown). */
  close(): void;
}

export interface SubscriptionGroupsOptions {
  upstream: UpstreamSubscriptions;
  /** POSTs an `_entities` query to a subgraph, signed as the principal. */
  fetchEntities(
    graph: string,
    query: string,
    variables: Record<string, unknown>,
    as: { principal: Principal; authorization?: string; requestId: string },
  ): ReturnType<EntityFetcher>;
  development: boolean;
  logger: Logger;
  /**
   * Members written to per turn of the event loop. Writing to a socket costs
   * a system call, so a batch for thousands of members takes tens of
   * milliseconds; between chunks the gateway serves the requests and events
   * that arrived meanwhile instead of holding them for the whole fan-out.
   */
  deliveryChunk: number;
}

const ANONYMOUS: Principal = { kind: 'anonymous', clientIp: '' };

/** JSON with object keys sorted, so equal values give equal keys. */
function stableJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(stableJson).join(',')}]`;
  if (value && typeof value === 'object' && !(value instanceof Date)) {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, item]) => item !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([key, item]) => `${JSON.stringify(key)}:${stableJson(item)}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

function groupKeyOf(request: GroupRequest): string {
  const view = request.shared
    ? 'shared'
    : stableJson({ principal: request.principal, authorization: request.authorization ?? null, userAgent: request.userAgent ?? null });
  return createHash('sha256')
    .update(stableJson([request.subgraph, request.plan.ownerQuery, request.operationName ?? null, request.coercedVariables, view]))
    .digest('base64url');
}

function unavailable(): FormattedExecutionResult {
  return { errors: [{ message: 'The subscription source is unavailable; subscribe again later', extensions: { code: ErrorCode.ServiceUnavailable } }] };
}

/** The owner's GraphQL errors when it refused the operation (an `error` message), else undefined. */
function refusalOf(error: unknown): GraphQLFormattedError[] | undefined {
  return Array.isArray(error) && error.every((item) => typeof item === 'object' && item !== null && 'message' in item)
    ? (error as GraphQLFormattedError[])
    : undefined;
}

function reasonOf(error: unknown): string {
  if (error instanceof Error) return error.message;
  const closed = error as { code?: number; reason?: string } | undefined;
  return closed?.code !== undefined ? `closed ${closed.code} ${closed.reason ?? ''}`.trim() : String(error);
}

interface Member {
  id: string;
  request: GroupRequest;
  sink: GroupSink;
  /** The member subscription (shared fields only). */
  stopMember?: () => void;
  group?: Group;
  /** In the group's delivery set. */
  live: boolean;
  /** Own events that arrived before the group was live. */
  early: GroupEvent[];
  ended: boolean;
}

interface Group {
  key: string;
  request: GroupRequest;
  members: Map<string, Member>;
  /** Admitted, waiting for the group's subscription to listen. */
  waiting: Member[];
  live: boolean;
  stop: () => void;
  /** Events are completed one after another, so they reach subscribers in order. */
  queue: Promise<void>;
  /** Completed events waiting for the next delivery, with the members each one skips. */
  pending: { event: GroupEvent; skip: Set<string> | undefined }[];
  deliveryScheduled: boolean;
  /**
   * Set while a batch is being written, chunk by chunk: writes the rest of it
   * at once. The next batch waits for it, so every member gets events in order.
   */
  finishDelivery?: () => void;
}

export function createSubscriptionGroups(options: SubscriptionGroupsOptions): SubscriptionGroups {
  const { upstream } = options;
  const groups = new Map<string, Group>();
  const instance = randomUUID();
  let sequence = 0;
  let subscribers = 0;

  /** Completes, masks and serialises one result of an owner (once, whoever receives it). */
  const prepare = async (request: GroupRequest, raw: FormattedExecutionResult, as: Principal): Promise<GroupEvent> => {
    let result: FormattedExecutionResult = raw;
    if (raw.extensions) {
      const { [EXCEPT_MEMBERS_EXTENSION]: _except, [SUBSCRIBED_EXTENSION]: _subscribed, ...rest } = raw.extensions;
      result = { ...raw };
      if (Object.keys(rest).length > 0) result.extensions = rest;
      else delete result.extensions;
    }
    if (request.plan.fetches.length > 0 && result.data) {
      result = (await completeEvent(request.plan, result as Parameters<typeof completeEvent>[1], request.variables, (graph, query, variables) =>
        options.fetchEntities(graph, query, variables, {
          principal: as,
          authorization: request.shared ? undefined : request.authorization,
          requestId: request.requestId,
        }),
      )) as FormattedExecutionResult;
    }
    if (result.errors?.length) {
      reportUnexpectedErrors(result.errors, request.logger);
      result = { ...result, errors: result.errors.map((error) => maskWithRequestId(error, options.development, request.requestId)) };
    }
    return { result, json: JSON.stringify(result) };
  };

  /** Ends a subscriber: the last event and complete() go to its sink unless it left by itself. */
  const end = (member: Member, last?: GroupEvent, notify = true): void => {
    if (member.ended) return;
    member.ended = true;
    subscribers -= 1;
    member.stopMember?.();
    const group = member.group;
    if (group) {
      group.members.delete(member.id);
      group.waiting = group.waiting.filter((waiting) => waiting !== member);
      if (group.members.size === 0 && group.waiting.length === 0) {
        if (groups.get(group.key) === group) groups.delete(group.key);
        group.stop();
      }
    }
    if (!notify) return;
    if (last) member.sink.next(new EventBatch([last]));
    member.sink.complete();
  };

  /** The group's subscription is over: no one joins it any more, and each subscriber ends (with the last event, if any). */
  const closeGroup = (group: Group, last?: GroupEvent): void => {
    if (groups.get(group.key) === group) groups.delete(group.key);
    // What was completed before the end still goes out, before the last event:
    // the rest of a batch being written, then what is pending, each at once.
    group.finishDelivery?.();
    deliver(group, true);
    for (const member of [...group.members.values(), ...group.waiting]) {
      member.group = undefined;
      end(member, last);
    }
    group.members.clear();
    group.waiting = [];
  };

  const goLive = (member: Member): void => {
    member.live = true;
    if (member.early.length > 0) member.sink.next(new EventBatch(member.early.splice(0)));
  };

  /**
   * Hands the group's pending events to every member as one batch, a chunk
   * of members per event-loop turn (`atOnce`: all in this turn). A member
   * that an event skips (it is for others only) gets its own batch without it.
   */
  const deliver = (group: Group, atOnce = false): void => {
    group.deliveryScheduled = false;
    const pending = group.pending;
    if (pending.length === 0) return;
    group.pending = [];
    const batch = new EventBatch(pending.map((item) => item.event));
    const skipping = pending.some((item) => item.skip !== undefined);
    // Those who are members now; one who joins meanwhile starts with the next batch.
    const members = [...group.members.values()];
    let next = 0;
    const writeUpTo = (end: number): void => {
      for (; next < end; next += 1) {
        const member = members[next]!;
        // A member may have left, or been dropped as a slow socket, since the batch began.
        if (group.members.get(member.id) !== member) continue;
        if (skipping && pending.some((item) => item.skip?.has(member.id))) {
          const own = pending.filter((item) => !item.skip?.has(member.id)).map((item) => item.event);
          if (own.length > 0) member.sink.next(new EventBatch(own));
        } else {
          member.sink.next(batch);
        }
      }
    };
    const finish = (): void => {
      writeUpTo(members.length);
      group.finishDelivery = undefined;
      if (group.pending.length > 0 && !group.deliveryScheduled) {
        group.deliveryScheduled = true;
        setImmediate(deliver, group);
      }
    };
    const writeChunk = (): void => {
      // Finished meanwhile (the group closed and wrote the rest at once).
      if (group.finishDelivery !== finish) return;
      writeUpTo(Math.min(members.length, next + options.deliveryChunk));
      if (next < members.length) setImmediate(writeChunk);
      else finish();
    };
    group.finishDelivery = finish;
    if (atOnce) finish();
    else writeChunk();
  };

  const schedule = (group: Group, event: GroupEvent, skip: Set<string> | undefined): void => {
    group.pending.push({ event, skip });
    if (group.deliveryScheduled || group.finishDelivery) return;
    group.deliveryScheduled = true;
    setImmediate(deliver, group);
  };

  const startGroup = (key: string, first: Member): Group => {
    const request = first.request;
    const group: Group = {
      key,
      request,
      members: new Map(),
      waiting: [],
      live: false,
      stop: () => undefined,
      queue: Promise.resolve(),
      pending: [],
      deliveryScheduled: false,
    };
    groups.set(key, group);
    // A shared group has no principal of its own: it runs as its first admitted member.
    const entityPrincipal = request.shared ? ANONYMOUS : request.principal;
    group.stop = upstream.subscribe(
      {
        subgraph: request.subgraph,
        query: request.plan.ownerQuery,
        variables: request.variables,
        operationName: request.operationName,
        principal: request.principal,
        requestId: `${request.requestId}:group`,
        authorization: request.authorization,
        userAgent: request.userAgent,
        ...(request.shared ? { role: 'group' as const } : {}),
      },
      {
        next: (raw) => {
          if (raw.extensions?.[SUBSCRIBED_EXTENSION] === true) {
            group.live = true;
            for (const member of group.waiting.splice(0)) {
              group.members.set(member.id, member);
              goLive(member);
            }
            return;
          }
          const except = raw.extensions?.[EXCEPT_MEMBERS_EXTENSION];
          const skip = Array.isArray(except) ? new Set(except.filter((item): item is string => typeof item === 'string')) : undefined;
          group.queue = group.queue
            .then(async () => schedule(group, await prepare(request, raw, entityPrincipal), skip))
            .catch((error: unknown) => options.logger.error({ err: error }, 'subscription event not delivered'));
        },
        error: (error) => {
          if (groups.get(group.key) === group) groups.delete(group.key);
          const refused = refusalOf(error);
          if (!refused) request.logger.warn({ subgraph: request.subgraph, reason: reasonOf(error) }, 'subscription source failed');
          group.queue = group.queue.then(async () => closeGroup(group, await prepare(request, refused ? { errors: refused } : unavailable(), entityPrincipal)));
        },
        complete: () => {
          if (groups.get(group.key) === group) groups.delete(group.key);
          group.queue = group.queue.then(() => closeGroup(group));
        },
      },
    );
    // An ordinary subscription has no acknowledgement: it listens as soon as the owner has it.
    if (!request.shared) group.live = true;
    return group;
  };

  /** Puts an admitted subscriber into its group (starting the group's subscription if it is the first). */
  const enter = (member: Member): void => {
    const key = groupKeyOf(member.request);
    const group = groups.get(key) ?? startGroup(key, member);
    member.group = group;
    if (group.live) {
      group.members.set(member.id, member);
      goLive(member);
    } else {
      group.waiting.push(member);
    }
  };

  return {
    join: (request, sink) => {
      subscribers += 1;
      const member: Member = { id: `${instance}:${(sequence += 1)}`, request, sink, live: false, early: [], ended: false };
      if (!request.shared) {
        enter(member);
        return { leave: () => end(member, undefined, false) };
      }
      let admitted = false;
      let queue = Promise.resolve();
      member.stopMember = upstream.subscribe(
        {
          subgraph: request.subgraph,
          query: request.plan.ownerQuery,
          variables: request.variables,
          operationName: request.operationName,
          principal: request.principal,
          requestId: request.requestId,
          authorization: request.authorization,
          userAgent: request.userAgent,
          role: 'member',
          member: member.id,
        },
        {
          next: (raw) => {
            if (member.ended) return;
            if (raw.extensions?.[SUBSCRIBED_EXTENSION] === true) {
              if (!admitted) {
                admitted = true;
                enter(member);
              }
              return;
            }
            // A result before the acknowledgement is the subscribe resolver's refusal (it then completes).
            if (!admitted) {
              member.stopMember = undefined;
              queue = queue.then(async () => end(member, await prepare(request, raw, request.principal)));
              return;
            }
            // What is for this subscriber alone, completed as the subscriber.
            queue = queue
              .then(async () => {
                const event = await prepare(request, raw, request.principal);
                if (member.ended) return;
                if (member.live) member.sink.next(new EventBatch([event]));
                else member.early.push(event);
              })
              .catch((error: unknown) => options.logger.error({ err: error }, 'subscription event not delivered'));
          },
          error: (error) => {
            const refused = refusalOf(error);
            if (!refused) request.logger.warn({ subgraph: request.subgraph, reason: reasonOf(error) }, 'member subscription source failed');
            queue = queue.then(async () => end(member, await prepare(request, refused ? { errors: refused } : unavailable(), request.principal)));
          },
          complete: () => {
            queue = queue.then(() => end(member));
          },
        },
      );
      return { leave: () => end(member, undefined, false) };
    },
    groupCount: () => groups.size,
    subscriberCount: () => subscribers,
    close: () => {
      for (const group of [...groups.values()]) {
        closeGroup(group);
        group.stop();
      }
    },
  };
}
