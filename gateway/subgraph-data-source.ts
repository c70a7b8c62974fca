import { RemoteGraphQLDataSource, type GraphQLDataSourceProcessOptions } from '@apollo/gateway';
import type { FetcherHeaders, FetcherResponse } from '@apollo/utils.fetcher';
import { GraphQLError } from 'graphql';
import { ErrorCode } from '../common/errors';
import { REQUEST_ID_HEADER } from '../common/http-app';
import type { Logger } from '../common/logger';
import type { Metrics } from '../common/metrics';
import { PRINCIPAL_HEADER, type Principal } from '../common/principal';
import type { GatewayContext } from './context';
import { EntityBatches, selectionOf } from './entity-batches';
import { InFlight } from './in-flight';
import type { PrincipalSigner } from './signed-principals';
import { SubgraphPool, type PooledResponse } from './subgraph-pool';
import { isUnavailableStatus, subgraphUnavailable } from './subgraph-unavailable';

export interface SubgraphDataSourceOptions {
  url: string;
  /** The gateway's principal signer (gateway/signed-principals.ts): one token per principal for half its lifetime. */
  signer: PrincipalSigner;
  timeoutMs: number;
  /** Only the admin subgraph may hand the gateway session cookies and cache invalidations. */
  issuesCredentials?: boolean;
  /** The subgraph's name, as /metrics labels its fetches. */
  name?: string;
  metrics?: Metrics;
  /** Share identical fetches of concurrent queries (default true). */
  deduplicate?: boolean;
  /** Where a fetch that failed in transport is logged: the client sees only "try again". */
  logger?: Logger;
}

type GatewayGraphQLResponse = Awaited<ReturnType<RemoteGraphQLDataSource<GatewayContext>['process']>>;
type CacheHint = { maxAge: number; scope?: 'PUBLIC' | 'PRIVATE' };

/** A subgraph's Cache-Control as a hint: no max-age means 0 (uncacheable), as Apollo's data source reads it. */
function cacheHintOf(header: string | null): CacheHint {
  const hint: CacheHint = { maxAge: 0 };
  for (const part of (header ?? '').split(',')) {
    const [name, value] = part.trim().toLowerCase().split('=', 2);
    if (name === 'max-age' && value && /^[0-9]+$/.test(value)) hint.maxAge = Number(value);
    else if (name === 'private') hint.scope = 'PRIVATE';
    else if (name === 'public') hint.scope = 'PUBLIC';
  }
  return hint;
}

type DidReceiveResponse = NonNullable<RemoteGraphQLDataSource<GatewayContext>['didReceiveResponse']>;
type DidReceiveResponseArgs = Parameters<DidReceiveResponse>[0];
type DidReceiveResponseResult = ReturnType<DidReceiveResponse>;

/** One subgraph answer as fetched, before any caller's own handling. */
type FetchedResponse = GatewayGraphQLResponse & { http: PooledResponse };

const ANONYMOUS: Principal = { kind: 'anonymous', clientIp: '' };

/** A shared answer's own copy for one caller: the executor merges later fetches into what it receives. */
function copyOfResponse({ http, ...body }: FetchedResponse): FetchedResponse {
  return { ...structuredClone(body), http };
}

/**
 * Every request to a subgraph carries the caller's principal, signed and
 * short-lived, and the request id, so subgraph log lines join up. The
 * caller's own Authorization header goes along unchanged when there is one:
 * some credentials (host tokens) are checked by the subgraph that owns them.
 *
 * Requests go over a keep-alive undici pool (gateway/subgraph-pool.ts). A
 * query's entity fetches with the same selection that start together go out
 * as one request (gateway/entity-batches.ts), and identical fetches of
 * concurrent queries are sent once and shared (gateway/in-flight.ts): same
 * subgraph, document, variables, principal and forwarded Authorization.
 * Fetches of mutations are never batched or shared, not even the entity
 * fetches that follow a mutation's root fields.
 */
export class SubgraphDataSource extends RemoteGraphQLDataSource<GatewayContext> {
  private readonly issuesCredentials: boolean;
  private readonly name: string;
  private readonly metrics: Metrics | undefined;
  private readonly signer: PrincipalSigner;
  private readonly pool: SubgraphPool;
  private readonly inFlight = new InFlight<FetchedResponse>(copyOfResponse);
  private readonly entityBatches = new EntityBatches<FetchedResponse>();
  private readonly deduplicate: boolean;
  private readonly logger: Logger | undefined;

