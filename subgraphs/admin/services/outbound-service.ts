import type { EntityManager } from '@mikro-orm/postgresql';
import { requirePermission } from '../../../common/authorization';
import { connectionOf, pageWindow, type Connection, type ConnectionArgs } from '../../../common/connections';
import { domainError, ErrorCode } from '../../../common/errors';
import { sealSecret } from '../../../common/outbound/secret-box';
import { checkTargetUrlInput } from '../../../common/outbound/url-policy';
import { EVENT_TYPE, type DomainEvent } from '../../../common/outbox';
import type { Principal } from '../../../common/principal';
import type { AdminSettings } from '../settings';
import { withHiddenValues } from './hidden-sql';

/**
 * Outbound targets (P9–P12) and webhooks (G18–G22) are rows of one table,
 * told apart by kind; both are delivered by the shared worker
 * (common/outbound/worker.ts). Actions (P13–P15) are the deliveries.
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
  created_at: Date;
  updated_at: Date;
}

const TARGET_COLUMNS = 't.id, t.kind, t.name, t.url, t.secret is not null as has_secret, t.enabled, t.events, t.created_at, t.updated_at';
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

function checkEvents(events: string[] | null | undefined, kind: TargetKind): string[] | null {
  if (events === null || events === undefined) {
    if (kind === 'webhook') throw domainError(ErrorCode.BadUserInput, 'events must list at least one event', { field: 'events' });
    return null;
  }
  if (events.length === 0 || events.length > 50) throw domainError(ErrorCode.BadUserInput, 'events must list 1 to 50 events', { field: 'events' });
  for (const event of events) {
    if (event.length > 100 || !EVENT_TYPE.test(event)) throw domainError(ErrorCode.BadUserInput, `events: ${event.slice(0, 100)} is not an event name such as resource.created`, { field: 'events' });
  }
  return [...new Set(events)];
}

export async function listTargets(em: EntityManager, principal: Principal, kind: TargetKind, args: ConnectionArgs): Promise<Connection<OutboundTargetView>> {
  canRead(principal);
  const { offset, limit } = pageWindow(args);
  const rows = await em.execute<(TargetRow & { total: string })[]>(
    `select ${TARGET_COLUMNS}, count(*) over () as total from admin.outbound_targets t where t.kind = ? order by t.created_at, t.id limit ? offset ?`,
    [kind, limit, offset],
  );
  const total = rows[0] ? Number(rows[0].total) : Number((await em.execute<{ n: string }[]>('select count(*) as n from admin.outbound_targets where kind = ?', [kind]))[0]!.n);
  return connectionOf(rows.map(targetView), offset, total);
}

async function findTarget(em: EntityManager, id: string, kind: TargetKind): Promise<OutboundTargetView> {
  const [row] = await em.execute<TargetRow[]>(`select ${TARGET_COLUMNS} from admin.outbound_targets t where t.id = ? and t.kind = ?`, [checkId(id, kind), kind]);
  if (!row) throw domainError(ErrorCode.NotFound, `No such ${kind}`);
  return targetView(row);
}

export async function getTarget(em: EntityManager, principal: Principal, id: string, kind: TargetKind): Promise<OutboundTargetView> {
  canRead(principal);
  return findTarget(em, id, kind);
}

export interface CreateTargetInput {
  name?: string | null;
  url: string;
  secret?: string | null;
  enabled?: boolean | null;
  events?: string[] | null;
}

export async function createTarget(em: EntityManager, principal: Principal, settings: AdminSettings, kind: TargetKind, input: CreateTargetInput): Promise<OutboundTargetView> {
  canWrite(principal);
  const url = checkUrl(input.url, settings);
  const name = input.name === undefined || input.name === null ? (kind === 'webhook' ? new URL(url).host : checkName('')) : checkName(input.name);
  const secret = checkSecret(input.secret, settings);
  const events = checkEvents(input.events, kind);
  const createdBy = principal.kind === 'user' ? principal.userId : principal.kind === 'apiKey' ? (principal.userId ?? null) : null;
  // The statement carries the (sealed) secret: keep it out of error logs.
  // The insert answers the whole target: no read after the commit that could fail a created target.
  const [row] = await withHiddenValues(() =>
    em.execute<TargetRow[]>(
      `insert into admin.outbound_targets as t (kind, name, url, secret, enabled, events, created_by) values (?, ?, ?, ?, ?, ?::text[], ?) returning ${TARGET_COLUMNS}`,
      [kind, name, url, secret, input.enabled ?? true, arrayLiteral(events), createdBy],
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
}

/** Only the fields given change; secret null or "" removes the secret. */
export async function updateTarget(em: EntityManager, principal: Principal, settings: AdminSettings, kind: TargetKind, input: UpdateTargetInput): Promise<OutboundTargetView> {
  canWrite(principal);
  await findTarget(em, input.id, kind);
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
  if (input.events !== undefined) set('events', arrayLiteral(checkEvents(input.events, kind)), '::text[]');
  if (sets.length > 0) {
    await withHiddenValues(() => em.execute(`update admin.outbound_targets set ${sets.join(', ')}, updated_at = now() where id = ?`, [...values, input.id]));
  }
  return findTarget(em, input.id, kind);
}

export async function deleteTarget(em: EntityManager, principal: Principal, kind: TargetKind, id: string): Promise<OutboundTargetView> {
  canWrite(principal);
  const target = await findTarget(em, id, kind);
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
  canWrite(principal);
  const target = await findTarget(em, id, kind);
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
     order by i."occurredAt"
     returning id`,
    [JSON.stringify(events), source],
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
