import { RemoteGraphQLDataSource, type GraphQLDataSourceProcessOptions } from '@apollo/gateway';
import type { Fetcher } from '@apollo/utils.fetcher';
import { REQUEST_ID_HEADER } from '../common/http-app';
import { PRINCIPAL_HEADER, signPrincipal } from '../common/principal';
import type { GatewayContext } from './context';

export interface SubgraphDataSourceOptions {
  url: string;
  principalSecret: string;
  principalTtlSeconds: number;
  timeoutMs: number;
}

/** Node's fetch with a deadline, so a hung subgraph cannot hold a request forever. */
function fetcherWithTimeout(timeoutMs: number): Fetcher {
  const fetchWithTimeout = (input: string, init?: RequestInit) =>
    fetch(input, { ...init, signal: AbortSignal.timeout(timeoutMs) });
  // Node's fetch satisfies the Fetcher contract; only the declared types differ.
  return fetchWithTimeout as unknown as Fetcher;
}

/**
 * Every request to a subgraph carries the caller's principal, signed and
 * short-lived, and the request id, so subgraph log lines join up. The
 * caller's own Authorization header goes along unchanged when there is one:
 * some credentials (host tokens) are checked by the subgraph that owns them.
 */
export class SubgraphDataSource extends RemoteGraphQLDataSource<GatewayContext> {
  private readonly principalSecret: string;
  private readonly principalTtlSeconds: number;

  constructor(options: SubgraphDataSourceOptions) {
    super({ url: options.url, fetcher: fetcherWithTimeout(options.timeoutMs) });
    this.principalSecret = options.principalSecret;
    this.principalTtlSeconds = options.principalTtlSeconds;
  }

  override async willSendRequest(options: GraphQLDataSourceProcessOptions<GatewayContext>): Promise<void> {
    const headers = options.request.http?.headers;
    if (!headers) return;
    const context = 'context' in options ? (options.context as Partial<GatewayContext>) : {};
    const principal = context.principal ?? { kind: 'anonymous' as const, clientIp: '' };
    const requestId = context.requestId ?? 'internal';
    headers.set(PRINCIPAL_HEADER, await signPrincipal(principal, this.principalSecret, this.principalTtlSeconds, requestId));
    headers.set(REQUEST_ID_HEADER, requestId);
    if (context.authorization) headers.set('authorization', context.authorization);
  }
}
