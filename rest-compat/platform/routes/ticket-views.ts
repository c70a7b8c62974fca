/**
 * How family P shows tickets and their messages: what the routes' GraphQL
 * operations select, the shape of the data that comes back, and the
 * platform's JSON for it (categoryId beside the category, messageCount,
 * messages only in detail answers).
 */
export const TICKET_FIELDS = `id title status createdAt updatedAt closedAt
  category { id name color } owner { id username } claimedBy { id username } messages(first: 0) { totalCount }`;
export const MESSAGE_FIELDS = 'id body createdAt updatedAt author { id username } ticket { id }';
export const DETAIL_FIELDS = `id title status createdAt updatedAt closedAt
  category { id name color } owner { id username } claimedBy { id username }
  messages(first: 100) { totalCount edges { node { ${MESSAGE_FIELDS} } } }`;
export const CATEGORY_FIELDS = 'id name description color responderRoleIds viewerRoleIds createdAt updatedAt';

export interface UserData {
  id: string;
  username: string;
}
export interface MessageData {
  id: string;
  body: string;
  createdAt: string;
  updatedAt: string;
  author: UserData;
  ticket: { id: string };
}
export interface TicketData {
  id: string;
  title: string;
  status: string;
  createdAt: string;
  updatedAt: string;
  closedAt: string | null;
  category: { id: string; name: string; color: string } | null;
  owner: UserData;
  claimedBy: UserData | null;
  messages: { totalCount: number; edges?: { node: MessageData }[] };
}

/** A message as family P answers it: ticketId instead of the ticket. */
export function platformMessage(message: MessageData): Record<string, unknown> {
  const { ticket, ...rest } = message;
  return { ...rest, ticketId: ticket.id };
}

/** A ticket as family P answers it. */
export function platformTicket(ticket: TicketData): Record<string, unknown> {
  const { messages, ...rest } = ticket;
  return {
    ...rest,
    categoryId: ticket.category?.id ?? null,
    messageCount: messages.totalCount,
    ...(messages.edges ? { messages: messages.edges.map((edge) => platformMessage(edge.node)) } : {}),
  };
}
