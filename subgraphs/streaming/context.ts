import type { SubgraphContext } from '../../common/subgraph-server';
import type { StreamingLoaders } from './loaders';
import type { StreamingSettings } from './settings';

export type Context = SubgraphContext<StreamingLoaders, StreamingSettings>;
