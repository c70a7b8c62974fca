import type { EntityManager } from '@mikro-orm/postgresql';
import { domainError, ErrorCode } from '../../../common/errors';
import { loggableError } from '../../../common/loggable-error';
import { checkTargetUrlInput } from '../../../common/outbound/url-policy';
import type { Context } from '../context';
import { Webhook } from '../entities/webhook';
import { queueWebhookActions, webhooksWithLastUse, type WebhookRow } from '../queries';
import type { ChatEvents } from './chat-events';
import { assertAllowed } from './permissions';

/**
 * Owncast webhooks (O45–O47). Events are queued in streaming.webhook_actions
 * for every enabled webhook that asked for them; each replica's delivery
 * worker (common/outbound/worker.ts) posts them with retries and backoff.
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

function toWebhook(row: WebhookRow): WebhookRecord {
  return {
    id: row.id,
    url: row.url,
    events: row.events,
    timestamp: new Date(row.created_at),
    lastUsed: row.last_used ? new Date(row.last_used) : null,
  };
}

export async function listWebhooks(context: Context): Promise<WebhookRecord[]> {
  await assertAllowed(context, 'webhook:manage');
  return (await webhooksWithLastUse(context.em)).map(toWebhook);
}

export async function createWebhook(context: Context, url: string, events: readonly string[]): Promise<WebhookRecord> {
  await assertAllowed(context, 'webhook:manage');
  const checked = checkTargetUrlInput(url, context.settings.outbound.allowPrivate);
  const unique = [...new Set(events)];
  if (unique.length === 0) throw domainError(ErrorCode.BadUserInput, 'events must name at least one event', { field: 'events' });
  const unknown = unique.filter((event) => !(WEBHOOK_EVENTS as readonly string[]).includes(event));
  if (unknown.length > 0) throw domainError(ErrorCode.BadUserInput, `unknown events: ${unknown.join(', ')}`, { field: 'events' });
  const webhook = context.em.create(Webhook, { url: checked, events: unique, enabled: true, secret: null });
  await context.em.flush();
  // A new webhook has delivered nothing yet.
  return { id: webhook.id, url: webhook.url, events: webhook.events, timestamp: webhook.createdAt, lastUsed: null };
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export async function deleteWebhook(context: Context, id: string) {
  await assertAllowed(context, 'webhook:manage');
  const removed = UUID.test(id) ? await context.em.nativeDelete(Webhook, { id }) : 0;
  if (removed === 0) throw domainError(ErrorCode.NotFound, 'no webhook with that id');
  return { success: true, message: `deleted webhook ${id}` };
}

/**
 * Queues an Owncast webhook event for the webhooks that asked for it and
 * wakes this replica's delivery worker. It follows a write that happened, so
 * a failure is logged, never the caller's.
 */
export async function notifyWebhooks(em: EntityManager, notifier: ChatEvents, event: WebhookEvent, eventData: Record<string, unknown>): Promise<void> {
  try {
    if ((await queueWebhookActions(em, event, eventData)) > 0) notifier.background?.worker?.wake();
  } catch (error) {
    notifier.logger.error({ err: { message: loggableError(error).message }, event }, 'webhook event not queued');
  }
}
