import { EntitySchema } from '@mikro-orm/postgresql';

/** One persisted server configuration value (Owncast's config store). */
export class ConfigEntry {
  key!: string;
  value: unknown;
  updatedAt: Date = new Date();
}

export const ConfigEntrySchema = new EntitySchema<ConfigEntry>({
  class: ConfigEntry,
  tableName: 'config',
  properties: {
    key: { type: 'text', primary: true },
    value: { type: 'json', nullable: true },
    updatedAt: { type: 'Date', onUpdate: () => new Date() },
  },
});
