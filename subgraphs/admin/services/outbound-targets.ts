import type { EntityManager } from '@mikro-orm/postgresql';
import { connectionOf, pageWindow, type Connection, type ConnectionArgs } from '../../../common/connections';
import { domainError, ErrorCode } from '../../../common/errors';
import type { Principal } from '../../../common/principal';
import type { Context } from '../context';
import type { AdminSettings } from '../settings';
import { withHiddenValues } from './hidden-sql';
import { accessTo, visibleRows, type TargetAccess } from './outbound-access';
import { deliverNow, findAction } from './outbound-actions';
import { arrayLiteral, checkId, checkName, checkSecret, checkUrl } from './outbound-checks';
import { TARGET_COLUMNS, targetView, type OutboundActionView, type OutboundTargetView, type TargetKind, type TargetRow } from './outbound-rows';
import { checkEvents, checkOrganization } from './webhook-scope';

/** Managing outbound targets (P9–P12) and webhooks (G18–G22): list, read, create, change, delete, test. */
/** Targets, or webhooks: the caller's own, or every one for admins. */
export async function listTargets(em: EntityManager, principal: Principal, kind: TargetKind, args: ConnectionArgs): Promise<Connection<OutboundTargetView>> {
  const { clause, values } = visibleRows(accessTo(principal, kind, false));
  const { offset, limit } = pageWindow(args);
  const rows = await em.execute<(TargetRow & { total: string })[]>(
    `select ${TARGET_COLUMNS}, count(*) over () as total from admin.outbound_targets t where ${clause} order by t.created_at, t.id limit ? offset ?`,
    [...values, limit, offset],
  );
  const total = rows[0]
    ? Number(rows[0].total)
    : Number((await em.execute<{ n: string }[]>(`select count(*) as n from admin.outbound_targets t where ${clause}`, values))[0]!.n);
  return connectionOf(rows.map(targetView), offset, total);
}

/** Another user's webhook is NOT_FOUND, as if it did not exist (as resources are). */
async function findTarget(em: EntityManager, access: TargetAccess, id: string): Promise<OutboundTargetView> {
  const { clause, values } = visibleRows(access);
  const [row] = await em.execute<TargetRow[]>(`select ${TARGET_COLUMNS} from admin.outbound_targets t where t.id = ? and ${clause}`, [
    checkId(id, access.kind),
    ...values,
  ]);
  if (!row) throw domainError(ErrorCode.NotFound, `No such ${access.kind}`);
  return targetView(row);
}

export async function getTarget(em: EntityManager, principal: Principal, id: string, kind: TargetKind): Promise<OutboundTargetView> {
  return findTarget(em, accessTo(principal, kind, false), id);
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

export async function createTarget(
  em: EntityManager,
  principal: Principal,
  settings: AdminSettings,
  kind: TargetKind,
  input: CreateTargetInput,
): Promise<OutboundTargetView> {
  const access = accessTo(principal, kind, true);
  const url = checkUrl(input.url, settings);
  const name = input.name === undefined || input.name === null ? (kind === 'webhook' ? new URL(url).host : checkName('')) : checkName(input.name);
  const secret = checkSecret(input.secret, settings);
  const requestedOrganization = organizationInput(kind, input.organizationId) ?? null;
  const events = checkEvents(input.events, kind, requestedOrganization);
  const owner = kind === 'webhook' ? access.actor : null;
  if (kind === 'webhook' && owner === null) throw domainError(ErrorCode.Forbidden, 'A webhook belongs to a user, and this API key acts for none');
  const organizationId = owner !== null && requestedOrganization !== null ? await checkOrganization(em, access, owner, requestedOrganization) : null;
  // The statement carries the (sealed) secret: keep it out of error logs.
  // The insert answers the whole target: no read after the commit that could fail a created target.
  const [row] = await withHiddenValues(() =>
    em.execute<TargetRow[]>(
      `insert into admin.outbound_targets as t (kind, name, url, secret, enabled, events, created_by, owner_id, organization_id)
       values (?, ?, ?, ?, ?, ?::text[], ?, ?, ?) returning ${TARGET_COLUMNS}`,
      [kind, name, url, secret, input.enabled ?? true, arrayLiteral(events), access.actor, owner, organizationId],
    ),
  );
  return targetView(row!);
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
export async function updateTarget(
  em: EntityManager,
  principal: Principal,
  settings: AdminSettings,
  kind: TargetKind,
  input: UpdateTargetInput,
): Promise<OutboundTargetView> {
  const access = accessTo(principal, kind, true);
  const current = await findTarget(em, access, input.id);
  const requestedOrganization = organizationInput(kind, input.organizationId);
  const organizationId =
    requestedOrganization === undefined
      ? current.organizationId
      : requestedOrganization === null || current.ownerId === null
        ? null
        : await checkOrganization(em, access, current.ownerId, requestedOrganization);
  const sets: string[] = [];
  const values: unknown[] = [];
  const set = (column: string, value: unknown, cast = '') => {
    sets.push(`${column} = ?${cast}`);
    values.push(value);
  };
  if (input.name !== undefined && input.name !== null) set('name', checkName(input.name));
  if (input.url !== undefined && input.url !== null) set('url', checkUrl(input.url, settings));
  if (input.secret !== undefined) set('secret', checkSecret(input.secret, settings));
  if (input.enabled !== undefined && input.enabled !== null) set('enabled', input.enabled);
  if (input.events !== undefined) set('events', arrayLiteral(checkEvents(input.events, kind, organizationId)), '::text[]');
  else if (requestedOrganization !== undefined) checkEvents(current.events, kind, organizationId);
  if (requestedOrganization !== undefined) set('organization_id', organizationId);
  if (sets.length > 0) {
    await withHiddenValues(() => em.execute(`update admin.outbound_targets set ${sets.join(', ')}, updated_at = now() where id = ?`, [...values, input.id]));
  }
  return findTarget(em, access, input.id);
}

export async function deleteTarget(em: EntityManager, principal: Principal, kind: TargetKind, id: string): Promise<OutboundTargetView> {
  const target = await findTarget(em, accessTo(principal, kind, true), id);
  await em.execute('delete from admin.outbound_targets where id = ?', [id]);
  return target;
}

/** G22: a signed `webhook.test` delivery to one target or webhook, now; answers the action. */
export async function testTarget(context: Context, kind: TargetKind, id: string): Promise<OutboundActionView> {
  const { em, principal, settings } = context;
  const target = await findTarget(em, accessTo(principal, kind, true), id);
  // Not due for the background worker for an hour: this call delivers it now, and only this call
  // (otherwise a worker poll in between would deliver the test twice).
  const [row] = await em.execute<{ id: string }[]>(
    `insert into admin.outbound_actions (target_id, event, payload, next_attempt_at)
     values (?, 'webhook.test', ?::jsonb, now() + interval '1 hour') returning id`,
    [target.id, JSON.stringify({ test: true, targetId: target.id, message: 'This is a test delivery.' })],
  );
  return deliverNow(context, await findAction(em, settings, row!.id));
}
