import { randomUUID } from 'node:crypto';
import type { Logger } from '../../common/logger';
import type { EventBatch, GroupEvent } from '../subscription-groups';
import type { SubscriptionServer } from '../subscriptions';
import { framesOf, type RelayedChatEvent } from './protocol';

/**
 * Where the /entry sockets' chat events come from: the gateway's shared
 * fan-out (SubscriptionServer.join), the path graphql-ws subscribers take.
 * The relay is one member of the streaming subgraph's internal
 * Subscription.chatRelay group, carried on the gateway's one upstream
 * connection to that subgraph; each delivery is a batch of events that
 * the socket server frames once (`frames`) and writes to every socket.
 */
export interface ChatEventSource {
  /** Resolves once every event published from now on reaches the listeners; rejects after timeoutMs. */
  ready(timeoutMs: number): Promise<void>;
  subscribe(onEvents: (batch: EventBatch) => void): () => void;
  close(): Promise<void>;
}

const MESSAGE_FIELDS = 'id type authorName body visible timestamp';
export const CHAT_RELAY_SUBSCRIPTION = `subscription ChatRelay {
  chatRelay {
    ready
    event { id type timestamp displayName previousName visible message { ${MESSAGE_FIELDS} } messages { ${MESSAGE_FIELDS} } }
  }
}`;

const RETRY_MIN_MS = 250;
const RETRY_MAX_MS = 5000;

type ChatRelayData = { chatRelay?: { ready: boolean; event: RelayedChatEvent | null } } | null | undefined;

const relayedOf = (event: GroupEvent) => (event.result.data as ChatRelayData)?.chatRelay;

/** Owncast 0.0.7's frames of a batch of relayed events, in order (the ready marker and error results have none). */
export function owncastFramesOf(events: readonly GroupEvent[]): string[] {
  return events.flatMap((event) => {
    const relayed = relayedOf(event)?.event;
    return relayed ? framesOf(relayed) : [];
  });
}

export interface GatewayChatRelayOptions {
  join: SubscriptionServer['join'];
  logger: Logger;
}

/**
 * Joins the relay's group when it is first asked to be ready (the first
 * /entry handshake: a gateway nobody chats on through /entry holds no
 * relay) and stays in it until close. A group that ends (the subgraph
 * restarted, the gateway had no schema yet) is joined again with backoff;
 * events published meanwhile are lost (as for graphql-ws subscribers,
 * docs/ARCHITECTURE.md).
 */
export function gatewayChatRelay(options: GatewayChatRelayOptions): ChatEventSource {
  const listeners = new Set<(batch: EventBatch) => void>();
  let leave: (() => void) | undefined;
  let isReady = false;
  let waiting: (() => void)[] = [];
  let closed = false;
  let failures = 0;
  let retryTimer: NodeJS.Timeout | undefined;

  const becomeReady = () => {
    isReady = true;
    failures = 0;
    const resolve = waiting;
    waiting = [];
    for (const wake of resolve) wake();
  };

  const again = (reason: string) => {
    isReady = false;
    leave = undefined;
    if (closed) return;
    failures += 1;
    const delay = Math.min(RETRY_MAX_MS, RETRY_MIN_MS * 2 ** Math.min(failures - 1, 10));
    options.logger.warn({ reason, retryInMs: delay }, 'owncast chat relay interrupted');
    retryTimer = setTimeout(() => {
      retryTimer = undefined;
      start();
    }, delay);
    retryTimer.unref();
  };

  const start = () => {
    if (closed) return;
    const requestId = `entry-relay-${randomUUID()}`;
    let lastError: string | undefined;
    const joined = options.join(
      { query: CHAT_RELAY_SUBSCRIPTION, operationName: 'ChatRelay' },
      // The subgraph serves chatRelay to the gateway only; every /entry socket of this gateway shares it.
      { principal: { kind: 'service', service: 'gateway', clientIp: '' }, requestId, logger: options.logger },
      {
        next: (batch) => {
          for (const event of batch.events) {
            if (event.result.errors?.length) lastError = event.result.errors[0]!.message;
            else if (!isReady && relayedOf(event)?.ready) becomeReady();
          }
          for (const listener of listeners) {
            try {
              listener(batch);
            } catch (error) {
              options.logger.error({ err: error }, 'owncast chat listener failed');
            }
          }
        },
        complete: () => again(lastError ?? 'subscription completed'),
      },
      'internal',
    );
    if (Array.isArray(joined)) again(joined[0]?.message ?? 'refused');
    else leave = () => joined.leave();
  };

  return {
    ready: (timeoutMs) => {
      if (isReady) return Promise.resolve();
      if (!leave && !retryTimer) start();
      return new Promise<void>((resolve, reject) => {
        const timer = setTimeout(() => {
          waiting = waiting.filter((wake) => wake !== done);
          reject(new Error('chat relay not ready'));
        }, timeoutMs);
        const done = () => {
          clearTimeout(timer);
          resolve();
        };
        waiting.push(done);
      });
    },
    subscribe: (onEvents) => {
      listeners.add(onEvents);
      return () => listeners.delete(onEvents);
    },
    close: async () => {
      closed = true;
      clearTimeout(retryTimer);
      leave?.();
      leave = undefined;
    },
  };
}
