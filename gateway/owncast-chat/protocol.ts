/**
 * The frames of Owncast 0.0.7's chat socket (../shared/OWNCAST-CHAT-0.0.7.md,
 * sections 2 and 3): what a client may send, and the JSON the server sends
 * for each chat event, with 0.0.7's keys in 0.0.7's order. Only 0.0.7's
 * types exist here: none of the later CONNECTED_USER_INFO, CHAT_DISABLED or
 * ERROR_* events.
 */

/** A client frame the server acts on; every other frame is ignored, as in 0.0.7. */
export type InboundFrame =
  { type: 'CHAT'; author: string; body: string } | { type: 'NAME_CHANGE'; oldName: string; newName: string } | { type: 'USER_JOINED'; username: string };

/**
 * Reads a field as Go's encoding/json does for 0.0.7's structs: the exact key
 * first, otherwise any key equal to it ignoring case; a value of the wrong
 * type leaves the field empty.
 */
function stringField(object: Record<string, unknown>, name: string): string {
  let value = object[name];
  if (value === undefined) {
    const lower = name.toLowerCase();
    const key = Object.keys(object).find((candidate) => candidate.toLowerCase() === lower);
    value = key === undefined ? undefined : object[key];
  }
  return typeof value === 'string' ? value : '';
}

/**
 * One client frame. Text that is not a JSON object is ignored (0.0.7 drops
 * it too). An object without a string `type` is ignored as well, where 0.0.7
 * closes the socket (docs/DECISIONS.md). CHAT, NAME_CHANGE and USER_JOINED
 * are the only types that do anything; PONG and the rest are ignored.
 */
export function parseInboundFrame(text: string): InboundFrame | undefined {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return undefined;
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) return undefined;
  const object = parsed as Record<string, unknown>;
  const type = stringField(object, 'type');
  switch (type) {
    case 'CHAT':
      return { type, author: stringField(object, 'author'), body: stringField(object, 'body') };
    case 'NAME_CHANGE':
      return { type, oldName: stringField(object, 'oldName'), newName: stringField(object, 'newName') };
    case 'USER_JOINED':
      return { type, username: stringField(object, 'username') };
    default:
      return undefined;
  }
}

/** A stored chat message as the relay delivers it (ChatMessage). */
export interface RelayedMessage {
  id: string;
  type: 'CHAT' | 'SYSTEM' | 'CHAT_ACTION';
  authorName: string | null;
  body: string;
  visible: boolean;
  timestamp: string;
}

/** One chat event as the relay delivers it (ChatEvent, with the internal `messages` of VISIBILITY_UPDATE). */
export interface RelayedChatEvent {
  id: string;
  type: 'CHAT' | 'SYSTEM' | 'CHAT_ACTION' | 'USER_JOINED' | 'NAME_CHANGE' | 'VISIBILITY_UPDATE';
  timestamp: string;
  message: RelayedMessage | null;
  displayName: string | null;
  previousName: string | null;
  visible: boolean | null;
  messages: RelayedMessage[] | null;
}

/** 0.0.7's chat-event shape: author and body left out when empty, `type` as given. */
function messageFrame(message: RelayedMessage, type: string, visible: boolean): Record<string, unknown> {
  return {
    ...(message.authorName ? { author: message.authorName } : {}),
    ...(message.body ? { body: message.body } : {}),
    id: message.id,
    type,
    visible,
    timestamp: message.timestamp,
  };
}

/**
 * The 0.0.7 frames of one chat event, serialised (once per event, then
 * written to every socket). A visibility change becomes one
 * VISIBILITY-UPDATE per message, each the stored message with its new
 * `visible`, as 0.0.7 sends it.
 */
export function framesOf(event: RelayedChatEvent): string[] {
  switch (event.type) {
    case 'CHAT':
    case 'SYSTEM':
    case 'CHAT_ACTION':
      return event.message ? [JSON.stringify(messageFrame(event.message, event.message.type, event.message.visible))] : [];
    case 'VISIBILITY_UPDATE':
      return (event.messages ?? []).map((message) => JSON.stringify(messageFrame(message, 'VISIBILITY-UPDATE', event.visible ?? message.visible)));
    case 'USER_JOINED':
      return [JSON.stringify({ username: event.displayName ?? '', type: 'USER_JOINED', id: event.id, timestamp: event.timestamp })];
    case 'NAME_CHANGE':
      // `image` is always empty: a client's image URL is not passed to everyone (docs/DECISIONS.md).
      return [JSON.stringify({ oldName: event.previousName ?? '', newName: event.displayName ?? '', image: '', type: 'NAME_CHANGE', id: event.id })];
    default:
      return [];
  }
}

/** The application-level keep-alive every socket receives every 30 s. */
export const PING_FRAME = JSON.stringify({ type: 'PING' });
