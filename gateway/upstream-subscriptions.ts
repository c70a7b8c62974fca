import { createClient, type Client, type FormattedExecutionResult } from 'graphql-ws';
import WebSocket from 'ws';
import type { SubgraphName } from '../common/config';
import type { Logger } from '../common/logger';
import { PRINCIPAL_HEADER, type Principal } from '../common/principal';
import { upstreamSubscribeTrace } from '../common/subscription-trace';
import type { UpstreamSubscribeExtensions } from '../common/shared-subscriptions';
import type { SubgraphConnectionParams } from '../common/subgraph-websocket';
import type { PrincipalSigner } from './signed-principals';

/**
 * Multiplexed upstream: one graphql-ws connection per subgraph carries all
 * of this gateway replica's subscriptions to it. The connection opens with
 * the first subscription and closes a while after the last; its
 * connection_init proves it is the gateway (a service principal), and each
 * subscription carries its own signed principal in `extensions`
 * (common/shared-subscriptions.ts). A dropped connection ends every
 * subscription on it with an error (no silent resubscribe: a member's
 * subscribe has side effects such as registering a chat client); the next
 * subscription opens a new connection.
 */

export interface UpstreamRequest {
  subgraph: SubgraphName;
  query: string;
  variables?: Record<string, unknown>;
  operationName?: string;
  principal: Principal;
  requestId: string;
  authorization?: string;
  userAgent?: string;
  role?: 'group' | 'member';
  member?: string;
}

export interface UpstreamSink {
  next(result: FormattedExecutionResult): void;
  /** The subgraph refused the operation (its GraphQL errors) or the connection failed (an Error or close event). */
  error(error: unknown): void;
  complete(): void;
}

export interface UpstreamSubscriptions {
  /** Starts a subscription on the shared connection; the returned function ends it. */
  subscribe(request: UpstreamRequest, sink: UpstreamSink): () => void;
  close(): Promise<void>;
}

export interface UpstreamOptions {
  subgraphUrls: Record<SubgraphName, string>;
  /** Signs each subscription's principal (and the connection's service principal); may hand back a recent token (gateway/signed-principals.ts). */
  sign: PrincipalSigner;
  /** How long the subgraph may take to acknowledge the connection. */
  connectTimeoutMs: number;
  keepAliveMs: number;
  logger: Logger;
}

/**
 * An idle connection stays open this long after its last subscription, so
 * churn does not reconnect each time. The gateway times this itself, with an
 * unref'd timer, instead of graphql-ws's `lazyCloseTimeout`: that timer
 * survives `dispose()` and held a stopping gateway's process open for its
 * full length.
 */
const IDLE_CLOSE_MS = 10_000;

/** One subgraph's connection: a graphql-ws client that opens one socket and is dropped with it. */
interface UpstreamConnection {
  client: Client;
  subscriptions: number;
  idleTimer?: NodeJS.Timeout;
  /** This gateway is closing it (idle, or stopping). */
  closing: boolean;
  /** A close this gateway did not ask for: the connection's subscriptions end with it as their error. */
  lost?: unknown;
}

/** Disposes a client; the rejection of one whose socket closed during its handshake means nothing is left to close. */
async function disposeQuietly(client: Client): Promise<void> {
  try {
    await client.dispose();
  } catch {
    // Closed already.
  }
}

function toWebSocketUrl(httpUrl: string): string {
  const url = new URL(httpUrl);
  url.protocol = url.protocol === 'https:' ? 'wss:' : 'ws:';
  return url.toString();
}

