import { requestField, requestPart } from '../../request-values';
import { defineRoute, type RestRoute } from '../../route-table';
import { graphql } from '../generated';
import type { ConfigKey } from '../generated/graphql';
import { basicResultReply, CONFIG_VALUE_BODY, withoutNulls } from './shared';

/** O15–O34: POST /api/admin/config/<path> {"value": ...} → setConfigValue(key). */
const SETTERS: { id: string; path: string; key: ConfigKey; summary: string }[] = [
  { id: 'O15', path: 'key', key: 'STREAM_KEY', summary: 'Set the stream key (also the admin password, from the next request on)' },
  { id: 'O16', path: 'pagecontent', key: 'PAGE_CONTENT', summary: 'Set the custom page content' },
  { id: 'O17', path: 'streamtitle', key: 'STREAM_TITLE', summary: 'Set the stream title' },
  { id: 'O18', path: 'name', key: 'NAME', summary: 'Set the server name' },
  { id: 'O19', path: 'serversummary', key: 'SERVER_SUMMARY', summary: 'Set the server summary' },
  { id: 'O20', path: 'logo', key: 'LOGO', summary: 'Set the server logo' },
  { id: 'O21', path: 'tags', key: 'TAGS', summary: 'Set the server tags (list of strings)' },
  { id: 'O22', path: 'ffmpegpath', key: 'FFMPEG_PATH', summary: 'Set the ffmpeg binary path' },
  { id: 'O23', path: 'webserverport', key: 'WEB_SERVER_PORT', summary: 'Set the web server port (1-65535)' },
  { id: 'O24', path: 'rtmpserverport', key: 'RTMP_SERVER_PORT', summary: 'Set the inbound RTMP port (1-65535)' },
  { id: 'O25', path: 'nsfw', key: 'NSFW', summary: 'Mark the stream not safe for work' },
  { id: 'O26', path: 'directoryenabled', key: 'DIRECTORY_ENABLED', summary: 'Enable the Owncast directory' },
  { id: 'O27', path: 'serverurl', key: 'SERVER_URL', summary: 'Set the public URL of this server' },
  { id: 'O28', path: 'video/streamlatencylevel', key: 'STREAM_LATENCY_LEVEL', summary: 'Set the latency level (0-4)' },
  { id: 'O29', path: 'video/streamoutputvariants', key: 'STREAM_OUTPUT_VARIANTS', summary: 'Set the stream output variants' },
  { id: 'O30', path: 'video/codec', key: 'VIDEO_CODEC', summary: 'Set the video codec' },
  { id: 'O31', path: 's3', key: 'S3', summary: 'Set the S3 storage configuration' },
  { id: 'O32', path: 'socialhandles', key: 'SOCIAL_HANDLES', summary: 'Set the social handles' },
  // The seed lists no security for customstyles; it changes the page, so it is admin like the rest.
  { id: 'O33', path: 'customstyles', key: 'CUSTOM_STYLES', summary: 'Set the custom CSS styles' },
];

const SET_CONFIG_VALUE = graphql(`
  mutation SetConfigValue($key: ConfigKey!, $value: JSON) {
    setConfigValue(key: $key, value: $value) {
      ...OwncastBasicResult
    }
  }
`);

export const configRoutes: RestRoute[] = [
  ...SETTERS.map(({ id, path, key, summary }) =>
    defineRoute({
      id,
      method: 'POST',
      url: `/api/admin/config/${path}`,
      summary,
      credentials: ['basicAdmin'],
      schema: { body: CONFIG_VALUE_BODY },
      operation: SET_CONFIG_VALUE,
      variables: ({ body }) => ({ key, value: requestField(body, 'value') }),
      respond: (data) => basicResultReply(data.setConfigValue),
    }),
  ),
  defineRoute({
    id: 'O35',
    method: 'POST',
    url: '/api/admin/config/externalactions',
    summary: 'Set the external actions (the body is the list itself)',
    credentials: ['basicAdmin'],
    schema: { body: { type: 'array', items: { type: 'object' } } },
    operation: SET_CONFIG_VALUE,
    variables: ({ body }) => ({ key: 'EXTERNAL_ACTIONS', value: requestPart(body) }),
    respond: (data) => basicResultReply(data.setConfigValue),
  }),
  defineRoute({
    id: 'O38',
    method: 'POST',
    url: '/api/integrations/streamtitle',
    summary: 'Set the stream title (access token with HAS_ADMIN_ACCESS)',
    credentials: ['accessToken'],
    schema: { body: CONFIG_VALUE_BODY },
    operation: graphql(`mutation SetStreamTitle($value: JSON) { setStreamTitle(value: $value) { ...OwncastBasicResult } }`),
    variables: ({ body }) => ({ value: requestField(body, 'value') }),
    respond: (data) => basicResultReply(data.setStreamTitle),
  }),
  defineRoute({
    id: 'O12',
    method: 'GET',
    url: '/api/admin/serverconfig',
    summary: 'Server configuration; streamKey is the key the caller authenticated with (nothing stored is shown; never the S3 secret)',
    credentials: ['basicAdmin'],
    operation: graphql(`
      query ServerConfig {
        serverConfig {
          streamKey
          instanceDetails {
            name
            summary
            logo
            ...OwncastInstanceDetails
          }
          streamTitle
          ffmpegPath
          webServerPort
          rtmpServerPort
          videoCodec
          supportedCodecs
          s3 {
            enabled
            endpoint
            servingEndpoint
            accessKey
            secretSet
            bucket
            region
            acl
          }
          videoSettings {
            latencyLevel
            videoQualityVariants {
              videoPassthrough
              audioPassthrough
              videoBitrate
              audioBitrate
              scaledWidth
              scaledHeight
              framerate
              cpuUsageLevel
            }
          }
          yp {
            enabled
            instanceUrl
          }
        }
      }
    `),
    respond: ({ serverConfig }) => {
      const { secretSet: _secretSet, ...s3 } = serverConfig.s3;
      return {
        body: {
          ...serverConfig,
          // 0.0.7's admin reads the external actions at the top level of the server config.
          externalActions: serverConfig.instanceDetails.externalActions,
          s3: withoutNulls(s3),
          videoSettings: {
            ...serverConfig.videoSettings,
            videoQualityVariants: serverConfig.videoSettings.videoQualityVariants.map(withoutNulls),
          },
        },
      };
    },
  }),
];
