import { Migration } from '@mikro-orm/migrations';

export class Migration0001Hosts extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create table social.hosts (
      uuid uuid primary key default gen_random_uuid(),
      only_friends boolean not null default true,
      allow_nonames boolean not null default false,
      created_at timestamptz not null default now()
    )`);
    this.addSql(`create table social.host_relations (
      host_uuid uuid not null references social.hosts (uuid) on delete cascade,
      kind text not null check (kind in ('friend', 'banned')),
      other_uuid uuid not null references social.hosts (uuid) on delete cascade,
      created_at timestamptz not null default now(),
      primary key (host_uuid, kind, other_uuid),
      check (host_uuid <> other_uuid)
    )`);
  }
}
