/**
 * Hive Gateway's runtime (the one its CLI serves), with its defaults, on a
 * plain Node HTTP server, serving bench/gateways.ts's supergraph. The only
 * addition: the caller's x-principal and Authorization headers go to every
 * subgraph, which is how these subgraphs learn who is calling.
 *
 *   node hive-gateway.mjs <supergraph file> dedup|no-dedup <port>
 *
 * `dedup` keeps the default (identical in-flight subgraph requests are sent
 * once); `no-dedup` turns that off for every subgraph. Prints "ready <url>"
 * once it listens.
 */
import { createServer } from 'node:http';
import { createGatewayRuntime } from '@graphql-hive/gateway';

const [supergraph, mode, port] = process.argv.slice(2);
const FORWARDED = ['x-principal', 'authorization'];

const gateway = createGatewayRuntime({
  supergraph,
  propagateHeaders: {
    fromClientToSubgraphs: ({ request }) => Object.fromEntries(FORWARDED.map((name) => [name, request.headers.get(name)])),
  },
  ...(mode === 'no-dedup' ? { transportEntries: { '*.http': { options: { deduplicateInflightRequests: false } } } } : {}),
});
const server = createServer(gateway);
server.listen(Number(port), '127.0.0.1', () => process.stdout.write(`ready http://127.0.0.1:${port}/graphql\n`));
const stop = () => server.close(() => gateway.dispose().then(() => process.exit(0)));
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
