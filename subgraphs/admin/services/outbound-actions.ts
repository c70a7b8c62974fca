import { connectionOf, pageWindow, type Connection, type ConnectionArgs } from '../../../common/connections';
import { domainError, ErrorCode } from '../../../common/errors';
import type { Context } from '../context';
import { OutboundAction } from '../entities/outbound-action';
import { actionById, actionPage } from '../queries';
import { checkId, UUID } from './outbound-checks';
import { actionView, type ActionStatus, type OutboundActionView } from './outbound-rows';
import { assertAllowed } from './permissions';

/** Actions: the deliveries of events to targets and webhooks, listed, delivered again now, or deleted. Admins only. */
export interface ActionFilter extends ConnectionArgs {
  status?: ActionStatus | null;
  targetId?: string | null;
}

/** Newest first (queued and recent deliveries). */
export async function listActions(context: Context, args: ActionFilter): Promise<Connection<OutboundActionView>> {
  await assertAllowed(context, 'outboundAction:read');
  const { offset, limit } = pageWindow(args);
  // An id that is no uuid names no action's target: an empty page, not a database error.
  if (args.targetId && !UUID.test(args.targetId)) return connectionOf([], offset, 0);
  const { rows, total } = await actionPage(context.em, args, limit, offset);
  const maxAttempts = context.settings.outbound.maxAttempts;
  return connectionOf(
    rows.map((row) => actionView(row, maxAttempts)),
    offset,
    total,
  );
}

/** One action as its view shows it; NOT_FOUND when there is none. */
export async function findAction({ em, settings }: Context, id: string): Promise<OutboundActionView> {
  const row = await actionById(em, checkId(id, 'action'));
  if (!row) throw domainError(ErrorCode.NotFound, 'No such action');
  return actionView(row, settings.outbound.maxAttempts);
}

export async function getAction(context: Context, id: string): Promise<OutboundActionView> {
  await assertAllowed(context, 'outboundAction:read');
  return findAction(context, id);
}

/** Delivers one action now, through this replica's delivery worker, and answers it as it is afterwards. */
export async function deliverNow(context: Context, action: OutboundActionView): Promise<OutboundActionView> {
  if (!action.target.enabled) throw domainError(ErrorCode.BadUserInput, `The ${action.target.kind} is disabled; enable it first`, { field: 'id' });
  const worker = context.background?.worker;
  if (!worker) throw domainError(ErrorCode.ServiceUnavailable, 'The delivery worker is not running');
  if (!(await worker.deliverNow(action.id))) throw domainError(ErrorCode.Conflict, 'The action is being delivered right now');
  return findAction(context, action.id);
}

/**
 * Delivers the action once, now, whatever its status. A failed manual
 * attempt past the maximum stays failed; one within it is retried on the
 * normal schedule.
 */
export async function retryAction(context: Context, id: string): Promise<OutboundActionView> {
  await assertAllowed(context, 'outboundAction:write');
  return deliverNow(context, await findAction(context, id));
}

/** Deletes the action; answers it as it was. */
export async function deleteAction(context: Context, id: string): Promise<OutboundActionView> {
  await assertAllowed(context, 'outboundAction:write');
  const action = await findAction(context, id);
  await context.em.nativeDelete(OutboundAction, { id });
  return action;
}
