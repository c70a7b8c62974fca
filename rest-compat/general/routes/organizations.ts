import { cursorBeforePage } from '../../../common/connections';
import { defineRoute, type RestRoute } from '../../route-table';
import { generalData, generalError, generalList } from '../envelope';
import { idParam } from './resources';

/** Family G (seed 003): organizations and their members, G9–G13c. */
const ORGANIZATION_FIELDS = 'id name slug myRole createdAt updatedAt';
const MEMBER_FIELDS = 'role joinedAt user { id username }';

interface OrganizationData {
  id: string;
  name: string;
  slug: string;
  myRole: string | null;
  createdAt: string;
  updatedAt: string;
}

interface MemberData {
  role: string;
  joinedAt: string;
  user: { id: string; username: string };
}

function generalOrganization(organization: OrganizationData): Record<string, unknown> {
  return {
    id: organization.id,
    name: organization.name,
    slug: organization.slug,
    role: organization.myRole,
    created_at: organization.createdAt,
    updated_at: organization.updatedAt,
  };
}

function generalMember(member: MemberData): Record<string, unknown> {
  return { user_id: member.user.id, username: member.user.username, role: member.role, joined_at: member.joinedAt };
}

const notFound = () => generalError(404, 'resource_not_found', 'No such organization');
const idPath = { type: 'object', required: ['id'], properties: { id: { type: 'string', maxLength: 100 } } };
const pageQuery = {
  type: 'object',
  properties: {
    page: { type: 'integer', minimum: 1, maximum: 1_000_000, default: 1 },
    per_page: { type: 'integer', minimum: 1, maximum: 100, default: 20 },
  },
};
const pageVariables = (query: Record<string, unknown>) => {
  const page = query.page as number;
  const perPage = query.per_page as number;
  return { first: perPage, after: cursorBeforePage(page, perPage) };
};
const name = { type: 'string', minLength: 1, maxLength: 200 };
const slug = { type: 'string', minLength: 2, maxLength: 64, pattern: '^[a-z0-9]+(?:-[a-z0-9]+)*$' };

