import type { FaultResponder } from '../common/http-app';
import type { ClientFault } from '../common/http-errors';
import { replyInFamily } from '../rest-compat/mount';
import type { RestFamily } from '../rest-compat/route-table';

/**
 * Every refusal the gateway's HTTP layer makes itself (unknown routes, bad
 * URLs, unreadable bodies, unexpected errors), in the caller's convention:
 * GraphQL's `{"errors": [...]}` on the GraphQL path, else the shape of the
 * REST family the path belongs to.
 */
export function gatewayFaultResponder(graphqlPath: string, families: readonly RestFamily[]): FaultResponder {
  return (request, reply, fault) => {
    if ((request.url.split('?')[0] ?? '') === graphqlPath)
      return reply.code(fault.status).send({ errors: [{ message: fault.message, extensions: { code: graphqlCodeOf(fault) } }] });
    return replyInFamily(families, request, reply, fault);
  };
}

/** Apollo Server's codes for the same refusals. */
function graphqlCodeOf(fault: ClientFault): string {
  if (fault.status === 404) return 'NOT_FOUND';
  if (fault.status >= 500) return 'INTERNAL_SERVER_ERROR';
  return 'BAD_REQUEST';
}
