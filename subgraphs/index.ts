import type { SubgraphName } from '../common/config';
import type { SubgraphModule } from '../common/subgraph-server';
import { adminSubgraph } from './admin';
import { socialSubgraph } from './social';
import { streamingSubgraph } from './streaming';
import { ticketsSubgraph } from './tickets';

/** Every subgraph module by name, for the supervisor, the tests and the bench. */
export const SUBGRAPHS: Record<SubgraphName, SubgraphModule<unknown, unknown, unknown>> = {
  admin: adminSubgraph as SubgraphModule<unknown, unknown, unknown>,
  tickets: ticketsSubgraph as SubgraphModule<unknown, unknown, unknown>,
  social: socialSubgraph as SubgraphModule<unknown, unknown, unknown>,
  streaming: streamingSubgraph as SubgraphModule<unknown, unknown, unknown>,
};
