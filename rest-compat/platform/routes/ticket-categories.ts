import { defineRoute, type RestRoute } from '../../route-table';
import { platformSuccess } from '../envelope';
import { CATEGORY_FIELDS } from './ticket-views';

/**
 * Ticket categories and their role configuration (who sees and who answers
 * their tickets). Permissions are the tickets subgraph's; these routes only translate.
 */

// Signed-in browsers and API keys alike (keys need the tickets:read or tickets:write scope).
const CREDENTIALS: RestRoute['credentials'] = ['sessionCookie', 'apiKey'];
const roleIds = { type: 'array', items: { type: 'string', maxLength: 100 }, maxItems: 100 };
const categoryProperties = {
  name: { type: 'string', description: 'Category name, 1–100 characters' },
  description: { type: 'string', description: 'Up to 1000 characters' },
  color: { type: 'string', description: 'Hex colour #RRGGBB' },
  responderRoleIds: { ...roleIds, description: 'Roles that see, answer, claim and change the status of its tickets' },
  viewerRoleIds: { ...roleIds, description: 'Roles that see its tickets' },
};

function categoryInput(body: unknown): Record<string, unknown> {
  const input = body as Record<string, unknown>;
  const fields = ['name', 'description', 'color', 'responderRoleIds', 'viewerRoleIds'];
  return Object.fromEntries(fields.filter((field) => input[field] !== undefined).map((field) => [field, input[field]]));
}

export const ticketCategoryRoutes: RestRoute[] = [
  defineRoute<{ ticketCategories: { edges: { node: Record<string, unknown> }[] } }>({
    id: 'P21',
    method: 'GET',
    url: '/api/tickets/categories',
    summary: 'Lists ticket categories with their viewer and responder role configuration',
    credentials: CREDENTIALS,
    // Categories are few; the first 100 (the connection's page limit) are all of them in practice.
    operation: `query TicketCategories { ticketCategories(first: 100) { edges { node { ${CATEGORY_FIELDS} } } } }`,
    respond: (data) => platformSuccess({ categories: data.ticketCategories.edges.map((edge) => edge.node) }),
  }),
  defineRoute<{ createTicketCategory: Record<string, unknown> }>({
    id: 'P22',
    method: 'POST',
    url: '/api/tickets/categories',
    summary: 'Creates a ticket category (define_tickets)',
    credentials: CREDENTIALS,
    idempotent: true,
    schema: { body: { type: 'object', required: ['name'], properties: categoryProperties } },
    operation: `mutation CreateTicketCategory($input: CreateTicketCategoryInput!) { createTicketCategory(input: $input) { ${CATEGORY_FIELDS} } }`,
    variables: ({ body }) => ({ input: categoryInput(body) }),
    respond: (data) => platformSuccess({ category: data.createTicketCategory }),
  }),
  defineRoute<{ updateTicketCategory: Record<string, unknown> }>({
    id: 'P23',
    method: 'PUT',
    url: '/api/tickets/categories',
    summary: 'Updates a ticket category and its role configuration (define_tickets); omitted optional fields keep their value',
    credentials: CREDENTIALS,
    schema: { body: { type: 'object', required: ['categoryId', 'name'], properties: { categoryId: { type: 'string' }, ...categoryProperties } } },
    operation: `mutation UpdateTicketCategory($input: UpdateTicketCategoryInput!) { updateTicketCategory(input: $input) { ${CATEGORY_FIELDS} } }`,
    variables: ({ body }) => ({ input: { categoryId: (body as Record<string, unknown>).categoryId, ...categoryInput(body) } }),
    respond: (data) => platformSuccess({ category: data.updateTicketCategory }),
  }),
  defineRoute<{ deleteTicketCategory: Record<string, unknown> }>({
    id: 'P24',
    method: 'DELETE',
    url: '/api/tickets/categories',
    summary: 'Deletes a ticket category and its viewer and responder role configuration (define_tickets); its tickets stay, without a category',
    credentials: CREDENTIALS,
    schema: { querystring: { type: 'object', required: ['categoryId'], properties: { categoryId: { type: 'string' } } } },
    operation: `mutation DeleteTicketCategory($id: ID!) { deleteTicketCategory(id: $id) { ${CATEGORY_FIELDS} } }`,
    variables: ({ query }) => ({ id: query.categoryId }),
    respond: (data) => platformSuccess({ category: data.deleteTicketCategory }),
  }),
];
