import type { SubgraphContext } from '../../common/subgraph-server';
import type { StreamingLoaders } from './loaders';
import type { StreamingBackground, StreamingSettings } from './settings';

export type Context = SubgraphContext<StreamingLoaders, StreamingSettings, StreamingBackground>;
