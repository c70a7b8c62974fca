import { randomBytes } from 'node:crypto';
import type { EntityManager } from '@mikro-orm/postgresql';
import MarkdownIt from 'markdown-it';
import sanitizeHtml from 'sanitize-html';
import { domainError, ErrorCode } from '../../../common/errors';
import type { Logger } from '../../../common/logger';
import type { DeliveryWorker } from '../../../common/outbound/worker';
import { MAX_EVENT_BYTES, type PubSub } from '../../../common/pubsub';
import { LIVE_CLIENT, readStreamStatus, recordViewerPeak, type StreamStatus } from './stream-state';
import { queueWebhooks, queueWebhooksIn, type WebhookEvent } from './webhooks';
import { loggableError } from '../../../common/loggable-error';

/**
 * Owncast chat (seed 002): messages in streaming.chat_messages, events on the
 * `chat` topic of common/pubsub.ts. An event carries the whole message (a
 * body is at most MAX_BODY_CHARACTERS, so it fits the broker's payload
 * limit), so a thousand subscribers do not mean a thousand reads.
 */
export const CHAT_TOPIC = 'chat';
export const STREAM_STATUS_TOPIC = 'stream-status';
/**
 * One chat client's own copy of its USER_JOINED and NAME_CHANGE (the one
 * that shows its clientId): a subscriber in a shared group gets it on its
 * member subscription, without every other event passing by.
 */
export const clientTopic = (clientId: string): string => `chat-client:${clientId}`;
/** Viewer-count changes within this window are announced once, with the latest status (a burst of joins is one event). */
const STATUS_COALESCE_MS = 200;

export const MAX_BODY_CHARACTERS = 500;
export const MAX_NAME_CHARACTERS = 30;
/** O3 / O49: the visible messages of this window, at most HISTORY_LIMIT of the newest. */
const HISTORY_WINDOW = '1 day';
const HISTORY_LIMIT = 100;
/** O13: every message, up to this many of the newest. */
const ALL_MESSAGES_LIMIT = 10_000;
/** Ids per VISIBILITY_UPDATE event (the broker takes payloads below 8000 bytes). */
const IDS_PER_EVENT = 100;
const MAX_IDS = 1000;

export type ChatMessageType = 'CHAT' | 'SYSTEM' | 'CHAT_ACTION';
export type ChatEventType = ChatMessageType | 'USER_JOINED' | 'NAME_CHANGE' | 'VISIBILITY_UPDATE';

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

/** What travels on the chat topic; ChatEvent's resolvers read it. */
export interface ChatEventPayload {
  id: string;
  type: ChatEventType;
  timestamp: string;
  message?: ChatMessageRecord;
  displayName?: string | null;
  previousName?: string | null;
  userId?: string | null;
  /** The client of USER_JOINED / NAME_CHANGE: shown only to that client's own subscription. */
  clientId?: string;
  messageIds?: string[];
  visible?: boolean;
  /** Set per subscription (not on the wire): the subscriber's own client id. */
  self?: string;
}

export interface ChatClientRecord {
  clientId: string;
  connectedAt: Date;
  messageCount: number;
  userAgent: string;
  ipAddress: string;
  username: string | null;
}

export interface UserRef {
  id: string;
}

const markdown = new MarkdownIt({ html: false, linkify: true, breaks: true });

const SANITIZE: sanitizeHtml.IOptions = {
  allowedTags: ['p', 'br', 'strong', 'em', 'del', 's', 'code', 'pre', 'blockquote', 'ul', 'ol', 'li', 'a'],
  allowedAttributes: { a: ['href', 'rel', 'target'] },
  allowedSchemes: ['http', 'https', 'mailto'],
  allowProtocolRelative: false,
  transformTags: {
    a: (tagName, attribs) => ({ tagName, attribs: { href: attribs.href ?? '', rel: 'nofollow noopener noreferrer', target: '_blank' } }),
  },
};

