import type { EntityManager } from '@mikro-orm/postgresql';
import { domainError, ErrorCode } from '../../../common/errors';
import { StreamState } from '../entities/stream-state';
import type { StreamDetailsInput } from '../generated/resolvers-types';
import type { BasicResult } from './config-setters';
import { asString, readConfig } from './config-store';
import { isStreamKey } from './credentials';
import { VERSION_NUMBER } from './instance-config';
import { recordStreamDetails, streamDetailsOf } from './stream-details';

/**
 * Live stream state (O2, O6, O7) in the one row of streaming.stream_state, so
 * every replica agrees. The ingest server (nginx-rtmp on_publish, on_update,
 * on_publish_done) drives it; each change is one conditional UPDATE, so two
 * concurrent publishes cannot both win.
 */
export async function readStreamState(em: EntityManager): Promise<StreamState> {
  return (await em.findOne(StreamState, { id: 1 })) ?? new StreamState();
}

/** A chat client whose replica has not refreshed it for this long is gone (the replica stopped). */
export const CLIENT_EXPIRY_SECONDS = 45;
/** The chat_clients rows that are live. */
export const LIVE_CLIENT = `last_seen_at > now() - interval '${CLIENT_EXPIRY_SECONDS} seconds'`;
/**
 * The viewer count is derived, never kept: the live chat_clients rows of every
 * replica (rows of a replica that stopped expire by themselves).
 */
export const VIEWER_COUNT_SQL = `(select count(*)::int from streaming.chat_clients where ${LIVE_CLIENT})`;

export async function countViewers(em: EntityManager): Promise<number> {
  const [row] = await em.getConnection().execute<{ n: number }[]>(`select ${VIEWER_COUNT_SQL} as n`);
  return Number(row?.n ?? 0);
}

/** A viewer joined: the session peak follows the (derived) count. Peaks only grow, so concurrent calls cannot lower one. */
export async function recordViewerPeak(em: EntityManager): Promise<void> {
  await em.getConnection().execute(
    `update streaming.stream_state set session_max_viewer_count = greatest(session_max_viewer_count, ${VIEWER_COUNT_SQL})
     where id = 1 returning id`,
  );
}

async function requireStreamKey(em: EntityManager, streamKey: string): Promise<void> {
  if (!(await isStreamKey(em, streamKey))) throw domainError(ErrorCode.Forbidden, 'stream key refused');
}

/** on_publish: a broadcaster with the stream key starts the stream; a second one is refused. */
export async function startBroadcast(em: EntityManager, streamKey: string, remoteAddr: string | null, encoder: string | null) {
  await requireStreamKey(em, streamKey);
  const rows = await em.getConnection().execute<{ id: number }[]>(
    `update streaming.stream_state set online = true, remote_addr = ?, encoder = ?, stream_details = '{}'::jsonb, connected_at = now(),
       last_connect_time = now(), last_disconnect_time = null, session_max_viewer_count = ${VIEWER_COUNT_SQL}
     where id = 1 and not online returning id`,
    [remoteAddr ?? '', encoder],
  );
  if (rows.length === 0) throw domainError(ErrorCode.Conflict, 'a broadcaster is already streaming');
  return readStreamStatus(em);
}

/** on_update: the ingest server reports what it knows of the live stream (width, codecs, bitrates, ...). */
export async function updateBroadcast(em: EntityManager, streamKey: string, details: StreamDetailsInput) {
  await requireStreamKey(em, streamKey);
  await recordStreamDetails(em, details);
  return readStreamStatus(em);
}

/** True when a broadcast was live and has now ended. */
async function endBroadcast(em: EntityManager): Promise<boolean> {
  const rows = await em.getConnection().execute<{ id: number }[]>(
    `update streaming.stream_state set online = false, last_disconnect_time = now(),
       overall_max_viewer_count = greatest(overall_max_viewer_count, session_max_viewer_count)
     where id = 1 and online returning id`,
  );
  return rows.length > 0;
}

/**
 * on_publish_done: the broadcast ended (nothing changes when it already had).
 * `ended` is true only for the call that ended it, so STREAM_STOPPED is sent once.
 */
export async function finishBroadcast(em: EntityManager, streamKey: string) {
  await requireStreamKey(em, streamKey);
  const ended = await endBroadcast(em);
  return { ended, status: await readStreamStatus(em) };
}

/** O7: the admin ends the broadcast. */
export async function disconnectBroadcaster(em: EntityManager): Promise<BasicResult> {
  if (!(await endBroadcast(em))) throw domainError(ErrorCode.BadUserInput, 'no broadcaster is connected');
  return { success: true, message: 'broadcaster disconnected' };
}

export type StreamStatus = Awaited<ReturnType<typeof readStreamStatus>>;

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

export async function readAdminStreamStatus(em: EntityManager) {
  const state = await readStreamState(em);
  return {
    broadcaster:
      state.online && state.connectedAt
        ? { remoteAddr: state.remoteAddr ?? '', time: state.connectedAt, streamDetails: streamDetailsOf(state.streamDetails, state.encoder) }
        : null,
    online: state.online,
    viewerCount: await countViewers(em),
    overallPeakViewerCount: Math.max(state.overallMaxViewerCount, state.sessionMaxViewerCount),
    sessionPeakViewerCount: state.sessionMaxViewerCount,
    versionNumber: VERSION_NUMBER,
  };
}
