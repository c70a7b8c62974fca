import { randomBytes } from 'node:crypto';
import { domainError, ErrorCode } from '../../../common/errors';

export const MAX_NAME_CHARACTERS = 30;

/** Names are shown as text: trimmed, bounded, never empty. */
export function checkName(raw: string, field: string): string {
  const name = raw.trim();
  if (name === '') throw domainError(ErrorCode.BadUserInput, `${field} must not be empty`, { field });
  if ([...name].length > MAX_NAME_CHARACTERS) {
    throw domainError(ErrorCode.BadUserInput, `${field} is longer than ${MAX_NAME_CHARACTERS} characters`, { field });
  }
  return name;
}

/** The trimmed name when it keeps the name rules, else null (a name the gateway passes on as the socket sent it). */
export function nameIfValid(name: string | null | undefined): string | null {
  if (!name) return null;
  try {
    return checkName(name, 'name');
  } catch {
    return null;
  }
}

/** An anonymous client without a name gets one. */
export function guestName(): string {
  return `guest-${randomBytes(3).toString('hex')}`;
}
