import { timingSafeEqual } from 'node:crypto';

/** Compares two secrets without leaking, through timing, where they differ. */
export function constantTimeEqual(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}
