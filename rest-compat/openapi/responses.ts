import type { GraphQLSchema } from 'graphql';
import type { OpenAPIV3 } from 'openapi-types';
import { STATUS_BY_CODE, type JsonSchema, type RestFailure, type RestFamily, type RestInput, type RestReply, type RestRoute } from '../route-table';
import { inferSchema, mergeNullable } from './infer-schema';
import { sampleInput, sampleOperationData } from './samples';

/**
 * The responses of the OpenAPI document, derived from the route table: each
 * route's success answer is what its `respond` builds from data of its
 * operation's result type (API schema), and each family's error answers are
 * what its `failure` builds for every kind of failure.
 */

type Responses = Record<string, OpenAPIV3.ResponseObject | OpenAPIV3.ReferenceObject>;

function contentOf(body: unknown, schema: JsonSchema): OpenAPIV3.ResponseObject['content'] {
  const mediaType = typeof body === 'string' ? 'text/plain' : 'application/json';
  return { [mediaType]: { schema: schema as OpenAPIV3.SchemaObject } };
}

function attempt(run: () => RestReply): RestReply | undefined {
  try {
    return run();
  } catch {
    // A respond that needs data the sample lacks: that sample documents nothing.
    return undefined;
  }
}

function sameSchema(a: JsonSchema, b: JsonSchema): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

interface SampleAnswer {
  status: string;
  body: unknown;
  schema: JsonSchema | undefined;
}

/** What `respond` answers for this input: run on filled data and on data with nullable fields null, merged. */
function answerFor(route: RestRoute, schema: GraphQLSchema, input: RestInput): SampleAnswer | undefined {
  let variables: Record<string, unknown>;
  try {
    variables = route.variables?.(input) ?? {};
  } catch {
    return undefined;
  }
  const main = attempt(() => route.respond(sampleOperationData(schema, route.operation, variables, 'filled'), input));
  if (!main) return undefined;
  const status = String(main.status ?? 200);
  if (main.body === undefined) return { status, body: undefined, schema: undefined };
  let merged = inferSchema(main.body);
  for (const mode of ['null-values', 'null-objects'] as const) {
    const withNulls = attempt(() => route.respond(sampleOperationData(schema, route.operation, variables, mode), input));
    if (withNulls?.body !== undefined && String(withNulls.status ?? 200) === status) merged = mergeNullable(merged, inferSchema(withNulls.body));
  }
  return { status, body: main.body, schema: merged };
}

/**
 * The success response of a route: `respond` run on data of the
 * operation's result type, once for a request with every field given and
 * once with only the required ones (routes that answer differently by
 * input, such as one ticket or a page of them, get both shapes as oneOf).
 */
export function successResponse(route: RestRoute, schema: GraphQLSchema): Responses {
  const answers = [sampleInput(route.schema, true), sampleInput(route.schema, false)]
    .map((input) => answerFor(route, schema, input))
    .filter((answer): answer is SampleAnswer => answer !== undefined);
  const main = answers[0];
  if (!main) return { 200: { description: 'Success' } };
  if (main.schema === undefined) return { [main.status]: { description: 'Success, no body' } };
  const shapes: JsonSchema[] = [];
  for (const answer of answers) {
    if (answer.status === main.status && answer.schema && !shapes.some((shape) => sameSchema(shape, answer.schema!))) shapes.push(answer.schema);
  }
  const body = shapes.length === 1 ? shapes[0]! : { oneOf: shapes };
  return { [main.status]: { description: 'Success', content: contentOf(main.body, body) } };
}

/** Every kind of failure a family turns into an answer; `credential` ones only concern routes that take a credential. */
function sampleFailures(withCredentials: boolean): RestFailure[] {
  const failures: RestFailure[] = [
    { kind: 'validation', issues: [{ location: 'body', path: ['field'], message: 'must be string', keyword: 'type' }] },
    { kind: 'malformed', status: 400, message: 'The body is not valid JSON', body: true },
    { kind: 'malformed', status: 413, message: 'The body is too large' },
    { kind: 'malformed', status: 415, message: 'Unsupported content type' },
    ...Object.keys(STATUS_BY_CODE).map((code): RestFailure => ({ kind: 'graphql', code, message: 'message' })),
    { kind: 'graphql', code: 'INTERNAL_SERVER_ERROR', message: 'message' },
  ];
  if (withCredentials) {
    failures.push(
      { kind: 'credential', message: 'message', accepted: ['sessionCookie'], acceptedElsewhereInFamily: true },
      { kind: 'credential', message: 'message', accepted: ['sessionCookie'], acceptedElsewhereInFamily: false },
    );
  }
  return failures;
}

const FAMILY_PREFIX: Record<RestFamily['name'], string> = { platform: 'Platform', streaming: 'Streaming', social: 'Social', general: 'General' };

/** The component name of a family's error answer with this status, e.g. PlatformError400. */
export function errorComponentName(family: RestFamily, status: string): string {
  return `${FAMILY_PREFIX[family.name]}Error${status}`;
}

const errorSchemaCache = new Map<string, Map<string, JsonSchema>>();

/** Status → schema of the family's error answers (one schema, or oneOf when the family answers a status in two shapes). */
export function familyErrorSchemas(family: RestFamily, withCredentials: boolean): Map<string, JsonSchema> {
  const key = `${family.name}:${withCredentials}`;
  const cached = errorSchemaCache.get(key);
  if (cached) return cached;
  const byStatus = new Map<string, JsonSchema[]>();
  for (const failure of sampleFailures(withCredentials)) {
    const reply = family.failure(failure);
    const status = String(reply.status ?? 500);
    const schema = inferSchema(reply.body);
    const known = byStatus.get(status) ?? [];
    if (!known.some((item) => sameSchema(item, schema))) known.push(schema);
    byStatus.set(status, known);
  }
  const schemas = new Map(
    [...byStatus].sort(([a], [b]) => a.localeCompare(b)).map(([status, shapes]) => [status, shapes.length === 1 ? shapes[0]! : { oneOf: shapes }]),
  );
  errorSchemaCache.set(key, schemas);
  return schemas;
}

/** The family's error responses for components.responses. */
export function familyErrorResponses(family: RestFamily): Record<string, OpenAPIV3.ResponseObject> {
  return Object.fromEntries(
    [...familyErrorSchemas(family, true)].map(([status, schema]) => [
      errorComponentName(family, status),
      { description: `${family.title}: error (${status})`, content: { 'application/json': { schema: schema as OpenAPIV3.SchemaObject } } },
    ]),
  );
}

/** References to the family's error responses a route can give. */
export function routeErrorResponses(family: RestFamily, route: RestRoute): Responses {
  const statuses = [...familyErrorSchemas(family, route.credentials.length > 0).keys()];
  return Object.fromEntries(statuses.map((status) => [status, { $ref: `#/components/responses/${errorComponentName(family, status)}` }]));
}
