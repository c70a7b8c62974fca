import { graphql } from '../generated';
import type { PlatformTicketDetailFragment, PlatformTicketFragment, PlatformTicketMessageFragment } from '../generated/graphql';

/**
 * How family P shows tickets and their messages: what the routes' GraphQL
 * operations select (fragments their operations spread; codegen types them)
 * and the platform's JSON for it (categoryId beside the category,
 * messageCount, messages only in detail answers).
 */
graphql(`
  fragment PlatformTicketFields on Ticket {
    id
    title
    status
    createdAt
    updatedAt
    closedAt
    category {
      id
      name
      color
    }
    owner {
      id
      username
    }
    claimedBy {
      id
      username
    }
  }
`);
/** A ticket in a list: its message count only. */
graphql(`
  fragment PlatformTicket on Ticket {
    ...PlatformTicketFields
    messages(first: 0) {
      totalCount
    }
  }
`);
graphql(`
  fragment PlatformTicketMessage on TicketMessage {
    id
    body
    createdAt
    updatedAt
    author {
      id
      username
    }
    ticket {
      id
    }
  }
`);
/** A ticket on its own: with its messages. */
graphql(`
  fragment PlatformTicketDetail on Ticket {
    ...PlatformTicketFields
    messages(first: 100) {
      totalCount
      edges {
        node {
          ...PlatformTicketMessage
        }
      }
    }
  }
`);
graphql(`
  fragment PlatformTicketCategory on TicketCategory {
    id
    name
    description
    color
    responderRoleIds
    viewerRoleIds
    createdAt
    updatedAt
  }
`);

/** A message as family P answers it: ticketId instead of the ticket. */
export function platformMessage(message: PlatformTicketMessageFragment): Record<string, unknown> {
  const { ticket, ...rest } = message;
  return { ...rest, ticketId: ticket.id };
}

/** A ticket as family P answers it. */
export function platformTicket(ticket: PlatformTicketFragment | PlatformTicketDetailFragment): Record<string, unknown> {
  const { messages, ...rest } = ticket;
  return {
    ...rest,
    categoryId: ticket.category?.id ?? null,
    messageCount: messages.totalCount,
    ...('edges' in messages ? { messages: messages.edges.map((edge) => platformMessage(edge.node)) } : {}),
  };
}
