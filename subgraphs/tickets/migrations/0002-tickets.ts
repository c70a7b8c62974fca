import { Migration } from '@mikro-orm/migrations';
import { outboxTableSql } from '../../../common/outbox';

/**
 * Tickets and their messages; categories get their role configuration (seed
 * 001); the outbox of ticket events (common/outbox.ts).
 */
export class Migration0002Tickets extends Migration {
  override async up(): Promise<void> {
    this.addSql(`alter table tickets.categories
      add column responder_role_ids uuid[] not null default '{}',
      add column viewer_role_ids uuid[] not null default '{}',
      add column updated_at timestamptz not null default now()`);
    this.addSql(`create table tickets.tickets (
      id uuid primary key default gen_random_uuid(),
      title text not null check (char_length(title) between 3 and 120),
      category_id uuid references tickets.categories (id) on delete set null,
      owner_id uuid not null,
      status text not null default 'open' check (status in ('open', 'claimed', 'closed')),
      claimed_by_id uuid,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now(),
      closed_at timestamptz
    )`);
    this.addSql('create index tickets_category_status_idx on tickets.tickets (category_id, status)');
    this.addSql('create index tickets_owner_idx on tickets.tickets (owner_id, created_at desc)');
    this.addSql('create index tickets_created_idx on tickets.tickets (created_at desc, id desc)');
    this.addSql(`create table tickets.messages (
      id uuid primary key default gen_random_uuid(),
      ticket_id uuid not null references tickets.tickets (id) on delete cascade,
      author_id uuid not null,
      body text not null check (char_length(body) between 5 and 2000),
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now()
    )`);
    this.addSql('create index messages_ticket_idx on tickets.messages (ticket_id, created_at, id)');
    for (const sql of outboxTableSql('tickets')) this.addSql(sql);
  }
}
