import type { EntityManager } from '@mikro-orm/postgresql';
import { domainError, ErrorCode } from '../../../common/errors';
import type { Context } from '../context';
import { initialStreamState, StreamState } from '../entities/stream-state';
import type { StreamDetailsInput } from '../generated/resolvers-types';
import { countViewers, endBroadcastIfOnline, startBroadcastIfOffline } from '../queries';
import type { BasicResult } from './config-setters';
import { asString, readConfig } from './config-store';
import { VERSION_NUMBER } from './instance-config';
import { assertAllowed } from './permissions';
import { publishStreamStatus } from './status-events';
import { recordStreamDetails, streamDetailsOf } from './stream-details';
import { notifyWebhooks } from './webhooks';

/**
 * Live stream state (O2, O6, O7) in the one row of streaming.stream_state, so
 * every replica agrees. The ingest server (nginx-rtmp on_publish, on_update,
 * on_publish_done) drives it; each change is one conditional UPDATE, so two
 * concurrent publishes cannot both win. Every change is announced to
 * Subscription.streamStatus subscribers, and starts and stops to webhooks.
 */
export async function readStreamState(em: EntityManager): Promise<StreamState> {
  // Read fresh: a subscription's context outlives the changes it announces.
  return (await em.findOne(StreamState, { id: 1 }, { disableIdentityMap: true })) ?? initialStreamState();
}

export type StreamStatus = Awaited<ReturnType<typeof readStreamStatus>>;

/** The public status (O2), read by the status events too. */
export async function readStreamStatus(em: EntityManager) {
  const state = await readStreamState(em);
  const config = await readConfig(em, ['streamTitle']);
  return {
    online: state.online,
    viewerCount: await countViewers(em),
    overallMaxViewerCount: Math.max(state.overallMaxViewerCount, state.sessionMaxViewerCount),
    sessionMaxViewerCount: state.sessionMaxViewerCount,
    lastConnectTime: state.lastConnectTime,
    lastDisconnectTime: state.lastDisconnectTime,
    streamTitle: asString(config.get('streamTitle')),
  };
}

/** Query.streamStatus: public. */
export function streamStatus(context: Context): Promise<StreamStatus> {
  return readStreamStatus(context.em);
}

/** O6: the admin's view, with the broadcaster and what the ingest server reported. */
export async function adminStreamStatus(context: Context) {
  await assertAllowed(context, 'server:monitor');
  const state = await readStreamState(context.em);
  return {
    broadcaster:
      state.online && state.connectedAt
        ? { remoteAddr: state.remoteAddr ?? '', time: state.connectedAt, streamDetails: streamDetailsOf(state.streamDetails, state.encoder ?? null) }
        : null,
    online: state.online,
    viewerCount: await countViewers(context.em),
    overallPeakViewerCount: Math.max(state.overallMaxViewerCount, state.sessionMaxViewerCount),
    sessionPeakViewerCount: state.sessionMaxViewerCount,
    versionNumber: VERSION_NUMBER,
  };
}

/** The broadcast stopped: status subscribers and STREAM_STOPPED webhooks hear it. */
async function broadcastStopped(context: Context): Promise<void> {
  await publishStreamStatus(context.em, context);
  await notifyWebhooks(context.em, context, 'STREAM_STOPPED', { timestamp: new Date().toISOString() });
}

/** on_publish: a broadcaster with the stream key starts the stream; a second one is refused. */
export async function startBroadcast(context: Context, streamKey: string, remoteAddr: string | null, encoder: string | null) {
  await assertAllowed(context, 'stream:broadcast', streamKey);
  if (!(await startBroadcastIfOffline(context.em, remoteAddr ?? '', encoder))) throw domainError(ErrorCode.Conflict, 'a broadcaster is already streaming');
  const status = await readStreamStatus(context.em);
  await publishStreamStatus(context.em, context);
  await notifyWebhooks(context.em, context, 'STREAM_STARTED', { streamTitle: status.streamTitle, timestamp: new Date().toISOString() });
  return status;
}

/** on_update: the ingest server reports what it knows of the live stream (width, codecs, bitrates, ...). */
export async function updateBroadcast(context: Context, streamKey: string, details: StreamDetailsInput) {
  await assertAllowed(context, 'stream:broadcast', streamKey);
  await recordStreamDetails(context.em, details);
  return readStreamStatus(context.em);
}

/**
 * on_publish_done: the broadcast ended (nothing changes when it already had).
 * Only the call that ended it tells anyone: a repeated or concurrent
 * on_publish_done does not.
 */
export async function finishBroadcast(context: Context, streamKey: string) {
  await assertAllowed(context, 'stream:broadcast', streamKey);
  const ended = await endBroadcastIfOnline(context.em);
  const status = await readStreamStatus(context.em);
  if (ended) await broadcastStopped(context);
  return status;
}

/** O7: the admin ends the broadcast. */
export async function disconnectBroadcaster(context: Context): Promise<BasicResult> {
  await assertAllowed(context, 'stream:disconnect');
  if (!(await endBroadcastIfOnline(context.em))) throw domainError(ErrorCode.BadUserInput, 'no broadcaster is connected');
  await broadcastStopped(context);
  return { success: true, message: 'broadcaster disconnected' };
}
