import { Migration } from '@mikro-orm/migrations';

/**
 * Idempotency-Key records of the REST compatibility layer, shared by every
 * gateway replica (subgraphs/admin/services/idempotency-service.ts). The
 * gateway sends only an HMAC of caller and key, a hash of the request and
 * the first answer sealed with a key this database never sees.
 */
export class Migration0005IdempotencyKeys extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create table admin.idempotency_keys (
      record_key text primary key,
      fingerprint text not null,
      claim_token uuid,
      response text,
      locked_until timestamptz,
      created_at timestamptz not null default now(),
      expires_at timestamptz not null,
      check ((response is null) <> (claim_token is null))
    )`);
    this.addSql('create index idempotency_keys_expiry on admin.idempotency_keys (expires_at)');
  }
}
