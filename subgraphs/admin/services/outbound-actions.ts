import type { EntityManager } from '@mikro-orm/postgresql';
import { connectionOf, pageWindow, type Connection, type ConnectionArgs } from '../../../common/connections';
import { domainError, ErrorCode } from '../../../common/errors';
import type { Principal } from '../../../common/principal';
import type { Context } from '../context';
import type { AdminSettings } from '../settings';
import { canRead, canWrite } from './outbound-access';
import { checkId, UUID } from './outbound-checks';
import { ACTION_COLUMNS, actionView, type ActionRow, type ActionStatus, type OutboundActionView } from './outbound-rows';

/** Actions (P13–P15): the deliveries of events to targets and webhooks, listed, delivered again now, or deleted. Admins only. */
export interface ActionFilter extends ConnectionArgs {
  status?: ActionStatus | null;
  targetId?: string | null;
}

/** P13: newest first (queued and recent deliveries). */
export async function listActions(
  em: EntityManager,
  principal: Principal,
  settings: AdminSettings,
  args: ActionFilter,
): Promise<Connection<OutboundActionView>> {
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
  return connectionOf(
    rows.map((row) => actionView(row, settings.outbound.maxAttempts)),
    offset,
    Number(count!.n),
  );
}

export async function findAction(em: EntityManager, settings: AdminSettings, id: string): Promise<OutboundActionView> {
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

export async function deliverNow(context: Context, action: OutboundActionView): Promise<OutboundActionView> {
  const { em, settings, background } = context;
  if (!action.target.enabled) throw domainError(ErrorCode.BadUserInput, `The ${action.target.kind} is disabled; enable it first`, { field: 'id' });
  const worker = background?.worker;
  if (!worker) throw domainError(ErrorCode.ServiceUnavailable, 'The delivery worker is not running');
  if (!(await worker.deliverNow(action.id))) throw domainError(ErrorCode.Conflict, 'The action is being delivered right now');
  return findAction(em, settings, action.id);
}

/**
 * P14: delivers the action once, now, whatever its status. A failed manual
 * attempt past the maximum stays failed; one within it is retried on the
 * normal schedule.
 */
export async function retryAction(context: Context, id: string): Promise<OutboundActionView> {
  canWrite(context.principal);
  return deliverNow(context, await findAction(context.em, context.settings, id));
}

export async function deleteAction(em: EntityManager, principal: Principal, settings: AdminSettings, id: string): Promise<OutboundActionView> {
  canWrite(principal);
  const action = await findAction(em, settings, id);
  await em.execute('delete from admin.outbound_actions where id = ?', [id]);
  return action;
}
