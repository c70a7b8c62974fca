import type { IncomingMessage } from 'node:http';
import proxyAddr from '@fastify/proxy-addr';

/**
 * Who sent a WebSocket upgrade request and over which scheme, by the same
 * TRUST_PROXY rules (@fastify/proxy-addr) as Fastify applies to HTTP
 * requests: upgrades never reach Fastify's request object, and both socket
 * servers (graphql-ws on /graphql, Owncast's chat on /entry) need the answer
 * Fastify would give.
 */
function trustOf(trustProxy: boolean | string): (address: string, hop: number) => boolean {
  if (trustProxy === false) return () => false;
  if (trustProxy === true) return () => true;
  return proxyAddr.compile(
    trustProxy
      .split(',')
      .map((part) => part.trim())
      .filter(Boolean),
  );
}

/** The client address, as Fastify's `request.ip` works it out for HTTP. */
export function clientAddressResolver(trustProxy: boolean | string): (request: IncomingMessage) => string {
  if (trustProxy === false) return (request) => request.socket.remoteAddress ?? '';
  const trust = trustOf(trustProxy);
  return (request) => proxyAddr(request, trust);
}

/**
 * The scheme, as Fastify's `request.protocol` works it out for HTTP:
 * X-Forwarded-Proto (its last value) when the direct peer is a trusted proxy,
 * else whether the socket itself is TLS.
 */
export function protocolResolver(trustProxy: boolean | string): (request: IncomingMessage) => string {
  const trust = trustOf(trustProxy);
  return (request) => {
    const forwarded = request.headers['x-forwarded-proto'];
    const remote = request.socket.remoteAddress;
    if (typeof forwarded === 'string' && forwarded !== '' && remote !== undefined && trust(remote, 0)) {
      return forwarded.split(',').at(-1)!.trim();
    }
    return 'encrypted' in request.socket && request.socket.encrypted === true ? 'https' : 'http';
  };
}
