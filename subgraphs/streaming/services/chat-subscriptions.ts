import { endableIterator, filterMapAsyncIterator } from '../../../common/async-iterators';
import { EXCEPT_MEMBERS, untilReturned, type WithExceptMembers } from '../../../common/shared-subscriptions';
import type { Context } from '../context';
import { CHAT_TOPIC, clientTopic, isConnectJoin, type ChatEventPayload } from './chat-events';
import { connectClient, disconnectClient, newClientId } from './chat-clients';
import { checkName, guestName } from './chat-names';
import { assertAllowed } from './permissions';
import { STREAM_STATUS_TOPIC, type StreamStatusPayload } from './status-events';

/**
 * The chat client of one subscription: its row is registered before the
 * first event and removed when the subscription ends for any reason
 * (completed, socket closed, or dropped as too slow).
 */
function clientEvents(source: AsyncIterableIterator<ChatEventPayload>, clientId: string, onEnd: () => Promise<void>) {
  let ended = false;
  const end = async () => {
    if (ended) return;
    ended = true;
    await onEnd().catch(() => undefined);
  };
  return endableIterator<ChatEventPayload>(
    async () => {
      try {
        const result = await source.next();
        if (result.done) await end();
        return result.done ? result : { value: { ...result.value, self: clientId }, done: false };
      } catch (error) {
        await end();
        throw error;
      }
    },
    async () => {
      await end();
      await source.return?.();
    },
  );
}

/**
 * Members of shared chatEvents groups on this replica, by client id: a
 * group's copy of a client's own USER_JOINED / NAME_CHANGE skips that
 * client's subscriber, whose member subscription brings the copy that shows
 * its clientId. Keyed by event broker so in-process replicas (tests) keep
 * their own.
 */
const membersByClient = new WeakMap<object, Map<string, string>>();

function membersOf(context: Context): Map<string, string> {
  let members = membersByClient.get(context.events);
  if (!members) {
    members = new Map();
    membersByClient.set(context.events, members);
  }
  return members;
}

/** The events everyone in a group gets: others' joins only with presence, a member's own events left to it. */
function groupEvents(source: AsyncIterableIterator<ChatEventPayload>, presence: boolean, members: Map<string, string>) {
  return filterMapAsyncIterator(source, (event): WithExceptMembers<ChatEventPayload> | undefined => {
    if (event.type === 'USER_JOINED' && !presence) return undefined;
    const member = event.clientId ? members.get(event.clientId) : undefined;
    return member ? { ...event, [EXCEPT_MEMBERS]: [member] } : event;
  });
}

/** The name a subscriber chats under: a signed-in one's own, else the one it asked for, else a guest name. */
function subscriberName(context: Context, displayName: string | null | undefined): string {
  const { principal } = context;
  if (principal.kind === 'user') return principal.username;
  if (principal.kind === 'apiKey' && principal.username) return principal.username;
  return displayName ? checkName(displayName, 'displayName') : guestName();
}

/**
 * Subscription.chatEvents. Public: anyone may read chat. As a group (shared
 * fan-out) it only listens; every subscriber (a member, or a direct
 * subscription) is a chat client, registered after it listens, so its own
 * USER_JOINED arrives.
 */
export async function subscribeToChat(
  context: Context,
  { displayName, presence }: { displayName?: string | null; presence: boolean },
): Promise<AsyncIterableIterator<ChatEventPayload>> {
  const role = context.subscription?.role ?? 'single';
  if (role === 'group') return groupEvents(context.events.subscribe<ChatEventPayload>(CHAT_TOPIC), presence, membersOf(context));
  const clientId = newClientId();
  const member = role === 'member' ? context.subscription?.member : undefined;
  // A member gets only its own copies; its group brings the rest.
  const source =
    role === 'member'
      ? context.events.subscribe<ChatEventPayload>(clientTopic(clientId))
      : filterMapAsyncIterator(context.events.subscribe<ChatEventPayload>(CHAT_TOPIC), (event) =>
          event.type === 'USER_JOINED' && !presence && event.clientId !== clientId ? undefined : event,
        );
  if (member) membersOf(context).set(clientId, member);
  const forget = () => {
    if (member) membersOf(context).delete(clientId);
  };
  const { principal } = context;
  try {
    await connectClient(context.em, context, {
      id: clientId,
      // The gateway passes the subscriber's User-Agent beside the principal.
      userAgent: typeof context.userAgent === 'string' ? context.userAgent : '',
      ipAddress: principal.clientIp,
      username: subscriberName(context, displayName),
      userId: principal.kind === 'anonymous' || principal.kind === 'service' ? null : (principal.userId ?? null),
    });
  } catch (error) {
    forget();
    await source.return?.();
    throw error;
  }
  const em = context.em.fork();
  return clientEvents(source, clientId, async () => {
    forget();
    await disconnectClient(em, context, clientId);
  });
}

/** Subscription.streamStatus. Public: a member has nothing to be admitted for, and nothing of its own to receive. */
export function subscribeToStreamStatus(context: Context): AsyncIterableIterator<StreamStatusPayload> {
  return context.subscription?.role === 'member' ? untilReturned() : context.events.subscribe<StreamStatusPayload>(STREAM_STATUS_TOPIC);
}

/** What chatRelay delivers before the resolver maps it: the ready marker, or a chat event. */
export type RelayPayload = { ready: true } | ChatEventPayload;

/**
 * The topic's events, after one ready marker. The topic is subscribed before
 * the marker is returned, so whatever is published after the gateway sees
 * the marker reaches it. return() ends the topic subscription at once.
 */
function afterReady(source: AsyncIterableIterator<ChatEventPayload>): AsyncIterableIterator<RelayPayload> {
  let readySent = false;
  return endableIterator<RelayPayload>(
    async () => {
      if (!readySent) {
        readySent = true;
        return { value: { ready: true }, done: false };
      }
      return source.next();
    },
    async () => {
      await source.return?.();
    },
  );
}

/**
 * Subscription.chatRelay: the chat events for the gateway's /entry sockets.
 * A join reaches them only when a client announced it, as 0.0.7 broadcasts
 * USER_JOINED only when a socket sends one: an /entry socket's USER_JOINED
 * frame. A graphql-ws subscriber's join on connect (isConnectJoin) is not
 * relayed; otherwise N viewers connecting, half over each
 * transport, would cost every /entry socket a frame per graphql-ws viewer.
 */
export async function subscribeToChatRelay(context: Context): Promise<AsyncIterableIterator<RelayPayload>> {
  await assertAllowed(context, 'chat:actForGuests');
  const announced = filterMapAsyncIterator(context.events.subscribe<ChatEventPayload>(CHAT_TOPIC), (event) => (isConnectJoin(event) ? undefined : event));
  return afterReady(announced);
}
