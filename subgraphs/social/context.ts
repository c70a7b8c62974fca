import type { SubgraphContext } from '../../common/subgraph-server';
import type { SocialLoaders } from './loaders';

export type Context = SubgraphContext<SocialLoaders>;
