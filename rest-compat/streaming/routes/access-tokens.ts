import { requestField } from '../../request-values';
import { defineRoute, type RestRoute } from '../../route-table';
import { graphql } from '../generated';
import type { OwncastAccessTokenFragment } from '../generated/graphql';
import { basicResultReply } from './shared';

graphql(`
  fragment OwncastAccessToken on AccessToken {
    id
    name
    scopes
    createdAt
    lastUsedAt
  }
`);

/**
 * Owncast 0.0.7's AccessToken object {token, name, scopes, timestamp,
 * lastUsed}. Its admin UI lists tokens and deletes one by the `token` of its
 * list entry; only a hash of each secret is stored, so the list's `token` is
 * the token's non-secret identifier, which delete accepts as well as the
 * secret. Only the create answer carries the secret itself.
 */
function owncastToken(token: OwncastAccessTokenFragment, shownToken: string) {
  return { token: shownToken, name: token.name, scopes: token.scopes, timestamp: token.createdAt, lastUsed: token.lastUsedAt };
}

export const accessTokenRoutes: RestRoute[] = [
  defineRoute({
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
    operation: graphql(`
      mutation CreateAccessToken($name: String!, $scopes: [String!]!) {
        createAccessToken(name: $name, scopes: $scopes) {
          token
          accessToken {
            ...OwncastAccessToken
          }
        }
      }
    `),
    variables: ({ body }) => ({ name: requestField(body, 'name'), scopes: requestField(body, 'scopes') }),
    respond: ({ createAccessToken }) => ({ body: owncastToken(createAccessToken.accessToken, createAccessToken.token) }),
  }),
  defineRoute({
    id: 'O43',
    method: 'POST',
    url: '/api/admin/accesstokens/delete',
    summary: 'Delete an access token, by the `token` of its list entry (its identifier) or by the secret',
    credentials: ['basicAdmin'],
    schema: { body: { type: 'object', required: ['token'], properties: { token: { type: 'string' } } } },
    operation: graphql(`mutation DeleteAccessToken($token: String!) { deleteAccessToken(token: $token) { ...OwncastBasicResult } }`),
    variables: ({ body }) => ({ token: requestField(body, 'token') }),
    respond: (data) => basicResultReply(data.deleteAccessToken),
  }),
  defineRoute({
    id: 'O44',
    method: 'GET',
    url: '/api/admin/accesstokens',
    summary: 'All access tokens (first 100), oldest first; each `token` is the non-secret identifier delete takes',
    credentials: ['basicAdmin'],
    operation: graphql(`query AccessTokens { accessTokens(first: 100) { edges { node { ...OwncastAccessToken } } } }`),
    respond: (data) => ({ body: data.accessTokens.edges.map(({ node }) => owncastToken(node, node.id)) }),
  }),
];
