import { domainError, ErrorCode } from '../../../common/errors';
import { sealSecret } from '../../../common/outbound/secret-box';
import { checkTargetUrlInput } from '../../../common/outbound/url-policy';
import type { AdminSettings } from '../settings';

/** Checks of the input of outbound targets and webhooks: ids, names, URLs and secrets. */
export const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
export function checkId(id: string, what: string): string {
  if (!UUID.test(id)) throw domainError(ErrorCode.NotFound, `No such ${what}`);
  return id;
}

export function checkName(name: string): string {
  const trimmed = name.trim();
  if (trimmed.length < 1 || trimmed.length > 100) throw domainError(ErrorCode.BadUserInput, 'name must be 1 to 100 characters', { field: 'name' });
  return trimmed;
}

export function checkUrl(url: string, settings: AdminSettings): string {
  return checkTargetUrlInput(url, settings.outbound.allowPrivate);
}

export function checkSecret(secret: string | null | undefined, settings: AdminSettings): string | null {
  if (secret === null || secret === undefined || secret === '') return null;
  if (secret.length < 8 || secret.length > 500) throw domainError(ErrorCode.BadUserInput, 'secret must be 8 to 500 characters', { field: 'secret' });
  return sealSecret(secret, settings.outbound.secretKey);
}
