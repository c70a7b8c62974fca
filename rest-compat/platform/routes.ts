import { defineRoute, type RestRoute } from '../route-table';
import { platformError, platformSuccess } from './envelope';
import { outboundRoutes } from './routes/outbound';
import { ticketRoutes } from './routes/tickets';

interface PublicSettingsData {
  publicSettings: Record<string, unknown>;
}

export const platformRoutes: RestRoute[] = [
  defineRoute<PublicSettingsData>({
    id: 'P1',
    method: 'GET',
    url: '/api/settings/public',
    summary: 'Public site settings required by unauthenticated pages',
    credentials: [],
    operation: 'query PublicSettings { publicSettings { siteName siteDescription registrationOpen supportEmail } }',
    respond: (data) => platformSuccess({ settings: data.publicSettings }),
  }),
];

/** Identity (issue 3): platform login and API keys (P5–P8). */
const USER_FIELDS = 'id email username firstName lastName avatarUrl plan createdAt roles(first: 10) { edges { node { name } } } permissions';
const API_KEY_FIELDS = 'id displayName identifier scopes allowedIps banFields expiresAt revoked lastUsedAt createdAt updatedAt createdBy { id username }';

interface UserData {
  id: string;
  email: string | null;
  username: string;
  firstName: string | null;
  lastName: string | null;
  avatarUrl: string | null;
  plan: string;
  createdAt: string;
  roles: { edges: { node: { name: string } }[] };
  permissions: string[];
}

/** Family P user: roles as names. */
export function platformUser(user: UserData): Record<string, unknown> {
  const { roles, ...rest } = user;
  return { ...rest, roles: roles.edges.map((edge) => edge.node.name) };
}

interface SessionData {
  user: UserData;
  csrfToken: string;
  expiresAt: string;
}

const credentialsBody = {
  type: 'object',
  required: ['email', 'password'],
  properties: { email: { type: 'string', minLength: 1, maxLength: 320 }, password: { type: 'string', minLength: 1, maxLength: 1000 } },
};

const stringList = { type: 'array', items: { type: 'string', maxLength: 200 }, maxItems: 100 };
const expiresAt = { type: ['string', 'null'], description: 'ISO 8601 date and time' };

platformRoutes.push(
  defineRoute<{ login: SessionData }>({
    id: 'P-login',
    method: 'POST',
    url: '/api/auth/login',
    summary: 'Sign in: sets the HttpOnly session cookie and returns the user and the CSRF token',
    credentials: [],
    schema: { body: credentialsBody },
    operation: `mutation Login($email: String!, $password: String!) { login(email: $email, password: $password) { csrfToken expiresAt user { ${USER_FIELDS} } } }`,
    variables: ({ body }) => {
      const { email, password } = body as { email: string; password: string };
      return { email, password };
    },
    respond: (data) => platformSuccess({ user: platformUser(data.login.user), csrfToken: data.login.csrfToken, expiresAt: data.login.expiresAt }),
  }),
  defineRoute<{ logout: boolean }>({
    id: 'P-logout',
    method: 'POST',
    url: '/api/auth/logout',
    summary: 'Ends the session server-side and clears the cookie (needs x-csrf-token)',
    credentials: ['sessionCookie'],
    operation: 'mutation Logout { logout }',
    respond: () => platformSuccess({ loggedOut: true }),
  }),
  defineRoute<{ currentSession: SessionData | null }>({
    id: 'P-session',
    method: 'GET',
    url: '/api/auth/session',
    summary: 'The signed-in user and the CSRF token of the session',
    credentials: ['sessionCookie'],
    operation: `query CurrentSession { currentSession { csrfToken expiresAt user { ${USER_FIELDS} } } }`,
    respond: (data) =>
      data.currentSession
        ? platformSuccess({ user: platformUser(data.currentSession.user), csrfToken: data.currentSession.csrfToken, expiresAt: data.currentSession.expiresAt })
        : platformError(401, 'unauthorized', 'Not signed in'),
  }),
  defineRoute<{ apiKeys: { edges: { node: Record<string, unknown> }[] } }>({
    id: 'P5',
    method: 'GET',
    url: '/api/admin/tokens',
    summary: 'Lists API key records without revealing secrets (admin session)',
    credentials: ['sessionCookie'],
    operation: `query ApiKeys { apiKeys(first: 100) { edges { node { ${API_KEY_FIELDS} } } } }`,
    respond: (data) => platformSuccess({ tokens: data.apiKeys.edges.map((edge) => edge.node) }),
  }),
  defineRoute<{ createApiKey: { apiKey: Record<string, unknown>; secret: string } }>({
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
    operation: `mutation CreateApiKey($input: CreateApiKeyInput!) { createApiKey(input: $input) { secret apiKey { ${API_KEY_FIELDS} } } }`,
    variables: ({ body }) => {
      const input = body as Record<string, unknown>;
      return { input: { displayName: input.displayName, scopes: input.scopes, allowedIps: input.allowedIps, banFields: input.banFields, expiresAt: input.expiresAt ?? null } };
    },
    respond: (data) => platformSuccess({ token: { ...data.createApiKey.apiKey, secret: data.createApiKey.secret } }),
  }),
  defineRoute<{ updateApiKey: Record<string, unknown> }>({
    id: 'P7',
    method: 'PUT',
    url: '/api/admin/tokens',
    summary: 'Updates API key metadata, scopes, fields, expiry, or revocation status (admin session + CSRF)',
    credentials: ['sessionCookie'],
    schema: {
      body: {
        type: 'object',
        required: ['id'],
        properties: {
          id: { type: 'string', format: 'uuid' },
          displayName: { type: 'string', maxLength: 100 },
          scopes: stringList,
          allowedIps: stringList,
          banFields: stringList,
          expiresAt,
          revoked: { type: 'boolean' },
        },
      },
    },
    operation: `mutation UpdateApiKey($input: UpdateApiKeyInput!) { updateApiKey(input: $input) { ${API_KEY_FIELDS} } }`,
    variables: ({ body }) => {
      const input = body as Record<string, unknown>;
      const fields = ['id', 'displayName', 'scopes', 'allowedIps', 'banFields', 'expiresAt', 'revoked'];
      return { input: Object.fromEntries(fields.filter((field) => input[field] !== undefined).map((field) => [field, input[field]])) };
    },
    respond: (data) => platformSuccess({ token: data.updateApiKey }),
  }),
  defineRoute<{ deleteApiKey: Record<string, unknown> }>({
    id: 'P8',
    method: 'DELETE',
    url: '/api/admin/tokens',
    summary: 'Revokes an API key, or deletes its record for good with permanent=true (admin session + CSRF)',
    credentials: ['sessionCookie'],
    schema: {
      querystring: { type: 'object', required: ['id'], properties: { id: { type: 'string', format: 'uuid' }, permanent: { type: 'boolean', default: false } } },
    },
    operation: `mutation DeleteApiKey($id: UUID!, $permanent: Boolean) { deleteApiKey(id: $id, permanent: $permanent) { ${API_KEY_FIELDS} } }`,
    variables: ({ query }) => ({ id: query.id, permanent: query.permanent === true }),
    respond: (data) => platformSuccess({ token: data.deleteApiKey }),
  }),
);

/** Tickets (issue 5, seed 001): P16–P26 and replies. */
platformRoutes.push(...ticketRoutes);

/** Settings, test email, outbound targets and actions (issue 4): routes/outbound.ts. */
platformRoutes.push(...outboundRoutes);
