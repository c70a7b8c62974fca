import type { EntityManager } from '@mikro-orm/postgresql';
import { domainError, ErrorCode } from '../../../common/errors';
import { hashSecret } from '../../../common/passwords';
import type { Context } from '../context';
import type { ConfigKey } from '../generated/resolvers-types';
import { STREAM_KEY_HASH } from './bootstrap-stream-key';
import { asRecord, readConfig, writeConfig } from './config-store';
import { forgetVerifiedStreamKeys } from './credentials';
import { assertAllowed } from './permissions';
import { publishStreamStatus } from './status-events';
import { notifyWebhooks } from './webhooks';

/**
 * Every Owncast setter (O15–O35) in one table: which stored key it writes, how
 * its `value` is checked and what it answers. A value that does not fit is
 * BAD_USER_INPUT with a message, which REST answers as 400 BasicResponse.
 */
class InvalidValue extends Error {}

const fail = (message: string): never => {
  throw new InvalidValue(message);
};

export const VIDEO_CODECS = ['libx264', 'h264_nvenc', 'h264_vaapi', 'h264_qsv', 'h264_omx', 'h264_v4l2m2m', 'libvpx'] as const;
export const LATENCY_LEVELS = { min: 0, max: 4 };

function isObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

function text(value: unknown, what: string, options: { max: number; allowEmpty?: boolean }): string {
  if (typeof value !== 'string') return fail(`${what} must be a string`);
  if (!options.allowEmpty && value.trim() === '') return fail(`${what} must not be empty`);
  if (value.length > options.max) return fail(`${what} must be at most ${options.max} characters`);
  return value;
}

function bool(value: unknown, what: string): boolean {
  if (typeof value !== 'boolean') return fail(`${what} must be true or false`);
  return value;
}

function integer(value: unknown, what: string, min: number, max: number): number {
  if (typeof value !== 'number' || !Number.isInteger(value)) return fail(`${what} must be an integer`);
  if (value < min || value > max) return fail(`${what} must be between ${min} and ${max}`);
  return value;
}

function optionalInteger(value: unknown, what: string, min: number, max: number): number | undefined {
  return value === undefined || value === null ? undefined : integer(value, what, min, max);
}

