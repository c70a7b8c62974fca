import { readFile, realpath, stat } from 'node:fs/promises';
import path from 'node:path';
import type { Context } from '../context';
import { asString, readConfig } from './config-store';

/**
 * GET /logo: the file the admin configured (a path under the web root, as in
 * Owncast 0.0.7), or the default logo shipped in the web root when that file
 * cannot be served (none set, missing, outside the web root, too large, or of
 * a type we cannot name).
 */
export const DEFAULT_LOGO = 'logo.svg';
/** Logos are small; a larger file is not sent (the default is). */
export const MAX_LOGO_BYTES = 2 * 1024 * 1024;

const CONTENT_TYPES: Record<string, string> = {
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.svg': 'image/svg+xml',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
};

export interface LogoImage {
  contentType: string;
  /** base64 */
  data: string;
}

/** The file under `webroot` that `configured` names, or null when it names nothing servable. */
async function readImage(webroot: string, configured: string): Promise<LogoImage | null> {
  const contentType = CONTENT_TYPES[path.extname(configured).toLowerCase()];
  if (!contentType) return null;
  try {
    // The stored path is relative to the web root whether or not it starts with a slash ("/img/logo.png").
    // Both sides are resolved through symbolic links, so neither "../" nor a link leads outside the web root.
    const root = await realpath(webroot);
    const file = await realpath(path.resolve(root, `./${configured.replace(/\\/g, '/')}`));
    if (!file.startsWith(root + path.sep)) return null;
    const info = await stat(file);
    if (!info.isFile() || info.size > MAX_LOGO_BYTES) return null;
    return { contentType, data: (await readFile(file)).toString('base64') };
  } catch {
    return null;
  }
}

export async function readLogo(context: Context): Promise<LogoImage> {
  const { webroot } = context.settings;
  const configured = asString((await readConfig(context.em, ['logo'])).get('logo'));
  const image = (configured && (await readImage(webroot, configured))) || (await readImage(webroot, DEFAULT_LOGO));
  if (!image) throw new Error(`the default logo ${DEFAULT_LOGO} is missing from ${webroot}`);
  return image;
}
