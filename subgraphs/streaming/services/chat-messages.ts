import type { EntityManager } from '@mikro-orm/postgresql';
import { domainError, ErrorCode } from '../../../common/errors';
import { MAX_EVENT_BYTES } from '../../../common/pubsub';
import type { Context } from '../context';
import { ChatMessage } from '../entities/chat-message';
import { insertChatMessage, setMessagesVisible } from '../queries';
import { renderChatBody } from './chat-body';
import { CHAT_TOPIC, newId, publish, type ChatEventPayload, type ChatEvents, type ChatMessageType } from './chat-events';
import { checkName } from './chat-names';
import { assertAllowed } from './permissions';
import { notifyWebhooks } from './webhooks';

/** O3 / O49: the visible messages of this window, at most HISTORY_LIMIT of the newest. */
const HISTORY_WINDOW_MS = 24 * 3_600_000;
const HISTORY_LIMIT = 100;
/** O13: every message, up to this many of the newest. */
const ALL_MESSAGES_LIMIT = 10_000;
/** Ids per VISIBILITY_UPDATE event (the broker takes payloads below 8000 bytes). */
const IDS_PER_EVENT = 100;
const MAX_IDS = 1000;

/** A message as resolvers see it (ChatMessage). */
export interface ChatMessageRecord {
  id: string;
  type: ChatMessageType;
  authorName: string | null;
  authorUserId: string | null;
  body: string;
  visible: boolean;
  timestamp: Date | string;
}

function toRecord(message: ChatMessage): ChatMessageRecord {
  return {
    id: message.id,
    type: message.type,
    authorName: message.authorName ?? null,
    authorUserId: message.authorUserId ?? null,
    body: message.body,
    visible: message.visible,
    timestamp: message.createdAt,
  };
}

/** A message id as newId makes them: 12 random bytes in URL-safe base64. */
const MESSAGE_ID = /^[A-Za-z0-9_-]{16}$/;

/** A caller-chosen message id (the REST layer's, derived from Idempotency-Key), or a new one. */
function messageIdOf(given: string | null | undefined): string {
  if (given === null || given === undefined) return newId();
  if (!MESSAGE_ID.test(given)) throw domainError(ErrorCode.BadUserInput, 'id must be 16 URL-safe base64 characters', { field: 'id' });
  return given;
}

interface NewMessage {
  /** Chosen by the caller so that a repeated post stores once (messageIdOf); else a new id. */
  id?: string;
  type: ChatMessageType;
  authorName: string | null;
  authorUserId: string | null;
  /** Markdown as sent. */
  body: string;
}

/** Whether a stored message is the one being posted again under its id. */
function samePost(stored: ChatMessageRecord, message: NewMessage, body: string): boolean {
  return stored.type === message.type && stored.authorName === message.authorName && stored.authorUserId === message.authorUserId && stored.body === body;
}

/**
 * Stores a message (server-assigned time; id chosen by the caller or new)
 * and publishes it. The message, its poster's message count and its CHAT
 * webhook deliveries commit together; after the commit only best-effort work
 * is left (waking the delivery worker, the chat event), so a fault there
 * cannot fail a message that was stored, and the answer does not wait for
 * the broker either: a slow or reconnecting broker must not hold a stored
 * post until its caller gives up and posts again. Events still leave in the
 * order the posts were stored (common/pubsub.ts sends them one by one).
 *
 * A post under an id already stored stores nothing: the same message answers
 * what was stored (its webhooks and event went out the first time), another
 * message is a CONFLICT. So a client, or the gateway, that did not learn
 * whether its post was stored can post it again without doubling it.
 */
export async function postMessage(em: EntityManager, notifier: ChatEvents, message: NewMessage): Promise<ChatMessageRecord> {
  const body = renderChatBody(message.body);
  const id = message.id ?? newId();
  const row = await insertChatMessage(em, { id, type: message.type, authorName: message.authorName, authorUserId: message.authorUserId, body });
  if (!row) {
    const stored = await em.findOne(ChatMessage, { id }, { disableIdentityMap: true });
    if (stored && samePost(toRecord(stored), message, body)) return toRecord(stored);
    throw domainError(ErrorCode.Conflict, 'A different message was already posted with this id', { field: 'id' });
  }
  if (row.queued > 0) notifier.background?.worker?.wake();
  const { timestamp } = row;
  const record: ChatMessageRecord = {
    id: row.id,
    type: row.type,
    authorName: row.author_name,
    authorUserId: row.author_user_id,
    body: row.body,
    visible: row.visible,
    timestamp: new Date(row.created_at),
  };
  const event: ChatEventPayload = { id: record.id, type: record.type, timestamp, message: { ...record, timestamp } };
  // Bodies are bounded so that this does not happen; should it, subscribers read the message by id.
  if (Buffer.byteLength(JSON.stringify({ topic: CHAT_TOPIC, payload: event })) > MAX_EVENT_BYTES) {
    event.message = { id: record.id } as ChatMessageRecord;
  }
  void publish(notifier, CHAT_TOPIC, event);
  return record;
}

