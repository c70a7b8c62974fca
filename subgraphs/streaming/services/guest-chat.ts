import { randomBytes } from 'node:crypto';
import type { EntityManager } from '@mikro-orm/postgresql';
import { domainError, ErrorCode } from '../../../common/errors';
import type { Principal } from '../../../common/principal';
import {
  CHAT_TOPIC,
  checkName,
  disconnectClient,
  newId,
  notifyWebhooks,
  postMessage,
  publish,
  publishStreamStatus,
  registerClient,
  type ChatEventPayload,
  type ChatEvents,
  toMessage,
  type ChatMessageRecord,
  type MessageRow,
} from './chat';
import { LIVE_CLIENT, readStreamStatus } from './stream-state';

/**
 * Guests of Owncast 0.0.7's chat socket (`/entry` on the gateway): one guest
 * per socket, in the same streaming.chat_clients table as the chatEvents
 * subscriptions, so O2's viewer count and O9's client list include them. The
 * gateway holds the sockets, so it keeps their rows live (refreshGuests, as a
 * replica's heartbeat does for its subscriptions); the rows of a gateway that
 * died expire like those of a stopped replica. As in Owncast, a guest's name
 * is whatever its socket last sent; unlike Owncast, names and bodies are
 * checked like every other chat input (docs/DECISIONS.md).
 */

/** Only the gateway, which holds the /entry sockets and speaks for them, may act for guests. */
export function requireGateway(principal: Principal): void {
  if (principal.kind !== 'service' || principal.service !== 'gateway') throw domainError(ErrorCode.Forbidden, 'Not available');
}

/** Ids per refresh: the gateway sends all of its guests at once. */
const MAX_REFRESH_IDS = 100_000;

export async function connectGuest(
  em: EntityManager,
  notifier: ChatEvents,
  guest: { userAgent: string; ipAddress: string; name?: string | null },
): Promise<string> {
  const id = randomBytes(16).toString('hex');
  await registerClient(em, {
    id,
    userAgent: guest.userAgent,
    ipAddress: guest.ipAddress,
    username: fitsNameRules(guest.name) ? guest.name!.trim() : null,
    userId: null,
  });
  await publishStreamStatus(em, notifier);
  return id;
}

export async function refreshGuests(em: EntityManager, clientIds: readonly string[]): Promise<string[]> {
  if (clientIds.length > MAX_REFRESH_IDS) throw domainError(ErrorCode.BadUserInput, `at most ${MAX_REFRESH_IDS} ids at once`, { field: 'clientIds' });
  if (clientIds.length === 0) return [];
  const rows = await em
    .getConnection()
    .execute<{ id: string }[]>(
      `update streaming.chat_clients set last_seen_at = now() where id in (select jsonb_array_elements_text(?::jsonb)) and ${LIVE_CLIENT} returning id`,
      [JSON.stringify(clientIds)],
    );
  return rows.map((row) => row.id);
}

export async function disconnectGuest(em: EntityManager, notifier: ChatEvents, clientId: string): Promise<boolean> {
  const [row] = await em.getConnection().execute<{ n: number }[]>(`select count(*)::int as n from streaming.chat_clients where id = ?`, [clientId]);
  await disconnectClient(em, notifier, clientId);
  return Number(row?.n ?? 0) > 0;
}

/** The live guest's row takes the name (and counts a message); a guest that is gone changes nothing. */
async function nameGuest(em: EntityManager, clientId: string | null | undefined, name: string, countMessage: boolean): Promise<void> {
  if (!clientId) return;
  await em.getConnection().execute(
    `update streaming.chat_clients set username = ?${countMessage ? ', message_count = message_count + 1' : ''}
     where id = ? and user_id is null and ${LIVE_CLIENT} returning id`,
    [name, clientId],
  );
}

export async function sendGuestMessage(
  em: EntityManager,
  notifier: ChatEvents,
  message: { clientId?: string | null; author: string; body: string },
): Promise<ChatMessageRecord> {
  const author = checkName(message.author, 'author');
  // Stored and published exactly as an integration's message (O39) is.
  const record = await postMessage(em, notifier, { type: 'CHAT', authorName: author, authorUserId: null, body: message.body });
  await nameGuest(em, message.clientId, author, true);
  return record;
}

export async function announceGuestJoin(em: EntityManager, notifier: ChatEvents, guest: { clientId?: string | null; name: string }): Promise<boolean> {
  const name = checkName(guest.name, 'name');
  await nameGuest(em, guest.clientId, name, false);
  // Owncast 0.0.7 drops a join while the stream is offline.
  if (!(await readStreamStatus(em)).online) return false;
  const timestamp = new Date().toISOString();
  await publish(notifier, CHAT_TOPIC, { id: newId(), type: 'USER_JOINED', timestamp, displayName: name } satisfies ChatEventPayload);
  await notifyWebhooks(em, notifier, 'USER_JOINED', { user: { displayName: name }, timestamp });
  return true;
}

export async function renameGuest(
  em: EntityManager,
  notifier: ChatEvents,
  guest: { clientId?: string | null; previousName?: string | null; name: string },
): Promise<boolean> {
  const name = checkName(guest.name, 'name');
  // The gateway passes the name it last saw from the socket; one that breaks the name rules is not shown.
  const previousName = fitsNameRules(guest.previousName) ? guest.previousName!.trim() : null;
  await nameGuest(em, guest.clientId, name, false);
  const timestamp = new Date().toISOString();
  await publish(notifier, CHAT_TOPIC, { id: newId(), type: 'NAME_CHANGE', timestamp, displayName: name, previousName } satisfies ChatEventPayload);
  await notifyWebhooks(em, notifier, 'NAME_CHANGE', {
    user: { displayName: name, previousNames: previousName ? [previousName] : [] },
    newName: name,
    timestamp,
  });
  return true;
}

function fitsNameRules(name: string | null | undefined): boolean {
  if (!name) return false;
  try {
    checkName(name, 'previousName');
    return true;
  } catch {
    return false;
  }
}

/** VISIBILITY_UPDATE's messages as stored now, in the event's order. */
export async function messagesByIds(em: EntityManager, ids: readonly string[]): Promise<ChatMessageRecord[]> {
  if (ids.length === 0) return [];
  const rows = await em.getConnection().execute<MessageRow[]>(
    `select id, type, author_name, author_user_id, body, visible, created_at from streaming.chat_messages
     where id in (select jsonb_array_elements_text(?::jsonb))`,
    [JSON.stringify(ids)],
  );
  const byId = new Map(rows.map((row) => [row.id, toMessage(row)]));
  return ids.flatMap((id) => byId.get(id) ?? []);
}
