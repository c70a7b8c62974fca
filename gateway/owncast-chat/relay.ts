import { randomUUID } from 'node:crypto';
import { createClient, type Client } from 'graphql-ws';
import WebSocket from 'ws';
import type { Logger } from '../../common/logger';
import { PRINCIPAL_HEADER, signPrincipal } from '../../common/principal';
import type { UpstreamSubscribeExtensions } from '../../common/shared-subscriptions';
import type { SubgraphConnectionParams } from '../../common/subgraph-websocket';
import type { RelayedChatEvent } from './protocol';

/**
 * Where the /entry sockets' chat events come from. One source per gateway:
 * every event arrives once and is handed to every listener. Small on
 * purpose, so that the gateway's shared subscription fan-out can stand in
 * for the implementation below.
 */
export interface ChatEventSource {
  /** Resolves once every event published from now on reaches the listeners; rejects after timeoutMs. */
  ready(timeoutMs: number): Promise<void>;
  subscribe(onEvent: (event: RelayedChatEvent) => void): () => void;
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

export interface SubgraphChatRelayOptions {
  /** The streaming subgraph's /graphql (http URL; its WebSocket side serves subscriptions). */
  streamingUrl: string;
  principalSecret: string;
  principalTtlSeconds: number;
  logger: Logger;
}

/**
 * The streaming subgraph's internal Subscription.chatRelay over one
 * graphql-ws connection, signed as the gateway service, opened when it is
 * first asked to be ready (the first /entry handshake: a gateway nobody
 * chats on through /entry holds no relay) and kept until close. A dropped connection or
 * subscription is opened again with backoff; events published meanwhile
 * are lost (as for graphql-ws subscribers, docs/ARCHITECTURE.md).
 */
export function subgraphChatRelay(options: SubgraphChatRelayOptions): ChatEventSource {
  const listeners = new Set<(event: RelayedChatEvent) => void>();
  const url = new URL(options.streamingUrl);
  url.protocol = url.protocol === 'https:' ? 'wss:' : 'ws:';
  let client: Client | undefined;
  let unsubscribe: (() => void) | undefined;
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

  const signedGateway = (requestId: string) =>
    signPrincipal({ kind: 'service', service: 'gateway', clientIp: '' }, options.principalSecret, options.principalTtlSeconds, requestId);

  const start = () => {
    if (closed) return;
    client ??= createClient({
      url: url.toString(),
      webSocketImpl: WebSocket,
      lazy: true,
      retryAttempts: 0,
      // Signed at each (re)connect: never an old principal. The subscribe carries its own (below).
      connectionParams: async (): Promise<SubgraphConnectionParams> => ({ [PRINCIPAL_HEADER]: await signedGateway(`entry-relay-${randomUUID()}`) }),
      on: { closed: () => (isReady = false) },
    });
    const again = (reason: string) => {
      isReady = false;
      unsubscribe = undefined;
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
    const subscribing = client;
    // The subgraph socket verifies a principal per operation (one connection carries many callers).
    const requestId = `entry-relay-${randomUUID()}`;
    void signedGateway(requestId).then((principal) => {
      if (closed) return;
      const extensions: UpstreamSubscribeExtensions = { principal, requestId };
      unsubscribe = subscribing.subscribe<{ chatRelay: { ready: boolean; event: RelayedChatEvent | null } }>(
      { query: CHAT_RELAY_SUBSCRIPTION, extensions: extensions as unknown as Record<string, unknown> },
      {
        next: (result) => {
          const relayed = result.data?.chatRelay;
          if (!relayed) return;
          if (relayed.ready) return becomeReady();
          if (!relayed.event) return;
          for (const listener of listeners) {
            try {
              listener(relayed.event);
            } catch (error) {
              options.logger.error({ err: error }, 'owncast chat listener failed');
            }
          }
        },
        error: (error) => again(error instanceof Error ? error.message : Array.isArray(error) ? String(error[0]?.message) : 'connection closed'),
        complete: () => again('subscription completed'),
      },
    );
    }, (error: unknown) => again(error instanceof Error ? error.message : 'could not sign the relay principal'));
  };

  return {
    ready: (timeoutMs) => {
      if (isReady) return Promise.resolve();
      if (!unsubscribe && !retryTimer) start();
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
    subscribe: (onEvent) => {
      listeners.add(onEvent);
      return () => listeners.delete(onEvent);
    },
    close: async () => {
      closed = true;
      clearTimeout(retryTimer);
      unsubscribe?.();
      await client?.dispose();
    },
  };
}
