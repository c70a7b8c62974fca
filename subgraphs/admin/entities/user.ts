import { EntitySchema } from '@mikro-orm/postgresql';

export type Plan = 'free' | 'pro' | 'enterprise';

export class User {
  id!: string;
  email!: string;
  username!: string;
  /** scrypt hash (common/passwords.ts); never leaves this subgraph. */
  passwordHash!: string;
  firstName: string | null = null;
  lastName: string | null = null;
  avatarUrl: string | null = null;
  plan: Plan = 'free';
  disabled = false;
  createdAt: Date = new Date();
  updatedAt: Date = new Date();
}

export const UserSchema = new EntitySchema<User>({
  class: User,
  tableName: 'users',
  properties: {
    id: { type: 'uuid', primary: true },
    email: { type: 'text' },
    username: { type: 'text' },
    passwordHash: { type: 'text', lazy: true },
    firstName: { type: 'text', nullable: true },
    lastName: { type: 'text', nullable: true },
    avatarUrl: { type: 'text', nullable: true },
    plan: { type: 'text' },
    disabled: { type: 'boolean' },
    createdAt: { type: 'Date' },
    updatedAt: { type: 'Date', onUpdate: () => new Date() },
  },
});
