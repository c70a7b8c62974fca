import { ForeignKeyConstraintViolationException, type EntityManager } from '@mikro-orm/postgresql';
import { domainError, ErrorCode } from '../../../common/errors';
import { Host } from '../entities/host';
import type { HostRelationKind } from '../entities/host-relation';

/** The seed's 404 messages: the host in the path, or the other host named. */
export const NOT_FOUND_THIS = 'not found this';
export const NOT_FOUND_OTHER = 'not found other';

/** Registers a host with the seed's defaults: only friends, no nameless guests. */
export async function registerHost(em: EntityManager): Promise<Host> {
  const [row] = await em.getConnection().execute<{ uuid: string }[]>(
    'insert into social.hosts default values returning uuid',
  );
  return em.findOneOrFail(Host, { uuid: row!.uuid });
}

/** The host, or NOT_FOUND "not found this". */
export async function findHostOrFail(em: EntityManager, uuid: string): Promise<Host> {
  const host = await em.findOne(Host, { uuid });
  if (!host) throw domainError(ErrorCode.NotFound, NOT_FOUND_THIS);
  return host;
}

export type HostSetting = 'onlyFriends' | 'allowNonames';

export async function setHostSetting(em: EntityManager, uuid: string, setting: HostSetting, value: boolean): Promise<Host> {
  const host = await findHostOrFail(em, uuid);
  host[setting] = value;
  await em.flush();
  return host;
}

const RELATION_WORDS: Record<HostRelationKind, { self: string; duplicate: string }> = {
  friend: { self: 'A host cannot befriend itself', duplicate: 'This host is already a friend' },
  banned: { self: 'A host cannot ban itself', duplicate: 'This host is already banned' },
};

/**
 * Adds `other` to the host's friends or banlist. The primary key
 * (host_uuid, kind, other_uuid) decides between concurrent adds: exactly one
 * insert wins, the others see a duplicate (400).
 */
export async function addRelation(em: EntityManager, hostUuid: string, kind: HostRelationKind, otherUuid: string): Promise<Host> {
  const host = await findHostOrFail(em, hostUuid);
  if (host.uuid === otherUuid.toLowerCase()) throw domainError(ErrorCode.BadUserInput, RELATION_WORDS[kind].self);
  const other = await em.findOne(Host, { uuid: otherUuid });
  if (!other) throw domainError(ErrorCode.NotFound, NOT_FOUND_OTHER);
  let inserted: unknown[];
  try {
    inserted = await em.getConnection().execute(
      `insert into social.host_relations (host_uuid, kind, other_uuid) values (?, ?, ?)
       on conflict (host_uuid, kind, other_uuid) do nothing returning other_uuid`,
      [host.uuid, kind, other.uuid],
    );
  } catch (error) {
    // One of the two hosts was deleted since it was read.
    if (error instanceof ForeignKeyConstraintViolationException) {
      const hostGone = !(await em.getConnection().execute('select 1 from social.hosts where uuid = ?', [host.uuid])).length;
      throw domainError(ErrorCode.NotFound, hostGone ? NOT_FOUND_THIS : NOT_FOUND_OTHER);
    }
    throw error;
  }
  if (inserted.length === 0) throw domainError(ErrorCode.BadUserInput, RELATION_WORDS[kind].duplicate);
  return host;
}

/** Removes `other` from the host's friends or banlist; NOT_FOUND "not found other" when it is not there. */
export async function removeRelation(em: EntityManager, hostUuid: string, kind: HostRelationKind, otherUuid: string): Promise<Host> {
  const host = await findHostOrFail(em, hostUuid);
  const deleted = await em.getConnection().execute(
    'delete from social.host_relations where host_uuid = ? and kind = ? and other_uuid = ? returning other_uuid',
    [host.uuid, kind, otherUuid],
  );
  if (deleted.length === 0) throw domainError(ErrorCode.NotFound, NOT_FOUND_OTHER);
  return host;
}
