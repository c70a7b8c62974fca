import { requestField, requestFields } from '../request-values';
import { defineRoute, type RestRoute } from '../route-table';
import { platformError, platformSuccess } from './envelope';
import { graphql } from './generated';
import type { PlatformUserFragment } from './generated/graphql';
import { byId } from './request-schemas';
import { outboundRoutes } from './routes/outbound';
import { ticketRoutes } from './routes/tickets';

export const platformRoutes: RestRoute[] = [
  defineRoute({
    id: 'P1',
    method: 'GET',
    url: '/api/settings/public',
    summary: 'Public site settings required by unauthenticated pages',
    credentials: [],
    operation: graphql(`query PublicSettings { publicSettings { siteName siteDescription registrationOpen supportEmail } }`),
    respond: (data) => platformSuccess({ settings: data.publicSettings }),
  }),
];

/* Platform login and API keys (P5–P8): what a user and an API key show, as fragments the operations below spread. */
graphql(`
  fragment PlatformUser on User {
    id
    email
    username
    firstName
    lastName
    avatarUrl
    plan
    createdAt
    roles(first: 10) {
      edges {
        node {
          name
        }
      }
    }
    permissions
  }
`);
graphql(`
  fragment PlatformApiKey on ApiKey {
    id
    displayName
    identifier
    scopes
    allowedIps
    banFields
    expiresAt
    revoked
    lastUsedAt
    createdAt
    updatedAt
    createdBy {
      id
      username
    }
  }
`);

/** Family P user: roles as names. */
export function platformUser(user: PlatformUserFragment): Record<string, unknown> {
  const { roles, ...rest } = user;
  return { ...rest, roles: roles.edges.map((edge) => edge.node.name) };
}

const credentialsBody = {
  type: 'object',
  required: ['email', 'password'],
  properties: { email: { type: 'string', minLength: 1, maxLength: 320 }, password: { type: 'string', minLength: 1, maxLength: 1000 } },
};

const stringList = { type: 'array', items: { type: 'string', maxLength: 200 }, maxItems: 100 };
const expiresAt = { type: ['string', 'null'], description: 'ISO 8601 date and time' };

platformRoutes.push(
  defineRoute({
    id: 'P-login',
    method: 'POST',
    url: '/api/auth/login',
    summary: 'Sign in: sets the HttpOnly session cookie and returns the user and the CSRF token',
    credentials: [],
    schema: { body: credentialsBody },
    operation: graphql(
      `mutation Login($email: String!, $password: String!) { login(email: $email, password: $password) { csrfToken expiresAt user { ...PlatformUser } } }`,
    ),
    variables: ({ body }) => ({ email: requestField(body, 'email'), password: requestField(body, 'password') }),
    respond: (data) => platformSuccess({ user: platformUser(data.login.user), csrfToken: data.login.csrfToken, expiresAt: data.login.expiresAt }),
  }),
  defineRoute({
    id: 'P-logout',
    method: 'POST',
    url: '/api/auth/logout',
    summary: 'Ends the session server-side and clears the cookie (needs x-csrf-token)',
    credentials: ['sessionCookie'],
    operation: graphql(`mutation Logout { logout }`),
    respond: () => platformSuccess({ loggedOut: true }),
  }),
  defineRoute({
    id: 'P-session',
    method: 'GET',
    url: '/api/auth/session',
    summary: 'The signed-in user and the CSRF token of the session',
    credentials: ['sessionCookie'],
    operation: graphql(`query CurrentSession { currentSession { csrfToken expiresAt user { ...PlatformUser } } }`),
    respond: (data) =>
      data.currentSession
        ? platformSuccess({ user: platformUser(data.currentSession.user), csrfToken: data.currentSession.csrfToken, expiresAt: data.currentSession.expiresAt })
        : platformError(401, 'unauthorized', 'Not signed in'),
  }),
  defineRoute({
    id: 'P5',
    method: 'GET',
    url: '/api/admin/tokens',
    summary: 'Lists API key records without revealing secrets (admin session)',
    credentials: ['sessionCookie'],
    operation: graphql(`query ApiKeys { apiKeys(first: 100) { edges { node { ...PlatformApiKey } } } }`),
    respond: (data) => platformSuccess({ tokens: data.apiKeys.edges.map((edge) => edge.node) }),
  }),
  defineRoute({
    id: 'P6',
    method: 'POST',
    url: '/api/admin/tokens',
    summary: 'Creates an API key and returns the one-time secret (admin session + CSRF)',
    credentials: ['sessionCookie'],
    idempotent: true,
    schema: {
      body: {
        type: 'object',
        required: ['displayName', 'scopes', 'allowedIps', 'banFields'],
        properties: { displayName: { type: 'string', maxLength: 100 }, scopes: stringList, allowedIps: stringList, banFields: stringList, expiresAt },
      },
    },
    operation: graphql(`mutation CreateApiKey($input: CreateApiKeyInput!) { createApiKey(input: $input) { secret apiKey { ...PlatformApiKey } } }`),
    variables: ({ body }) => ({
      input: {
        displayName: requestField(body, 'displayName'),
        scopes: requestField(body, 'scopes'),
        allowedIps: requestField(body, 'allowedIps'),
        banFields: requestField(body, 'banFields'),
        expiresAt: requestField(body, 'expiresAt') ?? null,
      },
    }),
    respond: (data) => platformSuccess({ token: { ...data.createApiKey.apiKey, secret: data.createApiKey.secret } }),
  }),
  defineRoute({
    id: 'P7',
    method: 'PUT',
    url: '/api/admin/tokens',
    summary: 'Updates API key metadata, scopes, fields, expiry, or revocation status (admin session + CSRF)',
    credentials: ['sessionCookie'],
    schema: {
      body: byId({
        displayName: { type: 'string', maxLength: 100 },
        scopes: stringList,
        allowedIps: stringList,
        banFields: stringList,
        expiresAt,
        revoked: { type: 'boolean' },
      }),
    },
    operation: graphql(`mutation UpdateApiKey($input: UpdateApiKeyInput!) { updateApiKey(input: $input) { ...PlatformApiKey } }`),
    variables: ({ body }) => ({ input: requestFields(body, ['id', 'displayName', 'scopes', 'allowedIps', 'banFields', 'expiresAt', 'revoked']) }),
    respond: (data) => platformSuccess({ token: data.updateApiKey }),
  }),
  defineRoute({
    id: 'P8',
    method: 'DELETE',
    url: '/api/admin/tokens',
    summary: 'Revokes an API key, or deletes its record for good with permanent=true (admin session + CSRF)',
    credentials: ['sessionCookie'],
    schema: {
      querystring: byId({ permanent: { type: 'boolean', default: false } }),
    },
    operation: graphql(`mutation DeleteApiKey($id: UUID!, $permanent: Boolean) { deleteApiKey(id: $id, permanent: $permanent) { ...PlatformApiKey } }`),
    variables: ({ query }) => ({ id: requestField(query, 'id'), permanent: query.permanent === true }),
    respond: (data) => platformSuccess({ token: data.deleteApiKey }),
  }),
);

/** Tickets of seed 001 (P16–P26) and their replies: routes/tickets.ts. */
platformRoutes.push(...ticketRoutes);

/** Settings, test email, outbound targets and actions: routes/outbound.ts. */
platformRoutes.push(...outboundRoutes);
