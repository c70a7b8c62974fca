import type { EntityManager } from '@mikro-orm/postgresql';
import { requireAuthenticated, requirePermission } from '../../../common/authorization';
import { connectionOf, pageWindow, type Connection, type ConnectionArgs } from '../../../common/connections';
import { domainError, ErrorCode } from '../../../common/errors';
import { sealSecret } from '../../../common/outbound/secret-box';
import { checkTargetUrlInput } from '../../../common/outbound/url-policy';
import { EVENT_TYPE, type DomainEvent } from '../../../common/outbox';
import type { Principal } from '../../../common/principal';
import type { AdminSettings } from '../settings';
import { withHiddenValues } from './hidden-sql';
import { managesOrganization, MANAGER_ROLES, roleOf } from './organization-service';
import { isSiteAdmin } from './resource-service';

/**
 * Outbound targets (P9–P12) and webhooks (G18–G22) are rows of one table,
 * told apart by kind; both are delivered by the shared worker
 * (common/outbound/worker.ts). Actions (P13–P15) are the deliveries.
 * Targets are the platform's: admins manage them and they receive every
 * matching event. Webhooks are an account's: each belongs to a user, who
 * manages it, and receives the events of that user's resources, or, with an
 * organization, that organization's events; admins see and manage them all.
 */
export type TargetKind = 'target' | 'webhook';
export type ActionStatus = 'queued' | 'delivering' | 'succeeded' | 'failed';

export interface OutboundTargetView {
  id: string;
  kind: TargetKind;
  name: string;
  url: string;
  hasSecret: boolean;
  enabled: boolean;
  events: string[] | null;
  /** The user a webhook belongs to (null for targets). */
  ownerId: string | null;
  /** The organization whose events a webhook receives (null: its owner's resources). */
  organizationId: string | null;
  createdAt: Date;
  updatedAt: Date;
}

export interface OutboundActionView {
  id: string;
  target: OutboundTargetView;
  event: string;
  payload: Record<string, unknown>;
  status: ActionStatus;
  attempts: number;
  maxAttempts: number;
  lastError: string | null;
  lastStatusCode: number | null;
  nextAttemptAt: Date | null;
  deliveredAt: Date | null;
  createdAt: Date;
  updatedAt: Date;
}

interface TargetRow {
  id: string;
  kind: TargetKind;
  name: string;
  url: string;
  has_secret: boolean;
  enabled: boolean;
  events: string[] | null;
  owner_id: string | null;
  organization_id: string | null;
  created_at: Date;
  updated_at: Date;
}

const TARGET_COLUMNS =
  't.id, t.kind, t.name, t.url, t.secret is not null as has_secret, t.enabled, t.events, t.owner_id, t.organization_id, t.created_at, t.updated_at';
const ACTION_COLUMNS = `a.id as action_id, a.event, a.payload, a.status, a.attempts, a.last_error, a.last_status_code, a.next_attempt_at,
  a.delivered_at, a.created_at as action_created_at, a.updated_at as action_updated_at, ${TARGET_COLUMNS}`;

interface ActionRow extends TargetRow {
  action_id: string;
  event: string;
  payload: Record<string, unknown>;
  status: ActionStatus;
  attempts: number;
  last_error: string | null;
  last_status_code: number | null;
  next_attempt_at: Date;
  delivered_at: Date | null;
  action_created_at: Date;
  action_updated_at: Date;
}

function targetView(row: TargetRow): OutboundTargetView {
  return {
    id: row.id,
    kind: row.kind,
    name: row.name,
    url: row.url,
    hasSecret: row.has_secret,
    enabled: row.enabled,
    events: row.events,
    ownerId: row.owner_id,
    organizationId: row.organization_id,
    createdAt: new Date(row.created_at),
    updatedAt: new Date(row.updated_at),
  };
}

function actionView(row: ActionRow, maxAttempts: number): OutboundActionView {
  return {
    id: row.action_id,
    target: targetView(row),
    event: row.event,
    payload: row.payload,
    status: row.status,
    attempts: row.attempts,
    maxAttempts,
    lastError: row.last_error,
    lastStatusCode: row.last_status_code,
    nextAttemptAt: row.status === 'queued' ? new Date(row.next_attempt_at) : null,
    deliveredAt: row.delivered_at ? new Date(row.delivered_at) : null,
    createdAt: new Date(row.action_created_at),
    updatedAt: new Date(row.action_updated_at),
  };
}

