import { defineEntity, p, type InferEntity } from '@mikro-orm/postgresql';
import { baseProperties, createdAtProperty } from '../../../common/entity-base';

/** A group of users (general API, seed 003); its members are rows of OrganizationMember. */
export const Organization = defineEntity({
  name: 'Organization',
  tableName: 'organizations',
  properties: {
    ...baseProperties(),
    name: p.text(),
    slug: p.text().unique(),
  },
});
export type Organization = InferEntity<typeof Organization>;

/** One user's membership of one organization; the pair is the key. */
export const OrganizationMember = defineEntity({
  name: 'OrganizationMember',
  tableName: 'organization_members',
  properties: {
    organizationId: p.uuid().primary(),
    userId: p.uuid().primary(),
    role: p.enum(['owner', 'admin', 'member']),
    /** When the user joined (the column is created_at). */
    joinedAt: createdAtProperty().fieldName('created_at'),
  },
});
export type OrganizationMember = InferEntity<typeof OrganizationMember>;
export type OrganizationRole = OrganizationMember['role'];
