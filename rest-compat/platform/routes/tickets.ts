import { cursorBeforePage } from '../../../common/connections';
import { requestField } from '../../request-values';
import { defineRoute, type RestRoute } from '../../route-table';
import { platformSuccess } from '../envelope';
import { graphql } from '../generated';
import { byField } from '../request-schemas';
import { ticketCategoryRoutes } from './ticket-categories';
import { platformMessage, platformTicket } from './ticket-views';

/**
 * Support tickets, their replies (POST /api/tickets/messages), and what the
 * caller may do with them. Permissions are the tickets subgraph's; these
 * routes only translate.
 */

// Signed-in browsers and API keys alike (keys need the tickets:read or tickets:write scope).
const CREDENTIALS: RestRoute['credentials'] = ['sessionCookie', 'apiKey'];

const uuid = { type: 'string', maxLength: 100 };

/** The page and page size of a list request: the query schema below gives both a default, and Ajv applies it. */
function pageOf(query: Record<string, unknown>): { page: number; pageSize: number } {
  return { page: Number(query.page), pageSize: Number(query.pageSize) };
}

const ticketAndReplyRoutes: RestRoute[] = [
  defineRoute({
    id: 'P16',
    method: 'GET',
    url: '/api/tickets',
    summary: 'Lists accessible support tickets or returns a single ticket (with its messages) when ticketId is provided',
    credentials: CREDENTIALS,
    schema: {
      querystring: {
        type: 'object',
        properties: {
          page: { type: 'integer', minimum: 1, maximum: 1_000_000, default: 1 },
          pageSize: { type: 'integer', minimum: 1, maximum: 100, default: 20 },
          ticketId: uuid,
          categoryId: uuid,
          status: { type: 'string', enum: ['open', 'closed', 'claimed', 'all'], default: 'all' },
          mine: { type: 'boolean', default: false },
        },
      },
    },
    operation: graphql(`
      query Tickets($first: Int, $after: String, $categoryId: ID, $status: TicketStatusFilter, $mine: Boolean, $ticketId: ID!, $one: Boolean!) {
        tickets(first: $first, after: $after, categoryId: $categoryId, status: $status, mine: $mine) @skip(if: $one) {
          totalCount
          edges {
            node {
              ...PlatformTicket
            }
          }
        }
        ticket(id: $ticketId) @include(if: $one) {
          ...PlatformTicketDetail
        }
      }
    `),
    variables: ({ query }) => {
      const { page, pageSize } = pageOf(query);
      const ticketId = typeof query.ticketId === 'string' && query.ticketId !== '' ? query.ticketId : null;
      return {
        first: pageSize,
        after: cursorBeforePage(page, pageSize),
        categoryId: typeof query.categoryId === 'string' && query.categoryId !== '' ? query.categoryId : null,
        status: requestField(query, 'status'),
        mine: query.mine === true,
        ticketId: ticketId ?? '',
        one: ticketId !== null,
      };
    },
    respond: (data, { query }) => {
      if (data.ticket) return platformSuccess({ ticket: platformTicket(data.ticket) });
      const { page, pageSize } = pageOf(query);
      const total = data.tickets?.totalCount ?? 0;
      return platformSuccess({
        tickets: (data.tickets?.edges ?? []).map((edge) => platformTicket(edge.node)),
        pagination: { page, pageSize, total, totalPages: Math.ceil(total / pageSize) },
      });
    },
  }),
  defineRoute({
    id: 'P17',
    method: 'POST',
    url: '/api/tickets',
    summary: 'Creates a support ticket with its first message for the current user',
    credentials: CREDENTIALS,
    idempotent: true,
    schema: {
      body: {
        type: 'object',
        required: ['title', 'categoryId', 'message'],
        properties: {
          title: { type: 'string', description: 'Ticket title, 3–120 characters' },
          categoryId: { type: 'string', description: 'Ticket category ID' },
          message: { type: 'string', description: 'Initial ticket message, 5–2000 characters' },
        },
      },
    },
    operation: graphql(`mutation CreateTicket($input: CreateTicketInput!) { createTicket(input: $input) { ...PlatformTicketDetail } }`),
    variables: ({ body }) => ({
      input: { title: requestField(body, 'title'), categoryId: requestField(body, 'categoryId'), message: requestField(body, 'message') },
    }),
    respond: (data) => platformSuccess({ ticket: platformTicket(data.createTicket) }),
  }),
  defineRoute({
    id: 'P18',
    method: 'PUT',
    url: '/api/tickets',
    summary: 'Updates ticket status or claim state according to caller permissions',
    credentials: CREDENTIALS,
    schema: {
      body: {
        type: 'object',
        required: ['ticketId'],
        properties: {
          ticketId: { type: 'string' },
          status: { type: 'string', enum: ['open', 'claimed', 'closed'], description: 'open, claimed or closed' },
          claimedByMe: { type: 'boolean', description: 'true claims the ticket as the current user, false releases the claim' },
        },
      },
    },
    operation: graphql(`mutation UpdateTicket($input: UpdateTicketInput!) { updateTicket(input: $input) { ...PlatformTicketDetail } }`),
    variables: ({ body }) => ({
      input: { ticketId: requestField(body, 'ticketId'), status: requestField(body, 'status') ?? null, claimedByMe: requestField(body, 'claimedByMe') ?? null },
    }),
    respond: (data) => platformSuccess({ ticket: platformTicket(data.updateTicket) }),
  }),
  defineRoute({
    id: 'P19',
    method: 'DELETE',
    url: '/api/tickets',
    summary: 'Deletes a ticket and its messages (manage_tickets)',
    credentials: CREDENTIALS,
    schema: { querystring: byField('ticketId') },
    operation: graphql(`mutation DeleteTicket($id: ID!) { deleteTicket(id: $id) { ...PlatformTicket } }`),
    variables: ({ query }) => ({ id: requestField(query, 'ticketId') }),
    respond: (data) => platformSuccess({ ticket: platformTicket(data.deleteTicket) }),
  }),
  defineRoute({
    id: 'P-ticket-reply',
    method: 'POST',
    url: '/api/tickets/messages',
    summary: "Replies to a ticket (its owner, its category's responders, or manage_tickets)",
    credentials: CREDENTIALS,
    idempotent: true,
    schema: {
      body: {
        type: 'object',
        required: ['ticketId', 'message'],
        properties: { ticketId: { type: 'string' }, message: { type: 'string', description: 'Reply, 5–2000 characters' } },
      },
    },
    operation: graphql(`mutation AddTicketMessage($input: AddTicketMessageInput!) { addTicketMessage(input: $input) { ...PlatformTicketMessage } }`),
    variables: ({ body }) => ({ input: { ticketId: requestField(body, 'ticketId'), message: requestField(body, 'message') } }),
    respond: (data) => platformSuccess({ message: platformMessage(data.addTicketMessage) }),
  }),
  defineRoute({
    id: 'P20',
    method: 'DELETE',
    url: '/api/tickets/messages',
    summary: "Deletes a ticket message (its author, the category's responders, or manage_tickets)",
    credentials: CREDENTIALS,
    schema: { querystring: byField('messageId') },
    operation: graphql(`mutation DeleteTicketMessage($id: ID!) { deleteTicketMessage(id: $id) { ...PlatformTicketMessage } }`),
    variables: ({ query }) => ({ id: requestField(query, 'messageId') }),
    respond: (data) => platformSuccess({ message: platformMessage(data.deleteTicketMessage) }),
  }),
];

const accessRoutes: RestRoute[] = [
  defineRoute({
    id: 'P25',
    method: 'GET',
    url: '/api/tickets/access',
    summary: 'Returns what the current caller can do with tickets, and in which categories',
    credentials: CREDENTIALS,
    operation: graphql(
      `query TicketAccess { ticketAccess { canAccess canManage canDefine canCreate categories { canView canRespond category { id name } } } }`,
    ),
    respond: (data) => {
      const { categories, ...rest } = data.ticketAccess;
      return platformSuccess({
        access: {
          ...rest,
          categories: categories.map((entry) => ({
            categoryId: entry.category.id,
            name: entry.category.name,
            canView: entry.canView,
            canRespond: entry.canRespond,
          })),
        },
      });
    },
  }),
  defineRoute({
    id: 'P26',
    method: 'GET',
    url: '/api/tickets/open-count',
    summary: 'Returns the number of open tickets visible to the caller',
    credentials: CREDENTIALS,
    operation: graphql(`query OpenTicketCount { openTicketCount }`),
    respond: (data) => platformSuccess({ count: data.openTicketCount }),
  }),
];

export const ticketRoutes: RestRoute[] = [...ticketAndReplyRoutes, ...ticketCategoryRoutes, ...accessRoutes];
