import { defineEntity, p, type InferEntity } from '@mikro-orm/postgresql';
import { baseProperties } from '../../../common/entity-base';

/** A user's resource (general API, seed 003). */
export const Resource = defineEntity({
  name: 'Resource',
  tableName: 'resources',
  properties: {
    ...baseProperties(),
    ownerId: p.uuid(),
    name: p.text(),
    description: p.text().nullable(),
    type: p.text().default('standard'),
    status: p.enum(['active', 'inactive', 'archived']).default('active'),
    metadata: p.json<Record<string, unknown>>(),
  },
});
export type Resource = InferEntity<typeof Resource>;
export type ResourceStatus = Resource['status'];
