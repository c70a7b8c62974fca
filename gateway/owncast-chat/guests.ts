import { callService, type ServiceCallOptions } from '../../common/service-call';

/**
 * What an /entry socket asks of the streaming subgraph, which owns chat:
 * its internal guest mutations, signed as the gateway service (the gateway
 * speaks for the sockets it holds). The gateway never reads chat tables.
 */
export interface GuestChat {
  /** A viewer's socket opened (or is registered again, with the name it uses); its client id. */
  connect(guest: { userAgent: string; ipAddress: string; name?: string }, requestId: string): Promise<string>;
  /** The gateway still holds these guests' sockets; the ids that were still live. */
  refresh(clientIds: readonly string[], requestId: string): Promise<string[]>;
  disconnect(clientId: string, requestId: string): Promise<void>;
  send(message: { clientId: string | undefined; author: string; body: string }, requestId: string): Promise<void>;
  join(guest: { clientId: string | undefined; name: string }, requestId: string): Promise<void>;
  rename(guest: { clientId: string | undefined; previousName: string | undefined; name: string }, requestId: string): Promise<void>;
}

export function streamingGuestChat(options: ServiceCallOptions): GuestChat {
  const call = <T>(field: string, query: string, variables: Record<string, unknown>, requestId: string) =>
    callService<T>(options, { query, variables, field, requestId });
  return {
    connect: (guest, requestId) =>
      call<string>(
        'connectGuestChatClient',
        `mutation ($userAgent: String!, $ipAddress: String!, $name: String) { connectGuestChatClient(userAgent: $userAgent, ipAddress: $ipAddress, name: $name) }`,
        { userAgent: guest.userAgent, ipAddress: guest.ipAddress, name: guest.name ?? null },
        requestId,
      ),
    refresh: (clientIds, requestId) =>
      call<string[]>('refreshGuestChatClients', `mutation ($ids: [ID!]!) { refreshGuestChatClients(clientIds: $ids) }`, { ids: clientIds }, requestId),
    disconnect: async (clientId, requestId) => {
      await call<boolean>('disconnectGuestChatClient', `mutation ($id: ID!) { disconnectGuestChatClient(clientId: $id) }`, { id: clientId }, requestId);
    },
    send: async (message, requestId) => {
      await call<{ id: string }>(
        'sendGuestChatMessage',
        `mutation ($clientId: ID, $author: String!, $body: String!) { sendGuestChatMessage(clientId: $clientId, author: $author, body: $body) { id } }`,
        { clientId: message.clientId ?? null, author: message.author, body: message.body },
        requestId,
      );
    },
    join: async (guest, requestId) => {
      await call<boolean>(
        'announceGuestChatJoin',
        `mutation ($clientId: ID, $name: String!) { announceGuestChatJoin(clientId: $clientId, name: $name) }`,
        { clientId: guest.clientId ?? null, name: guest.name },
        requestId,
      );
    },
    rename: async (guest, requestId) => {
      await call<boolean>(
        'renameGuestChatClient',
        `mutation ($clientId: ID, $previousName: String, $name: String!) { renameGuestChatClient(clientId: $clientId, previousName: $previousName, name: $name) }`,
        { clientId: guest.clientId ?? null, previousName: guest.previousName ?? null, name: guest.name },
        requestId,
      );
    },
  };
}
