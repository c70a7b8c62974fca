import type { SubgraphName } from '../../common/config';
import { PRINCIPAL_HEADER, signPrincipal, type Principal, type ServiceName } from '../../common/principal';
import { postGraphQL, type GraphQLBody, type JsonResponse } from './http';
import type { TestSystem } from './system';

/**
 * Callers made up for calling a subgraph straight, past the gateway: what a
 * subgraph does for a principal no gateway would forward (another service,
 * a site admin asking for a service-only field) is part of its permission rules.
 */
export const SITE_ADMIN: Principal = {
  kind: 'user',
  clientIp: '127.0.0.1',
  userId: '00000000-0000-4000-8000-000000000001',
  username: 'root',
  roles: ['admin'],
  permissions: ['admin'],
  authMethod: 'session',
  sessionId: 'session',
};

export function servicePrincipal(service: ServiceName): Principal {
  return { kind: 'service', service, clientIp: '127.0.0.1' };
}

/** Posts a GraphQL operation straight to one subgraph as `principal`, signed with the system's secret as the gateway signs. */
export async function postToSubgraphAs<TData = Record<string, unknown>>(
  system: Pick<TestSystem, 'subgraphs' | 'principalSecret'>,
  subgraph: SubgraphName,
  principal: Principal,
  query: string,
  variables: Record<string, unknown> = {},
): Promise<JsonResponse<GraphQLBody<TData>>> {
  return postGraphQL<TData>(system.subgraphs[subgraph].url, query, variables, {
    [PRINCIPAL_HEADER]: await signPrincipal(principal, system.principalSecret, 30, 'test'),
  });
}
