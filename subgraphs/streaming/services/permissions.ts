import { domainError, ErrorCode } from '../../../common/errors';
import { definePermissions } from '../../../common/permissions';
import type { Context } from '../context';
import { isStreamKey, requireAccessToken, requireAccessTokenOrAdmin, requireAdmin } from './credentials';

/** Who posts with sendChatMessage: a signed-in user, or an API key acting for its user. */
function chatPoster(context: Context): { username: string; userId: string | null } {
  const { principal } = context;
  if (principal.kind === 'user') return { username: principal.username, userId: principal.userId };
  if (principal.kind === 'apiKey') {
    if (!principal.username) throw domainError(ErrorCode.Forbidden, 'This API key acts for no user, so it cannot post in chat');
    return { username: principal.username, userId: principal.userId ?? null };
  }
  throw domainError(ErrorCode.Unauthenticated, 'Sign in to post in chat');
}

/** Only the gateway, which holds the /entry sockets and speaks for them, may act for guests. */
function isGateway(context: Context): void {
  const { principal } = context;
  if (principal.kind !== 'service' || principal.service !== 'gateway') throw domainError(ErrorCode.Forbidden, 'Not available');
}

/** The ingest server proves it may drive the broadcast with the stream key it was configured with. */
async function holdsStreamKey(context: Context, streamKey: string): Promise<void> {
  if (!(await isStreamKey(context.em, streamKey))) throw domainError(ErrorCode.Forbidden, 'stream key refused');
}

const admin = (context: Context) => requireAdmin(context);
const adminOrModeratorToken = (context: Context) => requireAccessTokenOrAdmin(context, 'HAS_ADMIN_ACCESS');

/**
 * What callers may do in the streaming subgraph. Owncast 0.0.7 knows three
 * credentials besides the platform's principal: the admin (HTTP Basic with
 * the stream key, services/credentials.ts), integration access tokens with
 * scopes, and the stream key the ingest server presents. Reading chat, the
 * public status and the instance details needs none of them.
 */
export const { assertAllowed, can } = definePermissions<Context>()({
  /** Read the whole server configuration; answers the stream key the admin authenticated with (O12 shows it). */
  'server:readConfig': admin,
  /** Change a configuration value or reset the directory registration. */
  'server:configure': admin,
  /** Read the admin status, hardware statistics, logs, warnings and viewers over time. */
  'server:monitor': admin,
  /** Add or remove custom emoji. */
  'emoji:manage': admin,
  /** List, create and delete webhooks. */
  'webhook:manage': admin,
  /** List, create and delete integration access tokens. */
  'accessToken:manage': admin,
  /** End the live broadcast from the admin. */
  'stream:disconnect': admin,
  /** Set the stream title: the admin, or a token with HAS_ADMIN_ACCESS. */
  'stream:setTitle': adminOrModeratorToken,
  /** Start, update and end the broadcast: the ingest server, holding the stream key. */
  'stream:broadcast': holdsStreamKey,
  /** Post as oneself; answers the poster's name and user id. */
  'chat:post': chatPoster,
  /** Post as a named integration user, or a chat action: a token with CAN_SEND_MESSAGES. */
  'chat:postAsIntegration': (context: Context) => requireAccessToken(context, 'CAN_SEND_MESSAGES'),
  /** Post a SYSTEM message: a token with CAN_SEND_SYSTEM_MESSAGES. */
  'chat:postSystem': (context: Context) => requireAccessToken(context, 'CAN_SEND_SYSTEM_MESSAGES'),
  /** Read the chat backlog and the connected clients, and hide or show messages: the admin or a token with HAS_ADMIN_ACCESS. */
  'chat:moderate': adminOrModeratorToken,
  /** Read every message, hidden ones too: the admin only. */
  'chat:readAll': admin,
  /** Connect, refresh, rename and post for the guests of the /entry socket, and relay chat to it: the gateway only. */
  'chat:actForGuests': isGateway,
});
