import { randomUUID } from 'node:crypto';
import type { EntityManager } from '@mikro-orm/postgresql';
import { SignJWT } from 'jose';
import { requireAuthenticated } from '../../../common/authorization';
import { domainError, ErrorCode } from '../../../common/errors';
import type { Principal } from '../../../common/principal';
import { User } from '../entities/user';
import type { AdminSettings } from '../settings';
import { withHiddenValues } from './hidden-sql';
import { randomToken, sha256 } from './secrets';
import { ACCESS_TOKEN_AUDIENCE, ACCESS_TOKEN_ISSUER, accessTokenKey } from './signing-key';
import { verifyCredentials } from './user-service';

export interface IssuedSession {
  user: User;
  csrfToken: string;
  expiresAt: Date;
  /** The cookie value: handed to the gateway in a header, never in a body. */
  token: string;
}

/** Platform login: a server-side session in admin.login_sessions. */
export async function login(em: EntityManager, settings: AdminSettings, principal: Principal, email: string, password: string): Promise<IssuedSession> {
  const user = await verifyCredentials(em, settings, email, password, principal.clientIp);
  const token = randomToken(32);
  const csrfToken = randomToken(24);
  const [row] = await withHiddenValues(() =>
    em.getConnection().execute<{ expires_at: Date }[]>(
      `insert into admin.login_sessions (user_id, token_hash, csrf_token, expires_at)
       values (?, ?, ?, now() + make_interval(secs => ?)) returning expires_at`,
      [user.id, sha256(token), csrfToken, settings.sessionTtlSeconds],
    ),
  );
  return { user, csrfToken, expiresAt: new Date(row!.expires_at), token };
}

export async function logout(em: EntityManager, principal: Principal): Promise<boolean> {
  const caller = requireAuthenticated(principal, 'logout');
  if (caller.kind !== 'user' || !caller.sessionId) throw domainError(ErrorCode.Unauthenticated, 'No session to end');
  await em.getConnection().execute('delete from admin.login_sessions where id = ?', [caller.sessionId]);
  return true;
}

export async function currentSession(em: EntityManager, principal: Principal): Promise<{ user: User; csrfToken: string; expiresAt: Date } | null> {
  if (principal.kind !== 'user' || !principal.sessionId) return null;
  const [row] = await em
    .getConnection()
    .execute<{ csrf_token: string; expires_at: Date }[]>('select csrf_token, expires_at from admin.login_sessions where id = ? and expires_at > now()', [
      principal.sessionId,
    ]);
  if (!row) return null;
  return { user: await em.findOneOrFail(User, { id: principal.userId }), csrfToken: row.csrf_token, expiresAt: new Date(row.expires_at) };
}

export interface AuthTokens {
  accessToken: string;
  refreshToken: string;
  tokenType: string;
  expiresIn: number;
}

async function issueInFamily(em: EntityManager, settings: AdminSettings, userId: string, familyId: string): Promise<AuthTokens> {
  const refreshToken = randomToken(32);
  await withHiddenValues(() =>
    em
      .getConnection()
      .execute(`insert into admin.refresh_tokens (user_id, family_id, token_hash, expires_at) values (?, ?, ?, now() + make_interval(secs => ?))`, [
        userId,
        familyId,
        sha256(refreshToken),
        settings.refreshTokenTtlSeconds,
      ]),
  );
  const accessToken = await new SignJWT({ fam: familyId })
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
    .setIssuer(ACCESS_TOKEN_ISSUER)
    .setAudience(ACCESS_TOKEN_AUDIENCE)
    .setSubject(userId)
    .setJti(randomUUID())
    .setIssuedAt()
    .setExpirationTime(`${settings.accessTokenTtlSeconds}s`)
    .sign(await accessTokenKey(em));
  return { accessToken, refreshToken, tokenType: 'Bearer', expiresIn: settings.accessTokenTtlSeconds };
}

/** General API login (G14): a new refresh-token family. */
export async function issueTokens(em: EntityManager, settings: AdminSettings, principal: Principal, email: string, password: string): Promise<AuthTokens> {
  const user = await verifyCredentials(em, settings, email, password, principal.clientIp);
  return issueInFamily(em, settings, user.id, randomUUID());
}

const INVALID_REFRESH = 'Invalid or expired refresh token';

/**
 * G15: a refresh token is single use. Presenting one that was already used
 * (or revoked) means it leaked: the whole family is revoked, which also ends
 * the family's access tokens at the gateway within its cache bound.
 */
export async function refreshTokens(em: EntityManager, settings: AdminSettings, refreshToken: string): Promise<AuthTokens> {
  const connection = em.getConnection();
  const [row] = await withHiddenValues(() =>
    connection.execute<
      { id: string; user_id: string; family_id: string; used_at: Date | null; revoked_at: Date | null; expired: boolean; disabled: boolean }[]
    >(
      `select t.id, t.user_id, t.family_id, t.used_at, t.revoked_at, t.expires_at <= now() as expired, u.disabled
     from admin.refresh_tokens t join admin.users u on u.id = t.user_id where t.token_hash = ?`,
      [sha256(refreshToken)],
    ),
  );
  if (!row) throw domainError(ErrorCode.Unauthenticated, INVALID_REFRESH);
  if (row.used_at || row.revoked_at) {
    await connection.execute('update admin.refresh_tokens set revoked_at = now() where family_id = ? and revoked_at is null', [row.family_id]);
    throw domainError(ErrorCode.Unauthenticated, INVALID_REFRESH);
  }
  if (row.expired || row.disabled) throw domainError(ErrorCode.Unauthenticated, INVALID_REFRESH);
  const claimed = await connection.execute<{ id: string }[]>(
    'update admin.refresh_tokens set used_at = now() where id = ? and used_at is null and revoked_at is null returning id',
    [row.id],
  );
  if (claimed.length === 0) {
    // Lost a race with another use of the same token: that is reuse too.
    await connection.execute('update admin.refresh_tokens set revoked_at = now() where family_id = ? and revoked_at is null', [row.family_id]);
    throw domainError(ErrorCode.Unauthenticated, INVALID_REFRESH);
  }
  return issueInFamily(em, settings, row.user_id, row.family_id);
}

/** G16: revokes the caller's token family and the given refresh token's family (it must be the caller's). */
export async function revokeTokens(em: EntityManager, principal: Principal, refreshToken: string | null | undefined): Promise<boolean> {
  const caller = requireAuthenticated(principal, 'logout');
  if (caller.kind !== 'user') throw domainError(ErrorCode.Forbidden, 'Only a signed-in user can log out');
  const connection = em.getConnection();
  if (caller.tokenFamily) {
    await connection.execute('update admin.refresh_tokens set revoked_at = now() where family_id = ? and revoked_at is null', [caller.tokenFamily]);
  }
  if (refreshToken) {
    await withHiddenValues(() =>
      connection.execute(
        `update admin.refresh_tokens set revoked_at = now() where revoked_at is null and family_id =
           (select family_id from admin.refresh_tokens where token_hash = ? and user_id = ?)`,
        [sha256(refreshToken), caller.userId],
      ),
    );
  }
  return true;
}
