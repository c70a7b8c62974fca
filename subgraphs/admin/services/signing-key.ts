import type { EntityManager } from '@mikro-orm/postgresql';
import { SigningKey } from '../entities/signing-key';

/**
 * The HS256 key of general-API access tokens, made by migration 0002 and
 * known only to the admin subgraph (the gateway has access tokens resolved
 * here, like every other credential). Read once per process: it never changes.
 */
let cached: Uint8Array | undefined;

export async function accessTokenKey(em: EntityManager): Promise<Uint8Array> {
  if (cached) return cached;
  const key = await em.findOne(SigningKey, { name: 'access_token' });
  if (!key) throw new Error('access token signing key missing (migration 0002)');
  cached = new Uint8Array(Buffer.from(key.secret, 'base64'));
  return cached;
}

export { ACCESS_TOKEN_ISSUER } from '../../../common/token-issuers';
export const ACCESS_TOKEN_AUDIENCE = 'playroom-api';
