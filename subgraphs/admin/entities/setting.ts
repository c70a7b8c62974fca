import { EntitySchema } from '@mikro-orm/postgresql';

/** One site setting; keys and value types are defined by services/settings-catalog.ts. */
export class Setting {
  key!: string;
  value: unknown;
  updatedAt: Date = new Date();
}

export const SettingSchema = new EntitySchema<Setting>({
  class: Setting,
  tableName: 'settings',
  properties: {
    key: { type: 'text', primary: true },
    value: { type: 'json', nullable: true },
    updatedAt: { type: 'Date', onUpdate: () => new Date() },
  },
});
