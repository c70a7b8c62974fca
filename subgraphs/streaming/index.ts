import type { GraphQLResolverMap } from '@apollo/subgraph/dist/schema-helper/resolverMap';
import type { SubgraphModule } from '../../common/subgraph-server';
import type { Context } from './context';
import { ConfigEntrySchema } from './entities/config-entry';
import { createStreamingLoaders, type StreamingLoaders } from './loaders';
import { Migration0001Config } from './migrations/0001-config';
import { resolvers } from './resolvers';
import { bootstrapStreamKey } from './services/bootstrap-stream-key';

/** Live-stream control and chat (seed 002, Owncast API 0.0.7). */
export const streamingSubgraph: SubgraphModule<StreamingLoaders> = {
  name: 'streaming',
  entities: [ConfigEntrySchema],
  migrations: [{ name: '0001-config', class: Migration0001Config }],
  // Generated resolver types are stricter than Apollo's map; the shapes agree.
  resolvers: resolvers as GraphQLResolverMap<Context>,
  createLoaders: createStreamingLoaders,
  bootstrap: bootstrapStreamKey,
};
