import { HttpClient, type JsonResponse } from './http';

/** The streaming family's (O: Owncast 0.0.7) client: every call names its Authorization header value. */
export function basic(password: string, user = 'admin'): string {
  return `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`;
}

export function bearer(token: string): string {
  return `Bearer ${token}`;
}

export interface OwncastClient {
  get<T = unknown>(path: string, authorization?: string): Promise<JsonResponse<T>>;
  post<T = unknown>(path: string, body: unknown, authorization?: string): Promise<JsonResponse<T>>;
  /** POSTs a raw body with its own content type. */
  postRaw<T = unknown>(path: string, body: string, contentType: string, authorization?: string): Promise<JsonResponse<T>>;
}

/** A client of `baseUrl`, or of the URL a function gives (a client made before the system starts). */
export function owncastClient(baseUrl: string | (() => string)): OwncastClient {
  const client = new HttpClient(baseUrl);
  const headers = (authorization?: string): Record<string, string> => (authorization ? { authorization } : {});
  return {
    get: (path, authorization) => client.call('GET', path, { headers: headers(authorization) }),
    post: (path, body, authorization) => client.call('POST', path, { body, headers: headers(authorization) }),
    postRaw: (path, body, contentType, authorization) => client.call('POST', path, { rawBody: body, contentType, headers: headers(authorization) }),
  };
}

/** Creates an integration access token (O42) with the admin's Basic credentials; answers the whole token. */
export async function createAccessToken(client: OwncastClient, adminAuthorization: string, name: string, scopes: string[]): Promise<string> {
  const response = await client.post<{ token: string }>('/api/admin/accesstokens/create', { name, scopes }, adminAuthorization);
  expect(response.status).toBe(200);
  return response.body.token;
}

/** nginx-rtmp's on_publish / on_publish_done call. */
export function ingestHook(client: OwncastClient, hook: 'on_publish' | 'on_publish_done', streamKey: string, addr = '203.0.113.7') {
  const form = new URLSearchParams({ call: hook === 'on_publish' ? 'publish' : 'publish_done', app: 'live', name: streamKey, addr });
  return client.postRaw<{ success: boolean; message: string }>(`/api/ingest/${hook}`, form.toString(), 'application/x-www-form-urlencoded');
}
