import { defineEntity, p, type InferEntity } from '@mikro-orm/postgresql';

/**
 * The one row of live stream state (streaming.stream_state), shared by every
 * replica. The viewer count is not here: it is derived from the live
 * streaming.chat_clients rows (queries.ts countViewers).
 */
export const StreamState = defineEntity({
  name: 'StreamState',
  tableName: 'stream_state',
  properties: {
    id: p.smallint().primary(),
    online: p.boolean(),
    remoteAddr: p.text().nullable(),
    encoder: p.text().nullable(),
    /** What the ingest hooks reported about the live stream (services/stream-details.ts). */
    streamDetails: p.json<Record<string, unknown>>(),
    connectedAt: p.datetime().nullable(),
    lastConnectTime: p.datetime().nullable(),
    lastDisconnectTime: p.datetime().nullable(),
    sessionMaxViewerCount: p.integer(),
    overallMaxViewerCount: p.integer(),
  },
});
export type StreamState = InferEntity<typeof StreamState>;

/** What the state is before the row is read (a new installation's defaults). */
export function initialStreamState(): StreamState {
  return {
    id: 1,
    online: false,
    remoteAddr: null,
    encoder: null,
    streamDetails: {},
    connectedAt: null,
    lastConnectTime: null,
    lastDisconnectTime: null,
    sessionMaxViewerCount: 0,
    overallMaxViewerCount: 0,
  } as StreamState;
}
