import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

/** High-entropy secrets (session tokens, refresh tokens, API keys) are stored as SHA-256 hex. */
export function sha256(value: string): string {
  return createHash('sha256').update(value).digest('hex');
}

export function randomToken(bytes = 32): string {
  return randomBytes(bytes).toString('base64url');
}

export function constantTimeEqual(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}
