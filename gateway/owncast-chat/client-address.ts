import type { IncomingMessage } from 'node:http';
import proxyAddr from '@fastify/proxy-addr';

/**
 * The client address of an upgrade request by the same TRUST_PROXY rules
 * (@fastify/proxy-addr) as Fastify applies to HTTP requests and the
 * graphql-ws server to its upgrades.
 */
export function clientAddressResolver(trustProxy: boolean | string): (request: IncomingMessage) => string {
  if (trustProxy === false) return (request) => request.socket.remoteAddress ?? '';
  const trust = trustProxy === true ? () => true : proxyAddr.compile(trustProxy.split(',').map((part) => part.trim()).filter(Boolean));
  return (request) => proxyAddr(request, trust);
}
