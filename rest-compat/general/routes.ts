import { requestField, requestFieldsAs, requestFieldsOf } from '../request-values';
import { defineRoute, type RestRoute } from '../route-table';
import { generalData, generalError } from './envelope';
import { graphql } from './generated';
import type { GeneralTokensFragment, GeneralUserFragment } from './generated/graphql';
import { organizationRoutes } from './routes/organizations';
import { PAGE_PROPERTIES, pageReply, pageVariables } from './routes/pages';
import { resourceRoutes } from './routes/resources';
import { webhookRoutes } from './routes/webhooks';

/** Family G (seed 003): users and authentication (G6–G8, G14–G17). */
graphql(`
  fragment GeneralUser on User {
    id
    email
    username
    firstName
    lastName
    avatarUrl
    plan
    createdAt
    updatedAt
    roles(first: 10) {
      edges {
        node {
          name
        }
      }
    }
  }
`);

function generalUser(user: GeneralUserFragment): Record<string, unknown> {
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

graphql(`
  fragment GeneralTokens on AuthTokens {
    accessToken
    refreshToken
    tokenType
    expiresIn
  }
`);

/** Seed 003 shows the token response bare, without the data envelope, and it must not be cached. */
function tokenReply(tokens: GeneralTokensFragment) {
  return {
    status: 200,
    body: { access_token: tokens.accessToken, refresh_token: tokens.refreshToken, token_type: tokens.tokenType, expires_in: tokens.expiresIn },
    headers: { 'cache-control': 'no-store' },
  };
}

const nullableString = { type: ['string', 'null'], maxLength: 2048 };

export const generalRoutes: RestRoute[] = [
  ...resourceRoutes,
  ...organizationRoutes,
  ...webhookRoutes,
  defineRoute({
    id: 'G6',
    method: 'GET',
    url: '/v1/users/me',
    summary: 'The current user',
    credentials: ['bearerToken'],
    operation: graphql(`query Me { me { ...GeneralUser } }`),
    respond: (data) => (data.me ? generalData(generalUser(data.me)) : generalError(401, 'authentication_required', 'Sign in with a bearer access token')),
  }),
  defineRoute({
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
    operation: graphql(`mutation UpdateMyProfile($input: UpdateProfileInput!) { updateMyProfile(input: $input) { ...GeneralUser } }`),
    variables: ({ body }) => ({
      input: requestFieldsAs(requestFieldsOf(body).profile, { firstName: 'first_name', lastName: 'last_name', avatarUrl: 'avatar_url' }),
    }),
    respond: (data) => generalData(generalUser(data.updateMyProfile)),
  }),
  defineRoute({
    id: 'G8',
    method: 'GET',
    url: '/v1/users',
    summary: 'Lists users (admins only)',
    credentials: ['bearerToken'],
    schema: {
      querystring: {
        type: 'object',
        properties: { ...PAGE_PROPERTIES, search: { type: 'string', maxLength: 200 }, role: { type: 'string', maxLength: 64 } },
      },
    },
    operation: graphql(`
      query Users($first: Int, $after: String, $search: String, $role: String) {
        users(first: $first, after: $after, search: $search, role: $role) {
          totalCount
          edges {
            node {
              ...GeneralUser
            }
          }
        }
      }
    `),
    variables: ({ query }) => ({ ...pageVariables(query), search: requestField(query, 'search') ?? null, role: requestField(query, 'role') ?? null }),
    respond: (data, { query }) => pageReply(data.users, query, generalUser),
  }),
  defineRoute({
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
    operation: graphql(`mutation IssueTokens($email: String!, $password: String!) { issueTokens(email: $email, password: $password) { ...GeneralTokens } }`),
    variables: ({ body }) => ({ email: requestField(body, 'email'), password: requestField(body, 'password') }),
    respond: (data) => tokenReply(data.issueTokens),
  }),
  defineRoute({
    id: 'G15',
    method: 'POST',
    url: '/v1/auth/refresh',
    summary: 'Rotates the refresh token; reusing an old one revokes its family',
    credentials: [],
    schema: { body: { type: 'object', required: ['refresh_token'], properties: { refresh_token: { type: 'string', minLength: 1, maxLength: 4096 } } } },
    operation: graphql(`mutation RefreshTokens($refreshToken: String!) { refreshTokens(refreshToken: $refreshToken) { ...GeneralTokens } }`),
    variables: ({ body }) => ({ refreshToken: requestField(body, 'refresh_token') }),
    respond: (data) => tokenReply(data.refreshTokens),
  }),
  defineRoute({
    id: 'G16',
    method: 'POST',
    url: '/v1/auth/logout',
    summary: "Revokes the caller's refresh-token family (and refresh_token's, when given)",
    credentials: ['bearerToken'],
    schema: { body: { type: ['object', 'null'], properties: { refresh_token: { type: 'string', minLength: 1, maxLength: 4096 } } } },
    operation: graphql(`mutation RevokeTokens($refreshToken: String) { revokeTokens(refreshToken: $refreshToken) }`),
    variables: ({ body }) => ({ refreshToken: requestField(body, 'refresh_token') ?? null }),
    respond: () => ({ status: 204 }),
  }),
  defineRoute({
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
    operation: graphql(`
      mutation Register($email: EmailAddress!, $username: NonEmptyString!, $password: NonEmptyString!) {
        register(email: $email, username: $username, password: $password) {
          email
          username
        }
      }
    `),
    variables: ({ body }) => ({ email: requestField(body, 'email'), username: requestField(body, 'username'), password: requestField(body, 'password') }),
    respond: (data) => generalData({ email: data.register.email, username: data.register.username }, 201),
  }),
];
