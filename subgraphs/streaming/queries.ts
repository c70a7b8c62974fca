import type { EntityManager } from '@mikro-orm/postgresql';

/**
 * The streaming subgraph's hand-written SQL: only statements the ORM cannot
 * say as well. Everything else goes through the entities. (The delivery
 * engine, common/outbound/worker.ts, claims webhook_actions rows with its own
 * statements.)
 *
 * Which chat clients are live is judged by the database's clock, the one
 * every replica's heartbeat writes `last_seen_at` with, so replicas on
 * machines whose clocks differ still agree; that is why the statements that
 * ask it are here.
 */

/** A chat client whose replica has not refreshed it for this long is gone (the replica stopped). */
export const CLIENT_EXPIRY_SECONDS = 45;
/** The chat_clients rows that are live. */
const LIVE_CLIENT = `last_seen_at > now() - interval '${CLIENT_EXPIRY_SECONDS} seconds'`;
/** The viewer count is derived, never kept: the live chat_clients rows of every replica. */
const VIEWER_COUNT = `(select count(*)::int from streaming.chat_clients where ${LIVE_CLIENT})`;

// ---------------------------------------------------------------------------
// Chat messages

export interface ChatMessageRow {
  id: string;
  type: 'CHAT' | 'SYSTEM' | 'CHAT_ACTION';
  author_name: string | null;
  author_user_id: string | null;
  body: string;
  visible: boolean;
  created_at: Date;
  /** The created_at as webhooks and events show it (ISO 8601, milliseconds, UTC). */
  timestamp: string;
  /** How many webhook deliveries the message queued. */
  queued: number;
}

/**
 * Why: several facts in one round trip. The message, its signed-in poster's
 * message count and its CHAT webhook deliveries are one statement, so they
 * commit together without a transaction's BEGIN and COMMIT round trips, on
 * the path every chat message takes. An id already stored stores nothing
 * (ON CONFLICT; a concurrent post of the same id waits for that one's
 * commit) and answers no row, so a repeated post neither doubles the
 * message nor counts or queues it twice.
 */
export async function insertChatMessage(
  em: EntityManager,
  message: { id: string; type: ChatMessageRow['type']; authorName: string | null; authorUserId: string | null; body: string },
): Promise<ChatMessageRow | undefined> {
  // Counted for the signed-in poster's own clients only: display names are not unique, and
  // integration / system / action messages belong to no client (docs/DECISIONS.md).
  const counted = message.type === 'CHAT' && message.authorUserId !== null;
  const [row] = await em.execute<ChatMessageRow[]>(
    `with message as (
       insert into streaming.chat_messages (id, type, author_name, author_user_id, body) values (?, ?, ?, ?, ?)
       on conflict (id) do nothing
       returning id, type, author_name, author_user_id, body, visible, created_at,
         to_char(created_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') as timestamp
     ), counted as (
       update streaming.chat_clients set message_count = message_count + 1
       where ?::boolean and user_id = ?::uuid and ${LIVE_CLIENT} and exists (select 1 from message) returning id
     ), queued as (
       insert into streaming.webhook_actions (target_id, event, payload)
       select w.id, 'CHAT', jsonb_build_object('type', 'CHAT', 'eventData', jsonb_build_object(
         'user', jsonb_build_object('displayName', m.author_name), 'body', m.body, 'id', m.id,
         'timestamp', m.timestamp, 'visible', m.visible, 'type', m.type))
       from streaming.webhooks w, message m where w.enabled and w.events @> '["CHAT"]'::jsonb returning id
     )
     select m.*, (select count(*)::int from queued) as queued from message m`,
    [message.id, message.type, message.authorName, message.authorUserId, message.body, counted, message.authorUserId],
  );
  return row;
}

/** Why: a bulk update that answers which of the ids existed, for the VISIBILITY_UPDATE events. */
export async function setMessagesVisible(em: EntityManager, ids: readonly string[], visible: boolean): Promise<string[]> {
  const rows = await em.execute<{ id: string }[]>(
    `update streaming.chat_messages set visible = ? where id in (select jsonb_array_elements_text(?::jsonb)) returning id`,
    [visible, JSON.stringify(ids)],
  );
  return rows.map((row) => row.id);
}

// ---------------------------------------------------------------------------
// Chat clients

