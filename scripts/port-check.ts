import net from 'node:net';

export interface PortClaim {
  /** The variable that sets the port (GATEWAY_PORT …), named in the error. */
  variable: string;
  host: string;
  port: number;
}

/** Whether something already listens on host:port (binding it briefly and letting go). */
function portTaken(host: string, port: number): Promise<NodeJS.ErrnoException | undefined> {
  return new Promise((resolve) => {
    const server = net.createServer();
    server.once('error', (error: NodeJS.ErrnoException) => resolve(error));
    server.listen({ host, port, exclusive: true }, () => server.close(() => resolve(undefined)));
  });
}

/**
 * Checks every port `npm start` is going to listen on before it starts
 * anything, so a clash is reported in a moment instead of after the database
 * and the other services have started. One line per taken port.
 */
export async function portsInUse(claims: PortClaim[]): Promise<string[]> {
  const problems = await Promise.all(
    claims.map(async ({ variable, host, port }) => {
      const error = await portTaken(host, port);
      if (!error) return undefined;
      if (error.code === 'EADDRINUSE') return `port ${port} on ${host} (${variable}) is already in use; stop what holds it or set ${variable} to a free port`;
      if (error.code === 'EACCES') return `port ${port} on ${host} (${variable}) needs privileges this user lacks; set ${variable} to a port above 1023`;
      if (error.code === 'EADDRNOTAVAIL') return `${host} is not an address of this machine (LISTEN_HOST); set LISTEN_HOST to one of its addresses`;
      return `port ${port} on ${host} (${variable}) cannot be opened (${error.code ?? error.message})`;
    }),
  );
  return [...new Set(problems.filter((problem): problem is string => problem !== undefined))];
}
