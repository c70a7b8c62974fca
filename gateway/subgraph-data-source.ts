import { RemoteGraphQLDataSource, type GraphQLDataSourceProcessOptions } from '@apollo/gateway';
import type { Fetcher, FetcherResponse } from '@apollo/utils.fetcher';
import { GraphQLError } from 'graphql';
import { ErrorCode } from '../common/errors';
import { REQUEST_ID_HEADER } from '../common/http-app';
import type { Metrics } from '../common/metrics';
import { PRINCIPAL_HEADER, signPrincipal } from '../common/principal';
import type { GatewayContext } from './context';

export interface SubgraphDataSourceOptions {
  url: string;
  principalSecret: string;
  principalTtlSeconds: number;
  timeoutMs: number;
  /** Only the admin subgraph may hand the gateway session cookies and cache invalidations. */
  issuesCredentials?: boolean;
  /** The subgraph's name, as /metrics labels its fetches. */
  name?: string;
  metrics?: Metrics;
}

type ProcessResult = ReturnType<RemoteGraphQLDataSource<GatewayContext>['process']>;
type DidReceiveResponse = NonNullable<RemoteGraphQLDataSource<GatewayContext>['didReceiveResponse']>;
type DidReceiveResponseArgs = Parameters<DidReceiveResponse>[0];
type DidReceiveResponseResult = ReturnType<DidReceiveResponse>;

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
  private readonly issuesCredentials: boolean;
  private readonly name: string;
  private readonly metrics: Metrics | undefined;

  constructor(options: SubgraphDataSourceOptions) {
    super({ url: options.url, fetcher: fetcherWithTimeout(options.timeoutMs) });
    this.principalSecret = options.principalSecret;
    this.principalTtlSeconds = options.principalTtlSeconds;
    this.issuesCredentials = options.issuesCredentials ?? false;
    this.name = options.name ?? 'unknown';
    this.metrics = options.metrics;
  }

  /** Counts and times every fetch of a query plan, by subgraph and result (/metrics). */
  override async process(options: GraphQLDataSourceProcessOptions<GatewayContext>): ProcessResult {
    const done = this.metrics?.subgraphFetch(this.name);
    try {
      const response = await super.process(options);
      done?.(response.errors?.length ? 'graphql_errors' : 'ok');
      return response;
    } catch (error) {
      done?.('failed');
      throw error;
    }
  }

  /**
   * The admin subgraph hands a new session token (login) or a logout to the
   * gateway in `x-session-issue`, never in the body, and says
   * `x-credentials-changed` when keys, sessions or roles changed.
   */
  override didReceiveResponse({ response, context }: DidReceiveResponseArgs): DidReceiveResponseResult {
    const body = response;
    if (!this.issuesCredentials) return body;
    const gatewayContext = context as Partial<GatewayContext>;
    const issue = response.http?.headers.get('x-session-issue');
    if (issue) {
      try {
        gatewayContext.sessionCookie = JSON.parse(issue) as GatewayContext['sessionCookie'];
      } catch {
        // not ours: ignore
      }
    }
    if (response.http?.headers.get('x-credentials-changed')) gatewayContext.onCredentialsChanged?.();
    return body;
  }

  /**
   * A subgraph answers 400 when a variable fails its scalar (EmailAddress,
   * UUID, URL, ...), which the gateway cannot check because the supergraph's
   * scalars are opaque to it. That is the caller's mistake: keep it as
   * BAD_USER_INPUT with the subgraph's message instead of an internal error.
   */
  override async errorFromResponse(response: FetcherResponse): Promise<GraphQLError> {
    const error = await super.errorFromResponse(response);
    const body = (error.extensions.response as { body?: unknown } | undefined)?.body;
    const first = (body as { errors?: { message?: unknown; extensions?: { code?: unknown } }[] } | undefined)?.errors?.[0];
    if (response.status === 400 && first?.extensions?.code === ErrorCode.BadUserInput && typeof first.message === 'string') {
      return new GraphQLError(first.message, { extensions: { code: ErrorCode.BadUserInput } });
    }
    return error;
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
