import { defineEntity, p, type InferEntity } from '@mikro-orm/postgresql';
import { createdAtProperty } from '../../../common/entity-base';

/** A key this subgraph signs with (`access_token`: general-API access tokens), made by migration 0002 and never shown. */
export const SigningKey = defineEntity({
  name: 'SigningKey',
  tableName: 'signing_keys',
  properties: {
    name: p.text().primary(),
    /** Base64 of the key's bytes. */
    secret: p.text(),
    createdAt: createdAtProperty(),
  },
});
export type SigningKey = InferEntity<typeof SigningKey>;
