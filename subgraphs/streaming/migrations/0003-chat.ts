import { Migration } from '@mikro-orm/migrations';

/**
 * Chat: messages (CHAT, SYSTEM, CHAT_ACTION) in insertion order, and the chat
 * clients connected to any replica (a row per chatEvents subscription, kept
 * alive by its replica's heartbeat; rows whose heartbeat stopped expire).
 */
export class Migration0003Chat extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create table streaming.chat_messages (
      seq bigserial unique,
      id text primary key,
      type text not null,
      author_name text,
      author_user_id uuid,
      body text not null,
      visible boolean not null default true,
      created_at timestamptz not null default clock_timestamp()
    )`);
    this.addSql(`create index chat_messages_created_at on streaming.chat_messages (created_at)`);
    this.addSql(`create table streaming.chat_clients (
      id text primary key,
      connected_at timestamptz not null default now(),
      last_seen_at timestamptz not null default now(),
      message_count integer not null default 0,
      user_agent text not null default '',
      ip_address text not null default '',
      username text,
      user_id uuid
    )`);
    this.addSql(`create index chat_clients_username on streaming.chat_clients (username)`);
  }
}
