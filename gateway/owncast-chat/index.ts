import type { Server } from 'node:http';
import type { Config } from '../../common/config';
import type { Logger } from '../../common/logger';
import { streamingGuestChat } from './guests';
import { gatewayChatRelay } from './relay';
import type { SubscriptionServer } from '../subscriptions';
import { attachOwncastChatSocket, type OwncastChatSettings, type OwncastChatSocket } from './socket-server';

export type { OwncastChatSettings, OwncastChatSocket } from './socket-server';

/** Owncast 0.0.7's chat clients connect here. */
export const OWNCAST_CHAT_PATH = '/entry';

export interface OwncastChatOptions {
  server: Server;
  /** The gateway's shared fan-out, which the relay joins. */
  subscriptions: Pick<SubscriptionServer, 'join'>;
  streamingUrl: string;
  principalSecret: string;
  principalTtlSeconds: number;
  timeoutMs: number;
  limits: Config['subscriptions'];
  trustProxy: boolean | string;
  settings?: Partial<OwncastChatSettings>;
  logger: Logger;
}

/** The /entry socket on the gateway's HTTP server, relaying the streaming subgraph's chat. */
export function attachOwncastChat(options: OwncastChatOptions): OwncastChatSocket {
  const logger = options.logger.child({ component: 'owncast-chat' });
  const call = {
    url: options.streamingUrl,
    service: 'gateway' as const,
    principalSecret: options.principalSecret,
    principalTtlSeconds: options.principalTtlSeconds,
    timeoutMs: options.timeoutMs,
  };
  return attachOwncastChatSocket({
    server: options.server,
    path: OWNCAST_CHAT_PATH,
    source: gatewayChatRelay({ join: (operation, caller, sink, scope) => options.subscriptions.join(operation, caller, sink, scope), logger }),
    guests: streamingGuestChat(call),
    limits: options.limits,
    trustProxy: options.trustProxy,
    readyTimeoutMs: options.timeoutMs,
    settings: options.settings,
    logger,
  });
}