export const organizationRoutes: RestRoute[] = [
  defineRoute<{ organizations: { totalCount: number; edges: { node: OrganizationData }[] } }>({
    id: 'G9',
    method: 'GET',
    url: '/v1/organizations',
    summary: 'Organizations the caller belongs to (admins: all)',
    credentials: ['bearerToken'],
    schema: { querystring: pageQuery },
    operation: `query Organizations($first: Int, $after: String) {
      organizations(first: $first, after: $after) { totalCount edges { node { ${ORGANIZATION_FIELDS} } } }
    }`,
    variables: ({ query }) => pageVariables(query),
    respond: (data, { query }) =>
      generalList(
        data.organizations.edges.map((edge) => generalOrganization(edge.node)),
        query.page as number,
        query.per_page as number,
        data.organizations.totalCount,
      ),
  }),
  defineRoute<{ organization: OrganizationData | null }>({
    id: 'G10',
    method: 'GET',
    url: '/v1/organizations/:id',
    summary: 'One organization (members and admins)',
    credentials: ['bearerToken'],
    schema: { params: idPath },
    operation: `query Organization($id: UUID!) { organization(id: $id) { ${ORGANIZATION_FIELDS} } }`,
    variables: ({ params }) => ({ id: idParam(params.id) }),
    respond: (data) => (data.organization ? generalData(generalOrganization(data.organization)) : notFound()),
  }),
  defineRoute<{ createOrganization: OrganizationData }>({
    id: 'G11',
    method: 'POST',
    url: '/v1/organizations',
    summary: 'Creates an organization; the caller becomes its owner (201)',
    credentials: ['bearerToken'],
    idempotent: true,
    schema: { body: { type: 'object', required: ['name', 'slug'], additionalProperties: false, properties: { name, slug } } },
    operation: `mutation CreateOrganization($input: CreateOrganizationInput!) { createOrganization(input: $input) { ${ORGANIZATION_FIELDS} } }`,
    variables: ({ body }) => {
      const { name: given, slug: wanted } = body as { name: string; slug: string };
      return { input: { name: given, slug: wanted } };
    },
    respond: (data) => ({
      ...generalData(generalOrganization(data.createOrganization), 201),
      headers: { location: `/v1/organizations/${data.createOrganization.id}` },
    }),
  }),
  defineRoute<{ updateOrganization: OrganizationData }>({
    id: 'G12',
    method: 'PATCH',
    url: '/v1/organizations/:id',
    summary: 'Renames an organization or changes its slug (owners and admins)',
    credentials: ['bearerToken'],
    schema: { params: idPath, body: { type: 'object', minProperties: 1, additionalProperties: false, properties: { name, slug } } },
    operation: `mutation UpdateOrganization($id: UUID!, $input: UpdateOrganizationInput!) { updateOrganization(id: $id, input: $input) { ${ORGANIZATION_FIELDS} } }`,
    variables: ({ params, body }) => {
      const fields = body as { name?: string; slug?: string };
      return {
        id: idParam(params.id),
        input: { ...(fields.name !== undefined ? { name: fields.name } : {}), ...(fields.slug !== undefined ? { slug: fields.slug } : {}) },
      };
    },
    respond: (data) => generalData(generalOrganization(data.updateOrganization)),
  }),
  defineRoute<{ deleteOrganization: string }>({
    id: 'G13',
    method: 'DELETE',
    url: '/v1/organizations/:id',
    summary: 'Deletes an organization (owners only; 204)',
    credentials: ['bearerToken'],
    schema: { params: idPath },
    operation: 'mutation DeleteOrganization($id: UUID!) { deleteOrganization(id: $id) }',
    variables: ({ params }) => ({ id: idParam(params.id) }),
    respond: () => ({ status: 204 }),
  }),
  defineRoute<{ organization: { members: { totalCount: number; edges: { node: MemberData }[] } } | null }>({
    id: 'G13a',
    method: 'GET',
    url: '/v1/organizations/:id/members',
    summary: 'Members of an organization, owners first (members and admins)',
    credentials: ['bearerToken'],
    schema: { params: idPath, querystring: pageQuery },
    operation: `query OrganizationMembers($id: UUID!, $first: Int, $after: String) {
      organization(id: $id) { members(first: $first, after: $after) { totalCount edges { node { ${MEMBER_FIELDS} } } } }
    }`,
    variables: ({ params, query }) => ({ id: idParam(params.id), ...pageVariables(query) }),
    respond: (data, { query }) =>
      data.organization
        ? generalList(
            data.organization.members.edges.map((edge) => generalMember(edge.node)),
            query.page as number,
            query.per_page as number,
            data.organization.members.totalCount,
          )
        : notFound(),
  }),
  defineRoute<{ addOrganizationMember: MemberData }>({
    id: 'G13b',
    method: 'POST',
    url: '/v1/organizations/:id/members',
    summary: 'Adds a member with a role (owner, admin or member; default member) (201)',
    credentials: ['bearerToken'],
    idempotent: true,
    schema: {
      params: idPath,
      body: {
        type: 'object',
        required: ['user_id'],
        additionalProperties: false,
        properties: { user_id: { type: 'string', format: 'uuid' }, role: { type: 'string', enum: ['owner', 'admin', 'member'], default: 'member' } },
      },
    },
    operation: `mutation AddOrganizationMember($organizationId: UUID!, $userId: UUID!, $role: OrganizationRole!) {
      addOrganizationMember(organizationId: $organizationId, userId: $userId, role: $role) { ${MEMBER_FIELDS} }
    }`,
    variables: ({ params, body }) => {
      const { user_id: userId, role } = body as { user_id: string; role: string };
      return { organizationId: idParam(params.id), userId, role };
    },
    respond: (data) => generalData(generalMember(data.addOrganizationMember), 201),
  }),
  defineRoute<{ removeOrganizationMember: string }>({
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
    operation:
      'mutation RemoveOrganizationMember($organizationId: UUID!, $userId: UUID!) { removeOrganizationMember(organizationId: $organizationId, userId: $userId) }',
    variables: ({ params }) => ({ organizationId: idParam(params.id), userId: idParam(params.user_id) }),
    respond: () => ({ status: 204 }),
  }),
];
