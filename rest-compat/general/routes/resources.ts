import { requestFields, requestFieldsAs } from '../../request-values';
import { defineRoute, type RestInput, type RestRoute } from '../../route-table';
import { generalData, generalError } from '../envelope';
import { graphql } from '../generated';
import type { GeneralResourceFragment, ResourceOrder, ResourceSortField } from '../generated/graphql';
import { ID_PATH, idParam } from './ids';
import { PAGE_PROPERTIES, pageReply, pageVariables } from './pages';

/** Family G (seed 003): resources, G1–G5. */
graphql(`
  fragment GeneralResource on Resource {
    id
    name
    description
    type
    status
    metadata
    owner {
      id
    }
    createdAt
    updatedAt
  }
`);

function generalResource(resource: GeneralResourceFragment): Record<string, unknown> {
  return {
    id: resource.id,
    name: resource.name,
    description: resource.description,
    type: resource.type,
    status: resource.status,
    metadata: resource.metadata,
    owner_id: resource.owner.id,
    created_at: resource.createdAt,
    updated_at: resource.updatedAt,
  };
}

const STATUSES = ['active', 'inactive', 'archived'];
const SORT_FIELDS: Record<string, ResourceSortField> = { name: 'name', type: 'type', status: 'status', created_at: 'createdAt', updated_at: 'updatedAt' };
const notFound = () => generalError(404, 'resource_not_found', 'No such resource');

const RESOURCE_INPUT_FIELDS = ['name', 'description', 'type', 'status', 'metadata'];
const resourceBody = (required: string[]) => ({
  type: 'object',
  required,
  minProperties: 1,
  additionalProperties: false,
  properties: {
    name: { type: 'string', minLength: 1, maxLength: 200 },
    description: { type: ['string', 'null'], maxLength: 2000 },
    type: { type: 'string', pattern: '^[a-z][a-z0-9_-]{0,39}$' },
    status: { type: 'string', enum: STATUSES },
    metadata: { type: 'object' },
  },
});

/** `sort` is a field name, `-` first for descending (the query schema admits only SORT_FIELDS' names). */
function orderOf({ query }: RestInput): ResourceOrder {
  const sort = typeof query.sort === 'string' ? query.sort : 'created_at';
  const descending = sort.startsWith('-');
  return { field: SORT_FIELDS[descending ? sort.slice(1) : sort], direction: descending ? 'desc' : 'asc' };
}

export const resourceRoutes: RestRoute[] = [
  defineRoute({
    id: 'G1',
    method: 'GET',
    url: '/v1/resources',
    summary: "Lists the caller's resources (admins: everyone's)",
    credentials: ['bearerToken'],
    schema: {
      querystring: {
        type: 'object',
        properties: {
          ...PAGE_PROPERTIES,
          sort: { type: 'string', pattern: `^-?(${Object.keys(SORT_FIELDS).join('|')})$` },
          'filter[status]': { type: 'string', enum: STATUSES },
          'filter[type]': { type: 'string', maxLength: 40 },
        },
      },
    },
    operation: graphql(`
      query Resources($first: Int, $after: String, $filter: ResourceFilter, $orderBy: ResourceOrder) {
        resources(first: $first, after: $after, filter: $filter, orderBy: $orderBy) {
          totalCount
          edges {
            node {
              ...GeneralResource
            }
          }
        }
      }
    `),
    variables: (input) => ({
      ...pageVariables(input.query),
      filter: requestFieldsAs(input.query, { status: 'filter[status]', type: 'filter[type]' }),
      orderBy: orderOf(input),
    }),
    respond: (data, { query }) => pageReply(data.resources, query, generalResource),
  }),
  defineRoute({
    id: 'G2',
    method: 'GET',
    url: '/v1/resources/:id',
    summary: 'One resource (yours; admins: any)',
    credentials: ['bearerToken'],
    schema: { params: ID_PATH },
    operation: graphql(`query Resource($id: UUID!) { resource(id: $id) { ...GeneralResource } }`),
    variables: ({ params }) => ({ id: idParam(params.id) }),
    respond: (data) => (data.resource ? generalData(generalResource(data.resource)) : notFound()),
  }),
  defineRoute({
    id: 'G3',
    method: 'POST',
    url: '/v1/resources',
    summary: 'Creates a resource owned by the caller (201)',
    credentials: ['bearerToken'],
    idempotent: true,
    schema: { body: resourceBody(['name']) },
    operation: graphql(`mutation CreateResource($input: CreateResourceInput!) { createResource(input: $input) { ...GeneralResource } }`),
    variables: ({ body }) => ({ input: requestFields(body, RESOURCE_INPUT_FIELDS) }),
    respond: (data) => {
      const reply = generalData(generalResource(data.createResource), 201);
      return { ...reply, headers: { location: `/v1/resources/${data.createResource.id}` } };
    },
  }),
  defineRoute({
    id: 'G4',
    method: 'PATCH',
    url: '/v1/resources/:id',
    summary: 'Changes the fields given (metadata is replaced as a whole)',
    credentials: ['bearerToken'],
    schema: { params: ID_PATH, body: resourceBody([]) },
    operation: graphql(`mutation UpdateResource($id: UUID!, $input: UpdateResourceInput!) { updateResource(id: $id, input: $input) { ...GeneralResource } }`),
    variables: ({ params, body }) => ({ id: idParam(params.id), input: requestFields(body, RESOURCE_INPUT_FIELDS) }),
    respond: (data) => generalData(generalResource(data.updateResource)),
  }),
  defineRoute({
    id: 'G5',
    method: 'DELETE',
    url: '/v1/resources/:id',
    summary: 'Deletes a resource (204)',
    credentials: ['bearerToken'],
    schema: { params: ID_PATH },
    operation: graphql(`mutation DeleteResource($id: UUID!) { deleteResource(id: $id) }`),
    variables: ({ params }) => ({ id: idParam(params.id) }),
    respond: () => ({ status: 204 }),
  }),
];
