import { Migration } from '@mikro-orm/migrations';

/**
 * What the ingest server reports about the live stream (width, height,
 * framerate, bitrates, codecs), for the admin status. One JSON object: the
 * hooks report whichever fields they know, and each report is merged in.
 */
export class Migration0007StreamDetails extends Migration {
  override async up(): Promise<void> {
    this.addSql(`alter table streaming.stream_state add column stream_details jsonb not null default '{}'::jsonb`);
  }
}
