import { Migration } from '@mikro-orm/migrations';

export class Migration0002GameSessions extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create table social.game_sessions (
      id integer generated always as identity primary key,
      host_uuid uuid not null references social.hosts (uuid) on delete cascade,
      source_of_truth_key text not null unique,
      status text not null default 'running' check (status in ('running', 'ended')),
      created_at timestamptz not null default now(),
      ended_at timestamptz,
      check ((status = 'ended') = (ended_at is not null))
    )`);
    // A host runs at most one session at a time; concurrent launches race on this index.
    this.addSql(`create unique index game_sessions_one_running_per_host
      on social.game_sessions (host_uuid) where status = 'running'`);
    this.addSql('create index game_sessions_host_uuid on social.game_sessions (host_uuid, created_at)');
    this.addSql(`create table social.session_players (
      session_id integer not null references social.game_sessions (id) on delete cascade,
      guest text not null,
      joined_at timestamptz not null default now(),
      primary key (session_id, guest)
    )`);
  }
}
