import { statusOf, type RestFailure, type RestReply } from '../route-table';

/**
 * Family O (seed 002, Owncast API 0.0.7): no envelope; setters and failures
 * answer BasicResponse {"success", "message"}.
 */
export function basicResponse(success: boolean, message: string, status = success ? 200 : 400): RestReply {
  return { status, body: { success, message } };
}

export function streamingFailure(failure: RestFailure): RestReply {
  switch (failure.kind) {
    case 'validation': {
      const issue = failure.issues[0];
      const where = issue && issue.path.length > 0 ? `${issue.path.join('.')} ` : '';
      return basicResponse(false, `${where}${issue?.message ?? 'is invalid'}`, 400);
    }
    case 'malformed':
      return basicResponse(false, failure.message, failure.status);
    case 'graphql': {
      const status = statusOf(failure.code);
      const reply = basicResponse(false, status === 500 ? 'unexpected server error' : failure.message, status);
      // Admin (Basic) and integration (Bearer) refusals carry their challenge.
      return status === 401 && failure.authenticate ? { ...reply, headers: { 'www-authenticate': failure.authenticate } } : reply;
    }
  }
}
