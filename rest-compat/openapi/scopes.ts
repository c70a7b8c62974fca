import type { CredentialScheme, RestRoute } from '../route-table';
import { rootFieldsOf } from './samples';

/**
 * The scopes a route's credential must carry. The services decide them (in
 * code, per GraphQL field); these rules state the two conventions they
 * follow, and test/openapi-document.test.ts checks the documented scopes
 * against the running services.
 */

/** API keys: `<area>:read` for queries and `<area>:write` for mutations (common/authorization.ts requirePermission). */
const API_KEY_AREAS: readonly [pathPrefix: string, area: string][] = [
  ['/api/tickets', 'tickets'],
  ['/api/admin/settings', 'settings'],
  ['/api/admin/outbound-', 'settings'],
];

/** Owncast integration access tokens: chat senders need their sending scope, everything else HAS_ADMIN_ACCESS (subgraphs/streaming/resolvers). */
const ACCESS_TOKEN_SCOPE_BY_FIELD: Readonly<Record<string, string>> = {
  sendIntegrationChatMessage: 'CAN_SEND_MESSAGES',
  sendChatAction: 'CAN_SEND_MESSAGES',
  sendSystemChatMessage: 'CAN_SEND_SYSTEM_MESSAGES',
};
const ACCESS_TOKEN_DEFAULT_SCOPE = 'HAS_ADMIN_ACCESS';

function apiKeyScopes(route: RestRoute): string[] {
  const area = API_KEY_AREAS.find(([prefix]) => route.url.startsWith(prefix))?.[1];
  if (!area) throw new Error(`${route.id} takes API keys, but no API-key scope area covers ${route.url} (rest-compat/openapi/scopes.ts)`);
  return [`${area}:${rootFieldsOf(route.operation).kind === 'query' ? 'read' : 'write'}`];
}

function accessTokenScopes(route: RestRoute): string[] {
  const scopes = rootFieldsOf(route.operation).fields.map((field) => ACCESS_TOKEN_SCOPE_BY_FIELD[field] ?? ACCESS_TOKEN_DEFAULT_SCOPE);
  return [...new Set(scopes)];
}

/** Credential scheme → scopes it needs for this route; schemes without scopes are left out. */
export function requiredScopes(route: RestRoute): Partial<Record<CredentialScheme, string[]>> {
  const scopes: Partial<Record<CredentialScheme, string[]>> = {};
  if (route.credentials.includes('apiKey')) scopes.apiKey = apiKeyScopes(route);
  if (route.credentials.includes('accessToken')) scopes.accessToken = accessTokenScopes(route);
  return scopes;
}
