import { EntitySchema } from '@mikro-orm/postgresql';

/** A `prapi_` API key. Only the SHA-256 hash of the secret is stored. */
export class ApiKey {
  id!: string;
  displayName!: string;
  /** Non-secret identifier shown in lists (`prapi_` + the first characters). */
  identifier!: string;
  secretHash!: string;
  scopes: string[] = [];
  allowedIps: string[] = [];
  banFields: string[] = [];
  expiresAt: Date | null = null;
  revoked = false;
  lastUsedAt: Date | null = null;
  createdBy: string | null = null;
  createdAt: Date = new Date();
  updatedAt: Date = new Date();
}

export const ApiKeySchema = new EntitySchema<ApiKey>({
  class: ApiKey,
  tableName: 'api_keys',
  properties: {
    id: { type: 'uuid', primary: true },
    displayName: { type: 'text' },
    identifier: { type: 'text' },
    secretHash: { type: 'text', lazy: true },
    scopes: { type: 'text[]' },
    allowedIps: { type: 'text[]' },
    banFields: { type: 'text[]' },
    expiresAt: { type: 'Date', nullable: true },
    revoked: { type: 'boolean' },
    lastUsedAt: { type: 'Date', nullable: true },
    createdBy: { type: 'uuid', nullable: true },
    createdAt: { type: 'Date' },
    updatedAt: { type: 'Date', onUpdate: () => new Date() },
  },
});
