/**
 * Stock Apollo Gateway 2.14 on Apollo Server 5 (standalone HTTP server), as
 * Apollo's documentation sets it up, serving bench/gateways.ts's supergraph.
 * The only addition: the caller's x-principal and Authorization headers go to
 * every subgraph, which is how these subgraphs learn who is calling.
 *
 *   node apollo-gateway.mjs <supergraph file> <port>
 *
 * Prints "ready <url>" once it listens.
 */
import { readFileSync } from 'node:fs';
import { ApolloGateway, RemoteGraphQLDataSource } from '@apollo/gateway';
import { ApolloServer } from '@apollo/server';
import { startStandaloneServer } from '@apollo/server/standalone';

const [supergraphFile, port] = process.argv.slice(2);
const FORWARDED = ['x-principal', 'authorization'];

class ForwardingDataSource extends RemoteGraphQLDataSource {
  willSendRequest({ request, context }) {
    for (const name of FORWARDED) {
      const value = context.headers?.[name];
      if (typeof value === 'string') request.http.headers.set(name, value);
    }
  }
}

const gateway = new ApolloGateway({
  supergraphSdl: readFileSync(supergraphFile, 'utf8'),
  buildService: ({ url }) => new ForwardingDataSource({ url }),
});
const server = new ApolloServer({ gateway });
const { url } = await startStandaloneServer(server, {
  listen: { port: Number(port), host: '127.0.0.1' },
  context: async ({ req }) => ({ headers: req.headers }),
});
process.stdout.write(`ready ${url}\n`);
const stop = () => server.stop().then(() => process.exit(0));
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
