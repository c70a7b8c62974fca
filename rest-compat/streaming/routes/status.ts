import { defineRoute, type RestRoute } from '../../route-table';
import { BASIC_RESULT_FIELDS, withoutNulls, type BasicResultData } from './shared';

const STATUS_FIELDS = 'online viewerCount overallMaxViewerCount sessionMaxViewerCount lastConnectTime lastDisconnectTime streamTitle';

interface AdminStatusData {
  adminStreamStatus: {
    broadcaster: { remoteAddr: string; time: string; streamDetails: Record<string, unknown> } | null;
    [field: string]: unknown;
  };
}

/** nginx-rtmp's on_publish / on_publish_done body: `name` is the stream key, `addr` the client. */
const INGEST_BODY = {
  type: 'object',
  required: ['name'],
  properties: { name: { type: 'string' }, addr: { type: 'string' }, flashver: { type: 'string' } },
};

const NUMERIC_DETAILS = ['width', 'height', 'framerate', 'videoBitrate', 'audioBitrate'] as const;
const TEXT_DETAILS = ['videoCodec', 'audioCodec'] as const;

/** on_update's body: nginx-rtmp's notify fields plus whichever stream details the caller knows. */
const UPDATE_BODY = {
  type: 'object',
  required: ['name'],
  properties: {
    ...INGEST_BODY.properties,
    // A form body carries every field as text: numbers are written out in decimal.
    ...Object.fromEntries(NUMERIC_DETAILS.map((field) => [field, { anyOf: [{ type: 'number' }, { type: 'string', pattern: '^-?[0-9]+(\\.[0-9]+)?$' }] }])),
    ...Object.fromEntries(TEXT_DETAILS.map((field) => [field, { type: 'string' }])),
  },
};

/** The reported details as GraphQL's StreamDetailsInput: decimal text becomes a number, fields left out stay out. */
function detailsOf(form: Record<string, string | number | undefined>): Record<string, string | number> {
  const details: Record<string, string | number> = {};
  for (const field of NUMERIC_DETAILS) if (form[field] !== undefined) details[field] = Number(form[field]);
  for (const field of TEXT_DETAILS) if (form[field] !== undefined) details[field] = String(form[field]);
  return details;
}

