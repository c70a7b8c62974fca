import { requestField } from '../../request-values';
import { defineRoute, type RestRoute } from '../../route-table';
import { graphql } from '../generated';
import { basicResultReply, withoutNulls } from './shared';

/** Owncast's Webhook object (id, url, events, timestamp, lastUsed), as the webhook routes answer it. */
graphql(`
  fragment OwncastWebhook on Webhook {
    id
    url
    events
    timestamp
    lastUsed
  }
`);

export const webhookRoutes: RestRoute[] = [
  defineRoute({
    id: 'O45',
    method: 'GET',
    url: '/api/admin/webhooks',
    summary: 'All webhooks',
    credentials: ['basicAdmin'],
    operation: graphql(`query Webhooks { webhooks { ...OwncastWebhook } }`),
    respond: (data) => ({ body: data.webhooks.map(withoutNulls) }),
  }),
  defineRoute({
    id: 'O46',
    method: 'POST',
    url: '/api/admin/webhooks/delete',
    summary: 'Delete a webhook by id (404 when unknown)',
    credentials: ['basicAdmin'],
    schema: { body: { type: 'object', required: ['id'], properties: { id: { type: 'string' } } } },
    operation: graphql(`mutation DeleteWebhook($id: ID!) { deleteWebhook(id: $id) { ...OwncastBasicResult } }`),
    variables: ({ body }) => ({ id: requestField(body, 'id') }),
    respond: (data) => basicResultReply(data.deleteWebhook),
  }),
  defineRoute({
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
    operation: graphql(`mutation CreateWebhook($url: String!, $events: [String!]!) { createWebhook(url: $url, events: $events) { ...OwncastWebhook } }`),
    variables: ({ body }) => ({ url: requestField(body, 'url'), events: requestField(body, 'events') }),
    respond: (data) => ({ body: withoutNulls(data.createWebhook) }),
  }),
];
