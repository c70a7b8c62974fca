import { readFileSync } from 'node:fs';
import { buildSchema, type GraphQLSchema } from 'graphql';
import type { OpenAPIV3 } from 'openapi-types';
import { API_KEY_SCOPES, BAN_FIELDS } from '../../common/authorization';
import { projectPath } from '../../common/paths';
import type { RestFamily, RestRoute } from '../route-table';
import { familyErrorResponses, routeErrorResponses, successResponse } from './responses';
import { requiredScopes } from './scopes';

/**
 * Completes the OpenAPI document @fastify/swagger builds from the mounted
 * routes (paths, parameters, request bodies, security) with what the route
 * table knows beyond that: responses, scopes, servers and the API-key
 * vocabulary.
 */

let apiSchema: GraphQLSchema | undefined;
/** The public API schema (npm run schema:api), which types every route's operation. */
function loadApiSchema(): GraphQLSchema {
  apiSchema ??= buildSchema(readFileSync(projectPath('schema', 'api.graphql'), 'utf8'));
  return apiSchema;
}

type Method = 'get' | 'put' | 'post' | 'delete' | 'patch';

function operationOf(document: OpenAPIV3.Document, route: RestRoute): OpenAPIV3.OperationObject | undefined {
  const path = route.url.replace(/:([A-Za-z0-9_]+)/g, '{$1}');
  const method = route.method.toString().toLowerCase() as Method;
  return document.paths[path]?.[method];
}

export const SCOPES_EXTENSION = 'x-required-scopes';

function describeScopes(operation: OpenAPIV3.OperationObject, route: RestRoute): void {
  const scopes = requiredScopes(route);
  if (Object.keys(scopes).length === 0) return;
  Object.assign(operation, { [SCOPES_EXTENSION]: scopes });
  const lines = [
    scopes.apiKey ? `API keys need the scope ${scopes.apiKey.join(' and ')}.` : '',
    scopes.accessToken ? `Access tokens need the scope ${scopes.accessToken.join(' and ')}.` : '',
  ].filter(Boolean);
  operation.description = [operation.description, ...lines].filter(Boolean).join('\n\n');
}

/** API-key creation and update (P6, P7) take scopes and banFields: say which values exist and what they do. */
function describeKeyVocabulary(operation: OpenAPIV3.OperationObject): void {
  const body = operation.requestBody && 'content' in operation.requestBody ? operation.requestBody.content['application/json']?.schema : undefined;
  const properties = body && 'properties' in body ? body.properties : undefined;
  const scopes = properties?.scopes;
  const banFields = properties?.banFields;
  if (!scopes || !banFields) return;
  if ('type' in scopes && scopes.type === 'array') {
    scopes.items = { type: 'string', enum: [...API_KEY_SCOPES] };
    scopes.description =
      "What the key may do; each scope implies permissions, and the key acts with its creator's permissions ∩ those (tickets:* ↔ manage_tickets/define_tickets, every other scope ↔ admin).";
  }
  if ('type' in banFields && banFields.type === 'array') {
    banFields.items = { type: 'string', enum: [...BAN_FIELDS] };
    banFields.description =
      'The fields of ban records the key may read from the bans API (seed 000). Stored and validated; this system serves no bans API, so they limit nothing yet.';
  }
}

/** OpenAPI 3.0 forbids an empty `required` list, which JSON Schema (and so the route table) allows. */
function dropEmptyRequired(value: unknown): void {
  if (Array.isArray(value)) {
    for (const item of value) dropEmptyRequired(item);
    return;
  }
  if (value === null || typeof value !== 'object') return;
  const object = value as Record<string, unknown>;
  if (Array.isArray(object.required) && object.required.length === 0) delete object.required;
  for (const item of Object.values(object)) dropEmptyRequired(item);
}

export function completeDocument(document: OpenAPIV3.Document, families: readonly RestFamily[]): OpenAPIV3.Document {
  const schema = loadApiSchema();
  for (const family of families) {
    for (const route of family.routes) {
      const operation = operationOf(document, route);
      if (!operation) continue;
      operation.responses = { ...successResponse(route, schema), ...routeErrorResponses(family, route) };
      describeScopes(operation, route);
      describeKeyVocabulary(operation);
    }
  }
  dropEmptyRequired(document.paths);
  const components = document.components ?? {};
  components.responses = Object.assign({}, components.responses, ...families.map(familyErrorResponses));
  return {
    ...document,
    // Relative: the document is served by the gateway the routes are on, whatever address it is reached at.
    servers: [{ url: '/', description: 'This gateway (the origin /openapi.json was fetched from)' }],
    components,
  };
}