export function createUpstreamSubscriptions(options: UpstreamOptions): UpstreamSubscriptions {
  const connections = new Map<SubgraphName, UpstreamConnection>();
  let stopped = false;
  const drop = (subgraph: SubgraphName, connection: UpstreamConnection): void => {
    clearTimeout(connection.idleTimer);
    if (connections.get(subgraph) === connection) connections.delete(subgraph);
    // Disposed so that it never reconnects by itself. dispose() rejects when the
    // socket closed during its handshake; there is nothing left to close then.
    void disposeQuietly(connection.client);
  };
  const open = (subgraph: SubgraphName): UpstreamConnection => {
    const connection: UpstreamConnection = {
      subscriptions: 0,
      closing: false,
      // Not lazy: the client connects now and never closes on its own; the
      // idle timer below and a closed socket are what end it.
      client: createClient({
        url: toWebSocketUrl(options.subgraphUrls[subgraph]),
        webSocketImpl: WebSocket,
        lazy: false,
        retryAttempts: 0,
        keepAlive: options.keepAliveMs,
        connectionAckWaitTimeout: options.connectTimeoutMs,
        // Signed when the socket opens: proves the gateway, not any caller.
        connectionParams: async (): Promise<SubgraphConnectionParams> => ({
          [PRINCIPAL_HEADER]: await options.sign({ kind: 'service', service: 'gateway', clientIp: '' }, 'gateway-upstream'),
        }),
        onNonLazyError: () => undefined,
        on: {
          error: (error) =>
            options.logger.debug({ subgraph, err: error instanceof Error ? { message: error.message } : String(error) }, 'subgraph socket error'),
          // Runs before graphql-ws ends the subscriptions on it; they end with
          // this close as their error (see subscribe), and the next
          // subscription opens a new connection.
          closed: (event) => {
            if (!connection.closing) connection.lost = event;
            drop(subgraph, connection);
          },
        },
      }),
    };
    connections.set(subgraph, connection);
    return connection;
  };
  /** Holds the subgraph's connection for one subscription; the returned function lets go of it. */
  const hold = (subgraph: SubgraphName): { client: Client; release: () => void; lost: () => unknown } => {
    const connection = connections.get(subgraph) ?? open(subgraph);
    clearTimeout(connection.idleTimer);
    connection.idleTimer = undefined;
    connection.subscriptions += 1;
    let released = false;
    return {
      client: connection.client,
      lost: () => connection.lost,
      release: () => {
        if (released) return;
        released = true;
        connection.subscriptions -= 1;
        if (connection.subscriptions > 0 || connections.get(subgraph) !== connection) return;
        connection.idleTimer = setTimeout(() => {
          connection.closing = true;
          drop(subgraph, connection);
        }, IDLE_CLOSE_MS);
        connection.idleTimer.unref();
      },
    };
  };

  return {
    subscribe: (request, sink) => {
      let ended = false;
      let unsubscribe: (() => void) | undefined;
      void options.sign(request.principal, request.requestId).then(
        (principal) => {
          if (ended) return;
          if (stopped) {
            ended = true;
            sink.error(new Error('the gateway is stopping'));
            return;
          }
          const extensions: UpstreamSubscribeExtensions = {
            principal,
            requestId: request.requestId,
            ...(request.authorization ? { authorization: request.authorization } : {}),
            ...(request.userAgent ? { userAgent: request.userAgent } : {}),
            ...(request.role ? { role: request.role } : {}),
            ...(request.member ? { member: request.member } : {}),
            ...upstreamSubscribeTrace(request.subgraph, request.operationName),
          };
          const held = hold(request.subgraph);
          const stop = held.client.subscribe<Record<string, unknown>, Record<string, unknown>>(
            {
              query: request.query,
              ...(request.variables ? { variables: request.variables } : {}),
              ...(request.operationName ? { operationName: request.operationName } : {}),
              extensions: extensions as unknown as Record<string, unknown>,
            },
            {
              next: (result) => {
                if (!ended) sink.next(result);
              },
              error: (error) => {
                held.release();
                if (ended) return;
                ended = true;
                sink.error(error);
              },
              complete: () => {
                held.release();
                if (ended) return;
                ended = true;
                // A connection lost under it ends it with an error, not as if the source had finished.
                const lost = held.lost();
                if (lost !== undefined) sink.error(lost);
                else sink.complete();
              },
            },
          );
          unsubscribe = () => {
            stop();
            held.release();
          };
        },
        (error: unknown) => {
          if (ended) return;
          ended = true;
          sink.error(error);
        },
      );
      return () => {
        if (ended) return;
        ended = true;
        unsubscribe?.();
      };
    },
    close: async () => {
      stopped = true;
      const open = [...connections.values()];
      connections.clear();
      await Promise.all(
        open.map((connection) => {
          connection.closing = true;
          clearTimeout(connection.idleTimer);
          return disposeQuietly(connection.client);
        }),
      );
    },
  };
}
