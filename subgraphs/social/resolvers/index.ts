import { DateTimeResolver, UUIDResolver } from 'graphql-scalars';
import { connectionFromList } from '../../../common/connections';
import type { Context } from '../context';
import type { Resolvers } from '../generated/resolvers-types';
import { addRelation, hostForItself, issueHostToken, registerHost, removeRelation, renewHostToken, setHostSetting } from '../services/host-service';
import {
  endSession,
  followJoins,
  hostOfSession,
  joinSession,
  launchSession,
  playerOfJoin,
  sessionForItsHost,
  sourceOfTruthKeyFor,
  type PlayerJoinedEvent,
} from '../services/session-service';

/** Each field maps its arguments to one service call; the services hold the permission rules. */
export const resolvers: Resolvers = {
  DateTime: DateTimeResolver,
  UUID: UUIDResolver,
  Query: {
    host: (_parent, { uuid }, context) => hostForItself(context, uuid),
    gameSession: (_parent, { id }, context) => sessionForItsHost(context, id),
  },
  Mutation: {
    registerHost: (_parent, _args, context) => registerHost(context),
    issueHostToken: (_parent, { host }, context) => issueHostToken(context, host),
    renewHostToken: (_parent, _args, context) => renewHostToken(context),
    setOnlyFriends: (_parent, { host, onlyFriends }, context) => setHostSetting(context, host, 'onlyFriends', onlyFriends),
    setAllowNonames: (_parent, { host, allowNonames }, context) => setHostSetting(context, host, 'allowNonames', allowNonames),
    befriend: (_parent, { host, friend }, context) => addRelation(context, host, 'friend', friend),
    unfriend: (_parent, { host, formerFriend }, context) => removeRelation(context, host, 'friend', formerFriend),
    ban: (_parent, { host, banned }, context) => addRelation(context, host, 'banned', banned),
    unban: (_parent, { host, banned }, context) => removeRelation(context, host, 'banned', banned),
    launchSession: (_parent, { host }, context) => launchSession(context, host),
    joinSession: (_parent, { host, guest }, context) => joinSession(context, host, guest),
    endSession: (_parent, { id }, context) => endSession(context, id),
  },
  Subscription: {
    playerJoined: {
      subscribe: (_parent, { sessionId }, context) => followJoins(context, sessionId),
      resolve: (event: PlayerJoinedEvent, _args: unknown, context: Context) => playerOfJoin(context, event),
    },
  },
  GameSession: {
    host: (session, _args, context) => hostOfSession(context, session),
    status: (session) => (session.status === 'running' ? 'RUNNING' : 'ENDED'),
    players: async (session, args, { loaders }) => connectionFromList(await loaders.playersOf.load(session.id), args),
    sourceOfTruthKey: (session, _args, context) => sourceOfTruthKeyFor(context, session),
  },
  Host: {
    __resolveReference: (reference, { loaders }) => loaders.hostByUuid.load(reference.uuid),
    friends: async (host, args, { loaders }) => connectionFromList(await loaders.friendsOf.load(host.uuid), args),
    banlist: async (host, args, { loaders }) => connectionFromList(await loaders.banlistOf.load(host.uuid), args),
  },
};
