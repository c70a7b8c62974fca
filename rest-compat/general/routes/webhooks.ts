import { cursorBeforePage } from '../../../common/connections';
import { defineRoute, type RestRoute } from '../../route-table';
import { generalData, generalList } from '../envelope';

/**
 * G18–G22: webhooks are outbound targets of kind webhook with an event
 * filter, delivered by the same engine (common/outbound). Each belongs to the
 * user who made it and receives the events of that user's resources, or,
 * with `organization_id`, of that organization. Users manage their own;
 * admins see and manage all (the rules: subgraphs/admin/services/
 * outbound-access.ts and webhook-scope.ts).
 */
const WEBHOOK_FIELDS = 'id name url hasSecret enabled events ownerId organizationId createdAt updatedAt';

interface WebhookData {
  id: string;
  name: string;
  url: string;
  hasSecret: boolean;
  enabled: boolean;
  events: string[] | null;
  ownerId: string | null;
  organizationId: string | null;
  createdAt: string;
  updatedAt: string;
}

function generalWebhook(webhook: WebhookData): Record<string, unknown> {
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

interface ActionData {
  id: string;
  event: string;
  status: string;
  attempts: number;
  lastError: string | null;
  lastStatusCode: number | null;
  deliveredAt: string | null;
  createdAt: string;
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

function webhookInput(body: unknown): Record<string, unknown> {
  const input = body as Record<string, unknown>;
  const result: Record<string, unknown> = {};
  for (const key of ['url', 'events', 'secret', 'name']) if (input[key] !== undefined) result[key] = input[key];
  if (input.active !== undefined) result.enabled = input.active;
  if (input.organization_id !== undefined) result.organizationId = input.organization_id;
  return result;
}

export const webhookRoutes: RestRoute[] = [
  defineRoute<{ outboundTargets: { totalCount: number; edges: { node: WebhookData }[] } }>({
    id: 'G18',
    method: 'GET',
    url: '/v1/webhooks',
    summary: "Lists the caller's webhooks (admins: every user's)",
    credentials: ['bearerToken'],
    schema: {
      querystring: {
        type: 'object',
        properties: {
          page: { type: 'integer', minimum: 1, maximum: 1_000_000, default: 1 },
          per_page: { type: 'integer', minimum: 1, maximum: 100, default: 20 },
        },
      },
    },
    operation: `query Webhooks($first: Int, $after: String) {
      outboundTargets(kind: webhook, first: $first, after: $after) { totalCount edges { node { ${WEBHOOK_FIELDS} } } }
    }`,
    variables: ({ query }) => {
      const page = query.page as number;
      const perPage = query.per_page as number;
      return { first: perPage, after: cursorBeforePage(page, perPage) };
    },
    respond: (data, { query }) =>
      generalList(
        data.outboundTargets.edges.map((edge) => generalWebhook(edge.node)),
        query.page as number,
        query.per_page as number,
        data.outboundTargets.totalCount,
      ),
  }),
  defineRoute<{ createOutboundTarget: WebhookData }>({
    id: 'G19',
    method: 'POST',
    url: '/v1/webhooks',
    summary: "Creates a webhook: url, events (e.g. resource.created), secret; organization_id for an organization's events",
    credentials: ['bearerToken'],
    idempotent: true,
    schema: { body: webhookBody(['url', 'events']) },
    operation: `mutation CreateWebhook($input: CreateOutboundTargetInput!) { createOutboundTarget(input: $input, kind: webhook) { ${WEBHOOK_FIELDS} } }`,
    variables: ({ body }) => ({ input: webhookInput(body) }),
    respond: (data) => generalData(generalWebhook(data.createOutboundTarget), 201),
  }),
  defineRoute<{ updateOutboundTarget: WebhookData }>({
    id: 'G20',
    method: 'PATCH',
    url: '/v1/webhooks/:id',
    summary: 'Updates a webhook (only the fields sent)',
    credentials: ['bearerToken'],
    schema: { params: idParams, body: webhookBody([]) },
    operation: `mutation UpdateWebhook($input: UpdateOutboundTargetInput!) { updateOutboundTarget(input: $input, kind: webhook) { ${WEBHOOK_FIELDS} } }`,
    variables: ({ params, body }) => ({ input: { ...webhookInput(body), id: params.id } }),
    respond: (data) => generalData(generalWebhook(data.updateOutboundTarget)),
  }),
  defineRoute<{ deleteOutboundTarget: WebhookData }>({
    id: 'G21',
    method: 'DELETE',
    url: '/v1/webhooks/:id',
    summary: 'Deletes a webhook',
    credentials: ['bearerToken'],
    schema: { params: idParams },
    operation: 'mutation DeleteWebhook($id: UUID!) { deleteOutboundTarget(id: $id, kind: webhook) { id } }',
    variables: ({ params }) => ({ id: params.id }),
    respond: () => ({ status: 204 }),
  }),
  defineRoute<{ testOutboundTarget: ActionData }>({
    id: 'G22',
    method: 'POST',
    url: '/v1/webhooks/:id/test',
    summary: 'Sends a signed webhook.test delivery now and answers its outcome',
    credentials: ['bearerToken'],
    schema: { params: idParams },
    operation: `mutation TestWebhook($id: UUID!) {
      testOutboundTarget(id: $id, kind: webhook) { id event status attempts lastError lastStatusCode deliveredAt createdAt }
    }`,
    variables: ({ params }) => ({ id: params.id }),
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
