import { connectionOf, pageWindow, type Connection, type ConnectionArgs } from '../../../common/connections';
import { domainError, ErrorCode } from '../../../common/errors';
import type { Context } from '../context';
import { OutboundTarget } from '../entities/outbound-target';
import { insertTarget, insertTestAction, targetPage, updateTargetColumns, visibleTarget, type TargetChanges } from '../queries';
import { withHiddenValues } from './hidden-sql';
import { deliverNow, findAction } from './outbound-actions';
import { checkId, checkName, checkSecret, checkUrl } from './outbound-checks';
import { targetView, type OutboundActionView, type OutboundTargetView, type TargetKind } from './outbound-rows';
import { assertAllowed, type TargetAccess } from './permissions';
import { checkEvents, checkOrganization } from './webhook-scope';

/** Managing outbound targets and webhooks: list, read, create, change, delete, test. */

/** Targets, or webhooks: the caller's own, or every one for admins. */
export async function listTargets(context: Context, kind: TargetKind, args: ConnectionArgs): Promise<Connection<OutboundTargetView>> {
  const access = await assertAllowed(context, 'outboundTarget:read', kind);
  const { offset, limit } = pageWindow(args);
  const { rows, total } = await targetPage(context.em, access, limit, offset);
  return connectionOf(rows.map(targetView), offset, total);
}

/** Another user's webhook is NOT_FOUND, as if it did not exist (as resources are). */
async function findTarget({ em }: Context, access: TargetAccess, id: string): Promise<OutboundTargetView> {
  const row = await visibleTarget(em, access, checkId(id, access.kind));
  if (!row) throw domainError(ErrorCode.NotFound, `No such ${access.kind}`);
  return targetView(row);
}

export async function getTarget(context: Context, id: string, kind: TargetKind): Promise<OutboundTargetView> {
  return findTarget(context, await assertAllowed(context, 'outboundTarget:read', kind), id);
}

export interface CreateTargetInput {
  name?: string | null;
  url: string;
  secret?: string | null;
  enabled?: boolean | null;
  events?: string[] | null;
  /** Webhooks only: receive this organization's events instead of the owner's resources'. */
  organizationId?: string | null;
}

/** Only webhooks have an organization; on a target it is refused, not ignored. */
function organizationInput(kind: TargetKind, organizationId: string | null | undefined): string | null | undefined {
  if (kind === 'target' && organizationId !== undefined && organizationId !== null) {
    throw domainError(ErrorCode.BadUserInput, 'organizationId is for webhooks only', { field: 'organizationId' });
  }
  return organizationId;
}

export async function createTarget(context: Context, kind: TargetKind, input: CreateTargetInput): Promise<OutboundTargetView> {
  const access = await assertAllowed(context, 'outboundTarget:write', kind);
  const { em, settings } = context;
  const url = checkUrl(input.url, settings);
  const name = input.name === undefined || input.name === null ? (kind === 'webhook' ? new URL(url).host : checkName('')) : checkName(input.name);
  const secret = checkSecret(input.secret, settings);
  const requestedOrganization = organizationInput(kind, input.organizationId) ?? null;
  const events = checkEvents(input.events, kind, requestedOrganization);
  const owner = kind === 'webhook' ? access.actor : null;
  if (kind === 'webhook' && owner === null) throw domainError(ErrorCode.Forbidden, 'A webhook belongs to a user, and this API key acts for none');
  const organizationId = owner !== null && requestedOrganization !== null ? await checkOrganization(context, access, owner, requestedOrganization) : null;
  // The statement carries the (sealed) secret: keep it out of error logs.
  const row = await withHiddenValues(() =>
    insertTarget(em, { kind, name, url, secret, enabled: input.enabled ?? true, events, createdBy: access.actor, ownerId: owner, organizationId }),
  );
  return targetView(row);
}

export interface UpdateTargetInput {
  id: string;
  name?: string | null;
  url?: string | null;
  secret?: string | null;
  enabled?: boolean | null;
  events?: string[] | null;
  /** Webhooks only; null: back to the owner's resources. */
  organizationId?: string | null;
}

/**
 * Only the fields given change; secret null or "" removes the secret. A
 * webhook's events are checked against the organization it ends up with, so
 * moving it to or from an organization needs events it can receive.
 */
export async function updateTarget(context: Context, kind: TargetKind, input: UpdateTargetInput): Promise<OutboundTargetView> {
  const access = await assertAllowed(context, 'outboundTarget:write', kind);
  const { em, settings } = context;
  const current = await findTarget(context, access, input.id);
  const requestedOrganization = organizationInput(kind, input.organizationId);
  const organizationId =
    requestedOrganization === undefined
      ? current.organizationId
      : requestedOrganization === null || current.ownerId === null
        ? null
        : await checkOrganization(context, access, current.ownerId, requestedOrganization);
  const changes: TargetChanges = {};
  if (input.name !== undefined && input.name !== null) changes.name = checkName(input.name);
  if (input.url !== undefined && input.url !== null) changes.url = checkUrl(input.url, settings);
  if (input.secret !== undefined) changes.secret = checkSecret(input.secret, settings);
  if (input.enabled !== undefined && input.enabled !== null) changes.enabled = input.enabled;
  if (input.events !== undefined) changes.events = checkEvents(input.events, kind, organizationId);
  else if (requestedOrganization !== undefined) checkEvents(current.events, kind, organizationId);
  if (requestedOrganization !== undefined) changes.organizationId = organizationId;
  await withHiddenValues(() => updateTargetColumns(em, input.id, changes));
  return findTarget(context, access, input.id);
}

export async function deleteTarget(context: Context, kind: TargetKind, id: string): Promise<OutboundTargetView> {
  const target = await findTarget(context, await assertAllowed(context, 'outboundTarget:write', kind), id);
  await context.em.nativeDelete(OutboundTarget, { id });
  return target;
}

/** A signed `webhook.test` delivery to one target or webhook, now; answers the action. */
export async function testTarget(context: Context, kind: TargetKind, id: string): Promise<OutboundActionView> {
  const target = await findTarget(context, await assertAllowed(context, 'outboundTarget:write', kind), id);
  const actionId = await insertTestAction(context.em, target.id);
  return deliverNow(context, await findAction(context, actionId));
}
