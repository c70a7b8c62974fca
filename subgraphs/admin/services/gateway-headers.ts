import { CREDENTIALS_CHANGED_HEADER, SESSION_ISSUE_HEADER, type Context } from '../context';
import type { IssuedSession } from './session-service';

/**
 * What the gateway learns from an admin response besides its body
 * (gateway/subgraph-data-source.ts reads these headers): a session to set as
 * the cookie, one to clear, or that credentials changed so its credential
 * cache must drop them now. Each helper answers what it was given, so a
 * resolver can pass its service's answer through.
 */

/** Hands the new session's token to the gateway (never in a body); the answer then shows the user's own email. */
export function issueSession(context: Context, session: IssuedSession): IssuedSession {
  context.responseHeaders.set(SESSION_ISSUE_HEADER, JSON.stringify({ token: session.token, expiresAt: session.expiresAt.toISOString() }));
  context.loaders.selfUserIds.add(session.user.id);
  return session;
}

/** Tells the gateway to clear the session cookie and drop the ended session from its cache. */
export function sessionEnded<T>(context: Context, answer: T): T {
  context.responseHeaders.set(SESSION_ISSUE_HEADER, JSON.stringify({ clear: true }));
  return credentialsChanged(context, answer);
}

/** Tells the gateway that credentials changed, so it drops its credential cache at once. */
export function credentialsChanged(context: Context): void;
export function credentialsChanged<T>(context: Context, answer: T): T;
export function credentialsChanged<T>(context: Context, answer?: T): T | undefined {
  context.responseHeaders.set(CREDENTIALS_CHANGED_HEADER, '1');
  return answer;
}
