import { cursorBeforePage } from '../../common/connections';
import { defineRoute, type RestRoute } from '../route-table';
import { generalData, generalError, generalList } from './envelope';
import { organizationRoutes } from './routes/organizations';
import { resourceRoutes } from './routes/resources';
import { webhookRoutes } from './routes/webhooks';

/** Family G (seed 003): users and authentication (G6–G8, G14–G17). */
const USER_FIELDS = 'id email username firstName lastName avatarUrl plan createdAt updatedAt roles(first: 10) { edges { node { name } } }';

interface UserData {
  id: string;
  email: string | null;
  username: string;
  firstName: string | null;
  lastName: string | null;
  avatarUrl: string | null;
  plan: string;
  createdAt: string;
  updatedAt: string;
  roles: { edges: { node: { name: string } }[] };
}

function generalUser(user: UserData): Record<string, unknown> {
  return {
    id: user.id,
    email: user.email,
    username: user.username,
    profile: { first_name: user.firstName, last_name: user.lastName, avatar_url: user.avatarUrl },
    plan: user.plan,
    roles: user.roles.edges.map((edge) => edge.node.name),
    created_at: user.createdAt,
    updated_at: user.updatedAt,
  };
}

interface TokensData {
  accessToken: string;
  refreshToken: string;
  tokenType: string;
  expiresIn: number;
}

/** Seed 003 shows the token response bare, without the data envelope. */
function tokenBody(tokens: TokensData): Record<string, unknown> {
  return { access_token: tokens.accessToken, refresh_token: tokens.refreshToken, token_type: tokens.tokenType, expires_in: tokens.expiresIn };
}

const TOKEN_FIELDS = 'accessToken refreshToken tokenType expiresIn';
const nullableString = { type: ['string', 'null'], maxLength: 2048 };

