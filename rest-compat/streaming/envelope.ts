import { firstIssueText, statusOf, type RestFailure, type RestReply } from '../route-table';

/**
 * Family O (seed 002, Owncast API 0.0.7): no envelope; setters and failures
 * answer BasicResponse {"success", "message"}.
 */
/** The challenges the streaming subgraph sends with its own refusals (subgraphs/streaming/services/credentials.ts). */
const ADMIN_CHALLENGE = 'Basic realm="Owncast"';
const ACCESS_TOKEN_CHALLENGE = 'Bearer realm="Owncast"';

export function basicResponse(success: boolean, message: string, status = success ? 200 : 400): RestReply {
  return { status, body: { success, message } };
}

export function streamingFailure(failure: RestFailure): RestReply {
  switch (failure.kind) {
    case 'validation':
      return basicResponse(false, firstIssueText(failure.issues), 400);
    case 'malformed':
      return basicResponse(false, failure.message, failure.status);
    case 'credential': {
      // Owncast answers any credential its middleware does not take with 401 and that middleware's challenge.
      const challenge = failure.accepted.includes('basicAdmin') ? ADMIN_CHALLENGE : ACCESS_TOKEN_CHALLENGE;
      return { ...basicResponse(false, failure.message, 401), headers: { 'www-authenticate': challenge } };
    }
    case 'graphql': {
      const status = statusOf(failure.code);
      const reply = basicResponse(false, status === 500 ? 'unexpected server error' : failure.message, status);
      // Admin (Basic) and integration (Bearer) refusals carry their challenge.
      return status === 401 && failure.authenticate ? { ...reply, headers: { 'www-authenticate': failure.authenticate } } : reply;
    }
  }
}
