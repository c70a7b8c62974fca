import type { EntityManager } from '@mikro-orm/postgresql';
import { GameSession } from './entities/game-session';
import type { HostRelationKind } from './entities/host-relation';

/**
 * The social subgraph's hand-written SQL: only statements the ORM cannot say
 * as well. Everything else goes through the entities.
 */

/** Why: ON CONFLICT DO NOTHING lets the primary key decide between concurrent adds without an exception. */
export async function insertRelationUnlessPresent(em: EntityManager, hostUuid: string, kind: HostRelationKind, otherUuid: string): Promise<boolean> {
  const inserted = await em.execute(
    `insert into social.host_relations (host_uuid, kind, other_uuid) values (?, ?, ?)
     on conflict (host_uuid, kind, other_uuid) do nothing returning other_uuid`,
    [hostUuid, kind, otherUuid],
  );
  return inserted.length > 0;
}

/** Why: a compare-and-set; only a session still running ends, so a second end does not move ended_at. */
export async function endRunningSession(em: EntityManager, id: number): Promise<GameSession | null> {
  const [row] = await em.execute<Record<string, unknown>[]>(
    `update social.game_sessions set status = 'ended', ended_at = now()
     where id = ? and status = 'running' returning *`,
    [id],
  );
  // Merged into the request's identity map, so loaders that read the session see it ended.
  return row ? em.map(GameSession, row) : null;
}

/** Everything the welcome rules of a join need to know, read in one statement. */
export interface JoinWelcome {
  onlyFriends: boolean;
  allowNonames: boolean;
  runningSessionId: number | null;
  banned: boolean;
  friend: boolean;
  named: boolean;
}

/** Why: one round trip answers all the welcome rules (banlist, friends, named guest, running session). */
export async function joinWelcome(em: EntityManager, hostUuid: string, guestUuid: string | null): Promise<JoinWelcome | null> {
  const [row] = await em.execute<
    { only_friends: boolean; allow_nonames: boolean; session_id: number | null; banned: boolean; friend: boolean; named: boolean }[]
  >(
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
  if (!row) return null;
  return {
    onlyFriends: row.only_friends,
    allowNonames: row.allow_nonames,
    runningSessionId: row.session_id,
    banned: row.banned,
    friend: row.friend,
    named: row.named,
  };
}

/** Why: inserts only while the session still runs, and the primary key decides between concurrent joins of one guest. */
export async function insertPlayerIfRunning(em: EntityManager, sessionId: number, guest: string): Promise<boolean> {
  const inserted = await em.execute(
    `insert into social.session_players (session_id, guest)
     select s.id, ? from social.game_sessions s where s.id = ? and s.status = 'running'
     on conflict (session_id, guest) do nothing returning session_id`,
    [guest, sessionId],
  );
  return inserted.length > 0;
}
