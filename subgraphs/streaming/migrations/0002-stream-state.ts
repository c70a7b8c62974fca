import { Migration } from '@mikro-orm/migrations';

/**
 * The rest of Owncast 0.0.7's configuration defaults, the shared stream state
 * (one row, so every replica reads the same) and integration access tokens.
 */
export class Migration0002StreamState extends Migration {
  override async up(): Promise<void> {
    this.addSql(`insert into streaming.config (key, value) values
      ('streamTitle', '""'),
      ('ffmpegPath', '""'),
      ('webServerPort', '8080'),
      ('rtmpServerPort', '1935'),
      ('directoryEnabled', 'false'),
      ('serverUrl', '""'),
      ('ypRegistrationKey', '""'),
      ('streamLatencyLevel', '2'),
      ('videoCodec', '"libx264"'),
      ('streamOutputVariants', '[{"videoPassthrough": false, "audioPassthrough": true, "videoBitrate": 1200, "framerate": 24, "cpuUsageLevel": 2}]'),
      ('s3', '{"enabled": false}')
      on conflict (key) do nothing`);
    this.addSql(`create table streaming.stream_state (
      id smallint primary key default 1 check (id = 1),
      online boolean not null default false,
      remote_addr text,
      encoder text,
      connected_at timestamptz,
      last_connect_time timestamptz,
      last_disconnect_time timestamptz,
      viewer_count integer not null default 0,
      session_max_viewer_count integer not null default 0,
      overall_max_viewer_count integer not null default 0
    )`);
    this.addSql(`insert into streaming.stream_state (id) values (1)`);
    this.addSql(`create table streaming.access_tokens (
      id text primary key,
      name text not null,
      token_hash text not null unique,
      scopes jsonb not null,
      created_at timestamptz not null default now(),
      last_used_at timestamptz
    )`);
  }
}
