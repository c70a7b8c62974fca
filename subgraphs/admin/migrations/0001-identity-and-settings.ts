import { Migration } from '@mikro-orm/migrations';

export class Migration0001IdentityAndSettings extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create table admin.users (
      id uuid primary key default gen_random_uuid(),
      email text not null,
      username text not null,
      password_hash text not null,
      first_name text,
      last_name text,
      avatar_url text,
      plan text not null default 'free' check (plan in ('free', 'pro', 'enterprise')),
      disabled boolean not null default false,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now()
    )`);
    this.addSql('create unique index users_email_unique on admin.users (lower(email))');
    this.addSql('create unique index users_username_unique on admin.users (lower(username))');
    this.addSql(`create table admin.roles (
      id uuid primary key default gen_random_uuid(),
      name text not null unique,
      permissions text[] not null default '{}',
      created_at timestamptz not null default now()
    )`);
    this.addSql(`create table admin.user_roles (
      user_id uuid not null references admin.users (id) on delete cascade,
      role_id uuid not null references admin.roles (id) on delete cascade,
      primary key (user_id, role_id)
    )`);
    this.addSql(`insert into admin.roles (name, permissions) values
      ('admin', '{admin,manage_tickets,define_tickets}'),
      ('ticket_manager', '{manage_tickets}'),
      ('ticket_definer', '{define_tickets}')`);
    this.addSql(`create table admin.settings (
      key text primary key,
      value jsonb,
      updated_at timestamptz not null default now()
    )`);
    this.addSql(`insert into admin.settings (key, value) values
      ('siteName', '"Playroom"'),
      ('siteDescription', '""'),
      ('registrationOpen', 'true'),
      ('supportEmail', 'null')`);
  }
}
