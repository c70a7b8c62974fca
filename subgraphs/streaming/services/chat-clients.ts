import { randomBytes } from 'node:crypto';
import type { EntityManager } from '@mikro-orm/postgresql';
import { domainError, ErrorCode } from '../../../common/errors';
import { loggableError } from '../../../common/loggable-error';
import type { Context } from '../context';
import { ChatClient } from '../entities/chat-client';
import {
  deleteExpiredChatClients,
  insertChatClients,
  liveChatClients,
  raiseViewerPeak,
  refreshChatClients,
  renameLiveChatClient,
  type ChatClientRow,
} from '../queries';
import { CHAT_TOPIC, clientTopic, newId, publish, type ChatEventPayload, type ChatEvents } from './chat-events';
import { checkName } from './chat-names';
import { assertAllowed } from './permissions';
import { publishStreamStatus } from './status-events';
import { notifyWebhooks } from './webhooks';

/**
 * The chat client registry: one streaming.chat_clients row per chatEvents
 * subscription or /entry guest, shared by every replica. A row is a viewer
 * while its replica (or, for guests, the gateway) keeps it fresh.
 */

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

/** Well within CLIENT_EXPIRY_SECONDS (queries.ts), after which a client not refreshed is gone. */
const HEARTBEAT_MS = 15_000;

function toClient(row: ChatClientRow): ChatClientRecord {
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
      if (this.clients.size > 0) await refreshChatClients(this.em, [...this.clients], false);
      if ((await deleteExpiredChatClients(this.em)) > 0) await publishStreamStatus(this.em, this.notifier);
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
        await insertChatClients(
          this.em,
          batch.map(({ client }) => ({
            id: client.id,
            user_agent: client.userAgent.slice(0, 512),
            ip_address: client.ipAddress.slice(0, 64),
            username: client.username,
            user_id: client.userId,
          })),
        );
        await raiseViewerPeak(this.em);
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

export function newClientId(): string {
  return randomBytes(16).toString('hex');
}

/**
 * A chatEvents subscription connects: a row (which makes it a viewer), the
 * session peak, USER_JOINED. Should a step after the insert fail, the row is
 * deleted again; the heartbeat keeps it only once every step succeeded.
 */
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
      .nativeDelete(ChatClient, { id })
      .catch((cleanup: unknown) => notifier.logger.warn({ err: { message: loggableError(cleanup).message } }, 'chat client row not removed; it expires'));
    throw error;
  }
  heartbeatOf(em, notifier).add(id);
  return id;
}

/** The subscription (or guest socket) ended: the row goes, and with it a viewer. Answers whether there was a row. */
export async function disconnectClient(em: EntityManager, notifier: ChatEvents, id: string): Promise<boolean> {
  heartbeatOf(em, notifier).remove(id);
  const removed = await em.nativeDelete(ChatClient, { id });
  if (removed > 0) void publishStreamStatus(em, notifier);
  return removed > 0;
}

/** O9 / O48: the clients connected to any replica, oldest first. */
export async function listChatClients(context: Context): Promise<ChatClientRecord[]> {
  await assertAllowed(context, 'chat:moderate');
  return (await liveChatClients(context.em)).map(toClient);
}

/** NAME_CHANGE: the client id (known only to its own subscription and the admin) is the credential. */
export async function renameChatClient(context: Context, clientId: string, rawName: string): Promise<ChatClientRecord> {
  const name = checkName(rawName, 'name');
  const row = await renameLiveChatClient(context.em, clientId, name);
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
  await publish(context, CHAT_TOPIC, changed);
  await publish(context, clientTopic(row.id), changed);
  await notifyWebhooks(context.em, context, 'NAME_CHANGE', {
    user: { displayName: name, previousNames: row.previous ? [row.previous] : [] },
    newName: name,
    timestamp: new Date().toISOString(),
  });
  return toClient(row);
}
