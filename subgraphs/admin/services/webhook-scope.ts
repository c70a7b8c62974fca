import { domainError, ErrorCode } from '../../../common/errors';
import { EVENT_TYPE } from '../../../common/outbox';
import type { Context } from '../context';
import { Organization } from '../entities/organization';
import { UUID } from './outbound-checks';
import type { TargetKind } from './outbound-rows';
import { roleOf } from './organization-service';
import { assertAllowed, type TargetAccess } from './permissions';

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
 * again for every event delivered (the rule: 'organization:watch').
 */
export async function checkOrganization(context: Context, access: TargetAccess, ownerId: string, organizationId: string): Promise<string> {
  const { em } = context;
  // An id that is no uuid names no organization: NOT_FOUND, not a database error.
  const organization = UUID.test(organizationId) ? await em.findOne(Organization, { id: organizationId }) : null;
  const role = organization ? await roleOf(em, organizationId, ownerId) : null;
  await assertAllowed(context, 'organization:watch', { exists: organization !== null, role, siteAdmin: access.siteAdmin });
  return organizationId;
}
