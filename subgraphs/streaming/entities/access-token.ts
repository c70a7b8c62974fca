import { EntitySchema } from '@mikro-orm/postgresql';

/** An integration access token; only the SHA-256 of the token is stored. */
export class AccessToken {
  /** Non-secret identifier, shown in lists and accepted for deletion. */
  id!: string;
  name!: string;
  tokenHash!: string;
  scopes: string[] = [];
  createdAt: Date = new Date();
  lastUsedAt: Date | null = null;
}

export const AccessTokenSchema = new EntitySchema<AccessToken>({
  class: AccessToken,
  tableName: 'access_tokens',
  properties: {
    id: { type: 'text', primary: true },
    name: { type: 'text' },
    tokenHash: { type: 'text', unique: true },
    scopes: { type: 'json' },
    createdAt: { type: 'Date' },
    lastUsedAt: { type: 'Date', nullable: true },
  },
});
