import type { Logger } from '../common/logger';
import type { Principal } from '../common/principal';

/** Per-request context of the gateway's GraphQL pipeline (HTTP, REST and WebSocket alike). */
export interface GatewayContext {
  principal: Principal;
  requestId: string;
  logger: Logger;
  /**
   * The caller's raw Authorization header, forwarded to subgraphs for the
   * domain credentials they check themselves (host tokens).
   */
  authorization?: string;
  /** Session-cookie callers: the session's CSRF token and the x-csrf-token the request carried. */
  csrf?: { expected?: string; given?: string };
  /** Serve the session cookie with Secure (the request came over TLS). */
  secureCookies?: boolean;
  /** Set by the admin subgraph's login/logout answers; the gateway turns it into Set-Cookie. */
  sessionCookie?: { token: string; expiresAt: string } | { clear: true };
  /** Called when the admin subgraph reports changed credentials. */
  onCredentialsChanged?: () => void;
}