/**
 * Markdown to sanitized HTML: raw HTML in the source is escaped (markdown-it
 * with html: false), then only SANITIZE's tags survive and links get rel and
 * target. BAD_USER_INPUT when empty or longer than MAX_BODY_CHARACTERS.
 */
export function renderChatBody(source: string): string {
  const text = source.trim();
  if (text === '') throw domainError(ErrorCode.BadUserInput, 'body must not be empty', { field: 'body' });
  if ([...text].length > MAX_BODY_CHARACTERS) {
    throw domainError(ErrorCode.BadUserInput, `body is longer than ${MAX_BODY_CHARACTERS} characters`, { field: 'body' });
  }
  return sanitizeHtml(markdown.render(text), SANITIZE).trim();
}

/** Names are shown as text: trimmed, bounded, never empty. */
export function checkName(raw: string, field: string): string {
  const name = raw.trim();
  if (name === '') throw domainError(ErrorCode.BadUserInput, `${field} must not be empty`, { field });
  if ([...name].length > MAX_NAME_CHARACTERS) {
    throw domainError(ErrorCode.BadUserInput, `${field} is longer than ${MAX_NAME_CHARACTERS} characters`, { field });
  }
  return name;
}

export function newId(): string {
  return randomBytes(12).toString('base64url');
}

/** A message id as newId makes them: 12 random bytes in URL-safe base64. */
const MESSAGE_ID = /^[A-Za-z0-9_-]{16}$/;

/** A caller-chosen message id (sendIntegrationChatMessage's `id`), or a new one. */
export function messageIdOf(given: string | null | undefined): string {
  if (given === null || given === undefined) return newId();
  if (!MESSAGE_ID.test(given)) throw domainError(ErrorCode.BadUserInput, 'id must be 16 URL-safe base64 characters', { field: 'id' });
  return given;
}

export interface MessageRow {
  id: string;
  type: ChatMessageType;
  author_name: string | null;
  author_user_id: string | null;
  body: string;
  visible: boolean;
  created_at: Date;
}

export function toMessage(row: MessageRow): ChatMessageRecord {
  return {
    id: row.id,
    type: row.type,
    authorName: row.author_name,
    authorUserId: row.author_user_id,
    body: row.body,
    visible: row.visible,
    timestamp: new Date(row.created_at),
  };
}

export interface ChatEvents {
  events: PubSub;
  logger: Logger;
  /** This replica's webhook delivery worker, woken when an event is queued. */
  settings?: { runtime: { worker?: DeliveryWorker } };
}

/** Queues an Owncast webhook event (O45–O47) for the webhooks that asked for it. */
export function notifyWebhooks(em: EntityManager, notifier: ChatEvents, event: WebhookEvent, eventData: Record<string, unknown>): Promise<void> {
  return queueWebhooks({ em, logger: notifier.logger, worker: notifier.settings?.runtime.worker }, event, eventData);
}

/** Events follow committed writes; a lost event must not fail the write that happened. */
export async function publish(notifier: ChatEvents, topic: string, payload: unknown): Promise<void> {
  await notifier.events.publish(topic, payload).catch((error: Error) => {
    notifier.logger.error({ err: { message: loggableError(error).message }, topic }, 'chat event not published');
  });
}

/**
 * What travels on the stream-status topic: the status itself, so subscribers
 * do not each read it; `{}` only if it were too large for the broker (a very
 * long title), and then subscribers read it.
 */
export type StreamStatusPayload = StreamStatus | { online?: undefined };

/** Reads the stream status once and publishes it to every Subscription.streamStatus subscriber. */
async function publishStreamStatusNow(em: EntityManager, notifier: ChatEvents): Promise<void> {
  let status: StreamStatusPayload;
  try {
    status = await readStreamStatus(em);
  } catch (error) {
    notifier.logger.error({ err: { message: loggableError(error).message } }, 'stream status not read for its event');
    return;
  }
  const fits = Buffer.byteLength(JSON.stringify({ topic: STREAM_STATUS_TOPIC, payload: status })) <= MAX_EVENT_BYTES;
  await publish(notifier, STREAM_STATUS_TOPIC, fits ? status : {});
}

