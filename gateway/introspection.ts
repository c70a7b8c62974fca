import type { ApolloServerPlugin } from '@apollo/server';
import { GraphQLError, NoSchemaIntrospectionCustomRule, validate } from 'graphql';
import { ErrorCode } from '../common/errors';
import type { Principal } from '../common/principal';
import type { GatewayContext } from './context';

/** The environment variable that turns introspection on for everyone (common/config.ts). */
export const INTROSPECTION_SWITCH = 'GRAPHQL_INTROSPECTION';

export const INTROSPECTION_REFUSED =
  `Introspection is turned off on this server for callers who are not admins. ` +
  `Sign in as an admin or send an admin's API key, or have the operator set ${INTROSPECTION_SWITCH}=true (docs/CONFIGURATION.md). ` +
  `The client schema is also published as schema/api.graphql.`;

/** Admin users, and API keys whose effective permissions (creator ∩ scopes) include admin. */
export function mayIntrospect(principal: Principal): boolean {
  return (principal.kind === 'user' || principal.kind === 'apiKey') && principal.permissions.includes('admin');
}

/**
 * Introspection (__schema, __type) for admins only, unless `enabled`
 * (GRAPHQL_INTROSPECTION; on by default in development). Apollo Server itself
 * has introspection on, so that admins' GraphQL IDE can load the schema; this
 * plugin refuses everyone else once the caller is known, with a message that
 * names the real switch instead of an Apollo constructor option.
 */
export function introspectionPlugin(options: { enabled: boolean }): ApolloServerPlugin<GatewayContext> {
  return {
    async requestDidStart() {
      if (options.enabled) return;
      return {
        async didResolveOperation({ document, schema, contextValue }) {
          if (mayIntrospect(contextValue.principal)) return;
          // graphql-js's own rule finds every __schema and __type field, fragments included.
          if (validate(schema, document, [NoSchemaIntrospectionCustomRule]).length === 0) return;
          throw new GraphQLError(INTROSPECTION_REFUSED, { extensions: { code: ErrorCode.Forbidden, http: { status: 403 } } });
        },
      };
    },
  };
}
