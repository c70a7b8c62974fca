import { domainError, ErrorCode } from '../../../common/errors';
import { REQUEST_ID_HEADER } from '../../../common/http-app';
import { PRINCIPAL_HEADER, signPrincipal } from '../../../common/principal';
import type { TicketsSettings } from '../settings';

const EXISTING_ROLE_IDS = 'query ExistingRoleIds($ids: [UUID!]!) { existingRoleIds(ids: $ids) }';

/**
 * Asks the admin subgraph directly (not through the gateway) which of these
 * role ids exist, signed with this subgraph's own service principal
 * (`{kind: 'service', service: 'tickets'}`), which only Query.existingRoleIds accepts.
 */
export async function existingRoleIds(settings: TicketsSettings, requestId: string, ids: string[]): Promise<Set<string>> {
  if (ids.length === 0) return new Set();
  const unavailable = () => domainError(ErrorCode.ServiceUnavailable, 'Roles cannot be checked right now; try again');
  if (!settings.principalSecret) throw unavailable();
  let body: { data?: { existingRoleIds?: string[] } | null } | undefined;
  try {
    const response = await fetch(settings.adminUrl, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        [PRINCIPAL_HEADER]: await signPrincipal({ kind: 'service', service: 'tickets', clientIp: '' }, settings.principalSecret, settings.principalTtlSeconds, requestId),
        [REQUEST_ID_HEADER]: requestId,
      },
      body: JSON.stringify({ query: EXISTING_ROLE_IDS, variables: { ids } }),
      signal: AbortSignal.timeout(settings.timeoutMs),
    });
    body = (await response.json()) as typeof body;
  } catch {
    throw unavailable();
  }
  const existing = body?.data?.existingRoleIds;
  if (!existing) throw unavailable();
  return new Set(existing.map((id) => id.toLowerCase()));
}
