import { Migration } from '@mikro-orm/migrations';

/**
 * Owncast webhooks (O45–O47): targets and their delivery queue, in the shape
 * common/outbound/worker.ts works on (targets: id, url, secret, enabled).
 */
export class Migration0004Webhooks extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create table streaming.webhooks (
      id uuid primary key default gen_random_uuid(),
      url text not null,
      secret text,
      enabled boolean not null default true,
      events jsonb not null,
      created_at timestamptz not null default now()
    )`);
    this.addSql(`create table streaming.webhook_actions (
      id uuid primary key default gen_random_uuid(),
      target_id uuid not null references streaming.webhooks (id) on delete cascade,
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
    this.addSql(`create index webhook_actions_due on streaming.webhook_actions (next_attempt_at) where status in ('queued', 'delivering')`);
    this.addSql('create index webhook_actions_target on streaming.webhook_actions (target_id, delivered_at desc)');
  }
}
