import { Writable } from 'node:stream';
import pino from 'pino';
import { HttpClient, type JsonResponse } from './http';

export type { Recorded } from './http';

/**
 * The client identity tests use: an HttpClient that records every response
 * (so a test can check no secret appears after it was issued) with a logger
 * whose lines it captures (pass it to startSystem to see what was logged).
 */
export class IdentityClient extends HttpClient {
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

  constructor(baseUrl: string | (() => string) = '') {
    super(baseUrl, { record: true });
  }
}

/** The `session=...` pair of a Set-Cookie header. */
export function sessionCookieFrom(response: JsonResponse<unknown>): string {
  const header = response.headers.get('set-cookie') ?? '';
  const match = /(?:^|,\s*)(session=[^;]*)/.exec(header);
  if (!match) throw new Error(`no session cookie in "${header}"`);
  return match[1]!;
}
