import type { SubgraphContext } from '../../common/subgraph-server';
import type { TicketsLoaders } from './loaders';

export type Context = SubgraphContext<TicketsLoaders>;
