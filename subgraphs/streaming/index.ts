import type { GraphQLResolverMap } from '@apollo/subgraph/dist/schema-helper/resolverMap';
import type { SubgraphModule } from '../../common/subgraph-server';
import type { Context } from './context';
import { AccessTokenSchema } from './entities/access-token';
import { ConfigEntrySchema } from './entities/config-entry';
import { StreamStateSchema } from './entities/stream-state';
import { createStreamingLoaders, type StreamingLoaders } from './loaders';
import { Migration0001Config } from './migrations/0001-config';
import { Migration0002StreamState } from './migrations/0002-stream-state';
import { resolvers } from './resolvers';
import { bootstrapStreamKey } from './services/bootstrap-stream-key';
import { startHardwareSampler } from './services/hardware-stats';

/** Live-stream control and chat (seed 002, Owncast API 0.0.7). */
export const streamingSubgraph: SubgraphModule<StreamingLoaders> = {
  name: 'streaming',
  entities: [ConfigEntrySchema, StreamStateSchema, AccessTokenSchema],
  migrations: [
    { name: '0001-config', class: Migration0001Config },
    { name: '0002-stream-state', class: Migration0002StreamState },
  ],
  // Generated resolver types are stricter than Apollo's map; the shapes agree.
  resolvers: resolvers as GraphQLResolverMap<Context>,
  createLoaders: createStreamingLoaders,
  bootstrap: async (em, env) => {
    startHardwareSampler();
    return bootstrapStreamKey(em, env);
  },
};
