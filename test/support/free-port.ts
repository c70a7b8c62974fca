import net from 'node:net';

/** A TCP port nothing listens on right now, for servers that need a fixed port. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

/** Ports a free-port search for PostgreSQL picks from: below Linux's ephemeral range (32768–60999). */
export const STABLE_PORT_RANGE = { min: 20000, max: 32000 } as const;

function canListen(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = net.createServer();
    server.once('error', () => resolve(false));
    server.listen({ port, host: '127.0.0.1', exclusive: true }, () => server.close(() => resolve(true)));
  });
}

/**
 * A free port outside the ephemeral range, for a PostgreSQL that tests stop
 * and start again: a port from the ephemeral range (what `freePort` gives)
 * can meanwhile become the source port of a client reconnecting to it, which
 * then holds it, and the database cannot listen there again. Random picks, so
 * parallel test files rarely try the same one.
 */
export async function freeStablePort(): Promise<number> {
  for (let attempt = 0; attempt < 200; attempt += 1) {
    const port = STABLE_PORT_RANGE.min + Math.floor(Math.random() * (STABLE_PORT_RANGE.max - STABLE_PORT_RANGE.min));
    if (await canListen(port)) return port;
  }
  throw new Error(`no free port between ${STABLE_PORT_RANGE.min} and ${STABLE_PORT_RANGE.max}`);
}
