import { domainError, ErrorCode } from '../../../common/errors';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
export const isUuid = (value: string) => UUID.test(value);

/** Length in characters (code points), as PostgreSQL's char_length counts them. */
export const charLength = (value: string) => [...value].length;

export function textBetween(value: string, field: string, min: number, max: number): string {
  const length = charLength(value.trim());
  if (length < min || length > max) {
    throw domainError(ErrorCode.BadUserInput, `${field} must be ${min}–${max} characters long (got ${length})`, { field });
  }
  return value.trim();
}

export const ticketTitle = (value: string) => textBetween(value, 'title', 3, 120);
export const messageBody = (value: string) => textBetween(value, 'message', 5, 2000);

export function hexColor(value: string): string {
  if (!/^#[0-9A-Fa-f]{6}$/.test(value)) {
    throw domainError(ErrorCode.BadUserInput, 'color must be a hex colour #RRGGBB, e.g. #1A2B3C', { field: 'color' });
  }
  return value.toUpperCase();
}
