import type { EntityManager } from '@mikro-orm/postgresql';
import { loggableError } from '../../../common/loggable-error';
import { MAX_EVENT_BYTES, type PubSub } from '../../../common/pubsub';
import { publish, type ChatEvents } from './chat-events';
import { readStreamStatus, type StreamStatus } from './stream-state';

export const STREAM_STATUS_TOPIC = 'stream-status';
/** Viewer-count changes within this window are announced once, with the latest status (a burst of joins is one event). */
const STATUS_COALESCE_MS = 200;

/**
 * What travels on the stream-status topic: the status itself, so subscribers
 * do not each read it; `{}` only if it were too large for the broker (a very
 * long title), and then subscribers read it.
 */
export type StreamStatusPayload = StreamStatus | { online?: undefined };

/** Reads the stream status once and publishes it to every Subscription.streamStatus subscriber. */
async function publishStreamStatusNow(em: EntityManager, notifier: ChatEvents): Promise<void> {
  let status: StreamStatusPayload;
  try {
    status = await readStreamStatus(em);
  } catch (error) {
    notifier.logger.error({ err: { message: loggableError(error).message } }, 'stream status not read for its event');
    return;
  }
  const fits = Buffer.byteLength(JSON.stringify({ topic: STREAM_STATUS_TOPIC, payload: status })) <= MAX_EVENT_BYTES;
  await publish(notifier, STREAM_STATUS_TOPIC, fits ? status : {});
}

/** Per event broker (one per process, or per in-process replica in tests): the status publication waiting to go. */
const pendingStatus = new WeakMap<PubSub, Promise<void>>();

/**
 * Announces the stream status soon: every change within STATUS_COALESCE_MS
 * is one event carrying the status read at the end of the window, so N
 * joins cost one status read and one delivery per subscriber, not N.
 * REST and GraphQL queries read the database and stay exact.
 */
export function publishStreamStatus(em: EntityManager, notifier: ChatEvents): Promise<void> {
  const pending = pendingStatus.get(notifier.events);
  if (pending) return pending;
  const later = em.fork();
  const scheduled = new Promise<void>((resolve) => {
    const timer = setTimeout(() => {
      pendingStatus.delete(notifier.events);
      void publishStreamStatusNow(later, notifier).finally(resolve);
    }, STATUS_COALESCE_MS);
    timer.unref();
  });
  pendingStatus.set(notifier.events, scheduled);
  return scheduled;
}