/** Per event broker (one per process, or per in-process replica in tests): the status publication waiting to go. */
const pendingStatus = new WeakMap<PubSub, Promise<void>>();

/**
 * Announces the stream status soon: every change within STATUS_COALESCE_MS
 * is one event carrying the status read at the end of the window, so N
 * joins cost one status read and one delivery per subscriber, not N.
 * REST and GraphQL queries read the database and stay exact.
 */
export function publishStreamStatus(em: EntityManager, notifier: ChatEvents): Promise<void> {
  const pending = pendingStatus.get(notifier.events);
  if (pending) return pending;
  const later = em.fork();
  const scheduled = new Promise<void>((resolve) => {
    const timer = setTimeout(() => {
      pendingStatus.delete(notifier.events);
      void publishStreamStatusNow(later, notifier).finally(resolve);
    }, STATUS_COALESCE_MS);
    timer.unref();
  });
  pendingStatus.set(notifier.events, scheduled);
  return scheduled;
}

export interface NewMessage {
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
  const outcome = await em.transactional(async (tx) => {
    // On a concurrent post of the same id this waits for that one's commit, then stores nothing.
    const [row] = await tx.execute<MessageRow[]>(
      `insert into streaming.chat_messages (id, type, author_name, author_user_id, body) values (?, ?, ?, ?, ?)
       on conflict (id) do nothing
       returning id, type, author_name, author_user_id, body, visible, created_at`,
      [id, message.type, message.authorName, message.authorUserId, body],
    );
    if (!row) {
      const [existing] = await tx.execute<MessageRow[]>(
        `select id, type, author_name, author_user_id, body, visible, created_at from streaming.chat_messages where id = ?`,
        [id],
      );
      return { repeated: existing ? toMessage(existing) : null };
    }
    const stored = toMessage(row);
    // Counted for the signed-in poster's own clients only: display names are not unique, and
    // integration / system / action messages belong to no client (docs/DECISIONS.md).
    if (stored.type === 'CHAT' && stored.authorUserId) {
      await tx.execute(`update streaming.chat_clients set message_count = message_count + 1 where user_id = ?::uuid and ${LIVE_CLIENT} returning id`, [
        stored.authorUserId,
      ]);
    }
    const deliveries = await queueWebhooksIn(tx, 'CHAT', {
      user: { displayName: stored.authorName },
      body: stored.body,
      id: stored.id,
      timestamp: new Date(stored.timestamp).toISOString(),
      visible: stored.visible,
      type: stored.type,
    });
    return { record: stored, queued: deliveries };
  });
  if ('repeated' in outcome) {
    const { repeated } = outcome;
    if (repeated && samePost(repeated, message, body)) return repeated;
    throw domainError(ErrorCode.Conflict, 'A different message was already posted with this id', { field: 'id' });
  }
  const { record, queued } = outcome;
  if (queued > 0) notifier.settings?.runtime.worker?.wake();
  const timestamp = new Date(record.timestamp).toISOString();
  const event: ChatEventPayload = { id: record.id, type: record.type, timestamp, message: { ...record, timestamp } };
  // Bodies are bounded so that this does not happen; should it, subscribers read the message by id.
  if (Buffer.byteLength(JSON.stringify({ topic: CHAT_TOPIC, payload: event })) > MAX_EVENT_BYTES) {
    event.message = { id: record.id } as ChatMessageRecord;
  }
  void publish(notifier, CHAT_TOPIC, event);
  return record;
}

/** O3 / O49: the visible messages of the recent window, oldest first. */
export async function recentMessages(em: EntityManager): Promise<ChatMessageRecord[]> {
  const rows = await em.getConnection().execute<MessageRow[]>(
    `select * from (
       select seq, id, type, author_name, author_user_id, body, visible, created_at from streaming.chat_messages
       where visible and created_at > now() - interval '${HISTORY_WINDOW}' order by seq desc limit ${HISTORY_LIMIT}
     ) recent order by seq`,
  );
  return rows.map(toMessage);
}