/** Why: a bulk insert of the joins that arrived together, one statement for any number of rows. */
export async function insertChatClients(
  em: EntityManager,
  clients: readonly { id: string; user_agent: string; ip_address: string; username: string | null; user_id: string | null }[],
): Promise<void> {
  await em.execute(
    `insert into streaming.chat_clients (id, user_agent, ip_address, username, user_id)
     select id, user_agent, ip_address, username, user_id from jsonb_populate_recordset(null::streaming.chat_clients, ?::jsonb) returning id`,
    [JSON.stringify(clients)],
  );
}

/** Why: a bulk update (a replica's heartbeat, or the gateway's for its guests) answering which clients are still live. */
export async function refreshChatClients(em: EntityManager, ids: readonly string[], onlyLive: boolean): Promise<string[]> {
  const rows = await em.execute<{ id: string }[]>(
    `update streaming.chat_clients set last_seen_at = now() where id in (select jsonb_array_elements_text(?::jsonb))${onlyLive ? ` and ${LIVE_CLIENT}` : ''} returning id`,
    [JSON.stringify(ids)],
  );
  return rows.map((row) => row.id);
}

/** Why: a bulk delete by the database clock (rows of replicas that stopped); answers how many went. */
export async function deleteExpiredChatClients(em: EntityManager): Promise<number> {
  const rows = await em.execute<{ id: string }[]>(`delete from streaming.chat_clients where not (${LIVE_CLIENT}) returning id`);
  return rows.length;
}

export interface ChatClientRow {
  id: string;
  connected_at: Date;
  message_count: number;
  user_agent: string;
  ip_address: string;
  username: string | null;
  user_id: string | null;
}

/** Why: liveness by the database clock (see above). */
export async function liveChatClients(em: EntityManager): Promise<ChatClientRow[]> {
  return em.execute<ChatClientRow[]>(
    `select id, connected_at, message_count, user_agent, ip_address, username, user_id from streaming.chat_clients
     where ${LIVE_CLIENT} order by connected_at, id`,
  );
}

/** Why: a row lock (FOR UPDATE) so the previous name read is the one replaced, in one round trip; null when the client is not live. */
export async function renameLiveChatClient(em: EntityManager, id: string, name: string): Promise<(ChatClientRow & { previous: string | null }) | null> {
  const [row] = await em.execute<(ChatClientRow & { previous: string | null })[]>(
    `with previous as (select id, username from streaming.chat_clients where id = ? and ${LIVE_CLIENT} for update)
     update streaming.chat_clients c set username = ? from previous where c.id = previous.id
     returning c.id, c.connected_at, c.message_count, c.user_agent, c.ip_address, c.username, c.user_id, previous.username as previous`,
    [id, name],
  );
  return row ?? null;
}

/** Why: a conditional update by the database clock; a guest that is gone (or signed in) changes nothing. */
export async function nameLiveGuest(em: EntityManager, id: string, name: string, countMessage: boolean): Promise<void> {
  await em.execute(
    `update streaming.chat_clients set username = ?${countMessage ? ', message_count = message_count + 1' : ''}
     where id = ? and user_id is null and ${LIVE_CLIENT} returning id`,
    [name, id],
  );
}

// ---------------------------------------------------------------------------
// Stream state and viewers

/** Why: an aggregate (the live rows of every replica). */
export async function countViewers(em: EntityManager): Promise<number> {
  const [row] = await em.execute<{ n: number }[]>(`select ${VIEWER_COUNT} as n`);
  return Number(row?.n ?? 0);
}

/** Why: an aggregate inside a monotonic update; peaks only grow, so concurrent calls cannot lower one. */
export async function raiseViewerPeak(em: EntityManager): Promise<void> {
  await em.execute(
    `update streaming.stream_state set session_max_viewer_count = greatest(session_max_viewer_count, ${VIEWER_COUNT}) where id = 1 returning id`,
  );
}

/** Why: a compare-and-set (only while offline), so two concurrent publishes cannot both win. */
export async function startBroadcastIfOffline(em: EntityManager, remoteAddr: string, encoder: string | null): Promise<boolean> {
  const rows = await em.execute<{ id: number }[]>(
    `update streaming.stream_state set online = true, remote_addr = ?, encoder = ?, stream_details = '{}'::jsonb, connected_at = now(),
       last_connect_time = now(), last_disconnect_time = null, session_max_viewer_count = ${VIEWER_COUNT}
     where id = 1 and not online returning id`,
    [remoteAddr, encoder],
  );
  return rows.length > 0;
}

