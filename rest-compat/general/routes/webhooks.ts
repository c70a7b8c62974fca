import { requestField, requestFieldsAs } from '../../request-values';
import { defineRoute, type RestRoute } from '../../route-table';
import { generalData } from '../envelope';
import { graphql } from '../generated';
import type { GeneralWebhookFragment } from '../generated/graphql';
import { PAGE_QUERY, pageReply, pageVariables } from './pages';

/**
 * G18–G22: webhooks are outbound targets of kind webhook with an event
 * filter, delivered by the same engine (common/outbound). Each belongs to the
 * user who made it and receives the events of that user's resources, or,
 * with `organization_id`, of that organization. Users manage their own;
 * admins see and manage all (the rules: subgraphs/admin/services/
 * outbound-access.ts and webhook-scope.ts).
 */
graphql(`
  fragment GeneralWebhook on OutboundTarget {
    id
    name
    url
    hasSecret
    enabled
    events
    ownerId
    organizationId
    createdAt
    updatedAt
  }
`);

function generalWebhook(webhook: GeneralWebhookFragment): Record<string, unknown> {
  return {
    id: webhook.id,
    name: webhook.name,
    url: webhook.url,
    events: webhook.events ?? [],
    active: webhook.enabled,
    has_secret: webhook.hasSecret,
    owner_id: webhook.ownerId,
    organization_id: webhook.organizationId,
    created_at: webhook.createdAt,
    updated_at: webhook.updatedAt,
  };
}

const eventList = { type: 'array', items: { type: 'string', maxLength: 100 }, minItems: 1, maxItems: 50 };
const idParams = { type: 'object', required: ['id'], properties: { id: { type: 'string', format: 'uuid' } } };
const webhookBody = (required: string[]) => ({
  type: 'object',
  required,
  additionalProperties: false,
  properties: {
    url: { type: 'string', maxLength: 2048 },
    events: eventList,
    secret: { type: ['string', 'null'], maxLength: 500 },
    name: { type: 'string', maxLength: 100 },
    active: { type: 'boolean' },
    organization_id: { type: ['string', 'null'], format: 'uuid' },
  },
});

/** The outbound target input's fields, each from the webhook body's field of the seed's name. */
const WEBHOOK_INPUT_FIELDS = { url: 'url', events: 'events', secret: 'secret', name: 'name', enabled: 'active', organizationId: 'organization_id' };

export const webhookRoutes: RestRoute[] = [
  defineRoute({
    id: 'G18',
    method: 'GET',
    url: '/v1/webhooks',
    summary: "Lists the caller's webhooks (admins: every user's)",
    credentials: ['bearerToken'],
    schema: { querystring: PAGE_QUERY },
    operation: graphql(`
      query Webhooks($first: Int, $after: String) {
        outboundTargets(kind: webhook, first: $first, after: $after) {
          totalCount
          edges {
            node {
              ...GeneralWebhook
            }
          }
        }
      }
    `),
    variables: ({ query }) => pageVariables(query),
    respond: (data, { query }) => pageReply(data.outboundTargets, query, generalWebhook),
  }),
  defineRoute({
    id: 'G19',
    method: 'POST',
    url: '/v1/webhooks',
    summary: "Creates a webhook: url, events (e.g. resource.created), secret; organization_id for an organization's events",
    credentials: ['bearerToken'],
    idempotent: true,
    schema: { body: webhookBody(['url', 'events']) },
    operation: graphql(
      `mutation CreateWebhook($input: CreateOutboundTargetInput!) { createOutboundTarget(input: $input, kind: webhook) { ...GeneralWebhook } }`,
    ),
    variables: ({ body }) => ({ input: requestFieldsAs(body, WEBHOOK_INPUT_FIELDS) }),
    respond: (data) => generalData(generalWebhook(data.createOutboundTarget), 201),
  }),
  defineRoute({
    id: 'G20',
    method: 'PATCH',
    url: '/v1/webhooks/:id',
    summary: 'Updates a webhook (only the fields sent)',
    credentials: ['bearerToken'],
    schema: { params: idParams, body: webhookBody([]) },
    operation: graphql(
      `mutation UpdateWebhook($input: UpdateOutboundTargetInput!) { updateOutboundTarget(input: $input, kind: webhook) { ...GeneralWebhook } }`,
    ),
    variables: ({ params, body }) => ({ input: { ...requestFieldsAs(body, WEBHOOK_INPUT_FIELDS), id: requestField(params, 'id') } }),
    respond: (data) => generalData(generalWebhook(data.updateOutboundTarget)),
  }),
  defineRoute({
    id: 'G21',
    method: 'DELETE',
    url: '/v1/webhooks/:id',
    summary: 'Deletes a webhook',
    credentials: ['bearerToken'],
    schema: { params: idParams },
    operation: graphql(`mutation DeleteWebhook($id: UUID!) { deleteOutboundTarget(id: $id, kind: webhook) { id } }`),
    variables: ({ params }) => ({ id: requestField(params, 'id') }),
    respond: () => ({ status: 204 }),
  }),
  defineRoute({
    id: 'G22',
    method: 'POST',
    url: '/v1/webhooks/:id/test',
    summary: 'Sends a signed webhook.test delivery now and answers its outcome',
    credentials: ['bearerToken'],
    schema: { params: idParams },
    operation: graphql(`
      mutation TestWebhook($id: UUID!) {
        testOutboundTarget(id: $id, kind: webhook) {
          id
          event
          status
          attempts
          lastError
          lastStatusCode
          deliveredAt
          createdAt
        }
      }
    `),
    variables: ({ params }) => ({ id: requestField(params, 'id') }),
    respond: (data) => {
      const action = data.testOutboundTarget;
      return generalData({
        id: action.id,
        event: action.event,
        status: action.status,
        success: action.status === 'succeeded',
        attempts: action.attempts,
        response_status: action.lastStatusCode,
        error: action.lastError,
        delivered_at: action.deliveredAt,
        created_at: action.createdAt,
      });
    },
  }),
];