export const statusRoutes: RestRoute[] = [
  defineRoute<{ streamStatus: Record<string, unknown> }>({
    id: 'O2',
    method: 'GET',
    url: '/api/status',
    summary: 'Current status: online, viewer counts, last connect and disconnect',
    credentials: [],
    operation: `query StreamStatus { streamStatus { ${STATUS_FIELDS} } }`,
    respond: (data) => ({ body: data.streamStatus }),
  }),
  defineRoute<{ directoryListing: { streamTitle: string | null } & Record<string, unknown> }>({
    id: 'O4',
    method: 'GET',
    url: '/api/yp',
    summary: 'Directory (YP) information; 404 unless the directory is enabled',
    credentials: [],
    operation: `query DirectoryListing {
      directoryListing {
        name description streamTitle logo nsfw tags online viewerCount overallMaxViewerCount sessionMaxViewerCount
        social { platform url } lastConnectTime
      }
    }`,
    // 0.0.7 leaves streamTitle out when there is none (omitempty).
    respond: ({ directoryListing: { streamTitle, ...listing } }) => ({ body: streamTitle ? { ...listing, streamTitle } : listing }),
  }),
  defineRoute<AdminStatusData>({
    id: 'O6',
    method: 'GET',
    url: '/api/admin/status',
    summary: 'Server status and broadcaster',
    credentials: ['basicAdmin'],
    operation: `query AdminStreamStatus {
      adminStreamStatus {
        broadcaster {
          remoteAddr time
          streamDetails { width height framerate frameRate videoBitrate videoCodec audioBitrate audioCodec encoder }
        }
        online viewerCount overallPeakViewerCount sessionPeakViewerCount versionNumber
      }
    }`,
    respond: ({ adminStreamStatus: { broadcaster, ...status } }) => ({
      body: {
        broadcaster: broadcaster && { ...broadcaster, streamDetails: withoutNulls(broadcaster.streamDetails) },
        ...status,
      },
    }),
  }),
  defineRoute<{ disconnectBroadcaster: BasicResultData }>({
    id: 'O7',
    method: 'POST',
    url: '/api/admin/disconnect',
    summary: 'Disconnect the broadcaster and end the broadcast (400 when none is connected)',
    credentials: ['basicAdmin'],
    operation: `mutation DisconnectBroadcaster { disconnectBroadcaster { ${BASIC_RESULT_FIELDS} } }`,
    respond: (data) => ({ body: data.disconnectBroadcaster }),
  }),
  defineRoute<{ resetDirectoryRegistration: BasicResultData }>({
    id: 'O8',
    method: 'POST',
    url: '/api/admin/yp/reset',
    summary: 'Reset the directory registration key',
    credentials: ['basicAdmin'],
    operation: `mutation ResetDirectoryRegistration { resetDirectoryRegistration { ${BASIC_RESULT_FIELDS} } }`,
    respond: (data) => ({ body: data.resetDirectoryRegistration }),
  }),
  defineRoute<{ hardwareStats: Record<string, unknown> }>({
    id: 'O37',
    method: 'GET',
    url: '/api/admin/hardwarestats',
    summary: 'CPU, memory and disk use over the last day (one sample a minute)',
    credentials: ['basicAdmin'],
    operation: `query HardwareStats {
      hardwareStats { cpu { time value } memory { time value } disk { time value } }
    }`,
    respond: (data) => ({ body: data.hardwareStats }),
  }),
  defineRoute<unknown>({
    id: 'O-ingest-publish',
    method: 'POST',
    url: '/api/ingest/on_publish',
    summary: 'Ingest hook for nginx-rtmp on_publish (form body: name = stream key, addr); 403 refuses the stream',
    credentials: [],
    schema: { body: INGEST_BODY },
    operation: `mutation IngestPublish($streamKey: String!, $remoteAddr: String, $encoder: String) {
      ingestPublish(streamKey: $streamKey, remoteAddr: $remoteAddr, encoder: $encoder) { online }
    }`,
    variables: ({ body }) => {
      const form = body as { name: string; addr?: string; flashver?: string };
      return { streamKey: form.name, remoteAddr: form.addr ?? null, encoder: form.flashver ?? null };
    },
    respond: () => ({ body: { success: true, message: 'stream started' } }),
  }),
  defineRoute<unknown>({
    id: 'O-ingest-update',
    method: 'POST',
    url: '/api/ingest/on_update',
    summary:
      'Ingest hook for nginx-rtmp on_update, or a relay of its /stat XML (form or JSON: name = stream key, and any of width, height, framerate, videoBitrate, videoCodec, audioBitrate, audioCodec; bitrates in kbps); 409 when no broadcast is live',
    credentials: [],
    schema: { body: UPDATE_BODY },
    operation: `mutation IngestUpdate($streamKey: String!, $details: StreamDetailsInput!) {
      ingestUpdate(streamKey: $streamKey, details: $details) { online }
    }`,
    variables: ({ body }) => {
      const form = body as Record<string, string | number | undefined> & { name: string };
      return { streamKey: form.name, details: detailsOf(form) };
    },
    respond: () => ({ body: { success: true, message: 'stream details updated' } }),
  }),
  defineRoute<unknown>({
    id: 'O-ingest-publish-done',
    method: 'POST',
    url: '/api/ingest/on_publish_done',
    summary: 'Ingest hook for nginx-rtmp on_publish_done (form body: name = stream key)',
    credentials: [],
    schema: { body: INGEST_BODY },
    operation: `mutation IngestPublishDone($streamKey: String!) { ingestPublishDone(streamKey: $streamKey) { online } }`,
    variables: ({ body }) => ({ streamKey: (body as { name: string }).name }),
    respond: () => ({ body: { success: true, message: 'stream ended' } }),
  }),
];
