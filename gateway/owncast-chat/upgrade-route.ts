import type { IncomingMessage, Server } from 'node:http';
import type { Duplex } from 'node:stream';

export type UpgradeHandler = (request: IncomingMessage, socket: Duplex, head: Buffer) => void;

/**
 * Hands the WebSocket upgrades of one path to `handle` before any 'upgrade'
 * listener of the server sees them. The listeners must not see them: the
 * graphql-ws server destroys every upgrade that is not for its own path.
 * The server's emit is wrapped (and restored by the returned function)
 * because Node calls every listener of an event, whatever their order.
 */
export function claimUpgradePath(server: Server, path: string, handle: UpgradeHandler): () => void {
  const emit = server.emit;
  const claimed = function (this: Server, event: string | symbol, ...args: unknown[]): boolean {
    if (event === 'upgrade') {
      const request = args[0] as IncomingMessage;
      const pathname = new URL(request.url ?? '/', 'http://localhost').pathname;
      if (pathname === path) {
        handle(request, args[1] as Duplex, args[2] as Buffer);
        return true;
      }
    }
    return (emit as (this: Server, event: string | symbol, ...rest: unknown[]) => boolean).call(this, event, ...args);
  };
  server.emit = claimed as Server['emit'];
  return () => {
    if (server.emit === claimed) server.emit = emit;
  };
}
