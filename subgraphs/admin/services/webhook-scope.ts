import type { EntityManager } from '@mikro-orm/postgresql';
import { domainError, ErrorCode } from '../../../common/errors';
import { EVENT_TYPE } from '../../../common/outbox';
import type { TargetAccess } from './outbound-access';
import { UUID } from './outbound-checks';
import type { TargetKind } from './outbound-rows';
import { managesOrganization, roleOf } from './organization-service';

/**
 * The events a webhook can receive: those of its owner's resources, or of
 * its organization. Any other name would never be delivered to it, so it is
 * refused rather than accepted in silence.
 */
export const ACCOUNT_EVENTS: readonly string[] = ['resource.created', 'resource.updated', 'resource.deleted'];
export const ORGANIZATION_EVENTS: readonly string[] = ['organization.updated', 'organization.member_added', 'organization.member_removed'];

/** Events are checked against what the row can receive: a webhook's scope (organization or not), or any name for a target. */
export function checkEvents(events: string[] | null | undefined, kind: TargetKind, organizationId: string | null): string[] | null {
  if (events === null || events === undefined) {
    if (kind === 'webhook') throw domainError(ErrorCode.BadUserInput, 'events must list at least one event', { field: 'events' });
    return null;
  }
  if (events.length === 0 || events.length > 50) throw domainError(ErrorCode.BadUserInput, 'events must list 1 to 50 events', { field: 'events' });
  const offered = kind === 'target' ? null : organizationId === null ? ACCOUNT_EVENTS : ORGANIZATION_EVENTS;
  for (const event of events) {
    if (event.length > 100 || !EVENT_TYPE.test(event))
      throw domainError(ErrorCode.BadUserInput, `events: ${event.slice(0, 100)} is not an event name such as resource.created`, { field: 'events' });
    if (offered !== null && !offered.includes(event)) {
      const scope = organizationId === null ? 'a webhook without organization_id' : 'an organization webhook';
      throw domainError(ErrorCode.BadUserInput, `events: ${event} is not delivered to ${scope}; it receives ${offered.join(', ')}`, { field: 'events' });
    }
  }
  return [...new Set(events)];
}

/**
 * A webhook on an organization's events needs its owner to be an owner or
 * admin of it (as for the organization's other changes), checked here and
 * again for every event delivered. To a non-member the organization does not
 * exist (as on G10), unless the caller is a site admin.
 */
export async function checkOrganization(em: EntityManager, access: TargetAccess, ownerId: string, organizationId: string): Promise<string> {
  const notFound = () => domainError(ErrorCode.NotFound, 'No such organization', { field: 'organization_id' });
  if (!UUID.test(organizationId)) throw notFound();
  const [organization] = await em.execute<{ id: string }[]>('select id from admin.organizations where id = ?', [organizationId]);
  const role = organization ? await roleOf(em, organizationId, ownerId) : null;
  if (!organization || (role === null && !access.siteAdmin)) throw notFound();
  if (!managesOrganization(role)) {
    throw domainError(ErrorCode.Forbidden, "Only the organization's owners and admins may have webhooks on its events", { field: 'organization_id' });
  }
  return organizationId;
}
