import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * Signatures of outbound deliveries. The receiver recomputes
 * HMAC-SHA256(secret, `${timestamp}.${body}`) over the raw body and compares
 * it with the signature header; the timestamp (Unix seconds) is signed too, so
 * a captured delivery cannot be replayed later with a fresh timestamp.
 */
export const SIGNATURE_HEADER = 'x-playroom-signature';
export const TIMESTAMP_HEADER = 'x-playroom-timestamp';
export const EVENT_HEADER = 'x-playroom-event';
export const DELIVERY_HEADER = 'x-playroom-delivery';

export function signDelivery(secret: string, timestamp: number, body: string): string {
  return `sha256=${createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex')}`;
}

/** For receivers (and tests): checks a signature and that the timestamp is recent. */
export function verifyDelivery(secret: string, timestamp: string, body: string, signature: string, toleranceSeconds = 300, now = Date.now()): boolean {
  const seconds = Number(timestamp);
  if (!Number.isInteger(seconds) || Math.abs(now / 1000 - seconds) > toleranceSeconds) return false;
  const expected = Buffer.from(signDelivery(secret, seconds, body));
  const given = Buffer.from(signature);
  return expected.length === given.length && timingSafeEqual(expected, given);
}
