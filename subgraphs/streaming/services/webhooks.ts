import type { EntityManager } from '@mikro-orm/postgresql';
import { checkTargetUrlInput } from '../../../common/outbound/url-policy';
import { domainError, ErrorCode } from '../../../common/errors';
import type { Logger } from '../../../common/logger';
import type { DeliveryWorker } from '../../../common/outbound/worker';
import { loggableError } from '../../../common/loggable-error';

/**
 * Owncast webhooks (O45–O47). Chat events are queued in
 * streaming.webhook_actions for every enabled webhook that asked for them, in
 * the same statement family as the write; each replica's delivery worker
 * (common/outbound/worker.ts) posts them with retries and backoff.
 */
export const WEBHOOK_EVENTS = ['CHAT', 'USER_JOINED', 'NAME_CHANGE', 'VISIBILITY-UPDATE', 'STREAM_STARTED', 'STREAM_STOPPED', 'STREAM_TITLE_UPDATED'] as const;
export type WebhookEvent = (typeof WEBHOOK_EVENTS)[number];

export interface WebhookRecord {
  id: string;
  url: string;
  events: string[];
  timestamp: Date;
  lastUsed: Date | null;
}

interface WebhookRow {
  id: string;
  url: string;
  events: string[];
  created_at: string | Date;
  last_used: string | Date | null;
}

function toWebhook(row: WebhookRow): WebhookRecord {
  return {
    id: row.id,
    url: row.url,
    events: row.events,
    timestamp: new Date(row.created_at),
    lastUsed: row.last_used ? new Date(row.last_used) : null,
  };
}

const SELECT = `select w.id, w.url, w.events, w.created_at,
  (select max(a.delivered_at) from streaming.webhook_actions a where a.target_id = w.id) as last_used
  from streaming.webhooks w`;

export async function listWebhooks(em: EntityManager): Promise<WebhookRecord[]> {
  return (await em.getConnection().execute<WebhookRow[]>(`${SELECT} order by w.created_at, w.id`)).map(toWebhook);
}

export async function createWebhook(em: EntityManager, url: string, events: readonly string[], allowPrivate: boolean): Promise<WebhookRecord> {
  const checked = checkTargetUrlInput(url, allowPrivate);
  const unique = [...new Set(events)];
  if (unique.length === 0) throw domainError(ErrorCode.BadUserInput, 'events must name at least one event', { field: 'events' });
  const unknown = unique.filter((event) => !(WEBHOOK_EVENTS as readonly string[]).includes(event));
  if (unknown.length > 0) throw domainError(ErrorCode.BadUserInput, `unknown events: ${unknown.join(', ')}`, { field: 'events' });
  // A new webhook has delivered nothing (last_used null): the insert answers it all, with no read after the commit.
  const [created] = await em
    .getConnection()
    .execute<WebhookRow[]>(`insert into streaming.webhooks (url, events) values (?, ?::jsonb) returning id, url, events, created_at, null as last_used`, [
      checked,
      JSON.stringify(unique),
    ]);
  return toWebhook(created!);
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export async function deleteWebhook(em: EntityManager, id: string) {
  const removed = UUID.test(id) ? await em.getConnection().execute<{ id: string }[]>(`delete from streaming.webhooks where id = ? returning id`, [id]) : [];
  if (removed.length === 0) throw domainError(ErrorCode.NotFound, 'no webhook with that id');
  return { success: true, message: `deleted webhook ${id}` };
}

export interface WebhookQueue {
  em: EntityManager;
  logger: Logger;
  worker?: DeliveryWorker;
}

/**
 * Queues the event for every enabled webhook that asked for it, in `em`'s
 * transaction when it has one (the event then commits with its write, or
 * not at all); answers how many deliveries were queued.
 */
export async function queueWebhooksIn(em: EntityManager, event: WebhookEvent, eventData: Record<string, unknown>): Promise<number> {
  const rows = await em.execute<{ id: string }[]>(
    `insert into streaming.webhook_actions (target_id, event, payload)
     select id, ?, ?::jsonb from streaming.webhooks where enabled and events @> jsonb_build_array(?::text) returning id`,
    [event, JSON.stringify({ type: event, eventData }), event],
  );
  return rows.length;
}

/** Queues the event for every enabled webhook that asked for it; a failure is logged, never the caller's. */
export async function queueWebhooks(queue: WebhookQueue, event: WebhookEvent, eventData: Record<string, unknown>): Promise<void> {
  try {
    if ((await queueWebhooksIn(queue.em, event, eventData)) > 0) queue.worker?.wake();
  } catch (error) {
    queue.logger.error({ err: { message: loggableError(error).message }, event }, 'webhook event not queued');
  }
}