export const generalRoutes: RestRoute[] = [
  ...resourceRoutes,
  ...organizationRoutes,
  ...webhookRoutes,
  defineRoute<{ me: UserData | null }>({
    id: 'G6',
    method: 'GET',
    url: '/v1/users/me',
    summary: 'The current user',
    credentials: ['bearerToken'],
    operation: `query Me { me { ${USER_FIELDS} } }`,
    respond: (data) => (data.me ? generalData(generalUser(data.me)) : generalError(401, 'authentication_required', 'Sign in with a bearer access token')),
  }),
  defineRoute<{ updateMyProfile: UserData }>({
    id: 'G7',
    method: 'PATCH',
    url: '/v1/users/me',
    summary: "Updates the current user's profile",
    credentials: ['bearerToken'],
    schema: {
      body: {
        type: 'object',
        required: ['profile'],
        properties: {
          profile: {
            type: 'object',
            properties: { first_name: nullableString, last_name: nullableString, avatar_url: nullableString },
            additionalProperties: false,
          },
        },
      },
    },
    operation: `mutation UpdateMyProfile($input: UpdateProfileInput!) { updateMyProfile(input: $input) { ${USER_FIELDS} } }`,
    variables: ({ body }) => {
      const profile = (body as { profile: Record<string, string | null | undefined> }).profile;
      const input: Record<string, unknown> = {};
      if (profile.first_name !== undefined) input.firstName = profile.first_name;
      if (profile.last_name !== undefined) input.lastName = profile.last_name;
      if (profile.avatar_url !== undefined) input.avatarUrl = profile.avatar_url;
      return { input };
    },
    respond: (data) => generalData(generalUser(data.updateMyProfile)),
  }),
  defineRoute<{ users: { totalCount: number; edges: { node: UserData }[] } }>({
    id: 'G8',
    method: 'GET',
    url: '/v1/users',
    summary: 'Lists users (admins only)',
    credentials: ['bearerToken'],
    schema: {
      querystring: {
        type: 'object',
        properties: {
          page: { type: 'integer', minimum: 1, maximum: 1_000_000, default: 1 },
          per_page: { type: 'integer', minimum: 1, maximum: 100, default: 20 },
          search: { type: 'string', maxLength: 200 },
          role: { type: 'string', maxLength: 64 },
        },
      },
    },
    operation: `query Users($first: Int, $after: String, $search: String, $role: String) {
      users(first: $first, after: $after, search: $search, role: $role) { totalCount edges { node { ${USER_FIELDS} } } }
    }`,
    variables: ({ query }) => {
      const page = query.page as number;
      const perPage = query.per_page as number;
      return {
        first: perPage,
        after: cursorBeforePage(page, perPage),
        search: query.search ?? null,
        role: query.role ?? null,
      };
    },
    respond: (data, { query }) =>
      generalList(
        data.users.edges.map((edge) => generalUser(edge.node)),
        query.page as number,
        query.per_page as number,
        data.users.totalCount,
      ),
  }),
  defineRoute<{ issueTokens: TokensData }>({
    id: 'G14',
    method: 'POST',
    url: '/v1/auth/login',
    summary: 'Login: access_token (JWT, 3600 s), refresh_token, token_type Bearer, expires_in',
    credentials: [],
    schema: {
      body: {
        type: 'object',
        required: ['email', 'password'],
        properties: { email: { type: 'string', minLength: 1, maxLength: 320 }, password: { type: 'string', minLength: 1, maxLength: 1000 } },
      },
    },
    operation: `mutation IssueTokens($email: String!, $password: String!) { issueTokens(email: $email, password: $password) { ${TOKEN_FIELDS} } }`,
    variables: ({ body }) => {
      const { email, password } = body as { email: string; password: string };
      return { email, password };
    },
    respond: (data) => ({ status: 200, body: tokenBody(data.issueTokens), headers: { 'cache-control': 'no-store' } }),
  }),
  defineRoute<{ refreshTokens: TokensData }>({
    id: 'G15',
    method: 'POST',
    url: '/v1/auth/refresh',
    summary: 'Rotates the refresh token; reusing an old one revokes its family',
    credentials: [],
    schema: { body: { type: 'object', required: ['refresh_token'], properties: { refresh_token: { type: 'string', minLength: 1, maxLength: 4096 } } } },
    operation: `mutation RefreshTokens($refreshToken: String!) { refreshTokens(refreshToken: $refreshToken) { ${TOKEN_FIELDS} } }`,
    variables: ({ body }) => ({ refreshToken: (body as { refresh_token: string }).refresh_token }),
    respond: (data) => ({ status: 200, body: tokenBody(data.refreshTokens), headers: { 'cache-control': 'no-store' } }),
  }),
  defineRoute<{ revokeTokens: boolean }>({
    id: 'G16',
    method: 'POST',
    url: '/v1/auth/logout',
    summary: "Revokes the caller's refresh-token family (and refresh_token's, when given)",
    credentials: ['bearerToken'],
    schema: { body: { type: ['object', 'null'], properties: { refresh_token: { type: 'string', minLength: 1, maxLength: 4096 } } } },
    operation: 'mutation RevokeTokens($refreshToken: String) { revokeTokens(refreshToken: $refreshToken) }',
    variables: ({ body }) => ({ refreshToken: (body as { refresh_token?: string } | undefined)?.refresh_token ?? null }),
    respond: () => ({ status: 204 }),
  }),
  defineRoute<{ register: { email: string; username: string } }>({
    id: 'G17',
    method: 'POST',
    url: '/v1/auth/register',
    summary: 'Creates an account (the answer does not reveal whether the email was registered)',
    credentials: [],
    schema: {
      body: {
        type: 'object',
        required: ['email', 'username', 'password'],
        properties: {
          email: { type: 'string', minLength: 3, maxLength: 320 },
          username: { type: 'string', minLength: 1, maxLength: 100 },
          password: { type: 'string', minLength: 1, maxLength: 1000 },
        },
      },
    },
    operation: `mutation Register($email: EmailAddress!, $username: NonEmptyString!, $password: NonEmptyString!) {
      register(email: $email, username: $username, password: $password) { email username }
    }`,
    variables: ({ body }) => {
      const { email, username, password } = body as { email: string; username: string; password: string };
      return { email, username, password };
    },
    respond: (data) => generalData({ email: data.register.email, username: data.register.username }, 201),
  }),
];
