import { requestJson, type JsonResponse } from './http';

/** Helpers for the Owncast (family O) tests. */
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

export function owncastClient(baseUrl: string): OwncastClient {
  const headersOf = (authorization?: string, contentType?: string): Record<string, string> => ({
    ...(authorization ? { authorization } : {}),
    ...(contentType ? { 'content-type': contentType } : {}),
  });
  return {
    get: (path, authorization) => requestJson(`${baseUrl}${path}`, { headers: headersOf(authorization) }),
    post: (path, body, authorization) =>
      body === undefined
        ? requestJson(`${baseUrl}${path}`, { method: 'POST', headers: headersOf(authorization) })
        : requestJson(`${baseUrl}${path}`, { method: 'POST', headers: headersOf(authorization, 'application/json'), body: JSON.stringify(body) }),
    postRaw: (path, body, contentType, authorization) =>
      requestJson(`${baseUrl}${path}`, { method: 'POST', headers: headersOf(authorization, contentType), body }),
  };
}

/** nginx-rtmp's on_publish / on_publish_done call. */
export function ingestHook(client: OwncastClient, hook: 'on_publish' | 'on_publish_done', streamKey: string, addr = '203.0.113.7') {
  const form = new URLSearchParams({ call: hook === 'on_publish' ? 'publish' : 'publish_done', app: 'live', name: streamKey, addr });
  return client.postRaw<{ success: boolean; message: string }>(`/api/ingest/${hook}`, form.toString(), 'application/x-www-form-urlencoded');
}
