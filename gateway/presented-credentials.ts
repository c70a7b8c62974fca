import type { FastifyRequest } from 'fastify';
import { unverifiedClaimsOf } from './jwt-claims';
import { ACCESS_TOKEN_ISSUER, HOST_TOKEN_ISSUER } from '../common/token-issuers';
import type { PresentedCredentials, PresentedKind } from '../rest-compat/credential-gate';
import { API_KEY_PREFIX, hasSessionCookie } from './authentication';

/**
 * Which kinds of credential a request presents, read from their form alone
 * (nothing is verified here: the Authenticator and the owning subgraphs do
 * that): `prapi_` keys in any of their three headers, HTTP Basic (Owncast
 * admin), JWTs by issuer (general-API access tokens, host tokens), and any
 * other bearer value as an Owncast integration access token (opaque).
 */
export function presentedCredentials(request: FastifyRequest): PresentedCredentials {
  const explicit: PresentedKind[] = [];
  for (const name of ['x-api-key', 'x-api-token']) {
    if (nonEmpty(request.headers[name])) explicit.push('apiKey');
  }
  const authorization = request.headers.authorization;
  if (nonEmpty(authorization)) explicit.push(kindOfAuthorization(authorization));
  return { explicit, sessionCookie: hasSessionCookie(request) };
}

function nonEmpty(value: string | string[] | undefined): value is string {
  return typeof value === 'string' && value.trim() !== '';
}

function kindOfAuthorization(authorization: string): PresentedKind {
  if (/^basic\s/i.test(authorization)) return 'basicAdmin';
  const bearer = /^bearer\s+(\S+)\s*$/i.exec(authorization)?.[1];
  if (!bearer) return 'unrecognised';
  if (bearer.startsWith(API_KEY_PREFIX)) return 'apiKey';
  const claims = unverifiedClaimsOf(bearer);
  // Not a JWT: Owncast's access tokens are opaque random strings.
  if (!claims) return 'accessToken';
  const issuer = claims.iss;
  if (issuer === ACCESS_TOKEN_ISSUER) return 'bearerToken';
  if (issuer === HOST_TOKEN_ISSUER) return 'hostToken';
  return 'unrecognised';
}
