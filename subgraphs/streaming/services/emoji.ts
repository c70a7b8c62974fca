import { domainError, ErrorCode } from '../../../common/errors';
import type { Context } from '../context';
import { Emoji as EmojiEntity } from '../entities/emoji';
import { upsertEmoji } from '../queries';
import { assertAllowed } from './permissions';

/**
 * O5: custom chat emoji. Owncast serves the image files an admin drops into
 * its emoji folder; here each is a row (name, url) of streaming.emoji, added
 * or replaced by the admin with addEmoji and removed with removeEmoji. The
 * images themselves are hosted elsewhere (a relative path of the web server or
 * an http(s) URL).
 */
export interface Emoji {
  name: string;
  url: string;
}

const NAME = /^[A-Za-z0-9_-]{1,64}$/;
const MAX_URL_LENGTH = 2048;
const MAX_EMOJI = 1000;

function checkUrl(url: string): void {
  const invalid = domainError(ErrorCode.BadUserInput, 'url must be a path starting with "/" or an http(s) URL, at most 2048 characters');
  if (url.length === 0 || url.length > MAX_URL_LENGTH || /[\s<>"'\\]/.test(url)) throw invalid;
  if (url.startsWith('/') && !url.startsWith('//')) return;
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw invalid;
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') throw invalid;
}

/** Every emoji, by name (at most 1000). */
export async function listEmoji(context: Context): Promise<Emoji[]> {
  const found = await context.em.find(EmojiEntity, {}, { orderBy: { name: 'asc' }, limit: MAX_EMOJI, disableIdentityMap: true });
  return found.map(({ name, url }) => ({ name, url }));
}

/** Adds an emoji or replaces the URL of the one with this name. */
export async function addEmoji(context: Context, name: string, url: string): Promise<Emoji> {
  await assertAllowed(context, 'emoji:manage');
  if (!NAME.test(name)) throw domainError(ErrorCode.BadUserInput, 'name must be 1-64 letters, digits, "_" or "-"');
  checkUrl(url);
  return upsertEmoji(context.em, name, url);
}

/** NOT_FOUND for an unknown name. */
export async function removeEmoji(context: Context, name: string): Promise<{ success: boolean; message: string }> {
  await assertAllowed(context, 'emoji:manage');
  if ((await context.em.nativeDelete(EmojiEntity, { name })) === 0) throw domainError(ErrorCode.NotFound, 'No emoji with this name');
  return { success: true, message: `emoji ${name} removed` };
}
