import type { SubgraphContext } from '../../common/subgraph-server';
import type { AdminLoaders } from './loaders';

export type Context = SubgraphContext<AdminLoaders>;
