import type { FastifyRequest } from 'fastify';
import type { Principal } from '../common/principal';

/**
 * Works out who is calling, once per request. Callers without credentials
 * are anonymous; session cookies, API keys and bearer tokens are resolved
 * here as the identity issue lands (issue 3).
 */
export async function authenticate(request: FastifyRequest): Promise<Principal> {
  return { kind: 'anonymous', clientIp: request.ip };
}
