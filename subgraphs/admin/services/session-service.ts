import type { Context } from '../context';
import { LoginSession } from '../entities/login-session';
import { User } from '../entities/user';
import { insertLoginSession, liveSessionById } from '../queries';
import { verifyCredentials } from './credential-check';
import { issueSession, sessionEnded } from './gateway-headers';
import { withHiddenValues } from './hidden-sql';
import { assertAllowed } from './permissions';
import { randomToken, sha256 } from './secrets';

/** Platform sign-in: a server-side session in admin.login_sessions, whose token the gateway sets as a cookie. */
export interface IssuedSession {
  user: User;
  csrfToken: string;
  expiresAt: Date;
  /** The cookie value: handed to the gateway in a header, never in a body. */
  token: string;
}

export async function login(context: Context, email: string, password: string): Promise<IssuedSession> {
  const { em, settings } = context;
  const user = await verifyCredentials(context, email, password);
  const token = randomToken(32);
  const csrfToken = randomToken(24);
  const expiresAt = await withHiddenValues(() =>
    insertLoginSession(em, { userId: user.id, tokenHash: sha256(token), csrfToken, ttlSeconds: settings.sessionTtlSeconds }),
  );
  return issueSession(context, { user, csrfToken, expiresAt, token });
}

export async function logout(context: Context): Promise<boolean> {
  const sessionId = await assertAllowed(context, 'session:end');
  await context.em.nativeDelete(LoginSession, { id: sessionId });
  return sessionEnded(context, true);
}

/** The caller's platform session, or null when the caller has none (or it expired). */
export async function currentSession({ em, principal }: Context): Promise<{ user: User; csrfToken: string; expiresAt: Date } | null> {
  if (principal.kind !== 'user' || !principal.sessionId) return null;
  const session = await liveSessionById(em, principal.sessionId);
  if (!session) return null;
  return { user: await em.findOneOrFail(User, { id: principal.userId }), ...session };
}
