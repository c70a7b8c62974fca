import { REQUEST_ID_HEADER } from './http-app';
import { PRINCIPAL_HEADER, signPrincipal, type ServiceName } from './principal';

/**
 * Runs one GraphQL operation on another process (in practice the admin
 * subgraph's internal fields), signed as this service. The gateway resolves
 * credentials and counts rate limits this way; subgraphs relay events and
 * check role ids. Throws ServiceCallFailed when the call fails or the
 * answer carries no data for `field`.
 */
export interface ServiceCallOptions {
  url: string;
  service: ServiceName;
  principalSecret: string;
  principalTtlSeconds: number;
  timeoutMs: number;
}

export class ServiceCallFailed extends Error {}

/** What a process that calls the admin subgraph is configured with (its URL, the deployment's secret, the call's bounds). */
export interface AdminCallSettings {
  adminUrl: string;
  principalSecret: string;
  principalTtlSeconds: number;
  timeoutMs: number;
}

/**
 * The admin subgraph called as `service`: the gateway (credentials, rate
 * limits, idempotency keys) and the subgraphs (relayed events, role ids)
 * all reach it directly, never through the gateway, with their own service principal.
 */
export function adminServiceCall(service: ServiceName, settings: AdminCallSettings): ServiceCallOptions {
  return {
    url: settings.adminUrl,
    service,
    principalSecret: settings.principalSecret,
    principalTtlSeconds: settings.principalTtlSeconds,
    timeoutMs: settings.timeoutMs,
  };
}

export async function callService<T>(
  options: ServiceCallOptions,
  request: { query: string; variables: Record<string, unknown>; field: string; requestId: string },
): Promise<T> {
  let response: Response;
  let body: { data?: Record<string, unknown> | null; errors?: { message: string }[] } | undefined;
  try {
    response = await fetch(options.url, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        [PRINCIPAL_HEADER]: await signPrincipal(
          { kind: 'service', service: options.service, clientIp: '' },
          options.principalSecret,
          options.principalTtlSeconds,
          request.requestId,
        ),
        [REQUEST_ID_HEADER]: request.requestId,
      },
      body: JSON.stringify({ query: request.query, variables: request.variables }),
      signal: AbortSignal.timeout(options.timeoutMs),
    });
    body = (await response.json().catch(() => undefined)) as typeof body;
  } catch (error) {
    throw new ServiceCallFailed(`${request.field}: ${error instanceof Error ? error.message : 'request failed'}`);
  }
  const value = body?.data?.[request.field];
  if (!response.ok || value === undefined || value === null) {
    throw new ServiceCallFailed(`${request.field}: HTTP ${response.status} ${body?.errors?.[0]?.message ?? 'without data'}`.trim());
  }
  return value as T;
}
