import { Migration } from '@mikro-orm/migrations';

/**
 * General API (seed 003): resources (G1–G5), organizations and their members
 * (G9–G13c), and the fixed-window request counters behind the per-plan rate
 * limits of /v1 (shared by every gateway replica).
 */
export class Migration0004ResourcesOrganizationsRateLimits extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create table admin.resources (
      id uuid primary key default gen_random_uuid(),
      owner_id uuid not null references admin.users (id) on delete cascade,
      name text not null,
      description text,
      type text not null default 'standard',
      status text not null default 'active' check (status in ('active', 'inactive', 'archived')),
      metadata jsonb not null default '{}'::jsonb check (jsonb_typeof(metadata) = 'object'),
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now()
    )`);
    this.addSql('create index resources_owner_created on admin.resources (owner_id, created_at, id)');
    this.addSql('create index resources_created on admin.resources (created_at, id)');
    this.addSql(`create table admin.organizations (
      id uuid primary key default gen_random_uuid(),
      name text not null,
      slug text not null unique,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now()
    )`);
    this.addSql(`create table admin.organization_members (
      organization_id uuid not null references admin.organizations (id) on delete cascade,
      user_id uuid not null references admin.users (id) on delete cascade,
      role text not null check (role in ('owner', 'admin', 'member')),
      created_at timestamptz not null default now(),
      primary key (organization_id, user_id)
    )`);
    this.addSql('create index organization_members_user on admin.organization_members (user_id)');
    this.addSql(`create table admin.rate_limit_counters (
      key text not null,
      window_start timestamptz not null,
      count integer not null,
      primary key (key, window_start)
    )`);
    this.addSql('create index rate_limit_counters_window on admin.rate_limit_counters (window_start)');
  }
}
