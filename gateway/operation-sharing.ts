import { HeaderMap, type ApolloServerPlugin, type GraphQLRequestContext } from '@apollo/server';
import type { Metrics } from '../common/metrics';
import type { GatewayContext } from './context';
import { InFlight } from './in-flight';

type SingleResult = Extract<NonNullable<GraphQLRequestContext<GatewayContext>['response']>['body'], { kind: 'single' }>['singleResult'];

/** What a query's execution hands the identical queries that waited for it. */
interface SharedOutcome {
  result: SingleResult;
  status: number | undefined;
  /** The operation's cache policy (the subgraphs' hints), so every copy gets the same Cache-Control. */
  policy: { maxAge: number; scope: 'PUBLIC' | 'PRIVATE' } | null;
}

/**
 * Identical concurrent queries of one caller run once: a query that arrives
 * while the same query runs for the same principal (and forwarded
 * Authorization), with the same document, operation name, variables and
 * extensions, waits for that run and answers with a copy of its result.
 * Applies to /graphql (POST and GET) and to REST routes, which run through
 * this pipeline too. It steps in after parsing, validation and every
 * didResolveOperation check (CSRF, introspection, limits) have passed for
 * this request itself. Mutations never share, and subscriptions never come
 * here over HTTP. A run that ends without a single result (it cannot, but
 * if it did) lets the waiting queries run on their own.
 */
export function operationSharingPlugin(metrics?: Metrics): ApolloServerPlugin<GatewayContext> {
  const inFlight = new InFlight<SharedOutcome | undefined>((outcome) => outcome && { ...outcome, result: structuredClone(outcome.result) });
  return {
    async requestDidStart() {
      let deliver: ((outcome: SharedOutcome | undefined) => void) | undefined;
      return {
        async responseForOperation(requestContext) {
          if (requestContext.operation?.operation !== 'query') return null;
          const { request, contextValue } = requestContext;
          const key = JSON.stringify([
            contextValue.principal,
            contextValue.authorization ?? null,
            requestContext.source ?? null,
            request.operationName ?? null,
            request.variables ?? null,
            request.extensions ?? null,
          ]);
          let leads = false;
          const outcome = inFlight.run(
            key,
            () => new Promise<SharedOutcome | undefined>((resolve) => (deliver = resolve)),
            (shared) => {
              leads = !shared;
              metrics?.inFlight('operation', shared);
            },
          );
          if (leads) return null;
          const shared = await outcome;
          if (!shared) return null;
          if (shared.policy) requestContext.overallCachePolicy.replace(shared.policy);
          else requestContext.overallCachePolicy.restrict({ maxAge: 0 });
          return { http: { status: shared.status, headers: new HeaderMap() }, body: { kind: 'single', singleResult: shared.result } };
        },
        async willSendResponse({ response, overallCachePolicy }) {
          if (!deliver) return;
          const policy = overallCachePolicy.policyIfCacheable();
          deliver(
            response.body.kind === 'single'
              ? { result: response.body.singleResult, status: response.http.status, policy: policy && { maxAge: policy.maxAge, scope: policy.scope } }
              : undefined,
          );
        },
      };
    },
  };
}
