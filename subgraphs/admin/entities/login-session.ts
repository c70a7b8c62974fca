import { defineEntity, p, type InferEntity } from '@mikro-orm/postgresql';
import { createdAtProperty, uuidPrimaryKey } from '../../../common/entity-base';

/** A platform sign-in (the session cookie). Only the SHA-256 hash of the token is stored; expiry follows the database clock (queries.ts). */
export const LoginSession = defineEntity({
  name: 'LoginSession',
  tableName: 'login_sessions',
  properties: {
    id: uuidPrimaryKey(),
    userId: p.uuid(),
    tokenHash: p.text().unique().lazy(true, false),
    csrfToken: p.text(),
    createdAt: createdAtProperty(),
    expiresAt: p.datetime(),
  },
});
export type LoginSession = InferEntity<typeof LoginSession>;
