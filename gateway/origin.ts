/**
 * The Origin rule of the gateway (docs/SECURITY.md, Origin): a browser says
 * which page made a request in `Origin`; a WebSocket upgrade (every page may
 * open one, with the user's cookies) and a request authenticated by the
 * session cookie are accepted only from
 * - no Origin at all (non-browser clients: servers, CLIs, native apps),
 * - the gateway's own origin (the scheme the request came in with and the
 *   `Host` it was sent to), or
 * - an origin listed in ALLOWED_ORIGINS.
 * `Origin: null` (sandboxed frames, file: pages) is refused unless listed.
 *
 * Browsers send an origin as exactly `scheme://host[:port]`, lower case,
 * without a default port. Anything else (userinfo as in
 * `http://evil.example@gateway`, a path, a query, a trailing slash) is not
 * an origin a browser would send, so it is refused rather than read
 * leniently: a lenient parse lets another site's value pass for ours.
 */
export function originAllowed(
  origin: string | string[] | undefined,
  host: string | undefined,
  allowed: readonly string[],
  /** The scheme the request reached the gateway with (`http` or `https`, after a trusted proxy's X-Forwarded-Proto). */
  protocol: string,
): boolean {
  if (origin === undefined) return true;
  if (Array.isArray(origin)) return false;
  if (origin === 'null') return allowed.includes('null');
  const canonical = canonicalOrigin(origin);
  if (canonical === undefined || canonical !== origin) return false;
  if (allowed.some((entry) => canonicalOrigin(entry) === canonical)) return true;
  if (!host) return false;
  return canonical === ownOrigin(protocol, host);
}

/** `scheme://host[:port]` of an http(s) URL that is nothing but an origin; undefined for anything else. */
function canonicalOrigin(value: string): string | undefined {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return undefined;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return undefined;
  if (url.username !== '' || url.password !== '' || url.search !== '' || url.hash !== '' || url.pathname !== '/') return undefined;
  return url.origin;
}

/** The gateway's own origin for this request, or undefined when the Host header is not a plain host[:port]. */
function ownOrigin(protocol: string, host: string): string | undefined {
  if (protocol !== 'http' && protocol !== 'https') return undefined;
  // A Host header carrying userinfo, a path or anything but host[:port] names no origin.
  if (!/^[A-Za-z0-9.\-[\]:]+$/.test(host)) return undefined;
  return canonicalOrigin(`${protocol}://${host}`);
}
