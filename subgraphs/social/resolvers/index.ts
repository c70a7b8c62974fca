import { DateTimeResolver, UUIDResolver } from 'graphql-scalars';
import { connectionFromList } from '../../../common/connections';
import { domainError, ErrorCode } from '../../../common/errors';
import type { Context } from '../context';
import type { Resolvers } from '../generated/resolvers-types';
import { hostOfAuthorization, requireHostToken, signHostToken } from '../services/host-tokens';
import {
  endSession,
  findPlayer,
  joinSession,
  launchSession,
  playerJoinedTopic,
  SESSION_NOT_FOUND,
  type PlayerJoinedEvent,
} from '../services/session-service';
import type { GameSession } from '../entities/game-session';
import { addRelation, findHostOrFail, NOT_FOUND_THIS, removeRelation, registerHost, setHostSetting } from '../services/host-service';

/** Only the holder of the host's own token may read or change it. */
function asHost(context: Context, host: string): Promise<void> {
  return requireHostToken(context.authorization, host, context.settings.hostTokens);
}

/**
 * The host of the caller's token, verified once per request: every field of
 * one request awaits the same promise, so their DataLoader calls still batch.
 */
const callerHosts = new WeakMap<Context, Promise<string>>();
function callerHost(context: Context): Promise<string> {
  let host = callerHosts.get(context);
  if (!host) {
    host = hostOfAuthorization(context.authorization, context.settings.hostTokens);
    callerHosts.set(context, host);
  }
  return host;
}

/**
 * A session for its host only: the token is checked first (UNAUTHENTICATED),
 * then the session must exist (NOT_FOUND) and belong to the token's host
 * (UNAUTHENTICATED, as a token of another host is for F4-F10).
 */
async function sessionOfCaller(context: Context, id: number): Promise<GameSession> {
  const host = await callerHost(context);
  const session = await context.loaders.sessionById.load(id);
  if (!session) throw domainError(ErrorCode.NotFound, SESSION_NOT_FOUND);
  if (session.hostUuid !== host) {
    throw domainError(ErrorCode.Unauthenticated, 'Not authenticated: the token belongs to another host');
  }
  return session;
}

/** Whether the caller holds a valid token of `host` (for fields only the host may see). */
async function callerIsHost(context: Context, host: string): Promise<boolean> {
  try {
    return (await callerHost(context)) === host.toLowerCase();
  } catch {
    return false;
  }
}

export const resolvers: Resolvers = {
  DateTime: DateTimeResolver,
  UUID: UUIDResolver,
  Query: {
    host: async (_parent, { uuid }, context) => {
      await asHost(context, uuid);
      return findHostOrFail(context.em, uuid);
    },
    gameSession: (_parent, { id }, context) => sessionOfCaller(context, id),
  },
  Mutation: {
    registerHost: (_parent, _args, { em }) => registerHost(em),
    issueHostToken: async (_parent, { host }, { em, settings }) => {
      const found = await findHostOrFail(em, host);
      return signHostToken(found.uuid, settings.hostTokens);
    },
    renewHostToken: async (_parent, _args, { em, authorization, settings }) => {
      const host = await findHostOrFail(em, await hostOfAuthorization(authorization, settings.hostTokens));
      return signHostToken(host.uuid, settings.hostTokens);
    },
    setOnlyFriends: async (_parent, { host, onlyFriends }, context) => {
      await asHost(context, host);
      return setHostSetting(context.em, host, 'onlyFriends', onlyFriends);
    },
    setAllowNonames: async (_parent, { host, allowNonames }, context) => {
      await asHost(context, host);
      return setHostSetting(context.em, host, 'allowNonames', allowNonames);
    },
    befriend: async (_parent, { host, friend }, context) => {
      await asHost(context, host);
      return addRelation(context.em, host, 'friend', friend);
    },
    unfriend: async (_parent, { host, formerFriend }, context) => {
      await asHost(context, host);
      return removeRelation(context.em, host, 'friend', formerFriend);
    },
    ban: async (_parent, { host, banned }, context) => {
      await asHost(context, host);
      return addRelation(context.em, host, 'banned', banned);
    },
    unban: async (_parent, { host, banned }, context) => {
      await asHost(context, host);
      return removeRelation(context.em, host, 'banned', banned);
    },
    launchSession: async (_parent, { host }, context) => {
      await asHost(context, host);
      const session = await launchSession(context.em, host);
      return { sessionId: session.id, sourceOfTruthKey: session.sourceOfTruthKey, session };
    },
    joinSession: async (_parent, { host, guest }, context) => {
      await asHost(context, host);
      return joinSession(context.em, host, guest, context);
    },
    endSession: async (_parent, { id }, context) => {
      await sessionOfCaller(context, id);
      return endSession(context.em, id);
    },
  },
  Subscription: {
    playerJoined: {
      // The same rule as Query.gameSession (REST GET /sessions/{id}): its host only.
      subscribe: async (_parent, { sessionId }, context) => {
        await sessionOfCaller(context, sessionId);
        return context.events.subscribe<PlayerJoinedEvent>(playerJoinedTopic(sessionId));
      },
      resolve: async (event: PlayerJoinedEvent, _args: unknown, { em }: Context) => {
        const player = await findPlayer(em, event);
        // The session was deleted (with its host) between the join and this read.
        if (!player) throw domainError(ErrorCode.NotFound, SESSION_NOT_FOUND);
        return player;
      },
    },
  },
  GameSession: {
    host: async (session, _args, { loaders }) => {
      const host = await loaders.hostByUuid.load(session.hostUuid);
      // Sessions are deleted with their host, so this only fires on a race with that delete.
      if (!host) throw domainError(ErrorCode.NotFound, NOT_FOUND_THIS);
      return host;
    },
    status: (session) => (session.status === 'running' ? 'RUNNING' : 'ENDED'),
    players: async (session, args, { loaders }) => connectionFromList(await loaders.playersOf.load(session.id), args),
    sourceOfTruthKey: async (session, _args, context) =>
      (await callerIsHost(context, session.hostUuid)) ? session.sourceOfTruthKey : null,
  },
  Host: {
    __resolveReference: (reference, { loaders }) => loaders.hostByUuid.load(reference.uuid),
    friends: async (host, args, { loaders }) => connectionFromList(await loaders.friendsOf.load(host.uuid), args),
    banlist: async (host, args, { loaders }) => connectionFromList(await loaders.banlistOf.load(host.uuid), args),
  },
};