/** sendChatMessage: a signed-in user (or an API key acting for one) posts as themselves. */
export async function sendChatMessage(context: Context, body: string): Promise<ChatMessageRecord> {
  const { username, userId } = await assertAllowed(context, 'chat:post');
  return postMessage(context.em, context, { type: 'CHAT', authorName: username, authorUserId: userId, body });
}

/** O39: an integration posts as the user it names. */
export async function sendIntegrationChatMessage(context: Context, user: string, body: string, id?: string | null): Promise<ChatMessageRecord> {
  await assertAllowed(context, 'chat:postAsIntegration');
  return postMessage(context.em, context, { id: messageIdOf(id), type: 'CHAT', authorName: checkName(user, 'user'), authorUserId: null, body });
}

/** O40: an integration posts a SYSTEM message. */
export async function sendSystemChatMessage(context: Context, body: string, id?: string | null): Promise<ChatMessageRecord> {
  await assertAllowed(context, 'chat:postSystem');
  return postMessage(context.em, context, { id: messageIdOf(id), type: 'SYSTEM', authorName: null, authorUserId: null, body });
}

/** O41: an integration posts an action, with or without an author. */
export async function sendChatAction(context: Context, body: string, author: string | null | undefined, id?: string | null): Promise<ChatMessageRecord> {
  await assertAllowed(context, 'chat:postAsIntegration');
  const authorName = author === null || author === undefined || author.trim() === '' ? null : checkName(author, 'author');
  return postMessage(context.em, context, { id: messageIdOf(id), type: 'CHAT_ACTION', authorName, authorUserId: null, body });
}

/** The visible messages of the recent window, oldest first. */
async function recentMessages(em: EntityManager): Promise<ChatMessageRecord[]> {
  const newest = await em.find(
    ChatMessage,
    { visible: true, createdAt: { $gt: new Date(Date.now() - HISTORY_WINDOW_MS) } },
    { orderBy: { seq: 'desc' }, limit: HISTORY_LIMIT, disableIdentityMap: true },
  );
  return newest.reverse().map(toRecord);
}

/** O3: the public chat history. */
export function readChatMessages(context: Context): Promise<ChatMessageRecord[]> {
  return recentMessages(context.em);
}

/** O49: the same history for a moderator. */
export async function readChatBacklog(context: Context): Promise<ChatMessageRecord[]> {
  await assertAllowed(context, 'chat:moderate');
  return recentMessages(context.em);
}

/** O13: every message, hidden ones too, oldest first. */
export async function readAllChatMessages(context: Context): Promise<ChatMessageRecord[]> {
  await assertAllowed(context, 'chat:readAll');
  const newest = await context.em.find(ChatMessage, {}, { orderBy: { seq: 'desc' }, limit: ALL_MESSAGES_LIMIT, disableIdentityMap: true });
  return newest.reverse().map(toRecord);
}

/**
 * Reads for chat events skip the identity map: a subscription's context
 * lives as long as the subscription, and a message it saw before may have
 * been hidden or shown since.
 */
const FRESH = { disableIdentityMap: true } as const;

/** A message of an event too large to carry it (the event then holds its id only). */
export async function messageById(context: Context, id: string): Promise<ChatMessageRecord | null> {
  const message = await context.em.findOne(ChatMessage, { id }, FRESH);
  return message ? toRecord(message) : null;
}

/** VISIBILITY_UPDATE's messages as stored now, in the event's order. */
export async function messagesByIds(context: Context, ids: readonly string[]): Promise<ChatMessageRecord[]> {
  if (ids.length === 0) return [];
  const found = await context.em.find(ChatMessage, { id: { $in: [...ids] } }, FRESH);
  const byId = new Map(found.map((message) => [message.id, toRecord(message)]));
  return ids.flatMap((id) => byId.get(id) ?? []);
}

/** O14 / O50: hides or shows the messages; unknown ids are ignored, and nothing is published when none matched. */
export async function setChatMessageVisibility(context: Context, ids: readonly string[], visible: boolean) {
  await assertAllowed(context, 'chat:moderate');
  const unique = [...new Set(ids.filter((id) => typeof id === 'string' && id !== ''))];
  if (unique.length > MAX_IDS) throw domainError(ErrorCode.BadUserInput, `at most ${MAX_IDS} ids at once`, { field: 'idArray' });
  if (unique.length === 0) return { success: true, message: 'changed visibility of 0 messages' };
  const changed = await setMessagesVisible(context.em, unique, visible);
  const timestamp = new Date().toISOString();
  for (let start = 0; start < changed.length; start += IDS_PER_EVENT) {
    await publish(context, CHAT_TOPIC, {
      id: newId(),
      type: 'VISIBILITY_UPDATE',
      timestamp,
      messageIds: changed.slice(start, start + IDS_PER_EVENT),
      visible,
    } satisfies ChatEventPayload);
  }
  if (changed.length > 0) await notifyWebhooks(context.em, context, 'VISIBILITY-UPDATE', { ids: changed, visible, timestamp });
  return { success: true, message: `changed visibility of ${changed.length} messages` };
}
