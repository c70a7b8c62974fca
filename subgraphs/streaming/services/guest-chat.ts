import { domainError, ErrorCode } from '../../../common/errors';
import type { Context } from '../context';
import { nameLiveGuest, refreshChatClients } from '../queries';
import { CHAT_TOPIC, newId, publish, type ChatEventPayload } from './chat-events';
import { disconnectClient, newClientId, registerClient } from './chat-clients';
import { postMessage, type ChatMessageRecord } from './chat-messages';
import { checkName, nameIfValid } from './chat-names';
import { assertAllowed } from './permissions';
import { publishStreamStatus } from './status-events';
import { readStreamStatus } from './stream-state';
import { notifyWebhooks } from './webhooks';

/**
 * Guests of Owncast 0.0.7's chat socket (`/entry` on the gateway): one guest
 * per socket, in the same streaming.chat_clients table as the chatEvents
 * subscriptions, so O2's viewer count and O9's client list include them. The
 * gateway holds the sockets, so it keeps their rows live (refreshGuests, as a
 * replica's heartbeat does for its subscriptions); the rows of a gateway that
 * died expire like those of a stopped replica. As in Owncast, a guest's name
 * is whatever its socket last sent; unlike Owncast, names and bodies are
 * checked like every other chat input (docs/DECISIONS.md). Only the gateway
 * acts for guests ('chat:actForGuests').
 */

/** Ids per refresh: the gateway sends all of its guests at once. */
const MAX_REFRESH_IDS = 100_000;

export async function connectGuest(context: Context, guest: { userAgent: string; ipAddress: string; name?: string | null }): Promise<string> {
  await assertAllowed(context, 'chat:actForGuests');
  const id = newClientId();
  await registerClient(context.em, { id, userAgent: guest.userAgent, ipAddress: guest.ipAddress, username: nameIfValid(guest.name), userId: null });
  // The viewer count is announced for all joins of the next moment at once (status-events.ts); the connect does not wait for it.
  void publishStreamStatus(context.em, context);
  return id;
}

/** The gateway's heartbeat for its guests; answers the ids that are still live. */
export async function refreshGuests(context: Context, clientIds: readonly string[]): Promise<string[]> {
  await assertAllowed(context, 'chat:actForGuests');
  if (clientIds.length > MAX_REFRESH_IDS) throw domainError(ErrorCode.BadUserInput, `at most ${MAX_REFRESH_IDS} ids at once`, { field: 'clientIds' });
  if (clientIds.length === 0) return [];
  return refreshChatClients(context.em, clientIds, true);
}

export async function disconnectGuest(context: Context, clientId: string): Promise<boolean> {
  await assertAllowed(context, 'chat:actForGuests');
  return disconnectClient(context.em, context, clientId);
}

/** The live guest's row takes the name (and counts a message); a guest that is gone changes nothing. */
async function nameGuest(context: Context, clientId: string | null | undefined, name: string, countMessage: boolean): Promise<void> {
  if (clientId) await nameLiveGuest(context.em, clientId, name, countMessage);
}

export async function sendGuestMessage(context: Context, message: { clientId?: string | null; author: string; body: string }): Promise<ChatMessageRecord> {
  await assertAllowed(context, 'chat:actForGuests');
  const author = checkName(message.author, 'author');
  // Stored and published exactly as an integration's message (O39) is.
  const record = await postMessage(context.em, context, { type: 'CHAT', authorName: author, authorUserId: null, body: message.body });
  await nameGuest(context, message.clientId, author, true);
  return record;
}

export async function announceGuestJoin(context: Context, guest: { clientId?: string | null; name: string }): Promise<boolean> {
  await assertAllowed(context, 'chat:actForGuests');
  const name = checkName(guest.name, 'name');
  await nameGuest(context, guest.clientId, name, false);
  // Owncast 0.0.7 drops a join while the stream is offline.
  if (!(await readStreamStatus(context.em)).online) return false;
  const timestamp = new Date().toISOString();
  await publish(context, CHAT_TOPIC, { id: newId(), type: 'USER_JOINED', timestamp, displayName: name } satisfies ChatEventPayload);
  await notifyWebhooks(context.em, context, 'USER_JOINED', { user: { displayName: name }, timestamp });
  return true;
}

export async function renameGuest(context: Context, guest: { clientId?: string | null; previousName?: string | null; name: string }): Promise<boolean> {
  await assertAllowed(context, 'chat:actForGuests');
  const name = checkName(guest.name, 'name');
  // The gateway passes the name it last saw from the socket; one that breaks the name rules is not shown.
  const previousName = nameIfValid(guest.previousName);
  await nameGuest(context, guest.clientId, name, false);
  const timestamp = new Date().toISOString();
  await publish(context, CHAT_TOPIC, { id: newId(), type: 'NAME_CHANGE', timestamp, displayName: name, previousName } satisfies ChatEventPayload);
  await notifyWebhooks(context.em, context, 'NAME_CHANGE', {
    user: { displayName: name, previousNames: previousName ? [previousName] : [] },
    newName: name,
    timestamp,
  });
  return true;
}