/** Why: a compare-and-set (only while online), so only one call ends a broadcast and STREAM_STOPPED is sent once. */
export async function endBroadcastIfOnline(em: EntityManager): Promise<boolean> {
  const rows = await em.execute<{ id: number }[]>(
    `update streaming.stream_state set online = false, last_disconnect_time = now(),
       overall_max_viewer_count = greatest(overall_max_viewer_count, session_max_viewer_count)
     where id = 1 and online returning id`,
  );
  return rows.length > 0;
}

/** Why: a JSON merge (`||`) in place, only while a broadcast is live, so concurrent reports do not erase each other. */
export async function mergeLiveStreamDetails(em: EntityManager, details: Record<string, unknown>): Promise<boolean> {
  const rows = await em.execute<{ id: number }[]>(
    `update streaming.stream_state set stream_details = stream_details || ?::jsonb where id = 1 and online returning id`,
    [JSON.stringify(details)],
  );
  return rows.length > 0;
}

/** Why: ON CONFLICT DO NOTHING; the first replica to sample an interval writes it, the others change nothing. */
export async function insertViewerSample(em: EntityManager, intervalMs: number): Promise<void> {
  await em.execute(
    `insert into streaming.viewer_samples (bucket, viewer_count)
       select to_timestamp(floor(extract(epoch from clock_timestamp()) * 1000 / ?) * ? / 1000.0), ${VIEWER_COUNT}
     on conflict (bucket) do nothing returning bucket`,
    [intervalMs, intervalMs],
  );
}

// ---------------------------------------------------------------------------
// Configuration and webhooks

/** Why: ON CONFLICT upsert in one statement, so two replicas writing a new key do not race. */
export async function upsertConfig(em: EntityManager, key: string, value: unknown): Promise<void> {
  await em.execute(
    'insert into streaming.config (key, value, updated_at) values (?, ?::jsonb, now()) on conflict (key) do update set value = excluded.value, updated_at = now()',
    [key, JSON.stringify(value)],
  );
}

/** Why: ON CONFLICT DO NOTHING answers whether this replica stored the value first (another may be starting too). */
export async function insertConfigUnlessPresent(em: EntityManager, key: string, value: unknown): Promise<boolean> {
  const inserted = await em.execute<{ key: string }[]>('insert into streaming.config (key, value) values (?, ?) on conflict (key) do nothing returning key', [
    key,
    JSON.stringify(value),
  ]);
  return inserted.length > 0;
}

/** Why: ON CONFLICT upsert, so adding an emoji that exists replaces its URL in one statement. */
export async function upsertEmoji(em: EntityManager, name: string, url: string): Promise<{ name: string; url: string }> {
  const [row] = await em.execute<{ name: string; url: string }[]>(
    `insert into streaming.emoji (name, url) values (?, ?) on conflict (name) do update set url = excluded.url returning name, url`,
    [name, url],
  );
  return row!;
}

export interface WebhookRow {
  id: string;
  url: string;
  events: string[];
  created_at: string | Date;
  last_used: string | Date | null;
}

/** Why: an aggregate per webhook (its last delivery) in the same round trip as the list. */
export async function webhooksWithLastUse(em: EntityManager): Promise<WebhookRow[]> {
  return em.execute<WebhookRow[]>(
    `select w.id, w.url, w.events, w.created_at,
       (select max(a.delivered_at) from streaming.webhook_actions a where a.target_id = w.id) as last_used
     from streaming.webhooks w order by w.created_at, w.id`,
  );
}

/**
 * Why: a bulk insert (one delivery per webhook that asked for the event),
 * in `em`'s transaction when it has one; answers how many were queued.
 */
export async function queueWebhookActions(em: EntityManager, event: string, eventData: Record<string, unknown>): Promise<number> {
  const rows = await em.execute<{ id: string }[]>(
    `insert into streaming.webhook_actions (target_id, event, payload)
     select id, ?, ?::jsonb from streaming.webhooks where enabled and events @> jsonb_build_array(?::text) returning id`,
    [event, JSON.stringify({ type: event, eventData }), event],
  );
  return rows.length;
}
