import type { DocumentTypeDecoration } from '@graphql-typed-document-node/core';
import type { HTTPMethods } from 'fastify';
import type { RouteVariables } from './request-values';

/**
 * The declarative REST compatibility table. Each route names the GraphQL
 * operation it runs, how the HTTP request becomes its variables and how its
 * result becomes the family's response. Families (platform, streaming,
 * social, general) supply their own envelopes and error shapes.
 */

/** JSON Schema for one request part; also feeds the OpenAPI document. */
export type JsonSchema = Record<string, unknown>;

export interface RestInput {
  params: Record<string, unknown>;
  query: Record<string, unknown>;
  body: unknown;
  headers: Record<string, string | string[] | undefined>;
}

export interface RestReply {
  status?: number;
  body?: unknown;
  headers?: Record<string, string>;
}

/** How a caller proves who they are, named as in the OpenAPI security schemes. */
export type CredentialScheme = 'sessionCookie' | 'apiKey' | 'basicAdmin' | 'accessToken' | 'hostToken' | 'bearerToken';

export interface RestRouteDefinition<TData> {
  /** The checklist id from ENDPOINTS.md (P1, O1, F1, ...). */
  id: string;
  method: HTTPMethods;
  /** Fastify path syntax: /hosts/:host */
  url: string;
  summary: string;
  /** Empty for public endpoints. */
  credentials: CredentialScheme[];
  /** The route creates something: it honours an Idempotency-Key header (rest-compat/idempotency.ts). */
  idempotent?: boolean;
  /**
   * Running the operation twice with the same variables has the effect of
   * running it once (e.g. a chat post under a chosen message id), so after a
   * SERVICE_UNAVAILABLE (a subgraph that did not answer in time: the write
   * may or may not have happened) the gateway runs it once more and answers
   * what that run says, instead of a 503 that would make the client send it again.
   */
  retryUnavailable?: boolean;
  schema?: { params?: JsonSchema; querystring?: JsonSchema; body?: JsonSchema };
  /** The GraphQL document run through the gateway, as text. */
  operation: string;
  variables?: (input: RestInput) => Record<string, unknown>;
  /** Shapes the operation's data into the family's response. */
  respond: (data: TData, input: RestInput) => RestReply;
}

export interface RestRoute extends Omit<RestRouteDefinition<unknown>, 'respond'> {
  respond: (data: unknown, input: RestInput) => RestReply;
}

/**
 * An operation written with a family's generated `graphql(...)` (see
 * codegen.ts): it carries the result and variable types codegen derived from
 * schema/api.graphql, and prints as the operation's text.
 */
export type TypedOperation<TResult, TVariables> = DocumentTypeDecoration<TResult, TVariables> & { toString(): string };

/** A route whose operation is typed: its variables and its respond are checked against the operation's generated types. */
export type TypedRouteDefinition<TResult, TVariables> = Omit<RestRouteDefinition<TResult>, 'operation' | 'variables'> & {
  operation: TypedOperation<TResult, TVariables>;
} & (Record<string, never> extends TVariables
    ? { variables?: (input: RestInput) => RouteVariables<NoInfer<TVariables>> }
    : { variables: (input: RestInput) => RouteVariables<NoInfer<TVariables>> });

/**
 * Types a route by its operation, a family's generated `graphql(...)`: it
 * gives both the result and the variable types, so a plain operation string
 * does not compile. The gateway has already validated the data against the
 * schema, which is why the narrowing from unknown is sound.
 */
export function defineRoute<TResult, TVariables>(definition: TypedRouteDefinition<TResult, TVariables>): RestRoute;
export function defineRoute<TResult>(definition: TypedRouteDefinition<TResult, Record<string, unknown>>): RestRoute {
  return {
    ...definition,
    operation: definition.operation.toString(),
    respond: (data, input) => definition.respond(data as TResult, input),
  };
}

/** A failure the family turns into its own error shape. */
export type RestFailure =
  | { kind: 'validation'; issues: ValidationIssue[] }
  | {
      kind: 'malformed';
      status: number;
      message: string;
      /** The body could not be read as its content type says (FastAPI answers that 422 json_invalid). */
      body?: boolean;
    }
  | {
      /** The request presents a credential this route does not take (rest-compat/credential-gate.ts). */
      kind: 'credential';
      message: string;
      accepted: CredentialScheme[];
      /** Another route of the family takes that kind (P answers 403 then: a valid credential without the right). */
      acceptedElsewhereInFamily: boolean;
    }
  | {
      kind: 'graphql';
      code: string;
      message: string;
      field?: string;
      /** A WWW-Authenticate challenge the subgraph asked for (extensions.authenticate). */
      authenticate?: string;
    };

export interface ValidationIssue {
  location: 'body' | 'query' | 'path' | 'header';
  /** Path inside that part, e.g. ['only_friends']. */
  path: (string | number)[];
  message: string;
  /** The JSON-schema keyword that failed (required, type, format, ...). */
  keyword: string;
}

/** What the first issue says, its path first: `profile.first_name must be string` (families that name one problem). */
export function firstIssueText(issues: readonly ValidationIssue[]): string {
  const issue = issues[0];
  const where = issue && issue.path.length > 0 ? `${issue.path.join('.')} ` : '';
  return `${where}${issue?.message ?? 'is invalid'}`;
}

/** The same, naming the request part: `Invalid body: profile.first_name must be string` (platform and general). */
export function invalidRequestText(issues: readonly ValidationIssue[]): string {
  return `Invalid ${issues[0]?.location ?? 'request'}: ${firstIssueText(issues)}`;
}

export interface RestFamily {
  name: 'platform' | 'streaming' | 'social' | 'general';
  title: string;
  routes: RestRoute[];
  /** Builds the family's error response for any failure. */
  failure: (failure: RestFailure) => RestReply;
  /** Also parse application/x-www-form-urlencoded bodies (into string fields). */
  formBodies?: boolean;
  /**
   * Every request of the family counts against the caller's rate limit (when
   * the server has a limiter): X-RateLimit-* headers on every response, and
   * the family's RATE_LIMITED failure (429) once the limit is used up.
   */
  rateLimited?: boolean;
}

/** A rate-limit verdict for one request (see mountRestCompatibility's `rateLimit`). */
export interface RateLimitVerdict {
  limit: number;
  remaining: number;
  /** Unix time (seconds) when the window ends. */
  resetAt: number;
  allowed: boolean;
}

/** The status most REST conventions give each GraphQL error code. */
export const STATUS_BY_CODE: Record<string, number> = {
  BAD_USER_INPUT: 400,
  UNAUTHENTICATED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  CONFLICT: 409,
  RATE_LIMITED: 429,
  SERVICE_UNAVAILABLE: 503,
  // An operation over a limit (e.g. a lowered OPERATION_MAX_COST) is bad input, not a server error.
  GRAPHQL_VALIDATION_FAILED: 400,
  GRAPHQL_PARSE_FAILED: 400,
};

export function statusOf(code: string): number {
  return STATUS_BY_CODE[code] ?? 500;
}
