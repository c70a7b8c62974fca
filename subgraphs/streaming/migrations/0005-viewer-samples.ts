import { Migration } from '@mikro-orm/migrations';

/**
 * Custom chat emoji (O5; empty at first, the admin adds them with addEmoji)
 * and the viewer count samples of O36: one row per sampling interval, its
 * start as the primary key, so replicas sampling together write it once.
 */
export class Migration0005ViewerSamples extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create table streaming.emoji (
      name text primary key,
      url text not null,
      created_at timestamptz not null default now()
    )`);
    this.addSql(`create table streaming.viewer_samples (
      bucket timestamptz primary key,
      viewer_count integer not null
    )`);
  }
}
