import type { ApolloServerPlugin } from '@apollo/server';
import { GraphQLError } from 'graphql';
import { constantTimeEqual } from '../common/constant-time';
import { ErrorCode } from '../common/errors';
import type { GatewayContext } from './context';

/**
 * CSRF: a mutation authenticated by the session cookie must carry the
 * session's token in x-csrf-token. Checked once the operation is known and
 * before anything runs, for /graphql and for REST routes alike (both run
 * through this pipeline). API keys and bearer tokens need none. GraphQL over
 * GET never runs mutations (Apollo Server refuses them), and Apollo's
 * csrfPrevention stays on for simple requests.
 */
export function csrfPlugin(): ApolloServerPlugin<GatewayContext> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ operation, contextValue }) {
          if (operation?.operation !== 'mutation') return;
          const { principal, csrf } = contextValue;
          if (principal.kind !== 'user' || principal.authMethod !== 'session') return;
          if (!csrf?.expected || !csrf.given || !constantTimeEqual(csrf.expected, csrf.given)) {
            throw new GraphQLError('Missing or invalid x-csrf-token for a session-authenticated change', {
              extensions: { code: ErrorCode.Forbidden, http: { status: 403 } },
            });
          }
        },
      };
    },
  };
}

/** The login mutation's session token becomes the HttpOnly `session` cookie; logout clears it. */
export function sessionCookiePlugin(): ApolloServerPlugin<GatewayContext> {
  return {
    async requestDidStart() {
      return {
        async willSendResponse({ response, contextValue }) {
          const issued = contextValue.sessionCookie;
          if (!issued) return;
          const attributes = ['Path=/', 'HttpOnly', 'SameSite=Lax'];
          if (contextValue.secureCookies) attributes.push('Secure');
          if ('clear' in issued) {
            response.http.headers.set('set-cookie', ['session=', ...attributes, 'Max-Age=0'].join('; '));
            return;
          }
          const maxAge = Math.max(0, Math.floor((Date.parse(issued.expiresAt) - Date.now()) / 1000));
          response.http.headers.set('set-cookie', [`session=${issued.token}`, ...attributes, `Max-Age=${maxAge}`].join('; '));
        },
      };
    },
  };
}
