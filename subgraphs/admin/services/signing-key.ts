import type { EntityManager } from '@mikro-orm/postgresql';

/**
 * The HS256 key of general-API access tokens, made by migration 0002 and
 * known only to the admin subgraph (the gateway has access tokens resolved
 * here, like every other credential).
 */
let cached: Uint8Array | undefined;

export async function accessTokenKey(em: EntityManager): Promise<Uint8Array> {
  if (cached) return cached;
  const [row] = await em.getConnection().execute<{ secret: string }[]>("select secret from admin.signing_keys where name = 'access_token'");
  if (!row) throw new Error('access token signing key missing (migration 0002)');
  cached = new Uint8Array(Buffer.from(row.secret, 'base64'));
  return cached;
}

export { ACCESS_TOKEN_ISSUER } from '../../../common/token-issuers';
export const ACCESS_TOKEN_AUDIENCE = 'playroom-api';
