import { requestField, requestFields, requestPart } from '../../request-values';
import { defineRoute, type RestRoute } from '../../route-table';
import { platformSuccess } from '../envelope';
import { graphql } from '../generated';
import { byId, UUID } from '../request-schemas';

/**
 * Settings (P2–P4), outbound targets (P9–P12) and actions
 * (P13–P15). Admin session (+CSRF for changes) or an API key with
 * settings:read / settings:write; the admin permission either way.
 */
graphql(`
  fragment PlatformSettings on AdminSettings {
    siteName
    siteDescription
    registrationOpen
    supportEmail
    smtpHost
    smtpPort
    smtpSecurity
    smtpUser
    smtpPasswordSet
    smtpSender
  }
`);
graphql(`
  fragment PlatformOutboundTarget on OutboundTarget {
    id
    name
    url
    hasSecret
    enabled
    events
    createdAt
    updatedAt
  }
`);
graphql(`
  fragment PlatformOutboundAction on OutboundAction {
    id
    event
    payload
    status
    attempts
    maxAttempts
    lastError
    lastStatusCode
    nextAttemptAt
    deliveredAt
    createdAt
    updatedAt
    target {
      id
      kind
      name
      url
    }
  }
`);

const nullableString = (maxLength: number) => ({ type: ['string', 'null'], maxLength });
const settingsBody = {
  type: 'object',
  additionalProperties: false,
  properties: {
    siteName: { type: 'string', maxLength: 200 },
    siteDescription: { type: 'string', maxLength: 2000 },
    registrationOpen: { type: 'boolean' },
    supportEmail: nullableString(320),
    smtpHost: nullableString(253),
    smtpPort: { type: 'integer' },
    smtpSecurity: { type: 'string', enum: ['none', 'starttls', 'tls'] },
    smtpUser: nullableString(320),
    smtpPassword: nullableString(1000),
    smtpSender: nullableString(320),
  },
};
const events = { type: ['array', 'null'], items: { type: 'string', maxLength: 100 }, maxItems: 50 };
/** What a target's create and update bodies may set. */
const targetProperties = {
  name: { type: 'string', maxLength: 100 },
  url: { type: 'string', maxLength: 2048 },
  secret: nullableString(500),
  enabled: { type: 'boolean' },
  events,
};

const credentials: RestRoute['credentials'] = ['sessionCookie', 'apiKey'];

