import type { EntityManager } from '@mikro-orm/postgresql';
import { intFrom } from '../../../common/config';
import type { Database } from '../../../common/database';
import type { Logger } from '../../../common/logger';
import type { Context } from '../context';
import { ViewerSample } from '../entities/viewer-sample';
import { deleteExpiredChatClients, insertViewerSample } from '../queries';
import type { TimestampedValue } from './hardware-stats';
import { assertAllowed } from './permissions';

/**
 * O36: the viewer count (the live streaming.chat_clients rows of every replica)
 * sampled every VIEWER_SAMPLE_INTERVAL_MS (default a minute) into
 * streaming.viewer_samples. Every replica samples; a sample's key is the start
 * of its interval, so the first replica to write it wins (`on conflict do
 * nothing`) and there is one sample per interval. Samples older than a day are
 * pruned, and so are expired chat client rows.
 */
export const DEFAULT_VIEWER_SAMPLE_INTERVAL_MS = 60_000;
const WINDOW_MS = 24 * 3_600_000;
/** Even a short interval answers at most this many (the newest). */
const MAX_RETURNED = 5000;

export function viewerSampleIntervalMs(env: NodeJS.ProcessEnv): number {
  return intFrom(env, 'VIEWER_SAMPLE_INTERVAL_MS', DEFAULT_VIEWER_SAMPLE_INTERVAL_MS, 10, 3_600_000);
}

/** Writes the sample of the current interval unless another replica has; prunes old ones. */
export async function sampleViewers(em: EntityManager, intervalMs: number): Promise<void> {
  await insertViewerSample(em, intervalMs);
  await em.nativeDelete(ViewerSample, { bucket: { $lt: new Date(Date.now() - WINDOW_MS) } });
  // Rows of chat clients whose replica stopped no longer count; they are removed here even when no replica has clients.
  await deleteExpiredChatClients(em);
}

export interface ViewerSampler {
  stop(): Promise<void>;
}

/** Samples on every tick of this replica until stopped; a failed tick is logged and the next one tries again. */
export function startViewerSampler(orm: Database, env: NodeJS.ProcessEnv, logger: Logger): ViewerSampler {
  const intervalMs = viewerSampleIntervalMs(env);
  let running: Promise<void> | undefined;
  let stopped = false;
  const tick = (): void => {
    if (running || stopped) return;
    running = sampleViewers(orm.em.fork(), intervalMs)
      .catch((error: unknown) => {
        if (!stopped) logger.warn({ err: { message: (error as Error).message } }, 'viewer count sample failed');
      })
      .finally(() => {
        running = undefined;
      });
  };
  const timer = setInterval(tick, intervalMs);
  timer.unref();
  tick();
  return {
    stop: async () => {
      stopped = true;
      clearInterval(timer);
      await running;
    },
  };
}

/** The samples of the last day, oldest first. */
export async function readViewersOverTime(context: Context): Promise<TimestampedValue[]> {
  await assertAllowed(context, 'server:monitor');
  const newest = await context.em.find(
    ViewerSample,
    { bucket: { $gte: new Date(Date.now() - WINDOW_MS) } },
    { orderBy: { bucket: 'desc' }, limit: MAX_RETURNED, disableIdentityMap: true },
  );
  return newest.reverse().map((sample) => ({ time: sample.bucket, value: sample.viewerCount }));
}