const canRead = (principal: Principal) => requirePermission(principal, 'admin', 'settings:read', 'outbound integrations');
const canWrite = (principal: Principal) => requirePermission(principal, 'admin', 'settings:write', 'outbound integrations');

/** What one call may reach among the rows of one kind, worked out from the caller before anything is read. */
interface TargetAccess {
  kind: TargetKind;
  /** Only this user's webhooks are visible; null: every row of the kind. */
  onlyOwner: string | null;
  /** The user a webhook created now belongs to; null when the caller acts for no user. */
  actor: string | null;
  /** Site admins see every organization. */
  siteAdmin: boolean;
}

/**
 * Targets: admins (keys: settings:read to read, settings:write to change).
 * Webhooks: every signed-in user, for their own. API keys are no
 * credential of the general API and no key scope covers an account's own
 * data (as for resources), so a key reaches webhooks only as the admin it is:
 * with the settings scopes and the admin permission, like targets.
 */
function accessTo(principal: Principal, kind: TargetKind, change: boolean): TargetAccess {
  if (kind === 'target') {
    (change ? canWrite : canRead)(principal);
    return { kind, onlyOwner: null, actor: createdByOf(principal), siteAdmin: true };
  }
  const caller = requireAuthenticated(principal, 'webhooks');
  if (caller.kind === 'apiKey') {
    requirePermission(caller, 'admin', change ? 'settings:write' : 'settings:read', 'webhooks');
    return { kind, onlyOwner: null, actor: caller.userId ?? null, siteAdmin: true };
  }
  const siteAdmin = isSiteAdmin(caller);
  return { kind, onlyOwner: siteAdmin ? null : caller.userId, actor: caller.userId, siteAdmin };
}

function createdByOf(principal: Principal): string | null {
  return principal.kind === 'user' ? principal.userId : principal.kind === 'apiKey' ? (principal.userId ?? null) : null;
}