export const outboundRoutes: RestRoute[] = [
  defineRoute({
    id: 'P2',
    method: 'GET',
    url: '/api/admin/settings',
    summary: 'Every site setting; secret ones only as <key>Set (admin; key: settings:read)',
    credentials,
    operation: graphql(`query AdminSettings { adminSettings { ...PlatformSettings } }`),
    respond: (data) => platformSuccess({ settings: data.adminSettings }),
  }),
  defineRoute({
    id: 'P3',
    method: 'PUT',
    url: '/api/admin/settings',
    summary: 'Changes only the settings sent; unknown keys or wrong types change nothing (admin + CSRF; key: settings:write)',
    credentials,
    schema: { body: settingsBody },
    operation: graphql(`mutation UpdateSettings($input: UpdateSettingsInput!) { updateSettings(input: $input) { ...PlatformSettings } }`),
    // The body schema admits only the settings' own keys (additionalProperties: false), so the body is the input.
    variables: ({ body }) => ({ input: requestPart(body) }),
    respond: (data) => platformSuccess({ settings: data.updateSettings }),
  }),
  defineRoute({
    id: 'P4',
    method: 'POST',
    url: '/api/admin/settings/send-test-email',
    summary: 'Sends a test email through the configured SMTP server (admin + CSRF; key: settings:write)',
    credentials,
    schema: { body: { type: 'object', required: ['to'], properties: { to: { type: 'string', maxLength: 320 } } } },
    operation: graphql(`mutation SendTestEmail($to: String!) { sendTestEmail(to: $to) { to from subject messageId accepted } }`),
    variables: ({ body }) => ({ to: requestField(body, 'to') }),
    respond: (data) => platformSuccess({ mail: data.sendTestEmail }),
  }),
  defineRoute({
    id: 'P9',
    method: 'GET',
    url: '/api/admin/outbound-targets',
    summary: 'Lists outbound targets (first 100; secrets never shown, only hasSecret)',
    credentials,
    operation: graphql(`query OutboundTargets { outboundTargets(kind: target, first: 100) { edges { node { ...PlatformOutboundTarget } } } }`),
    respond: (data) => platformSuccess({ targets: data.outboundTargets.edges.map((edge) => edge.node) }),
  }),
  defineRoute({
    id: 'P10',
    method: 'POST',
    url: '/api/admin/outbound-targets',
    summary: 'Creates an outbound target (http(s); optional signing secret; events: null = all)',
    credentials,
    idempotent: true,
    schema: { body: { type: 'object', required: ['name', 'url'], properties: targetProperties } },
    operation: graphql(
      `mutation CreateOutboundTarget($input: CreateOutboundTargetInput!) { createOutboundTarget(input: $input) { ...PlatformOutboundTarget } }`,
    ),
    variables: ({ body }) => ({ input: requestFields(body, ['name', 'url', 'secret', 'enabled', 'events']) }),
    respond: (data) => platformSuccess({ target: data.createOutboundTarget }),
  }),
  defineRoute({
    id: 'P11',
    method: 'PUT',
    url: '/api/admin/outbound-targets',
    summary: 'Updates an outbound target (only the fields sent; secret null or "" removes it)',
    credentials,
    schema: { body: byId(targetProperties) },
    operation: graphql(
      `mutation UpdateOutboundTarget($input: UpdateOutboundTargetInput!) { updateOutboundTarget(input: $input) { ...PlatformOutboundTarget } }`,
    ),
    variables: ({ body }) => ({ input: requestFields(body, ['id', 'name', 'url', 'secret', 'enabled', 'events']) }),
    respond: (data) => platformSuccess({ target: data.updateOutboundTarget }),
  }),
  defineRoute({
    id: 'P12',
    method: 'DELETE',
    url: '/api/admin/outbound-targets',
    summary: 'Deletes an outbound target and its actions',
    credentials,
    schema: { querystring: byId() },
    operation: graphql(`mutation DeleteOutboundTarget($id: UUID!) { deleteOutboundTarget(id: $id) { ...PlatformOutboundTarget } }`),
    variables: ({ query }) => ({ id: requestField(query, 'id') }),
    respond: (data) => platformSuccess({ target: data.deleteOutboundTarget }),
  }),
  defineRoute({
    id: 'P13',
    method: 'GET',
    url: '/api/admin/outbound-actions',
    summary: 'Queued and recent outbound actions, newest first (first 100; filter by status, targetId)',
    credentials,
    schema: {
      querystring: {
        type: 'object',
        properties: { status: { type: 'string', enum: ['queued', 'delivering', 'succeeded', 'failed'] }, targetId: UUID },
      },
    },
    operation: graphql(`
      query OutboundActions($status: OutboundActionStatus, $targetId: UUID) {
        outboundActions(first: 100, status: $status, targetId: $targetId) {
          edges {
            node {
              ...PlatformOutboundAction
            }
          }
        }
      }
    `),
    variables: ({ query }) => ({ status: requestField(query, 'status') ?? null, targetId: requestField(query, 'targetId') ?? null }),
    respond: (data) => platformSuccess({ actions: data.outboundActions.edges.map((edge) => edge.node) }),
  }),
  defineRoute({
    id: 'P14',
    method: 'POST',
    url: '/api/admin/outbound-actions',
    summary: 'Delivers that action once, now (retry); answers it with the outcome',
    credentials,
    schema: { body: byId() },
    operation: graphql(`mutation RetryOutboundAction($id: UUID!) { retryOutboundAction(id: $id) { ...PlatformOutboundAction } }`),
    variables: ({ body }) => ({ id: requestField(body, 'id') }),
    respond: (data) => platformSuccess({ action: data.retryOutboundAction }),
  }),
  defineRoute({
    id: 'P15',
    method: 'DELETE',
    url: '/api/admin/outbound-actions',
    summary: 'Deletes an outbound action',
    credentials,
    schema: { querystring: byId() },
    operation: graphql(`mutation DeleteOutboundAction($id: UUID!) { deleteOutboundAction(id: $id) { ...PlatformOutboundAction } }`),
    variables: ({ query }) => ({ id: requestField(query, 'id') }),
    respond: (data) => platformSuccess({ action: data.deleteOutboundAction }),
  }),
];
