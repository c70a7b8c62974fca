import { EntitySchema } from '@mikro-orm/postgresql';

/**
 * The one row of live stream state (streaming.stream_state), shared by every
 * replica. The viewer count is not here: it is derived from the live
 * streaming.chat_clients rows (services/stream-state.ts countViewers).
 */
export class StreamState {
  id = 1;
  online = false;
  remoteAddr: string | null = null;
  encoder: string | null = null;
  /** What the ingest hooks reported about the live stream (services/stream-details.ts). */
  streamDetails: Record<string, unknown> = {};
  connectedAt: Date | null = null;
  lastConnectTime: Date | null = null;
  lastDisconnectTime: Date | null = null;
  sessionMaxViewerCount = 0;
  overallMaxViewerCount = 0;
}

export const StreamStateSchema = new EntitySchema<StreamState>({
  class: StreamState,
  tableName: 'stream_state',
  properties: {
    id: { type: 'smallint', primary: true },
    online: { type: 'boolean' },
    remoteAddr: { type: 'text', nullable: true },
    encoder: { type: 'text', nullable: true },
    streamDetails: { type: 'json' },
    connectedAt: { type: 'Date', nullable: true },
    lastConnectTime: { type: 'Date', nullable: true },
    lastDisconnectTime: { type: 'Date', nullable: true },
    sessionMaxViewerCount: { type: 'integer' },
    overallMaxViewerCount: { type: 'integer' },
  },
});