  constructor(options: SubgraphDataSourceOptions) {
    super({ url: options.url });
    this.issuesCredentials = options.issuesCredentials ?? false;
    this.name = options.name ?? 'unknown';
    this.metrics = options.metrics;
    this.signer = options.signer;
    this.deduplicate = options.deduplicate ?? true;
    this.logger = options.logger;
    this.pool = new SubgraphPool(options.url, options.timeoutMs);
  }

  /** Counts and times every fetch of a query plan, by subgraph and result (/metrics). */
  override async process(options: GraphQLDataSourceProcessOptions<GatewayContext>): Promise<GatewayGraphQLResponse> {
    const done = this.metrics?.subgraphFetch(this.name);
    try {
      const response = await this.fetchAndRespond(options);
      done?.(response.errors?.length ? 'graphql_errors' : 'ok');
      return response;
    } catch (error) {
      done?.('failed');
      throw error;
    }
  }

  /** Closes the pool's connections (gateway shutdown). */
  close(): Promise<void> {
    return this.pool.close();
  }

  /** RemoteGraphQLDataSource's process, on the pool, with entity batching and in-flight sharing. */
  private async fetchAndRespond(options: GraphQLDataSourceProcessOptions<GatewayContext>): Promise<GatewayGraphQLResponse> {
    const { request } = options;
    if (!request.query) throw new Error('Missing query');
    const incoming = 'incomingRequestContext' in options ? options : undefined;
    const context = (incoming?.context ?? options.context) as Partial<GatewayContext>;
    const query = incoming?.incomingRequestContext.operation.operation === 'query';
    const send = (variables: GraphQLDataSourceProcessOptions<GatewayContext>['request']['variables']): Promise<FetchedResponse> => {
      const body = JSON.stringify({ query: request.query, operationName: request.operationName, variables, extensions: request.extensions });
      const fetch = () => this.fetch(context, request.http?.headers, body);
      if (!this.deduplicate || !query) return fetch();
      return this.inFlight.run(JSON.stringify([context.principal ?? ANONYMOUS, context.authorization ?? null, body]), fetch, (shared) =>
        this.metrics?.inFlight('subgraph_fetch', shared),
      );
    };
    const { representations, ...others } = request.variables ?? {};
    const response =
      query && Array.isArray(representations)
        ? await this.entityBatches.fetch(
            context,
            JSON.stringify([selectionOf(request.query, request.operationName), others, request.extensions ?? null]),
            representations,
            (batched) => send({ ...request.variables, representations: batched }),
          )
        : await send(request.variables);

    const processed = this.didReceiveResponse({
      response,
      request,
      context: options.context as GatewayContext,
      pathInIncomingRequest: incoming?.pathInIncomingRequest,
    });
    // The subgraph's Cache-Control (its @cacheControl hints) narrows the whole operation's policy, as Apollo's data source does.
    const policy = incoming?.incomingRequestContext.overallCachePolicy;
    if (policy && 'restrict' in policy) policy.restrict(cacheHintOf(response.http.headers.get('cache-control')));
    return processed;
  }

  private async fetch(context: Partial<GatewayContext>, given: FetcherHeaders | undefined, body: string): Promise<FetchedResponse> {
    const requestId = context.requestId ?? 'internal';
    const headers: Record<string, string> = given ? Object.fromEntries(given) : {};
    headers['content-type'] = 'application/json';
    headers[PRINCIPAL_HEADER] = await this.signer(context.principal ?? ANONYMOUS, requestId);
    headers[REQUEST_ID_HEADER] = requestId;
    if (context.authorization) headers.authorization = context.authorization;
    // A fetch that fails in transport (timeout, refused, reset: errors with a system or undici code) is the
    // subgraph being away, not a bug of this request; anything else stays an internal error, logged as one.
    const response = await this.pool.post(headers, body).catch((error: unknown) => {
      const code = (error as { code?: unknown } | null)?.code;
      if (typeof code !== 'string') throw error;
      this.logger?.warn({ subgraph: this.name, code, requestId }, 'subgraph fetch failed in transport; answered SERVICE_UNAVAILABLE');
      throw subgraphUnavailable(error);
    });
    if (isUnavailableStatus(response.status)) {
      this.logger?.warn({ subgraph: this.name, status: response.status, requestId }, 'subgraph answered unavailable; answered SERVICE_UNAVAILABLE');
      throw subgraphUnavailable(new Error(`HTTP ${response.status} from ${this.name}`));
    }
    if (!response.ok) throw await this.errorFromResponse(response);
    const parsed = await this.parseBody(response);
    if (typeof parsed !== 'object' || parsed === null) throw new Error(`Expected JSON response body, but received: ${String(parsed)}`);
    return { ...(parsed as GatewayGraphQLResponse), http: response };
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
}
