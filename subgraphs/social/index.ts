import type { GraphQLResolverMap } from '@apollo/subgraph/dist/schema-helper/resolverMap';
import type { SubgraphModule } from '../../common/subgraph-server';
import type { Context } from './context';
import { GameSession } from './entities/game-session';
import { Host } from './entities/host';
import { HostRelation } from './entities/host-relation';
import { SessionPlayer } from './entities/session-player';
import { createSocialLoaders, type SocialLoaders } from './loaders';
import { Migration0001Hosts } from './migrations/0001-hosts';
import { Migration0002GameSessions } from './migrations/0002-game-sessions';
import { resolvers } from './resolvers';
import { loadSocialSettings, type SocialSettings } from './settings';

/** Game hosts, their friends and banlists, host tokens, and the game sessions hosts run. */
export const socialSubgraph: SubgraphModule<SocialLoaders, SocialSettings> = {
  name: 'social',
  entities: [Host, HostRelation, GameSession, SessionPlayer],
  migrations: [
    { name: '0001-hosts', class: Migration0001Hosts },
    { name: '0002-game-sessions', class: Migration0002GameSessions },
  ],
  // Generated resolver types are stricter than Apollo's map; the shapes agree.
  resolvers: resolvers as GraphQLResolverMap<Context>,
  createLoaders: createSocialLoaders,
  // HOST_TOKEN_SECRET and HOST_TOKEN_TTL_SECONDS, for host tokens.
  loadSettings: loadSocialSettings,
  // Subscription.playerJoined: joins are published on player-joined:<sessionId>.
  events: true,
};
