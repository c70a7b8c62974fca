import { STATUS_CODES } from 'node:http';
import type { FetcherHeaders, FetcherResponse } from '@apollo/utils.fetcher';
import { Pool } from 'undici';

/** Keep-alive connections kept open to one subgraph; more requests than this queue in the pool. */
const MAX_CONNECTIONS = 64;
/** An idle connection is closed after this long (below Node's 5 s server keep-alive, so the server never closes one first). */
const KEEP_ALIVE_MS = 4000;

/**
 * A keep-alive undici pool to one subgraph. The gateway's query plans make
 * many small POSTs to the same few origins: `Pool.request` reuses
 * connections and skips the WHATWG fetch machinery (Request, Headers and
 * stream objects per call) that global fetch and node-fetch build. Headers
 * and body each have `timeoutMs`, so a hung subgraph cannot hold a request
 * forever.
 */
export class SubgraphPool {
  private readonly pool: Pool;
  private readonly path: string;

  constructor(
    readonly url: string,
    timeoutMs: number,
  ) {
    const parsed = new URL(url);
    this.path = `${parsed.pathname}${parsed.search}`;
    this.pool = new Pool(parsed.origin, {
      connections: MAX_CONNECTIONS,
      keepAliveTimeout: KEEP_ALIVE_MS,
      headersTimeout: timeoutMs,
      bodyTimeout: timeoutMs,
    });
  }

  async post(headers: Record<string, string>, body: string): Promise<PooledResponse> {
    const response = await this.pool.request({ path: this.path, method: 'POST', headers, body });
    const text = await response.body.text();
    return new PooledResponse(this.url, response.statusCode, new RecordHeaders(response.headers), text);
  }

  close(): Promise<void> {
    return this.pool.close();
  }
}

/** A subgraph's answer, read in full, in the shape Apollo's data sources expect of a fetch response. */
export class PooledResponse implements FetcherResponse {
  readonly bodyUsed = false;
  readonly redirected = false;

  constructor(
    readonly url: string,
    readonly status: number,
    readonly headers: FetcherHeaders,
    private readonly body: string,
  ) {}

  get ok(): boolean {
    return this.status >= 200 && this.status < 300;
  }

  get statusText(): string {
    return STATUS_CODES[this.status] ?? '';
  }

  async text(): Promise<string> {
    return this.body;
  }

  async json(): Promise<unknown> {
    return JSON.parse(this.body);
  }

  async arrayBuffer(): Promise<ArrayBuffer> {
    const bytes = new TextEncoder().encode(this.body);
    return bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;
  }

  clone(): FetcherResponse {
    return new PooledResponse(this.url, this.status, this.headers, this.body);
  }
}

/** undici's response headers (lower-case names) behind the Headers interface, without copying them. */
class RecordHeaders implements FetcherHeaders {
  constructor(private readonly record: Record<string, string | string[] | undefined>) {}

  get(name: string): string | null {
    const value = this.record[name.toLowerCase()];
    if (value === undefined) return null;
    return Array.isArray(value) ? value.join(', ') : value;
  }

  has(name: string): boolean {
    return this.record[name.toLowerCase()] !== undefined;
  }

  set(name: string, value: string): void {
    this.record[name.toLowerCase()] = value;
  }

  append(name: string, value: string): void {
    const existing = this.get(name);
    this.record[name.toLowerCase()] = existing === null ? value : `${existing}, ${value}`;
  }

  delete(name: string): void {
    delete this.record[name.toLowerCase()];
  }

  *entries(): IterableIterator<[string, string]> {
    for (const name of Object.keys(this.record)) {
      const value = this.get(name);
      if (value !== null) yield [name, value];
    }
  }

  *keys(): IterableIterator<string> {
    for (const [name] of this.entries()) yield name;
  }

  *values(): IterableIterator<string> {
    for (const [, value] of this.entries()) yield value;
  }

  [Symbol.iterator](): IterableIterator<[string, string]> {
    return this.entries();
  }
}
