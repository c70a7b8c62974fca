import type { EntityManager } from '@mikro-orm/postgresql';
import DataLoader from 'dataloader';
import { Host } from './entities/host';
import { HostRelation, type HostRelationKind } from './entities/host-relation';
import { GameSession } from './entities/game-session';
import { SessionPlayer } from './entities/session-player';
import { findPlain } from '../../common/plain-rows';

/** Per-request DataLoaders. Those that only serve what queries show answer plain rows (common/plain-rows.ts). */
export interface SocialLoaders {
  hostByUuid: DataLoader<string, Host | null>;
  friendsOf: DataLoader<string, Host[]>;
  banlistOf: DataLoader<string, Host[]>;
  sessionById: DataLoader<number, GameSession | null>;
  /** The players of each session, in the order they joined. */
  playersOf: DataLoader<number, SessionPlayer[]>;
}

export function createSocialLoaders(em: EntityManager): SocialLoaders {
  const hostByUuid = new DataLoader<string, Host | null>(async (uuids) => {
    // Plain rows: hosts are changed through em.findOne in the services, never through this loader.
    const hosts = await findPlain(em, Host, { uuid: { $in: [...uuids] } });
    const byUuid = new Map(hosts.map((host) => [host.uuid, host]));
    return uuids.map((uuid) => byUuid.get(uuid) ?? null);
  });
  // One query for the relations of every host asked for, one for the hosts they name.
  const relatedHosts = (kind: HostRelationKind) =>
    new DataLoader<string, Host[]>(async (uuids) => {
      // Plain rows (common/plain-rows.ts): relations are only read here, never changed through this loader.
      const relations = await findPlain(em, HostRelation, { hostUuid: { $in: [...uuids] }, kind }, { createdAt: 'asc', otherUuid: 'asc' });
      const others = await hostByUuid.loadMany(relations.map((relation) => relation.otherUuid));
      const grouped = new Map<string, Host[]>(uuids.map((uuid) => [uuid, []]));
      relations.forEach((relation, index) => {
        const other = others[index];
        if (other && !(other instanceof Error)) grouped.get(relation.hostUuid)!.push(other);
      });
      return uuids.map((uuid) => grouped.get(uuid)!);
    });
  const sessionById = new DataLoader<number, GameSession | null>(async (ids) => {
    const sessions = await em.find(GameSession, { id: { $in: [...ids] } });
    const byId = new Map(sessions.map((session) => [session.id, session]));
    return ids.map((id) => byId.get(id) ?? null);
  });
  const playersOf = new DataLoader<number, SessionPlayer[]>(async (sessionIds) => {
    const players = await em.find(SessionPlayer, { sessionId: { $in: [...sessionIds] } }, { orderBy: { joinedAt: 'asc', guest: 'asc' } });
    const grouped = new Map<number, SessionPlayer[]>(sessionIds.map((id) => [id, []]));
    for (const player of players) grouped.get(player.sessionId)!.push(player);
    return sessionIds.map((id) => grouped.get(id)!);
  });
  return { hostByUuid, friendsOf: relatedHosts('friend'), banlistOf: relatedHosts('banned'), sessionById, playersOf };
}
