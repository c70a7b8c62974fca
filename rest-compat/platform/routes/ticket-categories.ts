import { requestField, requestFields } from '../../request-values';
import { defineRoute, type RestRoute } from '../../route-table';
import { platformSuccess } from '../envelope';
import { graphql } from '../generated';
import { byField } from '../request-schemas';

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

const CATEGORY_INPUT_FIELDS = ['name', 'description', 'color', 'responderRoleIds', 'viewerRoleIds'];

export const ticketCategoryRoutes: RestRoute[] = [
  defineRoute({
    id: 'P21',
    method: 'GET',
    url: '/api/tickets/categories',
    summary: 'Lists ticket categories with their viewer and responder role configuration',
    credentials: CREDENTIALS,
    // Categories are few; the first 100 (the connection's page limit) are all of them in practice.
    operation: graphql(`query TicketCategories { ticketCategories(first: 100) { edges { node { ...PlatformTicketCategory } } } }`),
    respond: (data) => platformSuccess({ categories: data.ticketCategories.edges.map((edge) => edge.node) }),
  }),
  defineRoute({
    id: 'P22',
    method: 'POST',
    url: '/api/tickets/categories',
    summary: 'Creates a ticket category (define_tickets)',
    credentials: CREDENTIALS,
    idempotent: true,
    schema: { body: { type: 'object', required: ['name'], properties: categoryProperties } },
    operation: graphql(
      `mutation CreateTicketCategory($input: CreateTicketCategoryInput!) { createTicketCategory(input: $input) { ...PlatformTicketCategory } }`,
    ),
    variables: ({ body }) => ({ input: requestFields(body, CATEGORY_INPUT_FIELDS) }),
    respond: (data) => platformSuccess({ category: data.createTicketCategory }),
  }),
  defineRoute({
    id: 'P23',
    method: 'PUT',
    url: '/api/tickets/categories',
    summary: 'Updates a ticket category and its role configuration (define_tickets); omitted optional fields keep their value',
    credentials: CREDENTIALS,
    schema: { body: { type: 'object', required: ['categoryId', 'name'], properties: { categoryId: { type: 'string' }, ...categoryProperties } } },
    operation: graphql(
      `mutation UpdateTicketCategory($input: UpdateTicketCategoryInput!) { updateTicketCategory(input: $input) { ...PlatformTicketCategory } }`,
    ),
    variables: ({ body }) => ({ input: requestFields(body, ['categoryId', ...CATEGORY_INPUT_FIELDS]) }),
    respond: (data) => platformSuccess({ category: data.updateTicketCategory }),
  }),
  defineRoute({
    id: 'P24',
    method: 'DELETE',
    url: '/api/tickets/categories',
    summary: 'Deletes a ticket category and its viewer and responder role configuration (define_tickets); its tickets stay, without a category',
    credentials: CREDENTIALS,
    schema: { querystring: byField('categoryId') },
    operation: graphql(`mutation DeleteTicketCategory($id: ID!) { deleteTicketCategory(id: $id) { ...PlatformTicketCategory } }`),
    variables: ({ query }) => ({ id: requestField(query, 'categoryId') }),
    respond: (data) => platformSuccess({ category: data.deleteTicketCategory }),
  }),
];
