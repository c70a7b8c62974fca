import { cursorBeforePage } from '../../../common/connections';
import type { JsonSchema, RestReply } from '../../route-table';
import { generalList } from '../envelope';

/**
 * Seed 003's page-numbered lists over GraphQL connections: the query's
 * `page` and `per_page` become a connection window, and one page of the
 * connection becomes the list answer with its `meta`.
 */

/** The page properties of a list route's query schema; both have defaults, which Ajv applies. */
export const PAGE_PROPERTIES = {
  page: { type: 'integer', minimum: 1, maximum: 1_000_000, default: 1 },
  per_page: { type: 'integer', minimum: 1, maximum: 100, default: 20 },
};

export const PAGE_QUERY: JsonSchema = { type: 'object', properties: PAGE_PROPERTIES };

/** The page a list request asks for (its query schema gave both numbers a default). */
function pageOf(query: Record<string, unknown>): { page: number; perPage: number } {
  return { page: Number(query.page), perPage: Number(query.per_page) };
}

/** The connection window (`first`, `after`) of the requested page. */
export function pageVariables(query: Record<string, unknown>): { first: number; after: string | null } {
  const { page, perPage } = pageOf(query);
  return { first: perPage, after: cursorBeforePage(page, perPage) };
}

/** One page of a connection as the list answer: each node shaped as the API shows it. */
export function pageReply<TNode>(
  connection: { totalCount: number; edges: { node: TNode }[] },
  query: Record<string, unknown>,
  shape: (node: TNode) => unknown,
): RestReply {
  const { page, perPage } = pageOf(query);
  return generalList(
    connection.edges.map((edge) => shape(edge.node)),
    page,
    perPage,
    connection.totalCount,
  );
}
