import { domainError, ErrorCode } from '../../../common/errors';
import { definePermissions } from '../../../common/permissions';
import type { Context } from '../context';
import type { GameSession } from '../entities/game-session';
import { hostOfAuthorization } from './host-tokens';

export const SESSION_NOT_FOUND = 'Session not found';
const ANOTHER_HOSTS_TOKEN = 'Not authenticated: the token belongs to another host';

/**
 * The host of the caller's token, verified once per request: every field of
 * one request awaits the same promise, so their DataLoader calls still batch.
 */
const callerHosts = new WeakMap<Context, Promise<string>>();
function callerHost(context: Context): Promise<string> {
  let host = callerHosts.get(context);
  if (!host) {
    host = hostOfAuthorization(context.authorization, context.settings.hostTokens);
    callerHosts.set(context, host);
  }
  return host;
}

/** Only the holder of the host's own token acts as that host (UNAUTHENTICATED otherwise, as the seed answers). */
async function callerIsHost(context: Context, host: string): Promise<string> {
  const caller = await callerHost(context);
  if (caller !== host.toLowerCase()) throw domainError(ErrorCode.Unauthenticated, ANOTHER_HOSTS_TOKEN);
  return caller;
}

/**
 * A session for its host only: the token is checked first (UNAUTHENTICATED),
 * then the session must exist (NOT_FOUND) and belong to the token's host
 * (UNAUTHENTICATED, as a token of another host is for the host routes).
 */
async function sessionOfCaller(context: Context, id: number): Promise<GameSession> {
  const host = await callerHost(context);
  const session = await context.loaders.sessionById.load(id);
  if (!session) throw domainError(ErrorCode.NotFound, SESSION_NOT_FOUND);
  if (session.hostUuid !== host) throw domainError(ErrorCode.Unauthenticated, ANOTHER_HOSTS_TOKEN);
  return session;
}

/**
 * What callers may do in the social subgraph. Hosts authenticate with host
 * tokens (services/host-tokens.ts), not with the platform's principal: every
 * rule is "the caller holds this host's token", asked of a host or of the
 * host of a session.
 */
export const { assertAllowed, can } = definePermissions<Context>()({
  /** Read a host's settings, friends and banlist. */
  'host:read': callerIsHost,
  /** Change whether a host welcomes only friends, or guests without a name. */
  'host:configure': callerIsHost,
  /** Befriend, unfriend, ban and unban other hosts. */
  'host:manageRelations': callerIsHost,
  /** Exchange a valid host token for a fresh one; answers the token's host. */
  'host:renewToken': callerHost,
  /** Launch a session for the host. */
  'session:launch': callerIsHost,
  /** Add a guest to the host's running session. */
  'session:admit': callerIsHost,
  /** Read a session, or follow who joins it; answers the session. */
  'session:read': sessionOfCaller,
  /** End a session; answers it as it was read. */
  'session:end': sessionOfCaller,
  /** See a session's source-of-truth key (a hidden field, not a refusal). */
  'session:readKey': (context: Context, session: GameSession) => callerIsHost(context, session.hostUuid),
});