/** The where clause (on alias t) that keeps a call to the rows it may reach. */
function visibleRows(access: TargetAccess): { clause: string; values: unknown[] } {
  return access.onlyOwner === null
    ? { clause: 't.kind = ?', values: [access.kind] }
    : { clause: 't.kind = ? and t.owner_id = ?', values: [access.kind, access.onlyOwner] };
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
function checkId(id: string, what: string): string {
  if (!UUID.test(id)) throw domainError(ErrorCode.NotFound, `No such ${what}`);
  return id;
}

function checkName(name: string): string {
  const trimmed = name.trim();
  if (trimmed.length < 1 || trimmed.length > 100) throw domainError(ErrorCode.BadUserInput, 'name must be 1 to 100 characters', { field: 'name' });
  return trimmed;
}

function checkUrl(url: string, settings: AdminSettings): string {
  return checkTargetUrlInput(url, settings.outbound.allowPrivate);
}

function checkSecret(secret: string | null | undefined, settings: AdminSettings): string | null {
  if (secret === null || secret === undefined || secret === '') return null;
  if (secret.length < 8 || secret.length > 500) throw domainError(ErrorCode.BadUserInput, 'secret must be 8 to 500 characters', { field: 'secret' });
  return sealSecret(secret, settings.outbound.secretKey);
}

/** A PostgreSQL array literal; event names are checked against EVENT_TYPE first, so need no quoting. */
function arrayLiteral(events: string[] | null): string | null {
  return events === null ? null : `{${events.join(',')}}`;
}

/**
 * The events a webhook can receive: those of its owner's resources, or of
 * its organization. Any other name would never be delivered to it, so it is
 * refused rather than accepted in silence.
 */
export const ACCOUNT_EVENTS: readonly string[] = ['resource.created', 'resource.updated', 'resource.deleted'];
export const ORGANIZATION_EVENTS: readonly string[] = ['organization.updated', 'organization.member_added', 'organization.member_removed'];

/** Events are checked against what the row can receive: a webhook's scope (organization or not), or any name for a target. */
function checkEvents(events: string[] | null | undefined, kind: TargetKind, organizationId: string | null): string[] | null {
  if (events === null || events === undefined) {
    if (kind === 'webhook') throw domainError(ErrorCode.BadUserInput, 'events must list at least one event', { field: 'events' });
    return null;
  }
  if (events.length === 0 || events.length > 50) throw domainError(ErrorCode.BadUserInput, 'events must list 1 to 50 events', { field: 'events' });
  const offered = kind === 'target' ? null : organizationId === null ? ACCOUNT_EVENTS : ORGANIZATION_EVENTS;
  for (const event of events) {
    if (event.length > 100 || !EVENT_TYPE.test(event)) throw domainError(ErrorCode.BadUserInput, `events: ${event.slice(0, 100)} is not an event name such as resource.created`, { field: 'events' });
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
async function checkOrganization(em: EntityManager, access: TargetAccess, ownerId: string, organizationId: string): Promise<string> {
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

export async function createTarget(em: EntityManager, principal: Principal, settings: AdminSettings, kind: TargetKind, input: CreateTargetInput): Promise<OutboundTargetView> {
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
export async function updateTarget(em: EntityManager, principal: Principal, settings: AdminSettings, kind: TargetKind, input: UpdateTargetInput): Promise<OutboundTargetView> {
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

export interface ActionFilter extends ConnectionArgs {
  status?: ActionStatus | null;
  targetId?: string | null;
}

/** P13: newest first (queued and recent deliveries). */
export async function listActions(em: EntityManager, principal: Principal, settings: AdminSettings, args: ActionFilter): Promise<Connection<OutboundActionView>> {
  canRead(principal);
  const { offset, limit } = pageWindow(args);
  const where: string[] = [];
  const values: unknown[] = [];
  if (args.status) {
    where.push('a.status = ?');
    values.push(args.status);
  }
  if (args.targetId) {
    if (!UUID.test(args.targetId)) return connectionOf([], offset, 0);
    where.push('a.target_id = ?');
    values.push(args.targetId);
  }
  const clause = where.length > 0 ? `where ${where.join(' and ')}` : '';
  const rows = await em.execute<ActionRow[]>(
    `select ${ACTION_COLUMNS} from admin.outbound_actions a join admin.outbound_targets t on t.id = a.target_id ${clause}
     order by a.created_at desc, a.id limit ? offset ?`,
    [...values, limit, offset],
  );
  const [count] = await em.execute<{ n: string }[]>(`select count(*) as n from admin.outbound_actions a ${clause}`, values);
  return connectionOf(rows.map((row) => actionView(row, settings.outbound.maxAttempts)), offset, Number(count!.n));
}

async function findAction(em: EntityManager, settings: AdminSettings, id: string): Promise<OutboundActionView> {
  const [row] = await em.execute<ActionRow[]>(
    `select ${ACTION_COLUMNS} from admin.outbound_actions a join admin.outbound_targets t on t.id = a.target_id where a.id = ?`,
    [checkId(id, 'action')],
  );
  if (!row) throw domainError(ErrorCode.NotFound, 'No such action');
  return actionView(row, settings.outbound.maxAttempts);
}

export async function getAction(em: EntityManager, principal: Principal, settings: AdminSettings, id: string): Promise<OutboundActionView> {
  canRead(principal);
  return findAction(em, settings, id);
}

async function deliverNow(em: EntityManager, settings: AdminSettings, action: OutboundActionView): Promise<OutboundActionView> {
  if (!action.target.enabled) throw domainError(ErrorCode.BadUserInput, `The ${action.target.kind} is disabled; enable it first`, { field: 'id' });
  const worker = settings.runtime.worker;
  if (!worker) throw domainError(ErrorCode.ServiceUnavailable, 'The delivery worker is not running');
  if (!(await worker.deliverNow(action.id))) throw domainError(ErrorCode.Conflict, 'The action is being delivered right now');
  return findAction(em, settings, action.id);
}

/**
 * P14: delivers the action once, now, whatever its status. A failed manual
 * attempt past the maximum stays failed; one within it is retried on the
 * normal schedule.
 */
export async function retryAction(em: EntityManager, principal: Principal, settings: AdminSettings, id: string): Promise<OutboundActionView> {
  canWrite(principal);
  return deliverNow(em, settings, await findAction(em, settings, id));
}

export async function deleteAction(em: EntityManager, principal: Principal, settings: AdminSettings, id: string): Promise<OutboundActionView> {
  canWrite(principal);
  const action = await findAction(em, settings, id);
  await em.execute('delete from admin.outbound_actions where id = ?', [id]);
  return action;
}

/** G22: a signed `webhook.test` delivery to one target or webhook, now; answers the action. */
export async function testTarget(em: EntityManager, principal: Principal, settings: AdminSettings, kind: TargetKind, id: string): Promise<OutboundActionView> {
  const target = await findTarget(em, accessTo(principal, kind, true), id);
  // Not due for the background worker for an hour: this call delivers it now, and only this call
  // (otherwise a worker poll in between would deliver the test twice).
  const [row] = await em.execute<{ id: string }[]>(
    `insert into admin.outbound_actions (target_id, event, payload, next_attempt_at)
     values (?, 'webhook.test', ?::jsonb, now() + interval '1 hour') returning id`,
    [target.id, JSON.stringify({ test: true, targetId: target.id, message: 'This is a test delivery.' })],
  );
  return deliverNow(em, settings, await findAction(em, settings, row!.id));
}

/**
 * Turns domain events into actions for every enabled target whose filter
 * matches (no filter = every event). Event ids already seen are skipped, so
 * an event forwarded twice creates its actions once. Returns how many
 * actions were created.
 *
 * A webhook receives only general-API events (from the admin subgraph) that
 * are its account's: a resource event whose `owner_id` is the webhook's
 * owner, or, for an organization webhook, an event whose `organization_id`
 * is its organization while the owner still manages that organization. A
 * disabled owner's webhooks receive nothing. Checking membership here, per
 * event, means that leaving an organization stops its events at once.
 */
export async function ingestEvents(em: EntityManager, source: string, events: readonly DomainEvent[]): Promise<number> {
  if (events.length === 0) return 0;
  const rows = await em.execute<{ id: string }[]>(
    `with incoming as (
       select * from jsonb_to_recordset(?::jsonb) as x(id uuid, type text, payload jsonb, "occurredAt" timestamptz)
     ), inserted as (
       insert into admin.domain_events (id, source, type, occurred_at)
       select id, ?, type, "occurredAt" from incoming on conflict (id) do nothing returning id
     )
     insert into admin.outbound_actions (target_id, event_id, event, payload)
     select t.id, i.id, i.type, i.payload
     from incoming i join inserted using (id)
     join admin.outbound_targets t on t.enabled and (t.events is null or i.type = any(t.events))
     left join admin.users owner on owner.id = t.owner_id
     where t.kind = 'target'
        or (? = 'admin' and not owner.disabled and (
              (t.organization_id is null and i.payload ->> 'owner_id' = t.owner_id::text)
           or (t.organization_id::text = i.payload ->> 'organization_id' and exists (
                 select 1 from admin.organization_members m
                 where m.organization_id = t.organization_id and m.user_id = t.owner_id and m.role = any(?::text[])))))
     order by i."occurredAt"
     returning id`,
    [JSON.stringify(events), source, source, arrayLiteral([...MANAGER_ROLES])],
  );
  return rows.length;
}

/** Mutation.ingestDomainEvents: subgraphs' service principals only (never the gateway, never a user). */
export async function ingestDomainEvents(em: EntityManager, principal: Principal, settings: AdminSettings, events: DomainEvent[]): Promise<number> {
  if (principal.kind !== 'service' || principal.service === 'gateway') throw domainError(ErrorCode.Forbidden, 'Not available');
  if (events.length > 500) throw domainError(ErrorCode.BadUserInput, 'At most 500 events at once', { field: 'events' });
  for (const event of events) {
    if (!EVENT_TYPE.test(event.type) || event.type.length > 100) throw domainError(ErrorCode.BadUserInput, `Invalid event type ${event.type.slice(0, 100)}`, { field: 'events' });
  }
  const created = await ingestEvents(em, principal.service, events);
  if (created > 0) settings.runtime.worker?.wake();
  return created;
}