function url(value: unknown, what: string, options: { allowEmpty?: boolean } = {}): string {
  const candidate = text(value, what, { max: 2048, allowEmpty: options.allowEmpty });
  if (candidate === '' && options.allowEmpty) return candidate;
  let parsed: URL;
  try {
    parsed = new URL(candidate);
  } catch {
    return fail(`${what} must be a valid URL`);
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') fail(`${what} must be an http or https URL`);
  return candidate;
}

function list(value: unknown, what: string, max: number): unknown[] {
  if (!Array.isArray(value)) return fail(`${what} must be a list`);
  if (value.length > max) return fail(`${what} may have at most ${max} entries`);
  return value;
}

function entry(value: unknown, what: string): Record<string, unknown> {
  if (!isObject(value)) return fail(`${what} must be an object`);
  return value;
}

function optionalText(value: unknown, what: string, max: number): string | undefined {
  return value === undefined || value === null ? undefined : text(value, what, { max, allowEmpty: true });
}

/**
 * One output variant, read as Owncast 0.0.7 reads it: every number is a Go
 * int whose zero (or absence) means "Owncast's default": 0 videoBitrate is
 * 1200 kbps, 0 audioBitrate passes the audio through, 0 scaledWidth /
 * scaledHeight does not scale, 0 framerate is 24 fps, 0 cpuUsageLevel the
 * default preset. So only what its transcoder could not use is refused: a
 * non-integer (its JSON decoder refuses those too), a negative number, or one
 * past what any encoder takes.
 */
const VARIANT_LIMITS = {
  videoBitrate: { what: 'videoBitrate (kbps)', max: 1_000_000 },
  audioBitrate: { what: 'audioBitrate (kbps)', max: 10_000 },
  scaledWidth: { what: 'scaledWidth', max: 16_384 },
  scaledHeight: { what: 'scaledHeight', max: 16_384 },
  framerate: { what: 'framerate', max: 1_000 },
  cpuUsageLevel: { what: 'cpuUsageLevel', max: 5 },
} as const;

function variant(value: unknown, index: number): Record<string, unknown> {
  const what = `variant ${index + 1}`;
  const raw = entry(value, what);
  const result: Record<string, unknown> = {
    videoPassthrough: raw.videoPassthrough === undefined ? false : bool(raw.videoPassthrough, `${what} videoPassthrough`),
    audioPassthrough: raw.audioPassthrough === undefined ? true : bool(raw.audioPassthrough, `${what} audioPassthrough`),
  };
  for (const [field, limit] of Object.entries(VARIANT_LIMITS)) {
    result[field] = optionalInteger(raw[field], `${what} ${limit.what}`, 0, limit.max);
  }
  return Object.fromEntries(Object.entries(result).filter(([, field]) => field !== undefined));
}

function externalAction(value: unknown, index: number): Record<string, unknown> {
  const what = `external action ${index + 1}`;
  const raw = entry(value, what);
  const action: Record<string, unknown> = {
    url: url(raw.url, `${what} url`),
    title: text(raw.title, `${what} title`, { max: 100 }),
    description: optionalText(raw.description, `${what} description`, 1000),
    icon: raw.icon === undefined || raw.icon === null || raw.icon === '' ? undefined : url(raw.icon, `${what} icon`),
    color: optionalText(raw.color, `${what} color`, 64),
    openExternally: raw.openExternally === undefined || raw.openExternally === null ? false : bool(raw.openExternally, `${what} openExternally`),
  };
  return Object.fromEntries(Object.entries(action).filter(([, field]) => field !== undefined));
}

async function s3Config(value: unknown, em: EntityManager): Promise<Record<string, unknown>> {
  const raw = entry(value, 's3');
  const enabled = bool(raw.enabled, 's3 enabled');
  const previous = asRecord((await readConfig(em, ['s3'])).get('s3'));
  // A secret left out keeps the stored one: O12 never shows it, so a client can round-trip the rest.
  const secretGiven = raw.secret !== undefined && raw.secret !== null && raw.secret !== '';
  const config: Record<string, unknown> = {
    enabled,
    endpoint: raw.endpoint === undefined || raw.endpoint === '' ? undefined : url(raw.endpoint, 's3 endpoint'),
    servingEndpoint: raw.servingEndpoint === undefined || raw.servingEndpoint === '' ? undefined : url(raw.servingEndpoint, 's3 servingEndpoint'),
    accessKey: optionalText(raw.accessKey, 's3 accessKey', 256),
    secret: secretGiven ? text(raw.secret, 's3 secret', { max: 256 }) : typeof previous.secret === 'string' ? previous.secret : undefined,
    bucket: optionalText(raw.bucket, 's3 bucket', 256),
    region: optionalText(raw.region, 's3 region', 128),
    acl: optionalText(raw.acl, 's3 acl', 64),
  };
  if (enabled) {
    for (const required of ['endpoint', 'accessKey', 'secret', 'region', 'bucket']) {
      if (typeof config[required] !== 'string' || config[required] === '') fail(`s3 ${required} is required when s3 is enabled`);
    }
  }
  return Object.fromEntries(Object.entries(config).filter(([, field]) => field !== undefined));
}

interface Setter {
  /** The key in streaming.config. */
  stored: string;
  /** What the success message calls it. */
  label: string;
  /** Checks the value and returns what is stored. */
  parse(value: unknown, em: EntityManager): unknown;
  afterWrite?(): void;
}

const SETTERS: Record<ConfigKey, Setter> = {
  STREAM_KEY: {
    stored: STREAM_KEY_HASH,
    label: 'stream key',
    parse: (value) => {
      const key = text(value, 'stream key', { max: 256 });
      if (/\s/.test(key)) fail('stream key must not contain whitespace');
      return hashSecret(key);
    },
    afterWrite: forgetVerifiedStreamKeys,
  },
  PAGE_CONTENT: { stored: 'extraPageContent', label: 'page content', parse: (value) => text(value, 'page content', { max: 100_000, allowEmpty: true }) },
  STREAM_TITLE: { stored: 'streamTitle', label: 'stream title', parse: (value) => text(value, 'stream title', { max: 100, allowEmpty: true }) },
  NAME: { stored: 'name', label: 'server name', parse: (value) => text(value, 'server name', { max: 100 }) },
  SERVER_SUMMARY: { stored: 'summary', label: 'server summary', parse: (value) => text(value, 'server summary', { max: 5_000, allowEmpty: true }) },
  LOGO: { stored: 'logo', label: 'logo', parse: (value) => text(value, 'logo', { max: 1_000 }) },
  TAGS: {
    stored: 'tags',
    label: 'tags',
    parse: (value) => list(value, 'tags', 50).map((tag, index) => text(tag, `tag ${index + 1}`, { max: 64 })),
  },
  FFMPEG_PATH: {
    stored: 'ffmpegPath',
    label: 'ffmpeg path',
    parse: (value) => {
      const path = text(value, 'ffmpeg path', { max: 1_000 });
      if (!/^(\/|[A-Za-z]:[\\/])/.test(path) || /[\0\r\n]/.test(path)) fail('ffmpeg path must be an absolute file path');
      return path;
    },
  },
  WEB_SERVER_PORT: { stored: 'webServerPort', label: 'web server port', parse: (value) => integer(value, 'web server port', 1, 65_535) },
  RTMP_SERVER_PORT: { stored: 'rtmpServerPort', label: 'rtmp server port', parse: (value) => integer(value, 'rtmp server port', 1, 65_535) },
  NSFW: { stored: 'nsfw', label: 'nsfw', parse: (value) => bool(value, 'nsfw') },
  DIRECTORY_ENABLED: { stored: 'directoryEnabled', label: 'directory enabled', parse: (value) => bool(value, 'directory enabled') },
  SERVER_URL: { stored: 'serverUrl', label: 'server url', parse: (value) => url(value, 'server url', { allowEmpty: true }) },
  STREAM_LATENCY_LEVEL: {
    stored: 'streamLatencyLevel',
    label: 'stream latency level',
    parse: (value) => integer(value, 'stream latency level', LATENCY_LEVELS.min, LATENCY_LEVELS.max),
  },
  STREAM_OUTPUT_VARIANTS: {
    stored: 'streamOutputVariants',
    label: 'stream output variants',
    parse: (value) => {
      const variants = list(value, 'stream output variants', 10);
      if (variants.length === 0) fail('stream output variants must have at least one variant');
      return variants.map(variant);
    },
  },
  VIDEO_CODEC: {
    stored: 'videoCodec',
    label: 'video codec',
    parse: (value) => {
      const codec = text(value, 'video codec', { max: 64 });
      if (!(VIDEO_CODECS as readonly string[]).includes(codec)) fail(`video codec must be one of ${VIDEO_CODECS.join(', ')}`);
      return codec;
    },
  },
  S3: { stored: 's3', label: 's3 configuration', parse: s3Config },
  SOCIAL_HANDLES: {
    stored: 'socialHandles',
    label: 'social handles',
    parse: (value) =>
      list(value, 'social handles', 50).map((handle, index) => {
        const raw = entry(handle, `social handle ${index + 1}`);
        text(raw.platform, `social handle ${index + 1} platform`, { max: 100 });
        url(raw.url, `social handle ${index + 1} url`);
        return raw; // stored exactly as sent
      }),
  },
  CUSTOM_STYLES: { stored: 'customStyles', label: 'custom styles', parse: (value) => text(value, 'custom styles', { max: 100_000, allowEmpty: true }) },
  EXTERNAL_ACTIONS: {
    stored: 'externalActions',
    label: 'external actions',
    parse: (value) => list(value, 'external actions', 50).map(externalAction),
  },
};

export interface BasicResult {
  success: boolean;
  message: string;
}

/** Checks and stores one configuration value. */
async function storeConfigValue(em: EntityManager, key: ConfigKey, value: unknown): Promise<BasicResult> {
  const setter = SETTERS[key];
  let stored: unknown;
  try {
    stored = await setter.parse(value, em);
  } catch (error) {
    if (error instanceof InvalidValue) throw domainError(ErrorCode.BadUserInput, error.message, { field: 'value' });
    throw error;
  }
  await writeConfig(em, setter.stored, stored);
  setter.afterWrite?.();
  return { success: true, message: `${setter.label} changed` };
}

/** The title is part of the stream status, and webhooks hear STREAM_TITLE_UPDATED. */
async function titleChanged(context: Context, value: unknown): Promise<void> {
  await publishStreamStatus(context.em, context);
  await notifyWebhooks(context.em, context, 'STREAM_TITLE_UPDATED', { streamTitle: value, timestamp: new Date().toISOString() });
}

/** O15–O35: the admin changes one configuration value. */
export async function setConfigValue(context: Context, key: ConfigKey, value: unknown): Promise<BasicResult> {
  await assertAllowed(context, 'server:configure');
  const result = await storeConfigValue(context.em, key, value);
  if (key === 'STREAM_TITLE') await titleChanged(context, value);
  return result;
}

/** The stream title, which a token with HAS_ADMIN_ACCESS may also set. */
export async function setStreamTitle(context: Context, value: unknown): Promise<BasicResult> {
  await assertAllowed(context, 'stream:setTitle');
  const result = await storeConfigValue(context.em, 'STREAM_TITLE', value);
  await titleChanged(context, value);
  return result;
}
