import { JSONObjectResolver } from 'graphql-scalars';
import { connectionFromList } from '../../../common/connections';
import type { Resolvers } from '../generated/resolvers-types';
import { countRequest } from '../services/rate-limit-service';
import {
  addOrganizationMember,
  CREATOR_ROLE,
  createOrganization,
  deleteOrganization,
  findOrganization,
  listOrganizations,
  removeOrganizationMember,
  updateOrganization,
} from '../services/organization-service';
import { canSeeResource, createResource, deleteResource, findResource, listResources, updateResource } from '../services/resource-service';

/** General API: resources, organizations and the gateway's rate-limit counter. Merged into the admin resolver map. */
export const resourceResolvers = {
  JSONObject: JSONObjectResolver,
  Query: {
    resources: (_parent, args, { em, principal }) => listResources(em, principal, args),
    resource: (_parent, { id }, { em, principal }) => findResource(em, principal, id),
    organizations: (_parent, args, { em, principal }) => listOrganizations(em, principal, args),
    organization: (_parent, { id }, { em, principal }) => findOrganization(em, principal, id),
  },
  Mutation: {
    createResource: (_parent, { input }, { em, principal }) => createResource(em, principal, input),
    updateResource: (_parent, { id, input }, { em, principal }) => updateResource(em, principal, id, input),
    deleteResource: (_parent, { id }, { em, principal }) => deleteResource(em, principal, id),
    createOrganization: async (_parent, { input }, { em, principal, loaders }) => {
      const organization = await createOrganization(em, principal, input);
      // The caller's role is known: myRole needs no read after the commit.
      if (principal.kind === 'user') loaders.organizationRole.prime(`${organization.id}:${principal.userId}`, CREATOR_ROLE);
      return organization;
    },
    updateOrganization: (_parent, { id, input }, { em, principal }) => updateOrganization(em, principal, id, input),
    deleteOrganization: (_parent, { id }, { em, principal }) => deleteOrganization(em, principal, id),
    addOrganizationMember: (_parent, { organizationId, userId, role }, { em, principal }) => addOrganizationMember(em, principal, organizationId, userId, role),
    removeOrganizationMember: (_parent, { organizationId, userId }, { em, principal }) => removeOrganizationMember(em, principal, organizationId, userId),
    countRequest: (_parent, { key, windowSeconds }, { em, principal }) => countRequest(em, principal, key, windowSeconds),
  },
  Resource: {
    __resolveReference: async (reference, { loaders, principal }) => {
      const resource = await loaders.resourceById.load(reference.id);
      return resource && canSeeResource(principal, resource) ? resource : null;
    },
    owner: async (resource, _args, { loaders }) => {
      const owner = await loaders.userById.load(resource.ownerId);
      if (!owner) throw new Error(`owner ${resource.ownerId} of resource ${resource.id} is missing`);
      return owner;
    },
  },
  Organization: {
    __resolveReference: async (reference, { loaders, principal }) => {
      const organization = await loaders.organizationById.load(reference.id);
      if (!organization || principal.kind !== 'user') return null;
      if (principal.permissions.includes('admin')) return organization;
      return (await loaders.organizationRole.load(`${organization.id}:${principal.userId}`)) ? organization : null;
    },
    myRole: (organization, _args, { principal, loaders }) =>
      principal.kind === 'user' ? loaders.organizationRole.load(`${organization.id}:${principal.userId}`) : null,
    members: async (organization, args, { loaders }) => connectionFromList(await loaders.membersByOrganizationId.load(organization.id), args),
  },
  OrganizationMember: {
    user: async (member, _args, { loaders }) => {
      const user = await loaders.userById.load(member.userId);
      if (!user) throw new Error(`member ${member.userId} is missing`);
      return user;
    },
    role: (member) => member.role,
    joinedAt: (member) => member.joinedAt,
  },
} satisfies Resolvers;
