import { EntitySchema } from '@mikro-orm/postgresql';

export type ResourceStatus = 'active' | 'inactive' | 'archived';

/** A user's resource (general API, seed 003 G1–G5). */
export class Resource {
  id!: string;
  ownerId!: string;
  name!: string;
  description: string | null = null;
  type = 'standard';
  status: ResourceStatus = 'active';
  metadata: Record<string, unknown> = {};
  createdAt: Date = new Date();
  updatedAt: Date = new Date();
}

export const ResourceSchema = new EntitySchema<Resource>({
  class: Resource,
  tableName: 'resources',
  properties: {
    id: { type: 'uuid', primary: true },
    ownerId: { type: 'uuid' },
    name: { type: 'text' },
    description: { type: 'text', nullable: true },
    type: { type: 'text' },
    status: { type: 'text' },
    metadata: { type: 'json' },
    createdAt: { type: 'Date' },
    updatedAt: { type: 'Date', onUpdate: () => new Date() },
  },
});
