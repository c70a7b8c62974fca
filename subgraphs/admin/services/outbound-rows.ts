/**
 * Outbound targets (P9–P12) and webhooks (G18–G22) are rows of one table,
 * told apart by kind; both are delivered by the shared worker
 * (common/outbound/worker.ts). Actions (P13–P15) are the deliveries.
 * Targets are the platform's: admins manage them and they receive every
 * matching event. Webhooks are an account's: each belongs to a user, who
 * manages it, and receives the events of that user's resources, or, with an
 * organization, that organization's events; admins see and manage them all.
 *
 * This module maps their rows (snake_case SQL columns) to the views the
 * resolvers answer.
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

export interface TargetRow {
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

export const TARGET_COLUMNS =
  't.id, t.kind, t.name, t.url, t.secret is not null as has_secret, t.enabled, t.events, t.owner_id, t.organization_id, t.created_at, t.updated_at';
export const ACTION_COLUMNS = `a.id as action_id, a.event, a.payload, a.status, a.attempts, a.last_error, a.last_status_code, a.next_attempt_at,
  a.delivered_at, a.created_at as action_created_at, a.updated_at as action_updated_at, ${TARGET_COLUMNS}`;

export interface ActionRow extends TargetRow {
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

export function targetView(row: TargetRow): OutboundTargetView {
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

export function actionView(row: ActionRow, maxAttempts: number): OutboundActionView {
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
