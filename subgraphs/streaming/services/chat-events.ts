import { randomBytes } from 'node:crypto';
import { loggableError } from '../../../common/loggable-error';
import type { Logger } from '../../../common/logger';
import type { DeliveryWorker } from '../../../common/outbound/worker';
import type { PubSub } from '../../../common/pubsub';
import type { ChatMessageRecord } from './chat-messages';

/**
 * Chat events travel on the `chat` topic of common/pubsub.ts, to every
 * replica. An event carries the whole message (a body is bounded, so it fits
 * the broker's payload limit), so a thousand subscribers do not mean a
 * thousand reads.
 */
export const CHAT_TOPIC = 'chat';
/**
 * One chat client's own copy of its USER_JOINED and NAME_CHANGE (the one
 * that shows its clientId): a subscriber in a shared group gets it on its
 * member subscription, without every other event passing by.
 */
export const clientTopic = (clientId: string): string => `chat-client:${clientId}`;

export type ChatMessageType = 'CHAT' | 'SYSTEM' | 'CHAT_ACTION';
export type ChatEventType = ChatMessageType | 'USER_JOINED' | 'NAME_CHANGE' | 'VISIBILITY_UPDATE';

/** What travels on the chat topic; ChatEvent's resolvers read it. */
export interface ChatEventPayload {
  id: string;
  type: ChatEventType;
  timestamp: string;
  message?: ChatMessageRecord;
  displayName?: string | null;
  previousName?: string | null;
  userId?: string | null;
  /** The client of USER_JOINED / NAME_CHANGE: shown only to that client's own subscription. */
  clientId?: string;
  messageIds?: string[];
  visible?: boolean;
  /** Set per subscription (not on the wire): the subscriber's own client id. */
  self?: string;
}

/**
 * The USER_JOINED a chatEvents subscription publishes when it connects
 * (connectClient): the only join that names a clientId. A join an /entry
 * socket announces with its USER_JOINED frame carries none.
 */
export function isConnectJoin(event: ChatEventPayload): boolean {
  return event.type === 'USER_JOINED' && event.clientId !== undefined;
}

/**
 * Where chat and status events are announced: the event broker, the logger
 * for what could not be announced, and this replica's webhook delivery
 * worker (woken when a delivery is queued). The request Context is one.
 */
export interface ChatEvents {
  events: PubSub;
  logger: Logger;
  /** This replica's webhook delivery worker, once background work has started. */
  background?: { worker?: DeliveryWorker };
}

/** A random event or message id. */
export function newId(): string {
  return randomBytes(12).toString('base64url');
}

/** Events follow committed writes; a lost event must not fail the write that happened. */
export async function publish(notifier: ChatEvents, topic: string, payload: unknown): Promise<void> {
  await notifier.events.publish(topic, payload).catch((error: Error) => {
    notifier.logger.error({ err: { message: loggableError(error).message }, topic }, 'chat event not published');
  });
}
