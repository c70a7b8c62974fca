import { randomBytes } from 'node:crypto';
import { connectionOf, pageWindow, type Connection, type ConnectionArgs } from '../../../common/connections';
import { domainError, ErrorCode } from '../../../common/errors';
import type { Context } from '../context';
import { AccessToken } from '../entities/access-token';
import { ACCESS_SCOPES, hashAccessToken } from './credentials';
import type { BasicResult } from './config-setters';
import { assertAllowed } from './permissions';

/**
 * Integration access tokens (O42–O44). The token is 256 random bits, shown
 * once; only its SHA-256 is stored (a slow hash adds nothing at that entropy)
 * and it is looked up by that hash. Each token also has a non-secret id.
 */
export async function createAccessToken(context: Context, name: string, scopes: readonly string[]): Promise<{ accessToken: AccessToken; token: string }> {
  await assertAllowed(context, 'accessToken:manage');
  const trimmed = name.trim();
  if (trimmed === '' || trimmed.length > 100) throw domainError(ErrorCode.BadUserInput, 'name must be 1 to 100 characters', { field: 'name' });
  if (scopes.length === 0) throw domainError(ErrorCode.BadUserInput, 'at least one scope is required', { field: 'scopes' });
  const unknown = scopes.filter((scope) => !(ACCESS_SCOPES as readonly string[]).includes(scope));
  if (unknown.length > 0) {
    throw domainError(ErrorCode.BadUserInput, `unknown scopes: ${unknown.join(', ')} (known: ${ACCESS_SCOPES.join(', ')})`, { field: 'scopes' });
  }
  const token = randomBytes(32).toString('base64url');
  const accessToken = context.em.create(AccessToken, {
    id: `tok_${randomBytes(8).toString('hex')}`,
    name: trimmed,
    tokenHash: hashAccessToken(token),
    scopes: [...new Set(scopes)],
    lastUsedAt: null,
  });
  await context.em.flush();
  return { accessToken, token };
}

export async function listAccessTokens(context: Context, args: ConnectionArgs): Promise<Connection<AccessToken>> {
  await assertAllowed(context, 'accessToken:manage');
  const { offset, limit } = pageWindow(args);
  const [tokens, total] = await context.em.findAndCount(AccessToken, {}, { orderBy: { createdAt: 'asc', id: 'asc' }, offset, limit });
  return connectionOf(tokens, offset, total);
}

/** Deletes by the token itself or by its id. */
export async function deleteAccessToken(context: Context, tokenOrId: string): Promise<BasicResult> {
  await assertAllowed(context, 'accessToken:manage');
  const deleted = await context.em.nativeDelete(AccessToken, { $or: [{ id: tokenOrId }, { tokenHash: hashAccessToken(tokenOrId) }] });
  if (deleted === 0) throw domainError(ErrorCode.NotFound, 'no such access token', { field: 'token' });
  return { success: true, message: 'deleted token' };
}
