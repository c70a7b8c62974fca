import { Writable } from 'node:stream';
import pino from 'pino';
import { requestJson, type JsonResponse } from './http';

/**
 * Helpers for identity tests: every response is recorded (so a test can
 * check no secret appears after it was issued) and log lines are captured.
 */
export interface Recorded {
  label: string;
  text: string;
}

export class IdentityClient {
  readonly responses: Recorded[] = [];
  readonly logLines: string[] = [];
  readonly logger = pino(
    { level: 'debug' },
    new Writable({
      write: (chunk: Buffer, _encoding, done) => {
        this.logLines.push(...chunk.toString().split('\n').filter(Boolean));
        done();
      },
    }),
  );
  baseUrl = '';

  async call<T = Record<string, unknown>>(
    method: string,
    path: string,
    options: { body?: unknown; headers?: Record<string, string>; issues?: boolean } = {},
  ): Promise<JsonResponse<T>> {
    const headers: Record<string, string> = { ...options.headers };
    if (options.body !== undefined) headers['content-type'] = 'application/json';
    const response = await requestJson<T>(`${this.baseUrl}${path}`, {
      method,
      headers,
      body: options.body === undefined ? undefined : JSON.stringify(options.body),
    });
    const headerText = [...response.headers.entries()].map(([name, value]) => `${name}: ${value}`).join('\n');
    // Responses that issue a secret are labelled, so the leak check can skip them.
    this.responses.push({ label: options.issues ? 'issues' : `${method} ${path}`, text: `${headerText}\n${JSON.stringify(response.body)}` });
    return response;
  }

  graphql<T = Record<string, unknown>>(query: string, variables: Record<string, unknown> = {}, headers: Record<string, string> = {}, issues = false) {
    return this.call<{ data?: T | null; errors?: { message: string; extensions?: Record<string, unknown> }[] }>('POST', '/graphql', {
      body: { query, variables },
      headers,
      issues,
    });
  }
}

/** The `session=...` pair of a Set-Cookie header. */
export function sessionCookieFrom(response: JsonResponse<unknown>): string {
  const header = response.headers.get('set-cookie') ?? '';
  const match = /(?:^|,\s*)(session=[^;]*)/.exec(header);
  if (!match) throw new Error(`no session cookie in "${header}"`);
  return match[1]!;
}
