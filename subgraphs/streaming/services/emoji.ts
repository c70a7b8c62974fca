import type { EntityManager } from '@mikro-orm/postgresql';
import { domainError, ErrorCode } from '../../../common/errors';

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
export async function listEmoji(em: EntityManager): Promise<Emoji[]> {
  return em.getConnection().execute<Emoji[]>(`select name, url from streaming.emoji order by name limit ${MAX_EMOJI}`);
}

/** Adds an emoji or replaces the URL of the one with this name. */
export async function addEmoji(em: EntityManager, name: string, url: string): Promise<Emoji> {
  if (!NAME.test(name)) throw domainError(ErrorCode.BadUserInput, 'name must be 1-64 letters, digits, "_" or "-"');
  checkUrl(url);
  const [row] = await em
    .getConnection()
    .execute<Emoji[]>(`insert into streaming.emoji (name, url) values (?, ?) on conflict (name) do update set url = excluded.url returning name, url`, [
      name,
      url,
    ]);
  return row!;
}

/** NOT_FOUND for an unknown name. */
export async function removeEmoji(em: EntityManager, name: string): Promise<{ success: boolean; message: string }> {
  const rows = await em.getConnection().execute<{ name: string }[]>(`delete from streaming.emoji where name = ? returning name`, [name]);
  if (rows.length === 0) throw domainError(ErrorCode.NotFound, 'No emoji with this name');
  return { success: true, message: `emoji ${name} removed` };
}
