import type { OutboxRelayHandles } from '../../common/outbox';
import type { SubgraphContext } from '../../common/subgraph-server';
import type { TicketsLoaders } from './loaders';
import type { TicketsSettings } from './settings';

export type Context = SubgraphContext<TicketsLoaders, TicketsSettings, OutboxRelayHandles>;
