import { Migration } from '@mikro-orm/migrations';

/**
 * Login sessions (cookie), refresh tokens (general API), API keys, failed
 * login counters and the key that signs general-API access tokens. Every
 * secret is stored as a SHA-256 hash; the raw value is shown once.
 */
export class Migration0002SessionsAndApiKeys extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create table admin.login_sessions (
      id uuid primary key default gen_random_uuid(),
      user_id uuid not null references admin.users (id) on delete cascade,
      token_hash text not null unique,
      csrf_token text not null,
      created_at timestamptz not null default now(),
      expires_at timestamptz not null
    )`);
    this.addSql('create index login_sessions_user on admin.login_sessions (user_id)');
    this.addSql(`create table admin.refresh_tokens (
      id uuid primary key default gen_random_uuid(),
      user_id uuid not null references admin.users (id) on delete cascade,
      family_id uuid not null,
      token_hash text not null unique,
      created_at timestamptz not null default now(),
      expires_at timestamptz not null,
      used_at timestamptz,
      revoked_at timestamptz
    )`);
    this.addSql('create index refresh_tokens_family on admin.refresh_tokens (family_id)');
    this.addSql(`create table admin.api_keys (
      id uuid primary key default gen_random_uuid(),
      display_name text not null,
      identifier text not null unique,
      secret_hash text not null unique,
      scopes text[] not null default '{}',
      allowed_ips text[] not null default '{}',
      ban_fields text[] not null default '{}',
      expires_at timestamptz,
      revoked boolean not null default false,
      last_used_at timestamptz,
      created_by uuid references admin.users (id) on delete set null,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now()
    )`);
    this.addSql(`create table admin.login_failures (
      key text primary key,
      failures integer not null,
      window_start timestamptz not null
    )`);
    this.addSql(`create table admin.signing_keys (
      name text primary key,
      secret text not null,
      created_at timestamptz not null default now()
    )`);
    // 244 random bits from PostgreSQL's strong random source (gen_random_uuid).
    this.addSql(`insert into admin.signing_keys (name, secret)
      values ('access_token', encode(sha256((gen_random_uuid()::text || gen_random_uuid()::text)::bytea), 'base64'))`);
  }
}
