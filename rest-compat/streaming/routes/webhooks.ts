import { defineRoute, type RestRoute } from '../../route-table';
import { BASIC_RESULT_FIELDS, withoutNulls, type BasicResultData } from './shared';

/** O45–O47: Owncast webhooks (Webhook: id, url, events, timestamp, lastUsed). */
const WEBHOOK_FIELDS = 'id url events timestamp lastUsed';

type WebhookData = { id: string; url: string; events: string[]; timestamp: string; lastUsed: string | null };

export const webhookRoutes: RestRoute[] = [
  defineRoute<{ webhooks: WebhookData[] }>({
    id: 'O45',
    method: 'GET',
    url: '/api/admin/webhooks',
    summary: 'All webhooks',
    credentials: ['basicAdmin'],
    operation: `query Webhooks { webhooks { ${WEBHOOK_FIELDS} } }`,
    respond: (data) => ({ body: data.webhooks.map(withoutNulls) }),
  }),
  defineRoute<{ deleteWebhook: BasicResultData }>({
    id: 'O46',
    method: 'POST',
    url: '/api/admin/webhooks/delete',
    summary: 'Delete a webhook by id (404 when unknown)',
    credentials: ['basicAdmin'],
    schema: { body: { type: 'object', required: ['id'], properties: { id: { type: 'string' } } } },
    operation: `mutation DeleteWebhook($id: ID!) { deleteWebhook(id: $id) { ${BASIC_RESULT_FIELDS} } }`,
    variables: ({ body }) => ({ id: (body as { id: string }).id }),
    respond: (data) => ({ body: data.deleteWebhook }),
  }),
  defineRoute<{ createWebhook: WebhookData }>({
    id: 'O47',
    method: 'POST',
    url: '/api/admin/webhooks/create',
    summary: 'Create a webhook for events (CHAT, USER_JOINED, NAME_CHANGE, VISIBILITY-UPDATE, STREAM_STARTED, STREAM_STOPPED, STREAM_TITLE_UPDATED)',
    credentials: ['basicAdmin'],
    idempotent: true,
    schema: {
      body: {
        type: 'object',
        required: ['url', 'events'],
        properties: { url: { type: 'string' }, events: { type: 'array', items: { type: 'string' } } },
      },
    },
    operation: `mutation CreateWebhook($url: String!, $events: [String!]!) { createWebhook(url: $url, events: $events) { ${WEBHOOK_FIELDS} } }`,
    variables: ({ body }) => body as { url: string; events: string[] },
    respond: (data) => ({ body: withoutNulls(data.createWebhook) }),
  }),
];
