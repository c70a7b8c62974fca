import { randomBytes } from 'node:crypto';
import { ForeignKeyConstraintViolationException, UniqueConstraintViolationException, type EntityManager } from '@mikro-orm/postgresql';
import { domainError, ErrorCode } from '../../../common/errors';
import type { Logger } from '../../../common/logger';
import type { PubSub } from '../../../common/pubsub';
import { GameSession, type GameSessionStatus } from '../entities/game-session';
import { SessionPlayer } from '../entities/session-player';
import { NOT_FOUND_THIS } from './host-service';
import { loggableError } from '../../../common/loggable-error';

export const SESSION_NOT_FOUND = 'Session not found';
export const ALREADY_RUNNING = 'The host already has a running session';
export const NO_RUNNING_SESSION = 'The host has no running session';
export const GUEST_BANNED = 'The guest is on the host\'s banlist';
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

interface SessionRow {
  id: number;
  host_uuid: string;
  source_of_truth_key: string;
  status: GameSessionStatus;
  created_at: Date;
  ended_at: Date | null;
}

const SESSION_COLUMNS = 'id, host_uuid, source_of_truth_key, status, created_at, ended_at';

function sessionOf(em: EntityManager, row: SessionRow): GameSession {
  return em.map(GameSession, row);
}

/**
 * Launches a session for the host. The partial unique index (one running
 * session per host) decides between concurrent launches: one insert wins,
 * the others are CONFLICT.
 */
export async function launchSession(em: EntityManager, hostUuid: string): Promise<GameSession> {
  const connection = em.getConnection();
  const [host] = await connection.execute<{ uuid: string }[]>('select uuid from social.hosts where uuid = ?', [hostUuid]);
  if (!host) throw domainError(ErrorCode.NotFound, NOT_FOUND_THIS);
  try {
    const [row] = await connection.execute<SessionRow[]>(
      `insert into social.game_sessions (host_uuid, source_of_truth_key) values (?, ?) returning ${SESSION_COLUMNS}`,
      [host.uuid, newSourceOfTruthKey()],
    );
    return sessionOf(em, row!);
  } catch (error) {
    if (error instanceof UniqueConstraintViolationException || (error as { code?: unknown }).code === '23505') {
      throw domainError(ErrorCode.Conflict, ALREADY_RUNNING);
    }
    // The host was deleted since it was read.
    if (error instanceof ForeignKeyConstraintViolationException) throw domainError(ErrorCode.NotFound, NOT_FOUND_THIS);
    throw error;
  }
}

/** The session, or NOT_FOUND. */
export async function findSessionOrFail(em: EntityManager, id: number): Promise<GameSession> {
  const [row] = await em.getConnection().execute<SessionRow[]>(
    `select ${SESSION_COLUMNS} from social.game_sessions where id = ?`,
    [id],
  );
  if (!row) throw domainError(ErrorCode.NotFound, SESSION_NOT_FOUND);
  return sessionOf(em, row);
}

/** Ends a running session; ending an ended session changes nothing and answers it as it is. */
export async function endSession(em: EntityManager, id: number): Promise<GameSession> {
  const [row] = await em.getConnection().execute<SessionRow[]>(
    `update social.game_sessions set status = 'ended', ended_at = now()
     where id = ? and status = 'running' returning ${SESSION_COLUMNS}`,
    [id],
  );
  return row ? sessionOf(em, row) : findSessionOrFail(em, id);
}

interface WelcomeRow {
  only_friends: boolean;
  allow_nonames: boolean;
  session_id: number | null;
  banned: boolean;
  friend: boolean;
  named: boolean;
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

/** Who hears about joins (Subscription.playerJoined). */
export interface JoinNotifier {
  events: PubSub;
  logger: Logger;
}

/** The player of a player-joined event, or null when it is gone (session deleted since). */
export function findPlayer(em: EntityManager, event: PlayerJoinedEvent): Promise<SessionPlayer | null> {
  return em.findOne(SessionPlayer, { sessionId: event.sessionId, guest: event.guest });
}

/**
 * Adds the guest to the host's running session. NOT_FOUND when the host has
 * none or does not welcome the guest (banlist first, then only-friends, then
 * nameless guests); BAD_USER_INPUT when the guest already joined. The primary
 * key (session_id, guest) decides between concurrent joins of one guest.
 */
export async function joinSession(em: EntityManager, hostUuid: string, rawGuest: string, notifier?: JoinNotifier): Promise<GameSession> {
  const guest = normalizeGuest(rawGuest);
  const session = await insertPlayer(em, hostUuid, guest);
  // The insert ran outside any transaction (autocommit): the row is visible
  // to every reader now. A lost event must not fail the join that happened.
  if (notifier) {
    const event: PlayerJoinedEvent = { sessionId: session.id, guest };
    await notifier.events.publish(playerJoinedTopic(session.id), event).catch((error: Error) => {
      notifier.logger.error({ err: { message: loggableError(error).message }, sessionId: session.id }, 'player-joined event not published');
    });
  }
  return session;
}

async function insertPlayer(em: EntityManager, hostUuid: string, guest: string): Promise<GameSession> {
  const guestUuid = UUID_PATTERN.test(guest) ? guest : null;
  const connection = em.getConnection();
  const [welcome] = await connection.execute<WelcomeRow[]>(
    `select h.only_friends, h.allow_nonames,
       (select s.id from social.game_sessions s where s.host_uuid = h.uuid and s.status = 'running') as session_id,
       exists (select 1 from social.host_relations r
               where r.host_uuid = h.uuid and r.kind = 'banned' and r.other_uuid = ?::uuid) as banned,
       exists (select 1 from social.host_relations r
               where r.host_uuid = h.uuid and r.kind = 'friend' and r.other_uuid = ?::uuid) as friend,
       exists (select 1 from social.hosts g where g.uuid = ?::uuid) as named
     from social.hosts h where h.uuid = ?`,
    // Compared as uuids (so the keys' indexes serve); a guest that is no uuid names no host and matches nothing.
    [guestUuid, guestUuid, guestUuid, hostUuid],
  );
  if (!welcome) throw domainError(ErrorCode.NotFound, NOT_FOUND_THIS);
  if (welcome.session_id === null) throw domainError(ErrorCode.NotFound, NO_RUNNING_SESSION);
  if (welcome.banned) throw domainError(ErrorCode.NotFound, GUEST_BANNED);
  if (welcome.only_friends && !welcome.friend) throw domainError(ErrorCode.NotFound, GUEST_NOT_FRIEND);
  if (!welcome.named && !welcome.allow_nonames) throw domainError(ErrorCode.NotFound, GUEST_NONAME);
  const inserted = await connection.execute<{ session_id: number }[]>(
    `insert into social.session_players (session_id, guest)
     select s.id, ? from social.game_sessions s where s.id = ? and s.status = 'running'
     on conflict (session_id, guest) do nothing returning session_id`,
    [guest, welcome.session_id],
  );
  if (inserted.length === 0) {
    const [existing] = await connection.execute(
      'select 1 from social.session_players where session_id = ? and guest = ?',
      [welcome.session_id, guest],
    );
    // Either the guest is in already, or the session ended since it was read.
    throw existing ? domainError(ErrorCode.BadUserInput, GUEST_ALREADY_JOINED) : domainError(ErrorCode.NotFound, NO_RUNNING_SESSION);
  }
  return findSessionOrFail(em, welcome.session_id);
}
