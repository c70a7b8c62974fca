import { Migration } from '@mikro-orm/migrations';

/**
 * Message counts follow the poster's user id, not the display name. (The
 * viewer count is now derived from the live streaming.chat_clients rows;
 * stream_state.viewer_count is no longer read or written but stays, so that
 * replicas of the previous version keep working during a rolling upgrade.)
 */
export class Migration0006ChatClientUserIndex extends Migration {
  override async up(): Promise<void> {
    this.addSql(`drop index if exists streaming.chat_clients_username`);
    this.addSql(`create index chat_clients_user_id on streaming.chat_clients (user_id)`);
  }
}
