import { defineEntity, p, type InferEntity } from '@mikro-orm/postgresql';
import { updatedAtProperty } from '../../../common/entity-base';

/** One site setting; keys and value types are defined by services/settings-catalog.ts. */
export const Setting = defineEntity({
  name: 'Setting',
  tableName: 'settings',
  properties: {
    key: p.text().primary(),
    value: p.json<unknown>().nullable(),
    updatedAt: updatedAtProperty(),
  },
});
export type Setting = InferEntity<typeof Setting>;
