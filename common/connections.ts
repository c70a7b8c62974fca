import { domainError, ErrorCode } from './errors';

/** Relay-style pagination over an ordered list (GraphQL lists are connections). */
export interface ConnectionArgs {
  first?: number | null;
  after?: string | null;
}

export interface Connection<T> {
  edges: { cursor: string; node: T }[];
  pageInfo: { hasNextPage: boolean; hasPreviousPage: boolean; startCursor: string | null; endCursor: string | null };
  totalCount: number;
}

export const MAX_PAGE_SIZE = 100;

export function encodeCursor(offset: number): string {
  return Buffer.from(`offset:${offset}`).toString('base64url');
}

export function decodeCursor(cursor: string): number {
  const match = /^offset:(\d{1,9})$/.exec(Buffer.from(cursor, 'base64url').toString());
  if (!match) throw domainError(ErrorCode.BadUserInput, 'after is not a cursor from this connection', { field: 'after' });
  return Number(match[1]);
}

/** The `after` cursor that starts page `page` (1-based) of `pageSize` items: REST page numbers as a connection window. */
export function cursorBeforePage(page: number, pageSize: number): string | null {
  return page > 1 ? encodeCursor((page - 1) * pageSize - 1) : null;
}

/** Checks first/after and returns the offset and page size they ask for. */
export function pageWindow(args: ConnectionArgs): { offset: number; limit: number } {
  const limit = args.first ?? 50;
  if (!Number.isInteger(limit) || limit < 0 || limit > MAX_PAGE_SIZE) {
    throw domainError(ErrorCode.BadUserInput, `first must be between 0 and ${MAX_PAGE_SIZE}`, { field: 'first' });
  }
  const offset = args.after ? decodeCursor(args.after) + 1 : 0;
  return { offset, limit };
}

/** Builds a connection from one page of nodes and the total count. */
export function connectionOf<T>(nodes: T[], offset: number, totalCount: number): Connection<T> {
  const edges = nodes.map((node, index) => ({ cursor: encodeCursor(offset + index), node }));
  return {
    edges,
    pageInfo: {
      hasNextPage: offset + nodes.length < totalCount,
      hasPreviousPage: offset > 0,
      startCursor: edges[0]?.cursor ?? null,
      endCursor: edges[edges.length - 1]?.cursor ?? null,
    },
    totalCount,
  };
}

/** Paginates a list already loaded in full (small child lists batched by a DataLoader). */
export function connectionFromList<T>(all: readonly T[], args: ConnectionArgs): Connection<T> {
  const { offset, limit } = pageWindow(args);
  return connectionOf(all.slice(offset, offset + limit), offset, all.length);
}
