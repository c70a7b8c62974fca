import { EntitySchema } from '@mikro-orm/postgresql';

export type OrganizationRole = 'owner' | 'admin' | 'member';

/** A group of users (general API, seed 003 G9–G13c). */
export class Organization {
  id!: string;
  name!: string;
  slug!: string;
  createdAt: Date = new Date();
  updatedAt: Date = new Date();
}

export const OrganizationSchema = new EntitySchema<Organization>({
  class: Organization,
  tableName: 'organizations',
  properties: {
    id: { type: 'uuid', primary: true },
    name: { type: 'text' },
    slug: { type: 'text', unique: true },
    createdAt: { type: 'Date' },
    updatedAt: { type: 'Date', onUpdate: () => new Date() },
  },
});

/** A membership row (admin.organization_members), read and written with SQL. */
export interface OrganizationMember {
  organizationId: string;
  userId: string;
  role: OrganizationRole;
  joinedAt: Date;
}
