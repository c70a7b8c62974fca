import { API_KEY_SCOPES, BAN_FIELDS } from '../../../common/authorization';
import { connectionOf, pageWindow, type Connection, type ConnectionArgs } from '../../../common/connections';
import { domainError, ErrorCode } from '../../../common/errors';
import { allowListEntryProblem } from '../../../common/ip-allowlist';
import type { Context } from '../context';
import { ApiKey } from '../entities/api-key';
import { User } from '../entities/user';
import { credentialsChanged } from './gateway-headers';
import { withHiddenValues } from './hidden-sql';
import { assertAllowed } from './permissions';
import { randomToken, sha256 } from './secrets';

/** API keys: made, listed, changed and revoked by admins from a signed-in session (services/permissions.ts). */
export const API_KEY_PREFIX = 'prapi_';

function checkScopes(scopes: string[]): string[] {
  const known = new Set<string>(API_KEY_SCOPES);
  const unknown = scopes.filter((scope) => !known.has(scope));
  if (unknown.length > 0) throw domainError(ErrorCode.BadUserInput, `Unknown scope: ${unknown[0]!.slice(0, 64)}`, { field: 'scopes' });
  return [...new Set(scopes)];
}

function checkBanFields(fields: string[]): string[] {
  const known = new Set<string>(BAN_FIELDS);
  const unknown = fields.filter((field) => !known.has(field));
  if (unknown.length > 0) throw domainError(ErrorCode.BadUserInput, `Unknown ban field: ${unknown[0]!.slice(0, 64)}`, { field: 'banFields' });
  return [...new Set(fields)];
}

function checkAllowedIps(entries: string[]): string[] {
  for (const entry of entries) {
    const problem = allowListEntryProblem(entry);
    if (problem) throw domainError(ErrorCode.BadUserInput, `allowedIps: ${entry.slice(0, 64)} ${problem}`, { field: 'allowedIps' });
  }
  return [...new Set(entries)];
}

function checkDisplayName(name: string): string {
  const trimmed = name.trim();
  if (trimmed.length < 1 || trimmed.length > 100)
    throw domainError(ErrorCode.BadUserInput, 'displayName must be 1 to 100 characters', { field: 'displayName' });
  return trimmed;
}

function checkExpiry(expiresAt: Date | null | undefined): Date | null {
  if (!expiresAt) return null;
  if (expiresAt.getTime() <= Date.now()) throw domainError(ErrorCode.BadUserInput, 'expiresAt must be in the future', { field: 'expiresAt' });
  return expiresAt;
}

export async function listApiKeys(context: Context, args: ConnectionArgs): Promise<Connection<ApiKey>> {
  await assertAllowed(context, 'apiKey:manage');
  const { em } = context;
  const { offset, limit } = pageWindow(args);
  const [keys, total] = await em.findAndCount(ApiKey, {}, { orderBy: { createdAt: 'desc', id: 'asc' }, limit, offset });
  return connectionOf(keys, offset, total);
}

export interface CreateApiKeyInput {
  displayName: string;
  scopes: string[];
  allowedIps: string[];
  banFields: string[];
  expiresAt?: Date | null;
}

export async function createApiKey(context: Context, input: CreateApiKeyInput): Promise<{ apiKey: ApiKey; secret: string }> {
  const userId = await assertAllowed(context, 'apiKey:manage');
  const { em } = context;
  const displayName = checkDisplayName(input.displayName);
  const scopes = checkScopes(input.scopes);
  const allowedIps = checkAllowedIps(input.allowedIps);
  const banFields = checkBanFields(input.banFields);
  const expiresAt = checkExpiry(input.expiresAt);
  // The creator is read before the write, so the answer's createdBy comes from memory after the commit.
  await em.findOneOrFail(User, { id: userId });
  const secret = `${API_KEY_PREFIX}${randomToken(32)}`;
  const apiKey = em.create(ApiKey, {
    displayName,
    identifier: secret.slice(0, API_KEY_PREFIX.length + 8),
    secretHash: sha256(secret),
    scopes,
    allowedIps,
    banFields,
    expiresAt,
    revoked: false,
    lastUsedAt: null,
    createdBy: userId,
  });
  await withHiddenValues(() => em.flush());
  return { apiKey, secret };
}

export interface UpdateApiKeyInput {
  id: string;
  displayName?: string | null;
  scopes?: string[] | null;
  allowedIps?: string[] | null;
  banFields?: string[] | null;
  expiresAt?: Date | null;
  revoked?: boolean | null;
}

export async function updateApiKey(context: Context, input: UpdateApiKeyInput): Promise<ApiKey> {
  await assertAllowed(context, 'apiKey:manage');
  const { em } = context;
  const key = await em.findOne(ApiKey, { id: input.id });
  if (!key) throw domainError(ErrorCode.NotFound, 'No such API key', { field: 'id' });
  if (input.displayName != null) key.displayName = checkDisplayName(input.displayName);
  if (input.scopes != null) key.scopes = checkScopes(input.scopes);
  if (input.allowedIps != null) key.allowedIps = checkAllowedIps(input.allowedIps);
  if (input.banFields != null) key.banFields = checkBanFields(input.banFields);
  if (input.expiresAt !== undefined) key.expiresAt = checkExpiry(input.expiresAt);
  if (input.revoked != null) key.revoked = input.revoked;
  await em.flush();
  return credentialsChanged(context, key);
}

/** Revokes the key, or with permanent deletes its record for good. */
export async function deleteApiKey(context: Context, id: string, permanent: boolean): Promise<ApiKey> {
  await assertAllowed(context, 'apiKey:manage');
  const { em } = context;
  const key = await em.findOne(ApiKey, { id });
  if (!key) throw domainError(ErrorCode.NotFound, 'No such API key', { field: 'id' });
  if (permanent) {
    await em.nativeDelete(ApiKey, { id });
    return credentialsChanged(context, key);
  }
  key.revoked = true;
  await em.flush();
  return credentialsChanged(context, key);
}
