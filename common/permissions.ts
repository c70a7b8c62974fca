import { GraphQLError } from 'graphql';
import { ErrorCode } from './errors';

/**
 * One permission vocabulary for every subgraph, in the spirit of
 * graphql-hive/console's `session.assertPerformAction({ action: 'target:modifySettings' })`.
 *
 * Each subgraph names what a caller may do as `<resource>:<verb>` actions
 * (`host:configure`, `ticket:delete`) and gives every action one rule, in
 * `subgraphs/<name>/services/permissions.ts`. Services, never resolvers, ask
 * before they act:
 *
 * - `assertAllowed(context, action, target?)` runs the rule; a refusal throws
 *   the subgraph's domain error (UNAUTHENTICATED, FORBIDDEN, or NOT_FOUND
 *   where a hidden thing must look missing) with the message the REST
 *   families map. An allowed rule returns what it established (the caller's
 *   host, the session it may see, the acting user), so the service does not
 *   look it up a second time.
 * - `can(context, action, target?)` answers whether the rule allows, for a
 *   field that is hidden rather than refused. Only refusals become `false`;
 *   any other failure (the database is down) still throws.
 */
export type ActionName = `${string}:${string}`;

/** A rule: the context of the request, then the action's target if it has one. */
// Targets differ per action; the table's own types narrow them at each call.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type Rule<TContext> = (context: TContext, ...target: any[]) => unknown;

type TargetOf<TRule> = TRule extends (context: never, ...target: infer Target) => unknown ? Target : never;
type ResultOf<TRule> = TRule extends (...args: never[]) => infer Result ? Awaited<Result> : never;

export interface Permissions<TContext, TRules extends Record<ActionName, Rule<TContext>>> {
  assertAllowed<TAction extends keyof TRules & ActionName>(
    context: TContext,
    action: TAction,
    ...target: TargetOf<TRules[TAction]>
  ): Promise<ResultOf<TRules[TAction]>>;
  can<TAction extends keyof TRules & ActionName>(context: TContext, action: TAction, ...target: TargetOf<TRules[TAction]>): Promise<boolean>;
}

/** The codes a rule refuses with; `can` turns only these into `false`. */
const REFUSALS: ReadonlySet<unknown> = new Set([ErrorCode.Unauthenticated, ErrorCode.Forbidden, ErrorCode.NotFound]);

export function isRefusal(error: unknown): boolean {
  return error instanceof GraphQLError && REFUSALS.has(error.extensions.code);
}

/**
 * A subgraph's permission table. Called as `definePermissions<Context>()({ ... })`
 * so that the context type is given once and every rule's target type is inferred.
 */
export function definePermissions<TContext>() {
  return <TRules extends Record<ActionName, Rule<TContext>>>(rules: TRules): Permissions<TContext, TRules> => ({
    async assertAllowed(context, action, ...target) {
      return (await rules[action]!(context, ...target)) as ResultOf<TRules[typeof action]>;
    },
    async can(context, action, ...target) {
      try {
        await rules[action]!(context, ...target);
        return true;
      } catch (error) {
        if (isRefusal(error)) return false;
        throw error;
      }
    },
  });
}
