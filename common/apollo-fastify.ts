import { Readable } from 'node:stream';
import { HeaderMap, type ApolloServer, type BaseContext, type HTTPGraphQLRequest } from '@apollo/server';
import type { FastifyReply, FastifyRequest } from 'fastify';

function searchOf(url: string): string {
  const start = url.indexOf('?');
  return start < 0 || start === url.length - 1 ? '' : url.slice(start);
}

/**
 * Hands one Fastify request to Apollo Server's HTTP pipeline and writes its
 * answer back. Both the gateway and the subgraphs serve GraphQL through this.
 */
export async function executeApolloRequest<TContext extends BaseContext>(
  server: ApolloServer<TContext>,
  request: FastifyRequest,
  reply: FastifyReply,
  context: () => Promise<TContext>,
): Promise<FastifyReply> {
  const headers = new HeaderMap();
  for (const [name, value] of Object.entries(request.headers)) {
    if (value !== undefined) headers.set(name, Array.isArray(value) ? value.join(', ') : value);
  }
  const httpGraphQLRequest: HTTPGraphQLRequest = {
    method: request.method.toUpperCase(),
    headers,
    // The query string as sent (an HTTP request target has no fragment): no URL object per request.
    search: searchOf(request.url),
    body: request.body,
  };
  const response = await server.executeHTTPGraphQLRequest({ httpGraphQLRequest, context });
  for (const [name, value] of response.headers) reply.header(name, value);
  reply.code(response.status ?? 200);
  if (response.body.kind === 'complete') return reply.send(response.body.string);
  return reply.send(Readable.from(response.body.asyncIterator));
}
