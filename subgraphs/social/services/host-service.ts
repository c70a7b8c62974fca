import { ForeignKeyConstraintViolationException } from '@mikro-orm/postgresql';
import { domainError, ErrorCode } from '../../../common/errors';
import type { Context } from '../context';
import { Host } from '../entities/host';
import { HostRelation, type HostRelationKind } from '../entities/host-relation';
import { insertRelationUnlessPresent } from '../queries';
import { assertAllowed } from './permissions';
import { signHostToken, type IssuedHostToken } from './host-tokens';

/** The seed's 404 messages: the host in the path, or the other host named. */
export const NOT_FOUND_THIS = 'not found this';
export const NOT_FOUND_OTHER = 'not found other';

/** Registers a host with the seed's defaults: only friends, no nameless guests. */
export async function registerHost({ em }: Context): Promise<Host> {
  const host = em.create(Host, { onlyFriends: true, allowNonames: false });
  await em.flush();
  return host;
}

async function existingHost({ em }: Context, uuid: string): Promise<Host> {
  const host = await em.findOne(Host, { uuid });
  if (!host) throw domainError(ErrorCode.NotFound, NOT_FOUND_THIS);
  return host;
}

/** A host, for the holder of its own token; NOT_FOUND "not found this" when there is none. */
export async function hostForItself(context: Context, uuid: string): Promise<Host> {
  await assertAllowed(context, 'host:read', uuid);
  return existingHost(context, uuid);
}

/** A host token for an existing host: the seed's login by uuid, open to anyone who knows it. */
export async function issueHostToken(context: Context, uuid: string): Promise<IssuedHostToken> {
  const host = await existingHost(context, uuid);
  return signHostToken(host.uuid, context.settings.hostTokens);
}

/** A fresh token for the host of a valid one, while that host still exists. */
export async function renewHostToken(context: Context): Promise<IssuedHostToken> {
  const host = await existingHost(context, await assertAllowed(context, 'host:renewToken'));
  return signHostToken(host.uuid, context.settings.hostTokens);
}

export type HostSetting = 'onlyFriends' | 'allowNonames';

export async function setHostSetting(context: Context, uuid: string, setting: HostSetting, value: boolean): Promise<Host> {
  await assertAllowed(context, 'host:configure', uuid);
  const host = await existingHost(context, uuid);
  host[setting] = value;
  await context.em.flush();
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
export async function addRelation(context: Context, hostUuid: string, kind: HostRelationKind, otherUuid: string): Promise<Host> {
  await assertAllowed(context, 'host:manageRelations', hostUuid);
  const { em } = context;
  const host = await existingHost(context, hostUuid);
  if (host.uuid === otherUuid.toLowerCase()) throw domainError(ErrorCode.BadUserInput, RELATION_WORDS[kind].self);
  const other = await em.findOne(Host, { uuid: otherUuid });
  if (!other) throw domainError(ErrorCode.NotFound, NOT_FOUND_OTHER);
  let inserted: boolean;
  try {
    inserted = await insertRelationUnlessPresent(em, host.uuid, kind, other.uuid);
  } catch (error) {
    // One of the two hosts was deleted since it was read; a count asks the database, not the identity map.
    if (error instanceof ForeignKeyConstraintViolationException) {
      const hostGone = (await em.count(Host, { uuid: host.uuid })) === 0;
      throw domainError(ErrorCode.NotFound, hostGone ? NOT_FOUND_THIS : NOT_FOUND_OTHER);
    }
    throw error;
  }
  if (!inserted) throw domainError(ErrorCode.BadUserInput, RELATION_WORDS[kind].duplicate);
  return host;
}

/** Removes `other` from the host's friends or banlist; NOT_FOUND "not found other" when it is not there. */
export async function removeRelation(context: Context, hostUuid: string, kind: HostRelationKind, otherUuid: string): Promise<Host> {
  await assertAllowed(context, 'host:manageRelations', hostUuid);
  const host = await existingHost(context, hostUuid);
  const deleted = await context.em.nativeDelete(HostRelation, { hostUuid: host.uuid, kind, otherUuid });
  if (deleted === 0) throw domainError(ErrorCode.NotFound, NOT_FOUND_OTHER);
  return host;
}
