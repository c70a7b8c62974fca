import { defineEntity, p, type InferEntity } from '@mikro-orm/postgresql';
import { createdAtProperty, uuidPrimaryKey } from '../../../common/entity-base';

/**
 * A general-API refresh token, single use. Tokens refreshed from
 * one sign-in share a family; reuse revokes the whole family. Only the
 * SHA-256 hash is stored.
 */
export const RefreshToken = defineEntity({
  name: 'RefreshToken',
  tableName: 'refresh_tokens',
  properties: {
    id: uuidPrimaryKey(),
    userId: p.uuid(),
    familyId: p.uuid(),
    tokenHash: p.text().unique().lazy(true, false),
    createdAt: createdAtProperty(),
    expiresAt: p.datetime(),
    usedAt: p.datetime().nullable(),
    revokedAt: p.datetime().nullable(),
  },
});
export type RefreshToken = InferEntity<typeof RefreshToken>;
