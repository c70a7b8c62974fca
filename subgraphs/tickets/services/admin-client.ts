import { domainError, ErrorCode } from '../../../common/errors';
import { adminServiceCall, callService } from '../../../common/service-call';
import type { TicketsSettings } from '../settings';

const EXISTING_ROLE_IDS = 'query ExistingRoleIds($ids: [UUID!]!) { existingRoleIds(ids: $ids) }';

/**
 * Asks the admin subgraph directly (not through the gateway) which of these
 * role ids exist, signed with this subgraph's own service principal
 * (`{kind: 'service', service: 'tickets'}`), which only Query.existingRoleIds accepts.
 */
export async function existingRoleIds(settings: TicketsSettings, requestId: string, ids: string[]): Promise<Set<string>> {
  if (ids.length === 0) return new Set();
  const { principalSecret } = settings;
  if (!principalSecret) throw unavailable();
  try {
    const existing = await callService<string[]>(adminServiceCall('tickets', { ...settings, principalSecret }), {
      query: EXISTING_ROLE_IDS,
      variables: { ids },
      field: 'existingRoleIds',
      requestId,
    });
    return new Set(existing.map((id) => id.toLowerCase()));
  } catch {
    throw unavailable();
  }
}

const unavailable = () => domainError(ErrorCode.ServiceUnavailable, 'Roles cannot be checked right now; try again');
