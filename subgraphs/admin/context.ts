import type { SubgraphContext } from '../../common/subgraph-server';
import type { AdminBackground } from './background';
import type { AdminLoaders } from './loaders';
import type { AdminSettings } from './settings';

export type Context = SubgraphContext<AdminLoaders, AdminSettings, AdminBackground>;

/** Headers the gateway reads from admin responses (gateway/subgraph-data-source.ts). */
export const SESSION_ISSUE_HEADER = 'x-session-issue';
export const CREDENTIALS_CHANGED_HEADER = 'x-credentials-changed';
