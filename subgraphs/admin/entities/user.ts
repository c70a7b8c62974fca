import { defineEntity, p, type InferEntity } from '@mikro-orm/postgresql';
import { baseProperties } from '../../../common/entity-base';

/** Someone who signs in to the platform; their roles are rows of UserRole. */
export const User = defineEntity({
  name: 'User',
  tableName: 'users',
  properties: {
    ...baseProperties(),
    /** Unique regardless of case (a unique index on lower(email)). */
    email: p.text(),
    /** Unique regardless of case, like the email. */
    username: p.text(),
    /** scrypt hash (common/passwords.ts); never leaves this subgraph, so it is read only when asked for. */
    passwordHash: p.text().lazy(true, false),
    firstName: p.text().nullable(),
    lastName: p.text().nullable(),
    avatarUrl: p.text().nullable(),
    plan: p.enum(['free', 'pro', 'enterprise']).default('free'),
    /** A disabled user cannot sign in, and their sessions and token families have ended. */
    disabled: p.boolean().default(false),
  },
});
export type User = InferEntity<typeof User>;
export type Plan = User['plan'];
