import type { ActionStatus } from '../entities/outbound-action';
import type { TargetKind } from '../entities/outbound-target';
import type { ActionRow, TargetRow } from '../queries';

export type { ActionStatus, TargetKind };

/**
 * Outbound targets and webhooks are rows of one table,
 * told apart by kind; both are delivered by the shared worker
 * (common/outbound/worker.ts). Actions are the deliveries.
 * Targets are the platform's: admins manage them and they receive every
 * matching event. Webhooks are an account's: each belongs to a user, who
 * manages it, and receives the events of that user's resources, or, with an
 * organization, that organization's events; admins see and manage them all.
 *
 * This module maps the rows queries.ts reads (with whether a secret is set,
 * never the secret; an action joined with its target) to the views the
 * resolvers answer.
 */

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
