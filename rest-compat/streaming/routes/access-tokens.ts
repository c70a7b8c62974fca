import { defineRoute, type RestRoute } from '../../route-table';
import { BASIC_RESULT_FIELDS, type BasicResultData } from './shared';

interface AccessTokensData {
  accessTokens: { edges: { node: { id: string } }[] };
}

export const accessTokenRoutes: RestRoute[] = [
  defineRoute<{ createAccessToken: { token: string; accessToken: { name: string } } }>({
    id: 'O42',
    method: 'POST',
    url: '/api/admin/accesstokens/create',
    summary: 'Create an access token (scopes CAN_SEND_MESSAGES, CAN_SEND_SYSTEM_MESSAGES, HAS_ADMIN_ACCESS)',
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
      createAccessToken(name: $name, scopes: $scopes) { token accessToken { name } }
    }`,
    variables: ({ body }) => body as { name: string; scopes: string[] },
    respond: ({ createAccessToken }) => ({ body: { name: createAccessToken.accessToken.name, token: createAccessToken.token } }),
  }),
  defineRoute<{ deleteAccessToken: BasicResultData }>({
    id: 'O43',
    method: 'POST',
    url: '/api/admin/accesstokens/delete',
    summary: 'Delete an access token, by the token or by its identifier from the list',
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
    summary: 'All access tokens, as their non-secret identifiers (first 100)',
    credentials: ['basicAdmin'],
    operation: `query AccessTokens { accessTokens(first: 100) { edges { node { id } } } }`,
    respond: (data) => ({ body: data.accessTokens.edges.map((edge) => edge.node.id) }),
  }),
];