/** O13: every message, hidden ones too, oldest first. */
export async function allMessages(em: EntityManager): Promise<ChatMessageRecord[]> {
  const rows = await em.getConnection().execute<MessageRow[]>(
    `select * from (
       select seq, id, type, author_name, author_user_id, body, visible, created_at from streaming.chat_messages
       order by seq desc limit ${ALL_MESSAGES_LIMIT}
     ) newest order by seq`,
  );
  return rows.map(toMessage);
}

/** A message of an event too large to carry it (the event then holds its id only). */
export async function messageById(em: EntityManager, id: string): Promise<ChatMessageRecord | null> {
  const [row] = await em
    .getConnection()
    .execute<MessageRow[]>(`select id, type, author_name, author_user_id, body, visible, created_at from streaming.chat_messages where id = ?`, [id]);
  return row ? toMessage(row) : null;
}

/** O14 / O50: hides or shows the messages; unknown ids are ignored, and nothing is published when none matched. */
export async function setVisibility(em: EntityManager, notifier: ChatEvents, ids: readonly string[], visible: boolean) {
  const unique = [...new Set(ids.filter((id) => typeof id === 'string' && id !== ''))];
  if (unique.length > MAX_IDS) throw domainError(ErrorCode.BadUserInput, `at most ${MAX_IDS} ids at once`, { field: 'idArray' });
  if (unique.length === 0) return { success: true, message: 'changed visibility of 0 messages' };
  const rows = await em
    .getConnection()
    .execute<{ id: string }[]>(`update streaming.chat_messages set visible = ? where id in (select jsonb_array_elements_text(?::jsonb)) returning id`, [
      visible,
      JSON.stringify(unique),
    ]);
  const changed = rows.map((row) => row.id);
  const timestamp = new Date().toISOString();
  for (let start = 0; start < changed.length; start += IDS_PER_EVENT) {
    await publish(notifier, CHAT_TOPIC, {
      id: newId(),
      type: 'VISIBILITY_UPDATE',
      timestamp,
      messageIds: changed.slice(start, start + IDS_PER_EVENT),
      visible,
    } satisfies ChatEventPayload);
  }
  if (changed.length > 0) await notifyWebhooks(em, notifier, 'VISIBILITY-UPDATE', { ids: changed, visible, timestamp });
  return { success: true, message: `changed visibility of ${changed.length} messages` };
}

// ---------------------------------------------------------------------------
// Chat clients: one row per chatEvents subscription, shared by every replica

/** Well within CLIENT_EXPIRY_SECONDS (services/stream-state.ts), after which a client not refreshed is gone. */
const HEARTBEAT_MS = 15_000;
const LIVE = LIVE_CLIENT;

interface ClientRow {
  id: string;
  connected_at: Date;
  message_count: number;
  user_agent: string;
  ip_address: string;
  username: string | null;
  user_id: string | null;
}

function toClient(row: ClientRow): ChatClientRecord {
  return {
    clientId: row.id,
    // Raw queries return timestamptz as text.
    connectedAt: new Date(row.connected_at),
    messageCount: row.message_count,
    userAgent: row.user_agent,
    ipAddress: row.ip_address,
    username: row.username,
  };
}

/**
 * The heartbeat of one replica (one database connection pool): every
 * HEARTBEAT_MS it refreshes its clients' rows in one statement and removes
 * rows that expired (clients of replicas that stopped), telling status
 * subscribers. The viewer count is derived from live rows, so it is right
 * without this; rows are also swept by every replica's viewer sampler.
 */
