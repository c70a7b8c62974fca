import { Migration } from '@mikro-orm/migrations';

export class Migration0001Categories extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create table tickets.categories (
      id uuid primary key default gen_random_uuid(),
      name text not null,
      description text not null default '',
      color text not null default '#6B7280' check (color ~ '^#[0-9A-Fa-f]{6}$'),
      created_at timestamptz not null default now()
    )`);
  }
}
