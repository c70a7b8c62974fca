import { Migration } from '@mikro-orm/migrations';
import { outboxTableSql } from '../../../common/outbox';

/**
 * Private settings (mail), outbound targets and webhooks, outbound actions,
 * the admin subgraph's own outbox and the log of ingested domain events
 * (event ids seen, so a re-forwarded event creates no second actions).
 */
export class Migration0003SettingsAndOutbound extends Migration {
  override async up(): Promise<void> {
    this.addSql(`insert into admin.settings (key, value) values
      ('smtpHost', 'null'), ('smtpPort', '587'), ('smtpSecurity', '"starttls"'),
      ('smtpUser', 'null'), ('smtpPassword', 'null'), ('smtpSender', 'null')
      on conflict (key) do nothing`);
    this.addSql(`create table admin.outbound_targets (
      id uuid primary key default gen_random_uuid(),
      kind text not null default 'target' check (kind in ('target', 'webhook')),
      name text not null,
      url text not null,
      secret text,
      enabled boolean not null default true,
      events text[],
      created_by uuid references admin.users (id) on delete set null,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now()
    )`);
    this.addSql(`create table admin.outbound_actions (
      id uuid primary key default gen_random_uuid(),
      target_id uuid not null references admin.outbound_targets (id) on delete cascade,
      event_id uuid,
      event text not null,
      payload jsonb not null,
      status text not null default 'queued' check (status in ('queued', 'delivering', 'succeeded', 'failed')),
      attempts integer not null default 0,
      last_error text,
      last_status_code integer,
      next_attempt_at timestamptz not null default now(),
      locked_until timestamptz,
      delivered_at timestamptz,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now()
    )`);
    this.addSql(`create index outbound_actions_due on admin.outbound_actions (next_attempt_at) where status in ('queued', 'delivering')`);
    this.addSql('create index outbound_actions_target on admin.outbound_actions (target_id, created_at desc)');
    this.addSql('create index outbound_actions_recent on admin.outbound_actions (created_at desc)');
    this.addSql(`create table admin.domain_events (
      id uuid primary key,
      source text not null,
      type text not null,
      occurred_at timestamptz not null,
      received_at timestamptz not null default now()
    )`);
    for (const statement of outboxTableSql('admin')) this.addSql(statement);
  }
}
