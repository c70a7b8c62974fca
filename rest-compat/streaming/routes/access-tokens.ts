import { defineRoute, type RestRoute } from '../../route-table';
import { BASIC_RESULT_FIELDS, type BasicResultData } from './shared';

const TOKEN_FIELDS = 'id name scopes createdAt lastUsedAt';

interface AccessTokenData {
  id: string;
  name: string;
  scopes: string[];
  createdAt: string;
  lastUsedAt: string | null;
}

interface AccessTokensData {
  accessTokens: { edges: { node: AccessTokenData }[] };
}

/**
 * Owncast 0.0.7's AccessToken object {token, name, scopes, timestamp,
 * lastUsed}. Its admin UI lists tokens and deletes one by the `token` of its
 * list entry; only a hash of each secret is stored, so the list's `token` is
 * the token's non-secret identifier, which delete accepts as well as the
 * secret. Only the create answer carries the secret itself.
 */
function owncastToken(token: AccessTokenData, shownToken: string) {
  return { token: shownToken, name: token.name, scopes: token.scopes, timestamp: token.createdAt, lastUsed: token.lastUsedAt };
}

export const accessTokenRoutes: RestRoute[] = [
  defineRoute<{ createAccessToken: { token: string; accessToken: AccessTokenData } }>({
    id: 'O42',
    method: 'POST',
    url: '/api/admin/accesstokens/create',
    summary: 'Create an access token (scopes CAN_SEND_MESSAGES, CAN_SEND_SYSTEM_MESSAGES, HAS_ADMIN_ACCESS); the answer shows the secret this once',
    credentials: ['basicAdmin'],
    idempotent: true,
    schema: {
      body: {
        type: 'object',
        required: ['name', 'scopes'],
        properties: { name: { type: 'string' }, scopes: { type: 'array', items: { type: 'string' } } },
      },
    },
    operation: `mutation CreateAccessToken($name: String!, $scopes: [String!]!) {
      createAccessToken(name: $name, scopes: $scopes) { token accessToken { ${TOKEN_FIELDS} } }
    }`,
    variables: ({ body }) => body as { name: string; scopes: string[] },
    respond: ({ createAccessToken }) => ({ body: owncastToken(createAccessToken.accessToken, createAccessToken.token) }),
  }),
  defineRoute<{ deleteAccessToken: BasicResultData }>({
    id: 'O43',
    method: 'POST',
    url: '/api/admin/accesstokens/delete',
    summary: 'Delete an access token, by the `token` of its list entry (its identifier) or by the secret',
    credentials: ['basicAdmin'],
    schema: { body: { type: 'object', required: ['token'], properties: { token: { type: 'string' } } } },
    operation: `mutation DeleteAccessToken($token: String!) { deleteAccessToken(token: $token) { ${BASIC_RESULT_FIELDS} } }`,
    variables: ({ body }) => ({ token: (body as { token: string }).token }),
    respond: (data) => ({ body: data.deleteAccessToken }),
  }),
  defineRoute<AccessTokensData>({
    id: 'O44',
    method: 'GET',
    url: '/api/admin/accesstokens',
    summary: 'All access tokens (first 100), oldest first; each `token` is the non-secret identifier delete takes',
    credentials: ['basicAdmin'],
    operation: `query AccessTokens { accessTokens(first: 100) { edges { node { ${TOKEN_FIELDS} } } } }`,
    respond: (data) => ({ body: data.accessTokens.edges.map(({ node }) => owncastToken(node, node.id)) }),
  }),
];
