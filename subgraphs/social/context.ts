import type { SubgraphContext } from '../../common/subgraph-server';
import type { SocialLoaders } from './loaders';
import type { SocialSettings } from './settings';

export type Context = SubgraphContext<SocialLoaders, SocialSettings>;
