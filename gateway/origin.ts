/**
 * The Origin rule of the gateway (docs/SECURITY.md, Origin): a browser says
 * which page made a request in `Origin`; a WebSocket upgrade (every page may
 * open one, with the user's cookies) and a request authenticated by the
 * session cookie are accepted only from
 * - no Origin at all (non-browser clients: servers, CLIs, native apps),
 * - the gateway's own origin (the `Host` the request was sent to), or
 * - an origin listed in ALLOWED_ORIGINS.
 * `Origin: null` (sandboxed frames, file: pages) is refused unless listed.
 */
export function originAllowed(origin: string | string[] | undefined, host: string | undefined, allowed: readonly string[]): boolean {
  if (origin === undefined) return true;
  if (Array.isArray(origin)) return false;
  if (allowed.includes(origin)) return true;
  if (origin === 'null' || !host) return false;
  try {
    return new URL(origin).host.toLowerCase() === host.toLowerCase();
  } catch {
    return false;
  }
}
