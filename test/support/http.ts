/**
 * The one HTTP layer of the tests: `requestJson` (fetch, then the body parsed
 * when it is JSON) and `HttpClient`, a client bound to one base URL that
 * every family's client (platform.ts, general-api.ts, social.ts,
 * streaming.ts) is built on.
 */
export interface JsonResponse<T = unknown> {
  status: number;
  headers: Headers;
  body: T;
}

export async function requestJson<T = unknown>(url: string, init: RequestInit = {}): Promise<JsonResponse<T>> {
  const response = await fetch(url, init);
  const text = await response.text();
  let body: unknown = text;
  try {
    body = text ? JSON.parse(text) : undefined;
  } catch {
    // not JSON: keep the text for the assertion to show
  }
  return { status: response.status, headers: response.headers, body: body as T };
}

export interface GraphQLBody<TData = Record<string, unknown>> {
  data?: TData | null;
  errors?: { message: string; path?: (string | number)[]; extensions?: Record<string, unknown> }[];
}

export function postGraphQL<TData = Record<string, unknown>>(
  url: string,
  query: string,
  variables: Record<string, unknown> = {},
  headers: Record<string, string> = {},
): Promise<JsonResponse<GraphQLBody<TData>>> {
  return requestJson<GraphQLBody<TData>>(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify({ query, variables }),
  });
}

export interface CallOptions {
  /** Sent as `Authorization: Bearer <token>`. */
  token?: string;
  /** Sent as they are (after the token's header, so they may replace it). */
  headers?: Record<string, string>;
  /** Sent as JSON. */
  body?: unknown;
  /** Sent as is, with `contentType` (application/json by default): malformed bodies, forms. */
  rawBody?: string;
  contentType?: string;
  /** The response issues a secret: recorded under the label `issues`, so a leak check can skip it. */
  issues?: boolean;
}

/** One recorded exchange: its headers and body as text, for "no secret shows after it was issued" checks. */
export interface Recorded {
  label: string;
  text: string;
}

/**
 * A client of one base URL. With `record`, it keeps every response it
 * receives in `responses` (identity tests check that no secret shows again
 * after the response that issued it).
 */
export class HttpClient {
  readonly responses: Recorded[] = [];
  private base: () => string;
  private readonly record: boolean;

  /** A base URL, or a function giving it, for clients made before the system has started. */
  constructor(baseUrl: string | (() => string) = '', options: { record?: boolean } = {}) {
    this.base = typeof baseUrl === 'string' ? () => baseUrl : baseUrl;
    this.record = options.record ?? false;
  }

  get baseUrl(): string {
    return this.base();
  }
  /** Points the client at another base URL (the system's gateway, once it has started). */
  set baseUrl(url: string) {
    this.base = () => url;
  }

  async call<T = Record<string, unknown>>(method: string, path: string, options: CallOptions = {}): Promise<JsonResponse<T>> {
    const headers: Record<string, string> = {};
    if (options.token) headers.authorization = `Bearer ${options.token}`;
    let body: string | undefined;
    if (options.rawBody !== undefined || options.body !== undefined) {
      headers['content-type'] = options.contentType ?? 'application/json';
      body = options.rawBody ?? JSON.stringify(options.body);
    }
    Object.assign(headers, options.headers);
    const response = await requestJson<T>(`${this.baseUrl}${path}`, { method, headers, body });
    if (this.record) {
      const headerText = [...response.headers.entries()].map(([name, value]) => `${name}: ${value}`).join('\n');
      this.responses.push({ label: options.issues ? 'issues' : `${method} ${path}`, text: `${headerText}\n${JSON.stringify(response.body)}` });
    }
    return response;
  }

  graphql<T = Record<string, unknown>>(query: string, variables: Record<string, unknown> = {}, headers: Record<string, string> = {}, issues = false) {
    return this.call<GraphQLBody<T>>('POST', '/graphql', { body: { query, variables }, headers, issues });
  }
}

/** A REST caller bound to one base URL: `call('PUT', '/hosts/x/only_friends', { token, body })`. */
export function restCaller(baseUrl: () => string) {
  const client = new HttpClient(baseUrl);
  return function call<T = unknown>(method: string, path: string, options: CallOptions = {}): Promise<JsonResponse<T>> {
    return client.call<T>(method, path, options);
  };
}
