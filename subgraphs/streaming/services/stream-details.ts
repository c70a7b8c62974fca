import type { EntityManager } from '@mikro-orm/postgresql';
import { domainError, ErrorCode } from '../../../common/errors';
import type { StreamDetailsInput } from '../generated/resolvers-types';
import { mergeLiveStreamDetails } from '../queries';

/**
 * What the ingest server reports about the live stream (nginx-rtmp's on_update
 * hook, or a relay of its /stat XML; on_publish carries none of it). Each
 * report is merged into streaming.stream_state.stream_details, so a hook that
 * knows only some fields does not erase the others; a new broadcast starts
 * empty. The bounds refuse only what no encoder sends (negative values, 16K+
 * frames, terabit rates), so a real stream is never refused for its numbers.
 */
const INTEGER_BOUNDS = {
  width: 16_384,
  height: 16_384,
  videoBitrate: 1_000_000,
  audioBitrate: 10_000,
} as const;
const MAX_FRAMERATE = 1_000;
const MAX_CODEC_LENGTH = 64;

function invalid(field: string, message: string): Error {
  return domainError(ErrorCode.BadUserInput, `${field} ${message}`, { field });
}

/** The reported fields, checked; fields left out (or null) are not part of the result. */
export function checkStreamDetails(details: StreamDetailsInput): Record<string, number | string> {
  const checked: Record<string, number | string> = {};
  for (const [field, max] of Object.entries(INTEGER_BOUNDS)) {
    const value = details[field as keyof typeof INTEGER_BOUNDS];
    if (value === undefined || value === null) continue;
    if (value < 0 || value > max) throw invalid(field, `must be between 0 and ${max}`);
    checked[field] = value;
  }
  if (details.framerate !== undefined && details.framerate !== null) {
    if (!Number.isFinite(details.framerate) || details.framerate < 0 || details.framerate > MAX_FRAMERATE) {
      throw invalid('framerate', `must be between 0 and ${MAX_FRAMERATE}`);
    }
    checked.framerate = details.framerate;
  }
  for (const field of ['videoCodec', 'audioCodec'] as const) {
    const value = details[field];
    if (value === undefined || value === null) continue;
    const codec = value.trim();
    if (codec === '' || codec.length > MAX_CODEC_LENGTH || /[\0-\x1f]/.test(codec)) {
      throw invalid(field, `must be 1 to ${MAX_CODEC_LENGTH} printable characters`);
    }
    checked[field] = codec;
  }
  return checked;
}

/** Merges a report into the live broadcast's details; CONFLICT when no broadcast is live. */
export async function recordStreamDetails(em: EntityManager, details: StreamDetailsInput): Promise<void> {
  const checked = checkStreamDetails(details);
  if (!(await mergeLiveStreamDetails(em, checked))) throw domainError(ErrorCode.Conflict, 'no broadcast is live');
}

const numberOr = (value: unknown): number | null => (typeof value === 'number' && Number.isFinite(value) ? value : null);
const textOr = (value: unknown): string | null => (typeof value === 'string' ? value : null);

/** The admin status's streamDetails: Owncast 0.0.7's `framerate` and the seed's `frameRate` (rounded). */
export function streamDetailsOf(stored: Record<string, unknown>, encoder: string | null) {
  const framerate = numberOr(stored.framerate);
  return {
    width: numberOr(stored.width),
    height: numberOr(stored.height),
    framerate,
    frameRate: framerate === null ? null : Math.round(framerate),
    videoBitrate: numberOr(stored.videoBitrate),
    videoCodec: textOr(stored.videoCodec),
    audioBitrate: numberOr(stored.audioBitrate),
    audioCodec: textOr(stored.audioCodec),
    encoder,
  };
}
