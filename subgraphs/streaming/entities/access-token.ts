import { defineEntity, p, type InferEntity } from '@mikro-orm/postgresql';
import { createdAtProperty } from '../../../common/entity-base';

/** An integration access token; only the SHA-256 of the token is stored. */
export const AccessToken = defineEntity({
  name: 'AccessToken',
  tableName: 'access_tokens',
  properties: {
    /** Non-secret identifier, shown in lists and accepted for deletion. */
    id: p.text().primary(),
    name: p.text(),
    tokenHash: p.text().unique(),
    scopes: p.json<string[]>(),
    createdAt: createdAtProperty(),
    lastUsedAt: p.datetime().nullable(),
  },
});
export type AccessToken = InferEntity<typeof AccessToken>;
