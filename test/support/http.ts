/** Small helpers over Node's fetch for tests that speak HTTP to the system. */
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
  /** Sent as JSON. */
  body?: unknown;
  /** Sent as is, as application/json (for malformed bodies). */
  rawBody?: string;
}

/** A REST caller bound to one base URL: `call('PUT', '/hosts/x/only_friends', { token, body })`. */
export function restCaller(baseUrl: () => string) {
  return function call<T = unknown>(method: string, path: string, options: CallOptions = {}): Promise<JsonResponse<T>> {
    const headers: Record<string, string> = {};
    if (options.token) headers.authorization = `Bearer ${options.token}`;
    let body: string | undefined;
    if (options.rawBody !== undefined || options.body !== undefined) {
      headers['content-type'] = 'application/json';
      body = options.rawBody ?? JSON.stringify(options.body);
    }
    return requestJson<T>(`${baseUrl()}${path}`, { method, headers, body });
  };
}
