import { randomBytes } from 'node:crypto';
import { chmod, mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';

/**
 * Secrets `npm start` needs when the operator sets none. They are generated
 * once and kept beside the embedded database (git-ignored, mode 0600), so
 * host tokens, forwarded principals and encrypted outbound secrets stay valid
 * across restarts. Environment variables always win.
 */
const NAMES = ['PRINCIPAL_SECRET', 'HOST_TOKEN_SECRET', 'OUTBOUND_SECRET_KEY'] as const;
export type LocalSecrets = Record<(typeof NAMES)[number], string>;

export async function loadLocalSecrets(file: string): Promise<LocalSecrets> {
  let stored: Partial<LocalSecrets> = {};
  try {
    stored = JSON.parse(await readFile(file, 'utf8')) as Partial<LocalSecrets>;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw new Error(`${file} is unreadable; fix or remove it`);
  }
  const secrets = Object.fromEntries(NAMES.map((name) => [name, stored[name] || randomBytes(48).toString('base64url')])) as LocalSecrets;
  if (NAMES.some((name) => stored[name] !== secrets[name])) {
    await mkdir(path.dirname(file), { recursive: true });
    await writeFile(file, `${JSON.stringify(secrets, null, 2)}\n`, { mode: 0o600 });
    await chmod(file, 0o600);
  }
  return secrets;
}
