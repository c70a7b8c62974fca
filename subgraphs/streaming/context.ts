import type { SubgraphContext } from '../../common/subgraph-server';
import type { StreamingLoaders } from './loaders';

export type Context = SubgraphContext<StreamingLoaders>;
