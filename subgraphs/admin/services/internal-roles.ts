import type { EntityManager } from '@mikro-orm/postgresql';
import { domainError, ErrorCode } from '../../../common/errors';
import type { Principal } from '../../../common/principal';

/**
 * Query.existingRoleIds: the tickets subgraph asks, with its own service
 * principal, which of the role ids a category names exist. Nobody else may.
 */
export async function existingRoleIds(em: EntityManager, principal: Principal, ids: readonly string[]): Promise<string[]> {
  if (principal.kind !== 'service' || principal.service !== 'tickets') throw domainError(ErrorCode.Forbidden, 'Not available');
  const unique = [...new Set(ids.map((id) => id.toLowerCase()))];
  if (unique.length === 0) return [];
  if (unique.length > 1000) throw domainError(ErrorCode.BadUserInput, 'At most 1000 role ids at once');
  const rows = await em.getConnection().execute<{ id: string }[]>(`select id from admin.roles where id in (${unique.map(() => '?').join(', ')})`, unique);
  return rows.map((row) => row.id);
}
