import type { RestFamily } from './route-table';

/**
 * The family a path belongs to, for answers made outside any route (an
 * unknown route, a bad URL): the family with a route sharing the most
 * leading path segments with it (a `:param` segment matches any), at least
 * one. Families P and O share /api and /api/admin, so /api/admin/nope ties
 * and goes to the first family listed (platform); /api/integrations/nope is
 * O's, /hosts/... F's and /v1/... G's. Undefined for paths of no family.
 */
export function familyForPath(families: readonly RestFamily[], url: string): RestFamily | undefined {
  const segments = segmentsOf(url.split('?')[0] ?? '');
  let best: { family: RestFamily; shared: number } | undefined;
  for (const family of families) {
    for (const route of family.routes) {
      const shared = sharedSegments(segments, segmentsOf(route.url));
      if (shared > 0 && (!best || shared > best.shared)) best = { family, shared };
    }
  }
  return best?.family;
}

function segmentsOf(path: string): string[] {
  return path.split('/').filter(Boolean);
}

function sharedSegments(path: string[], route: string[]): number {
  let shared = 0;
  while (shared < path.length && shared < route.length && (route[shared]!.startsWith(':') || route[shared] === path[shared])) shared += 1;
  return shared;
}
