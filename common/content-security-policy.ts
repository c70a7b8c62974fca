/**
 * The policy of the pages the gateway serves from its own bundles (the
 * GraphQL IDE, Redoc): they load only this origin's files, talk only to this
 * origin, may set inline styles (both libraries do) and load fonts and
 * images inline, and no other site may frame them. `workerSrc` adds where a
 * page may start workers from (Redoc runs its search in a blob: worker).
 */
export function selfOnlyPagePolicy({ workerSrc = [] as string[] } = {}): string {
  return [
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data:",
    "font-src 'self' data:",
    ["worker-src 'self'", ...workerSrc].join(' '),
    "connect-src 'self'",
    "frame-ancestors 'none'",
    "base-uri 'none'",
    "form-action 'none'",
  ].join('; ');
}
