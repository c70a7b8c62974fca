import { createServer, request as httpRequest, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * What the proxy does with one request: pass it through; hold it (the
 * subgraph does not see it until `release()`, and never if the gateway gives
 * up first); or forward it and drop the connection instead of the answer (the
 * work is done, the caller never learns).
 */
export type ProxyMode = 'pass' | 'hold' | 'lose-answer';

/**
 * A proxy in front of one subgraph, put between it and a test gateway. It
 * records every request body the gateway really sends, and `mode(body)`
 * decides per request what happens to it, so tests can make requests be in
 * flight together, time out, or lose their answers without relying on timing.
 */
export class SubgraphProxy {
  mode: (body: string) => ProxyMode = () => 'pass';
  /** Every request body, in the order the gateway sent them. */
  readonly bodies: string[] = [];
  private readonly held: (() => void)[] = [];
  private server: Server | undefined;

  constructor(private readonly target: string) {}

  /** Listens on a free port and answers the URL to give the gateway in place of the subgraph's. */
  async start(): Promise<string> {
    this.server = createServer((request, response) => void this.handle(request, response));
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/graphql`;
  }

  /** Requests whose body contains `text`, as the subgraph received them (or was to). */
  count(text: string): number {
    return this.bodies.filter((body) => body.includes(text)).length;
  }

  /** Lets every held request go on to the subgraph, and holds no more. */
  release(): void {
    this.mode = () => 'pass';
    for (const go of this.held.splice(0)) go();
  }

  /** Drops held requests and open connections, then stops listening. */
  async stop(): Promise<void> {
    this.held.splice(0);
    this.server?.closeAllConnections();
    await new Promise<void>((resolve) => this.server?.close(() => resolve()) ?? resolve());
  }

  private async handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of request) chunks.push(chunk as Buffer);
    const body = Buffer.concat(chunks).toString();
    this.bodies.push(body);
    const mode = this.mode(body);
    if (mode === 'hold') await new Promise<void>((resolve) => this.held.push(resolve));
    const answer = await this.forward(request, body).catch(() => undefined);
    if (!answer || mode === 'lose-answer') {
      response.socket?.destroy();
      return;
    }
    response.writeHead(answer.status, answer.headers);
    response.end(answer.body);
  }

  private forward(request: IncomingMessage, body: string): Promise<{ status: number; headers: Record<string, string | string[]>; body: Buffer }> {
    const url = new URL(this.target);
    return new Promise((resolve, reject) => {
      const headers = { ...request.headers, host: url.host, 'content-length': String(Buffer.byteLength(body)) };
      const upstream = httpRequest({ host: url.hostname, port: url.port, path: url.pathname, method: request.method, headers }, (answer) => {
        const parts: Buffer[] = [];
        answer.on('data', (part: Buffer) => parts.push(part));
        answer.on('end', () => {
          const passed: Record<string, string | string[]> = {};
          for (const [name, value] of Object.entries(answer.headers)) if (value !== undefined && name !== 'connection') passed[name] = value;
          resolve({ status: answer.statusCode ?? 502, headers: passed, body: Buffer.concat(parts) });
        });
      });
      upstream.on('error', reject);
      upstream.end(body);
    });
  }
}
