import { defineEntity, p, type InferEntity } from '@mikro-orm/postgresql';
import { updatedAtProperty } from '../../../common/entity-base';

/** One persisted server configuration value (Owncast's config store), as JSON. */
export const ConfigEntry = defineEntity({
  name: 'ConfigEntry',
  tableName: 'config',
  properties: {
    key: p.text().primary(),
    value: p.json<unknown>().nullable(),
    updatedAt: updatedAtProperty(),
  },
});
export type ConfigEntry = InferEntity<typeof ConfigEntry>;
