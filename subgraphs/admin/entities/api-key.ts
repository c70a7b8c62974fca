import { defineEntity, p, type InferEntity } from '@mikro-orm/postgresql';
import { baseProperties } from '../../../common/entity-base';

/** A `prapi_` API key. Only the SHA-256 hash of the secret is stored. */
export const ApiKey = defineEntity({
  name: 'ApiKey',
  tableName: 'api_keys',
  properties: {
    ...baseProperties(),
    displayName: p.text(),
    /** Non-secret identifier shown in lists (`prapi_` + the first characters). */
    identifier: p.text(),
    /** Read only when asked for: lists and answers never need it. */
    secretHash: p.text().lazy(true, false),
    scopes: p.array().columnType('text[]'),
    allowedIps: p.array().columnType('text[]'),
    banFields: p.array().columnType('text[]'),
    expiresAt: p.datetime().nullable(),
    revoked: p.boolean().default(false),
    lastUsedAt: p.datetime().nullable(),
    /** The admin who made it; its requests act with that user's permissions ∩ its scopes'. */
    createdBy: p.uuid().nullable(),
  },
});
export type ApiKey = InferEntity<typeof ApiKey>;
