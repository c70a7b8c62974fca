import { requestField, requestFieldsOf } from '../../request-values';
import { defineRoute, type RestRoute } from '../../route-table';
import { basicResponse } from '../envelope';
import { graphql } from '../generated';
import type { StreamDetailsInput } from '../generated/graphql';
import { basicResultReply, withoutNulls } from './shared';

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
function detailsOf(form: Readonly<Record<string, unknown>>): StreamDetailsInput {
  const details: StreamDetailsInput = {};
  for (const field of NUMERIC_DETAILS) if (form[field] !== undefined) details[field] = Number(form[field]);
  for (const field of TEXT_DETAILS) if (form[field] !== undefined) details[field] = String(form[field]);
  return details;
}

export const statusRoutes: RestRoute[] = [
  defineRoute({
    id: 'O2',
    method: 'GET',
    url: '/api/status',
    summary: 'Current status: online, viewer counts, last connect and disconnect',
    credentials: [],
    operation: graphql(`
      query StreamStatus {
        streamStatus {
          online
          viewerCount
          overallMaxViewerCount
          sessionMaxViewerCount
          lastConnectTime
          lastDisconnectTime
          streamTitle
        }
      }
    `),
    respond: (data) => ({ body: data.streamStatus }),
  }),
  defineRoute({
    id: 'O4',
    method: 'GET',
    url: '/api/yp',
    summary: 'Directory (YP) information; 404 unless the directory is enabled',
    credentials: [],
    operation: graphql(`
      query DirectoryListing {
        directoryListing {
          name
          description
          streamTitle
          logo
          nsfw
          tags
          online
          viewerCount
          overallMaxViewerCount
          sessionMaxViewerCount
          social {
            platform
            url
          }
          lastConnectTime
        }
      }
    `),
    // 0.0.7 leaves streamTitle out when there is none (omitempty).
    respond: ({ directoryListing: { streamTitle, ...listing } }) => ({ body: streamTitle ? { ...listing, streamTitle } : listing }),
  }),
  defineRoute({
    id: 'O6',
    method: 'GET',
    url: '/api/admin/status',
    summary: 'Server status and broadcaster',
    credentials: ['basicAdmin'],
    operation: graphql(`
      query AdminStreamStatus {
        adminStreamStatus {
          broadcaster {
            remoteAddr
            time
            streamDetails {
              width
              height
              framerate
              frameRate
              videoBitrate
              videoCodec
              audioBitrate
              audioCodec
              encoder
            }
          }
          online
          viewerCount
          overallPeakViewerCount
          sessionPeakViewerCount
          versionNumber
        }
      }
    `),
    respond: ({ adminStreamStatus: { broadcaster, ...status } }) => ({
      body: {
        broadcaster: broadcaster && { ...broadcaster, streamDetails: withoutNulls(broadcaster.streamDetails) },
        ...status,
      },
    }),
  }),
  defineRoute({
    id: 'O7',
    method: 'POST',
    url: '/api/admin/disconnect',
    summary: 'Disconnect the broadcaster and end the broadcast (400 when none is connected)',
    credentials: ['basicAdmin'],
    operation: graphql(`mutation DisconnectBroadcaster { disconnectBroadcaster { ...OwncastBasicResult } }`),
    respond: (data) => basicResultReply(data.disconnectBroadcaster),
  }),
  defineRoute({
    id: 'O8',
    method: 'POST',
    url: '/api/admin/yp/reset',
    summary: 'Reset the directory registration key',
    credentials: ['basicAdmin'],
    operation: graphql(`mutation ResetDirectoryRegistration { resetDirectoryRegistration { ...OwncastBasicResult } }`),
    respond: (data) => basicResultReply(data.resetDirectoryRegistration),
  }),
  defineRoute({
    id: 'O37',
    method: 'GET',
    url: '/api/admin/hardwarestats',
    summary: 'CPU, memory and disk use over the last day (one sample a minute)',
    credentials: ['basicAdmin'],
    operation: graphql(`
      query HardwareStats {
        hardwareStats {
          cpu {
            time
            value
          }
          memory {
            time
            value
          }
          disk {
            time
            value
          }
        }
      }
    `),
    respond: (data) => ({ body: data.hardwareStats }),
  }),
  defineRoute({
    id: 'O-ingest-publish',
    method: 'POST',
    url: '/api/ingest/on_publish',
    summary: 'Ingest hook for nginx-rtmp on_publish (form body: name = stream key, addr); 403 refuses the stream',
    credentials: [],
    schema: { body: INGEST_BODY },
    operation: graphql(`
      mutation IngestPublish($streamKey: String!, $remoteAddr: String, $encoder: String) {
        ingestPublish(streamKey: $streamKey, remoteAddr: $remoteAddr, encoder: $encoder) {
          online
        }
      }
    `),
    variables: ({ body }) => ({
      streamKey: requestField(body, 'name'),
      remoteAddr: requestField(body, 'addr') ?? null,
      encoder: requestField(body, 'flashver') ?? null,
    }),
    respond: () => basicResponse(true, 'stream started'),
  }),
  defineRoute({
    id: 'O-ingest-update',
    method: 'POST',
    url: '/api/ingest/on_update',
    summary:
      'Ingest hook for nginx-rtmp on_update, or a relay of its /stat XML (form or JSON: name = stream key, and any of width, height, framerate, videoBitrate, videoCodec, audioBitrate, audioCodec; bitrates in kbps); 409 when no broadcast is live',
    credentials: [],
    schema: { body: UPDATE_BODY },
    operation: graphql(`
      mutation IngestUpdate($streamKey: String!, $details: StreamDetailsInput!) {
        ingestUpdate(streamKey: $streamKey, details: $details) {
          online
        }
      }
    `),
    variables: ({ body }) => ({ streamKey: requestField(body, 'name'), details: detailsOf(requestFieldsOf(body)) }),
    respond: () => basicResponse(true, 'stream details updated'),
  }),
  defineRoute({
    id: 'O-ingest-publish-done',
    method: 'POST',
    url: '/api/ingest/on_publish_done',
    summary: 'Ingest hook for nginx-rtmp on_publish_done (form body: name = stream key)',
    credentials: [],
    schema: { body: INGEST_BODY },
    operation: graphql(`mutation IngestPublishDone($streamKey: String!) { ingestPublishDone(streamKey: $streamKey) { online } }`),
    variables: ({ body }) => ({ streamKey: requestField(body, 'name') }),
    respond: () => basicResponse(true, 'stream ended'),
  }),
];
