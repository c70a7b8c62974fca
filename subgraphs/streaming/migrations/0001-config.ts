import { Migration } from '@mikro-orm/migrations';

/** Owncast 0.0.7's defaults for a new server. */
export class Migration0001Config extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create table streaming.config (
      key text primary key,
      value jsonb,
      updated_at timestamptz not null default now()
    )`);
    this.addSql(`insert into streaming.config (key, value) values
      ('name', '"Owncast"'),
      ('summary', '"This is brief summary of whom you are or what your stream is. You can edit this description in the admin."'),
      ('logo', '"logo.svg"'),
      ('tags', '["owncast", "streaming"]'),
      ('socialHandles', '[{"platform": "github", "url": "https://github.com/owncast/owncast"}]'),
      ('extraPageContent', '""'),
      ('nsfw', 'false'),
      ('customStyles', '""'),
      ('externalActions', '[]')`);
  }
}
