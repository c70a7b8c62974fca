import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';

/**
 * Signing secrets of outbound targets must be readable by the worker (it
 * signs with them), so they cannot be hashed. With a key configured
 * (OUTBOUND_SECRET_KEY) they are stored AES-256-GCM encrypted
 * (`enc:v1:<iv>:<tag>:<ciphertext>`, base64url); without one they are stored
 * as `plain:<secret>`. Either way they are never returned by the API.
 */
function keyOf(key: string): Buffer {
  return createHash('sha256').update(key).digest();
}

export function sealSecret(secret: string, key: string | undefined): string {
  if (!key) return `plain:${secret}`;
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', keyOf(key), iv);
  const data = Buffer.concat([cipher.update(secret, 'utf8'), cipher.final()]);
  return ['enc', 'v1', iv.toString('base64url'), cipher.getAuthTag().toString('base64url'), data.toString('base64url')].join(':');
}

export class SecretUnavailable extends Error {}

export function openSecret(stored: string, key: string | undefined): string {
  if (stored.startsWith('plain:')) return stored.slice('plain:'.length);
  const [scheme, version, iv, tag, data] = stored.split(':');
  if (scheme !== 'enc' || version !== 'v1' || !iv || !tag || data === undefined) throw new SecretUnavailable('unknown secret format');
  if (!key) throw new SecretUnavailable('the signing secret is encrypted but OUTBOUND_SECRET_KEY is not set');
  try {
    const decipher = createDecipheriv('aes-256-gcm', keyOf(key), Buffer.from(iv, 'base64url'));
    decipher.setAuthTag(Buffer.from(tag, 'base64url'));
    return Buffer.concat([decipher.update(Buffer.from(data, 'base64url')), decipher.final()]).toString('utf8');
  } catch {
    throw new SecretUnavailable('the signing secret cannot be decrypted with OUTBOUND_SECRET_KEY');
  }
}
