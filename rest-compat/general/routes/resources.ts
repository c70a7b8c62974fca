import { cursorBeforePage } from '../../../common/connections';
import { defineRoute, type RestInput, type RestRoute } from '../../route-table';
import { generalData, generalError, generalList } from '../envelope';

/** Family G (seed 003): resources, G1–G5. */
const RESOURCE_FIELDS = 'id name description type status metadata owner { id } createdAt updatedAt';

export interface ResourceData {
  id: string;
  name: string;
  description: string | null;
  type: string;
  status: string;
  metadata: Record<string, unknown>;
  owner: { id: string };
  createdAt: string;
  updatedAt: string;
}

function generalResource(resource: ResourceData): Record<string, unknown> {
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

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** An id that is not a UUID names no resource: it becomes one that matches nothing, so the answer is 404. */
const NO_SUCH_ID = '00000000-0000-0000-0000-000000000000';
export function idParam(value: unknown): string {
  return typeof value === 'string' && UUID.test(value) ? value : NO_SUCH_ID;
}

const STATUSES = ['active', 'inactive', 'archived'];
const SORT_FIELDS: Record<string, string> = { name: 'name', type: 'type', status: 'status', created_at: 'createdAt', updated_at: 'updatedAt' };
const notFound = () => generalError(404, 'resource_not_found', 'No such resource');
const idPath = { type: 'object', required: ['id'], properties: { id: { type: 'string', maxLength: 100 } } };

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

function resourceInput(body: unknown): Record<string, unknown> {
  const fields = body as Record<string, unknown>;
  const input: Record<string, unknown> = {};
  for (const key of ['name', 'description', 'type', 'status', 'metadata']) if (fields[key] !== undefined) input[key] = fields[key];
  return input;
}

function listVariables({ query }: RestInput): Record<string, unknown> {
  const page = query.page as number;
  const perPage = query.per_page as number;
  const sort = (query.sort as string | undefined) ?? 'created_at';
  const descending = sort.startsWith('-');
  const filter: Record<string, unknown> = {};
  if (query['filter[status]'] !== undefined) filter.status = query['filter[status]'];
  if (query['filter[type]'] !== undefined) filter.type = query['filter[type]'];
  return {
    first: perPage,
    after: cursorBeforePage(page, perPage),
    filter,
    orderBy: { field: SORT_FIELDS[descending ? sort.slice(1) : sort], direction: descending ? 'desc' : 'asc' },
  };
}

export const resourceRoutes: RestRoute[] = [
  defineRoute<{ resources: { totalCount: number; edges: { node: ResourceData }[] } }>({
    id: 'G1',
    method: 'GET',
    url: '/v1/resources',
    summary: "Lists the caller's resources (admins: everyone's)",
    credentials: ['bearerToken'],
    schema: {
      querystring: {
        type: 'object',
        properties: {
          page: { type: 'integer', minimum: 1, maximum: 1_000_000, default: 1 },
          per_page: { type: 'integer', minimum: 1, maximum: 100, default: 20 },
          sort: { type: 'string', pattern: `^-?(${Object.keys(SORT_FIELDS).join('|')})$` },
          'filter[status]': { type: 'string', enum: STATUSES },
          'filter[type]': { type: 'string', maxLength: 40 },
        },
      },
    },
    operation: `query Resources($first: Int, $after: String, $filter: ResourceFilter, $orderBy: ResourceOrder) {
      resources(first: $first, after: $after, filter: $filter, orderBy: $orderBy) { totalCount edges { node { ${RESOURCE_FIELDS} } } }
    }`,
    variables: listVariables,
    respond: (data, { query }) =>
      generalList(
        data.resources.edges.map((edge) => generalResource(edge.node)),
        query.page as number,
        query.per_page as number,
        data.resources.totalCount,
      ),
  }),
  defineRoute<{ resource: ResourceData | null }>({
    id: 'G2',
    method: 'GET',
    url: '/v1/resources/:id',
    summary: 'One resource (yours; admins: any)',
    credentials: ['bearerToken'],
    schema: { params: idPath },
    operation: `query Resource($id: UUID!) { resource(id: $id) { ${RESOURCE_FIELDS} } }`,
    variables: ({ params }) => ({ id: idParam(params.id) }),
    respond: (data) => (data.resource ? generalData(generalResource(data.resource)) : notFound()),
  }),
  defineRoute<{ createResource: ResourceData }>({
    id: 'G3',
    method: 'POST',
    url: '/v1/resources',
    summary: 'Creates a resource owned by the caller (201)',
    credentials: ['bearerToken'],
    idempotent: true,
    schema: { body: resourceBody(['name']) },
    operation: `mutation CreateResource($input: CreateResourceInput!) { createResource(input: $input) { ${RESOURCE_FIELDS} } }`,
    variables: ({ body }) => ({ input: resourceInput(body) }),
    respond: (data) => {
      const reply = generalData(generalResource(data.createResource), 201);
      return { ...reply, headers: { location: `/v1/resources/${data.createResource.id}` } };
    },
  }),
  defineRoute<{ updateResource: ResourceData }>({
    id: 'G4',
    method: 'PATCH',
    url: '/v1/resources/:id',
    summary: 'Changes the fields given (metadata is replaced as a whole)',
    credentials: ['bearerToken'],
    schema: { params: idPath, body: resourceBody([]) },
    operation: `mutation UpdateResource($id: UUID!, $input: UpdateResourceInput!) { updateResource(id: $id, input: $input) { ${RESOURCE_FIELDS} } }`,
    variables: ({ params, body }) => ({ id: idParam(params.id), input: resourceInput(body) }),
    respond: (data) => generalData(generalResource(data.updateResource)),
  }),
  defineRoute<{ deleteResource: string }>({
    id: 'G5',
    method: 'DELETE',
    url: '/v1/resources/:id',
    summary: 'Deletes a resource (204)',
    credentials: ['bearerToken'],
    schema: { params: idPath },
    operation: 'mutation DeleteResource($id: UUID!) { deleteResource(id: $id) }',
    variables: ({ params }) => ({ id: idParam(params.id) }),
    respond: () => ({ status: 204 }),
  }),
];
