import { createHash, randomBytes } from 'node:crypto';

export { constantTimeEqual } from '../../../common/constant-time';

/** High-entropy secrets (session tokens, refresh tokens, API keys) are stored as SHA-256 hex. */
export function sha256(value: string): string {
  return createHash('sha256').update(value).digest('hex');
}

export function randomToken(bytes = 32): string {
  return randomBytes(bytes).toString('base64url');
}
