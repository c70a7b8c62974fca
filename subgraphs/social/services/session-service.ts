import { randomBytes } from 'node:crypto';
import { ForeignKeyConstraintViolationException, UniqueConstraintViolationException } from '@mikro-orm/postgresql';
import { domainError, ErrorCode } from '../../../common/errors';
import { loggableError } from '../../../common/loggable-error';
import type { Context } from '../context';
import { GameSession } from '../entities/game-session';
import { Host } from '../entities/host';
import { SessionPlayer } from '../entities/session-player';
import { endRunningSession, insertPlayerIfRunning, joinWelcome } from '../queries';
import { NOT_FOUND_THIS } from './host-service';
import { assertAllowed, can, SESSION_NOT_FOUND } from './permissions';

export const ALREADY_RUNNING = 'The host already has a running session';
export const NO_RUNNING_SESSION = 'The host has no running session';
export const GUEST_BANNED = "The guest is on the host's banlist";
export const GUEST_NOT_FRIEND = 'The host welcomes only friends and the guest is not one';
export const GUEST_NONAME = 'The host does not allow guests without a name';
export const GUEST_ALREADY_JOINED = 'The guest is already in the session';

const UUID_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Guests named by a host uuid are compared and stored in lower case; other names as given. */
export function normalizeGuest(guest: string): string {
  return UUID_PATTERN.test(guest) ? guest.toLowerCase() : guest;
}

/** 32 random bytes, base64url: the session's source-of-truth key. */
function newSourceOfTruthKey(): string {
  return randomBytes(32).toString('base64url');
}

/** What launchSession answers: the new session's id and key, and the session. */
export interface LaunchedSession {
  sessionId: number;
  sourceOfTruthKey: string;
  session: GameSession;
}

/**
 * Launches a session for the host. The partial unique index (one running
 * session per host) decides between concurrent launches: one insert wins,
 * the others are CONFLICT.
 */
export async function launchSession(context: Context, hostUuid: string): Promise<LaunchedSession> {
  await assertAllowed(context, 'session:launch', hostUuid);
  const { em } = context;
  const host = await em.findOne(Host, { uuid: hostUuid });
  if (!host) throw domainError(ErrorCode.NotFound, NOT_FOUND_THIS);
  const session = em.create(GameSession, { hostUuid: host.uuid, sourceOfTruthKey: newSourceOfTruthKey(), status: 'running', endedAt: null });
  try {
    await em.flush();
  } catch (error) {
    if (error instanceof UniqueConstraintViolationException) throw domainError(ErrorCode.Conflict, ALREADY_RUNNING);
    // The host was deleted since it was read.
    if (error instanceof ForeignKeyConstraintViolationException) throw domainError(ErrorCode.NotFound, NOT_FOUND_THIS);
    throw error;
  }
  return { sessionId: session.id, sourceOfTruthKey: session.sourceOfTruthKey, session };
}

/** A session, for its host. */
export function sessionForItsHost(context: Context, id: number): Promise<GameSession> {
  return assertAllowed(context, 'session:read', id);
}

/** Ends a running session; ending an ended session changes nothing and answers it as it is. */
export async function endSession(context: Context, id: number): Promise<GameSession> {
  await assertAllowed(context, 'session:end', id);
  const ended = await endRunningSession(context.em, id);
  if (ended) return ended;
  // Ended before (or meanwhile): answer the session as it is stored now.
  const session = await context.em.findOne(GameSession, { id }, { refresh: true });
  if (!session) throw domainError(ErrorCode.NotFound, SESSION_NOT_FOUND);
  return session;
}

/** The session's source-of-truth key for its host; null for anyone else (the field hides, it does not refuse). */
export async function sourceOfTruthKeyFor(context: Context, session: GameSession): Promise<string | null> {
  return (await can(context, 'session:readKey', session)) ? session.sourceOfTruthKey : null;
}