class Heartbeat {
  readonly clients = new Set<string>();
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly em: EntityManager,
    private readonly notifier: ChatEvents,
  ) {}

  add(id: string): void {
    this.clients.add(id);
    if (!this.timer) {
      this.timer = setInterval(() => void this.beat(), HEARTBEAT_MS);
      this.timer.unref();
    }
  }

  remove(id: string): void {
    this.clients.delete(id);
    if (this.clients.size === 0 && this.timer) {
      clearInterval(this.timer);
      this.timer = undefined;
    }
  }

  private async beat(): Promise<void> {
    try {
      const connection = this.em.getConnection();
      if (this.clients.size > 0) {
        await connection.execute(
          `update streaming.chat_clients set last_seen_at = now() where id in (select jsonb_array_elements_text(?::jsonb)) returning id`,
          [JSON.stringify([...this.clients])],
        );
      }
      const expired = await connection.execute<{ id: string }[]>(`delete from streaming.chat_clients where not (${LIVE}) returning id`);
      if (expired.length > 0) await publishStreamStatus(this.em, this.notifier);
    } catch (error) {
      this.notifier.logger.warn({ err: { message: (error as Error).message } }, 'chat client heartbeat failed');
    }
  }
}

/** One heartbeat per connection pool: in-process replicas (tests) each keep their own. */
const heartbeats = new WeakMap<object, Heartbeat>();

function heartbeatOf(em: EntityManager, notifier: ChatEvents): Heartbeat {
  const key = em.getConnection();
  let heartbeat = heartbeats.get(key);
  if (!heartbeat) {
    heartbeat = new Heartbeat(em.fork(), notifier);
    heartbeats.set(key, heartbeat);
  }
  return heartbeat;
}

export interface NewClient {
  /** Chosen by the caller, so that it can listen on clientTopic(id) before USER_JOINED goes out. */
  id: string;
  userAgent: string;
  ipAddress: string;
  /** Null for an /entry guest that has not sent a name yet. */
  username: string | null;
  userId: string | null;
}

/** Rows one registration statement inserts at most. */
const MAX_REGISTRATION_BATCH = 500;

/**
 * Chat client rows registered together. A join inserts its row and then
 * raises the session's viewer peak, which counts the live rows; a thousand
 * viewers arriving at once would count a thousand times. Here the joins that
 * arrive while a registration is running wait for it and are inserted by the
 * next one, in one statement, followed by one peak update. The peak stays
 * exact: the count only ever rises by an insert, and each insert is followed
 * by a count that sees it (after its commit, so it also sees other replicas').
 */
class ClientRegistrations {
  private waiting: { client: NewClient; settle: (error?: unknown) => void }[] = [];
  private running = false;

  constructor(private readonly em: EntityManager) {}

  register(client: NewClient): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      this.waiting.push({ client, settle: (error) => (error === undefined ? resolve() : reject(error)) });
      if (!this.running) void this.run();
    });
  }

  private async run(): Promise<void> {
    this.running = true;
    while (this.waiting.length > 0) {
      const batch = this.waiting.splice(0, MAX_REGISTRATION_BATCH);
      let failure: unknown;
      try {
        const rows = batch.map(({ client }) => ({
          id: client.id,
          user_agent: client.userAgent.slice(0, 512),
          ip_address: client.ipAddress.slice(0, 64),
          username: client.username,
          user_id: client.userId,
        }));
        await this.em.getConnection().execute(
          `insert into streaming.chat_clients (id, user_agent, ip_address, username, user_id)
           select id, user_agent, ip_address, username, user_id from jsonb_populate_recordset(null::streaming.chat_clients, ?::jsonb) returning id`,
          [JSON.stringify(rows)],
        );
        await recordViewerPeak(this.em);
      } catch (error) {
        failure = error ?? new Error('chat client not registered');
      }
      for (const item of batch) item.settle(failure);
    }
    this.running = false;
  }
}

/** One registration queue per connection pool, as for the heartbeat. */
const registrations = new WeakMap<object, ClientRegistrations>();

/** Inserts a chat client's row (it is a viewer from now on) and raises the viewer peak, batched with concurrent joins. */
export function registerClient(em: EntityManager, client: NewClient): Promise<void> {
  const key = em.getConnection();
  let queue = registrations.get(key);
  if (!queue) {
    queue = new ClientRegistrations(em.fork());
    registrations.set(key, queue);
  }
  return queue.register(client);
}

