import { domainError, ErrorCode } from '../../../common/errors';
import type { Context } from '../context';
import { countViewers } from '../queries';
import { VIDEO_CODECS, type BasicResult } from './config-setters';
import { asArray, asInteger, asRecord, asString, readConfig, writeConfig } from './config-store';
import { readInstanceDetails } from './instance-config';
import { assertAllowed } from './permissions';
import { readStreamState } from './stream-state';

const SERVER_KEYS = [
  'streamTitle',
  'ffmpegPath',
  'webServerPort',
  'rtmpServerPort',
  'videoCodec',
  's3',
  'streamOutputVariants',
  'streamLatencyLevel',
  'directoryEnabled',
  'serverUrl',
];

/** The path the REST layer serves the logo image at (O-logo, GET /logo); 0.0.7's directory entry names it. */
const LOGO_ROUTE = '/logo';

const optionalText = (value: unknown): string | null => (typeof value === 'string' ? value : null);
const optionalInt = (value: unknown): number | null => (Number.isInteger(value) ? (value as number) : null);

/**
 * O12: the whole server configuration. Owncast 0.0.7's admin shows the stream
 * key; only its hash is stored, so the key shown is `callerStreamKey`, the one
 * the admin just authenticated with. The S3 secret is never shown.
 */
export async function readServerConfig(context: Context) {
  const callerStreamKey = await assertAllowed(context, 'server:readConfig');
  const { em } = context;
  const instanceDetails = await readInstanceDetails(em);
  const value = await readConfig(em, SERVER_KEYS);
  const s3 = asRecord(value.get('s3'));
  return {
    streamKey: callerStreamKey,
    instanceDetails,
    streamTitle: asString(value.get('streamTitle')),
    ffmpegPath: asString(value.get('ffmpegPath')),
    webServerPort: asInteger(value.get('webServerPort'), 8080),
    rtmpServerPort: asInteger(value.get('rtmpServerPort'), 1935),
    videoCodec: asString(value.get('videoCodec'), 'libx264'),
    supportedCodecs: [...VIDEO_CODECS],
    s3: {
      enabled: s3.enabled === true,
      endpoint: optionalText(s3.endpoint),
      servingEndpoint: optionalText(s3.servingEndpoint),
      accessKey: optionalText(s3.accessKey),
      secretSet: typeof s3.secret === 'string' && s3.secret !== '',
      bucket: optionalText(s3.bucket),
      region: optionalText(s3.region),
      acl: optionalText(s3.acl),
    },
    videoSettings: {
      videoQualityVariants: asArray<Record<string, unknown>>(value.get('streamOutputVariants')).map((variant) => ({
        videoPassthrough: variant.videoPassthrough === true,
        audioPassthrough: variant.audioPassthrough === true,
        videoBitrate: optionalInt(variant.videoBitrate),
        audioBitrate: optionalInt(variant.audioBitrate),
        scaledWidth: optionalInt(variant.scaledWidth),
        scaledHeight: optionalInt(variant.scaledHeight),
        framerate: optionalInt(variant.framerate),
        cpuUsageLevel: optionalInt(variant.cpuUsageLevel),
      })),
      latencyLevel: asInteger(value.get('streamLatencyLevel'), 2),
    },
    yp: { enabled: value.get('directoryEnabled') === true, instanceUrl: asString(value.get('serverUrl')) },
  };
}

/** O4: this server's directory entry; NOT_FOUND unless the directory is enabled. */
export async function readDirectoryListing({ em }: Context) {
  const config = await readConfig(em, ['directoryEnabled']);
  if (config.get('directoryEnabled') !== true) throw domainError(ErrorCode.NotFound, 'the directory is not enabled');
  const details = await readInstanceDetails(em);
  const state = await readStreamState(em);
  return {
    name: details.name,
    description: details.summary,
    streamTitle: details.streamTitle === '' ? null : details.streamTitle,
    // 0.0.7 answers its own logo route, whatever file is stored: directories fetch the image from there.
    logo: LOGO_ROUTE,
    nsfw: details.nsfw,
    tags: details.tags,
    online: state.online,
    viewerCount: await countViewers(em),
    overallMaxViewerCount: Math.max(state.overallMaxViewerCount, state.sessionMaxViewerCount),
    sessionMaxViewerCount: state.sessionMaxViewerCount,
    social: details.socialHandles,
    lastConnectTime: state.lastConnectTime,
  };
}

/** O8: forget the directory registration key; the next registration gets a new one. */
export async function resetDirectoryRegistration(context: Context): Promise<BasicResult> {
  await assertAllowed(context, 'server:configure');
  await writeConfig(context.em, 'ypRegistrationKey', '');
  return { success: true, message: 'directory registration key reset' };
}
