import { requestField, requestFields } from '../../request-values';
import { defineRoute, type RestRoute } from '../../route-table';
import { generalData, generalError } from '../envelope';
import { graphql } from '../generated';
import type { GeneralMemberFragment, GeneralOrganizationFragment } from '../generated/graphql';
import { ID_PATH, idParam } from './ids';
import { PAGE_QUERY, pageReply, pageVariables } from './pages';

/** Family G (seed 003): organizations and their members, G9–G13c. */
graphql(`
  fragment GeneralOrganization on Organization {
    id
    name
    slug
    myRole
    createdAt
    updatedAt
  }
`);
graphql(`
  fragment GeneralMember on OrganizationMember {
    role
    joinedAt
    user {
      id
      username
    }
  }
`);

function generalOrganization(organization: GeneralOrganizationFragment): Record<string, unknown> {
  return {
    id: organization.id,
    name: organization.name,
    slug: organization.slug,
    role: organization.myRole,
    created_at: organization.createdAt,
    updated_at: organization.updatedAt,
  };
}

function generalMember(member: GeneralMemberFragment): Record<string, unknown> {
  return { user_id: member.user.id, username: member.user.username, role: member.role, joined_at: member.joinedAt };
}

const notFound = () => generalError(404, 'resource_not_found', 'No such organization');
const name = { type: 'string', minLength: 1, maxLength: 200 };
const slug = { type: 'string', minLength: 2, maxLength: 64, pattern: '^[a-z0-9]+(?:-[a-z0-9]+)*$' };

export const organizationRoutes: RestRoute[] = [
  defineRoute({
    id: 'G9',
    method: 'GET',
    url: '/v1/organizations',
    summary: 'Organizations the caller belongs to (admins: all)',
    credentials: ['bearerToken'],
    schema: { querystring: PAGE_QUERY },
    operation: graphql(`
      query Organizations($first: Int, $after: String) {
        organizations(first: $first, after: $after) {
          totalCount
          edges {
            node {
              ...GeneralOrganization
            }
          }
        }
      }
    `),
    variables: ({ query }) => pageVariables(query),
    respond: (data, { query }) => pageReply(data.organizations, query, generalOrganization),
  }),
  defineRoute({
    id: 'G10',
    method: 'GET',
    url: '/v1/organizations/:id',
    summary: 'One organization (members and admins)',
    credentials: ['bearerToken'],
    schema: { params: ID_PATH },
    operation: graphql(`query Organization($id: UUID!) { organization(id: $id) { ...GeneralOrganization } }`),
    variables: ({ params }) => ({ id: idParam(params.id) }),
    respond: (data) => (data.organization ? generalData(generalOrganization(data.organization)) : notFound()),
  }),
  defineRoute({
    id: 'G11',
    method: 'POST',
    url: '/v1/organizations',
    summary: 'Creates an organization; the caller becomes its owner (201)',
    credentials: ['bearerToken'],
    idempotent: true,
    schema: { body: { type: 'object', required: ['name', 'slug'], additionalProperties: false, properties: { name, slug } } },
    operation: graphql(`mutation CreateOrganization($input: CreateOrganizationInput!) { createOrganization(input: $input) { ...GeneralOrganization } }`),
    variables: ({ body }) => ({ input: requestFields(body, ['name', 'slug']) }),
    respond: (data) => ({
      ...generalData(generalOrganization(data.createOrganization), 201),
      headers: { location: `/v1/organizations/${data.createOrganization.id}` },
    }),
  }),
  defineRoute({
    id: 'G12',
    method: 'PATCH',
    url: '/v1/organizations/:id',
    summary: 'Renames an organization or changes its slug (owners and admins)',
    credentials: ['bearerToken'],
    schema: { params: ID_PATH, body: { type: 'object', minProperties: 1, additionalProperties: false, properties: { name, slug } } },
    operation: graphql(
      `mutation UpdateOrganization($id: UUID!, $input: UpdateOrganizationInput!) { updateOrganization(id: $id, input: $input) { ...GeneralOrganization } }`,
    ),
    variables: ({ params, body }) => ({ id: idParam(params.id), input: requestFields(body, ['name', 'slug']) }),
    respond: (data) => generalData(generalOrganization(data.updateOrganization)),
  }),
  defineRoute({
    id: 'G13',
    method: 'DELETE',
    url: '/v1/organizations/:id',
    summary: 'Deletes an organization (owners only; 204)',
    credentials: ['bearerToken'],
    schema: { params: ID_PATH },
    operation: graphql(`mutation DeleteOrganization($id: UUID!) { deleteOrganization(id: $id) }`),
    variables: ({ params }) => ({ id: idParam(params.id) }),
    respond: () => ({ status: 204 }),
  }),
  defineRoute({
    id: 'G13a',
    method: 'GET',
    url: '/v1/organizations/:id/members',
    summary: 'Members of an organization, owners first (members and admins)',
    credentials: ['bearerToken'],
    schema: { params: ID_PATH, querystring: PAGE_QUERY },
    operation: graphql(`
      query OrganizationMembers($id: UUID!, $first: Int, $after: String) {
        organization(id: $id) {
          members(first: $first, after: $after) {
            totalCount
            edges {
              node {
                ...GeneralMember
              }
            }
          }
        }
      }
    `),
    variables: ({ params, query }) => ({ id: idParam(params.id), ...pageVariables(query) }),
    respond: (data, { query }) => (data.organization ? pageReply(data.organization.members, query, generalMember) : notFound()),
  }),
  defineRoute({
    id: 'G13b',
    method: 'POST',
    url: '/v1/organizations/:id/members',
    summary: 'Adds a member with a role (owner, admin or member; default member) (201)',
    credentials: ['bearerToken'],
    idempotent: true,
    schema: {
      params: ID_PATH,
      body: {
        type: 'object',
        required: ['user_id'],
        additionalProperties: false,
        properties: { user_id: { type: 'string', format: 'uuid' }, role: { type: 'string', enum: ['owner', 'admin', 'member'], default: 'member' } },
      },
    },
    operation: graphql(`
      mutation AddOrganizationMember($organizationId: UUID!, $userId: UUID!, $role: OrganizationRole!) {
        addOrganizationMember(organizationId: $organizationId, userId: $userId, role: $role) {
          ...GeneralMember
        }
      }
    `),
    variables: ({ params, body }) => ({ organizationId: idParam(params.id), userId: requestField(body, 'user_id'), role: requestField(body, 'role') }),
    respond: (data) => generalData(generalMember(data.addOrganizationMember), 201),
  }),
  defineRoute({
    id: 'G13c',
    method: 'DELETE',
    url: '/v1/organizations/:id/members/:user_id',
    summary: 'Removes a member (owners and admins; any member may remove themself; 204)',
    credentials: ['bearerToken'],
    schema: {
      params: {
        type: 'object',
        required: ['id', 'user_id'],
        properties: { id: { type: 'string', maxLength: 100 }, user_id: { type: 'string', maxLength: 100 } },
      },
    },
    operation: graphql(`
      mutation RemoveOrganizationMember($organizationId: UUID!, $userId: UUID!) {
        removeOrganizationMember(organizationId: $organizationId, userId: $userId)
      }
    `),
    variables: ({ params }) => ({ organizationId: idParam(params.id), userId: idParam(params.user_id) }),
    respond: () => ({ status: 204 }),
  }),
];