/**
 * A chatEvents subscription connects: a row (which makes it a viewer), the
 * session peak, USER_JOINED. Should a step after the insert fail, the row is
 * deleted again; the heartbeat keeps it only once every step succeeded.
 */
export function newClientId(): string {
  return randomBytes(16).toString('hex');
}

export async function connectClient(em: EntityManager, notifier: ChatEvents, client: NewClient & { username: string }): Promise<string> {
  const { id } = client;
  try {
    await registerClient(em, client);
    const joined: ChatEventPayload = {
      id: newId(),
      type: 'USER_JOINED',
      timestamp: new Date().toISOString(),
      displayName: client.username,
      userId: client.userId,
      clientId: id,
    };
    await publish(notifier, CHAT_TOPIC, joined);
    await publish(notifier, clientTopic(id), joined);
    await notifyWebhooks(em, notifier, 'USER_JOINED', { user: { displayName: client.username }, timestamp: new Date().toISOString() });
    // Coalesced with other joins: the subscribe does not wait for it.
    void publishStreamStatus(em, notifier);
  } catch (error) {
    await em
      .getConnection()
      .execute(`delete from streaming.chat_clients where id = ? returning id`, [id])
      .catch((cleanup: Error) => notifier.logger.warn({ err: { message: cleanup.message } }, 'chat client row not removed; it expires'));
    throw error;
  }
  heartbeatOf(em, notifier).add(id);
  return id;
}

/** The subscription ended: the row goes, and with it a viewer. */
export async function disconnectClient(em: EntityManager, notifier: ChatEvents, id: string): Promise<void> {
  heartbeatOf(em, notifier).remove(id);
  const removed = await em.getConnection().execute<{ id: string }[]>(`delete from streaming.chat_clients where id = ? returning id`, [id]);
  if (removed.length > 0) void publishStreamStatus(em, notifier);
}

/** O9 / O48: the clients connected to any replica, oldest first. */
export async function listClients(em: EntityManager): Promise<ChatClientRecord[]> {
  const rows = await em.getConnection().execute<ClientRow[]>(
    `select id, connected_at, message_count, user_agent, ip_address, username, user_id from streaming.chat_clients
     where ${LIVE} order by connected_at, id`,
  );
  return rows.map(toClient);
}

/** NAME_CHANGE: the client id (known only to its own subscription and the admin) is the credential. */
export async function renameClient(em: EntityManager, notifier: ChatEvents, clientId: string, rawName: string): Promise<ChatClientRecord> {
  const name = checkName(rawName, 'name');
  const rows = await em.getConnection().execute<(ClientRow & { previous: string | null })[]>(
    `with previous as (select id, username from streaming.chat_clients where id = ? and ${LIVE} for update)
     update streaming.chat_clients c set username = ? from previous where c.id = previous.id
     returning c.id, c.connected_at, c.message_count, c.user_agent, c.ip_address, c.username, c.user_id, previous.username as previous`,
    [clientId, name],
  );
  const row = rows[0];
  if (!row) throw domainError(ErrorCode.NotFound, 'no such chat client');
  const changed: ChatEventPayload = {
    id: newId(),
    type: 'NAME_CHANGE',
    timestamp: new Date().toISOString(),
    displayName: name,
    previousName: row.previous,
    userId: row.user_id,
    clientId: row.id,
  };
  await publish(notifier, CHAT_TOPIC, changed);
  await publish(notifier, clientTopic(row.id), changed);
  await notifyWebhooks(em, notifier, 'NAME_CHANGE', {
    user: { displayName: name, previousNames: row.previous ? [row.previous] : [] },
    newName: name,
    timestamp: new Date().toISOString(),
  });
  return toClient(row);
}

/** An anonymous client without a name gets one. */
export function guestName(): string {
  return `guest-${randomBytes(3).toString('hex')}`;
}
