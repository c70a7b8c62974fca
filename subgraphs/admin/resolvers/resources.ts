import { JSONObjectResolver } from 'graphql-scalars';
import { connectionFromList } from '../../../common/connections';
import type { Resolvers } from '../generated/resolvers-types';
import {
  addOrganizationMember,
  createOrganization,
  deleteOrganization,
  findOrganization,
  listOrganizations,
  myRole,
  organizationReference,
  removeOrganizationMember,
  updateOrganization,
} from '../services/organization-service';
import { countRequest } from '../services/rate-limit-service';
import { createResource, deleteResource, findResource, listResources, resourceReference, updateResource } from '../services/resource-service';

/** General API: resources, organizations and the gateway's rate-limit counter. Merged into the admin resolver map. */
export const resourceResolvers = {
  JSONObject: JSONObjectResolver,
  Query: {
    resources: (_parent, args, context) => listResources(context, args),
    resource: (_parent, { id }, context) => findResource(context, id),
    organizations: (_parent, args, context) => listOrganizations(context, args),
    organization: (_parent, { id }, context) => findOrganization(context, id),
  },
  Mutation: {
    createResource: (_parent, { input }, context) => createResource(context, input),
    updateResource: (_parent, { id, input }, context) => updateResource(context, id, input),
    deleteResource: (_parent, { id }, context) => deleteResource(context, id),
    createOrganization: (_parent, { input }, context) => createOrganization(context, input),
    updateOrganization: (_parent, { id, input }, context) => updateOrganization(context, id, input),
    deleteOrganization: (_parent, { id }, context) => deleteOrganization(context, id),
    addOrganizationMember: (_parent, { organizationId, userId, role }, context) => addOrganizationMember(context, organizationId, userId, role),
    removeOrganizationMember: (_parent, { organizationId, userId }, context) => removeOrganizationMember(context, organizationId, userId),
    countRequest: (_parent, { key, windowSeconds, requests }, context) => countRequest(context, key, windowSeconds, requests),
  },
  Resource: {
    __resolveReference: (reference, context) => resourceReference(context, reference.id),
    owner: async (resource, _args, { loaders }) => {
      const owner = await loaders.userById.load(resource.ownerId);
      if (!owner) throw new Error(`owner ${resource.ownerId} of resource ${resource.id} is missing`);
      return owner;
    },
  },
  Organization: {
    __resolveReference: (reference, context) => organizationReference(context, reference.id),
    myRole: (organization, _args, context) => myRole(context, organization),
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
