import type { EntityManager } from '@mikro-orm/postgresql';
import DataLoader from 'dataloader';
import { Organization, type OrganizationMember, type OrganizationRole } from './entities/organization';
import { Resource } from './entities/resource';
import { memberFromRow } from './services/organization-service';

/** Per-request DataLoaders of the general API's resources and organizations. */
export interface ResourceLoaders {
  resourceById: DataLoader<string, Resource | null>;
  organizationById: DataLoader<string, Organization | null>;
  /** Members of an organization, owners first, then in joining order. */
  membersByOrganizationId: DataLoader<string, OrganizationMember[]>;
  /** Role of one user in one organization; key `${organizationId}:${userId}`. */
  organizationRole: DataLoader<string, OrganizationRole | null>;
}

export function createResourceLoaders(em: EntityManager): ResourceLoaders {
  return {
    resourceById: new DataLoader(async (ids) => {
      const resources = await em.find(Resource, { id: { $in: [...ids] } });
      const byId = new Map(resources.map((resource) => [resource.id, resource]));
      return ids.map((id) => byId.get(id) ?? null);
    }),
    organizationById: new DataLoader(async (ids) => {
      const organizations = await em.find(Organization, { id: { $in: [...ids] } });
      const byId = new Map(organizations.map((organization) => [organization.id, organization]));
      return ids.map((id) => byId.get(id) ?? null);
    }),
    membersByOrganizationId: new DataLoader(async (ids) => {
      const rows = await em.execute<Parameters<typeof memberFromRow>[0][]>(
        `select organization_id, user_id, role, created_at from admin.organization_members
         where organization_id in (${ids.map(() => '?').join(', ')})
         order by case role when 'owner' then 0 when 'admin' then 1 else 2 end, created_at, user_id`,
        [...ids],
      );
      return ids.map((id) => rows.filter((row) => row.organization_id === id).map(memberFromRow));
    }),
    organizationRole: new DataLoader(async (keys) => {
      const pairs = keys.map((key) => key.split(':') as [string, string]);
      const rows = await em.execute<{ organization_id: string; user_id: string; role: OrganizationRole }[]>(
        `select organization_id, user_id, role from admin.organization_members
         where (organization_id, user_id) in (${pairs.map(() => '(?::uuid, ?::uuid)').join(', ')})`,
        pairs.flat(),
      );
      const byKey = new Map(rows.map((row) => [`${row.organization_id}:${row.user_id}`, row.role]));
      return keys.map((key) => byKey.get(key) ?? null);
    }),
  };
}