/** The host of a session. Sessions are deleted with their host, so it is missing only on a race with that delete. */
export async function hostOfSession({ loaders }: Context, session: GameSession): Promise<Host> {
  const host = await loaders.hostByUuid.load(session.hostUuid);
  if (!host) throw domainError(ErrorCode.NotFound, NOT_FOUND_THIS);
  return host;
}

/** The topic of Subscription.playerJoined. */
export function playerJoinedTopic(sessionId: number): string {
  return `player-joined:${sessionId}`;
}

/** What travels on player-joined:<id>: the player's key; the subscriber reads the row. */
export interface PlayerJoinedEvent {
  sessionId: number;
  guest: string;
}

/** The joins of a session, for its host (the rule of GET /sessions/{id}). */
export async function followJoins(context: Context, sessionId: number): Promise<AsyncIterableIterator<PlayerJoinedEvent>> {
  await assertAllowed(context, 'session:read', sessionId);
  return context.events.subscribe<PlayerJoinedEvent>(playerJoinedTopic(sessionId));
}

/** The player of a player-joined event; NOT_FOUND when the session was deleted (with its host) since the join. */
export async function playerOfJoin({ em }: Context, event: PlayerJoinedEvent): Promise<SessionPlayer> {
  const player = await em.findOne(SessionPlayer, { sessionId: event.sessionId, guest: event.guest });
  if (!player) throw domainError(ErrorCode.NotFound, SESSION_NOT_FOUND);
  return player;
}

/**
 * Adds the guest to the host's running session. NOT_FOUND when the host has
 * none or does not welcome the guest (banlist first, then only-friends, then
 * nameless guests); BAD_USER_INPUT when the guest already joined. The primary
 * key (session_id, guest) decides between concurrent joins of one guest.
 * Subscribers of the session hear of the join.
 */
export async function joinSession(context: Context, hostUuid: string, rawGuest: string): Promise<GameSession> {
  await assertAllowed(context, 'session:admit', hostUuid);
  const guest = normalizeGuest(rawGuest);
  const session = await insertPlayer(context, hostUuid, guest);
  // The insert ran outside any transaction (autocommit): the row is visible
  // to every reader now. A lost event must not fail the join that happened.
  const event: PlayerJoinedEvent = { sessionId: session.id, guest };
  await context.events.publish(playerJoinedTopic(session.id), event).catch((error: Error) => {
    context.logger.error({ err: { message: loggableError(error).message }, sessionId: session.id }, 'player-joined event not published');
  });
  return session;
}

async function insertPlayer({ em }: Context, hostUuid: string, guest: string): Promise<GameSession> {
  const welcome = await joinWelcome(em, hostUuid, UUID_PATTERN.test(guest) ? guest : null);
  if (!welcome) throw domainError(ErrorCode.NotFound, NOT_FOUND_THIS);
  const sessionId = welcome.runningSessionId;
  if (sessionId === null) throw domainError(ErrorCode.NotFound, NO_RUNNING_SESSION);
  if (welcome.banned) throw domainError(ErrorCode.NotFound, GUEST_BANNED);
  if (welcome.onlyFriends && !welcome.friend) throw domainError(ErrorCode.NotFound, GUEST_NOT_FRIEND);
  if (!welcome.named && !welcome.allowNonames) throw domainError(ErrorCode.NotFound, GUEST_NONAME);
  if (!(await insertPlayerIfRunning(em, sessionId, guest))) {
    // Either the guest is in already, or the session ended since it was read.
    const joinedBefore = (await em.count(SessionPlayer, { sessionId, guest })) > 0;
    throw joinedBefore ? domainError(ErrorCode.BadUserInput, GUEST_ALREADY_JOINED) : domainError(ErrorCode.NotFound, NO_RUNNING_SESSION);
  }
  const session = await em.findOne(GameSession, { id: sessionId });
  if (!session) throw domainError(ErrorCode.NotFound, SESSION_NOT_FOUND);
  return session;
}
