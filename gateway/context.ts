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
}
