import type { JsonSchema } from '../route-table';

/**
 * JSON Schema (OpenAPI 3.0 dialect) of a value a route produced from sample
 * data (rest-compat/openapi/samples.ts), so the documented response is what
 * the route's own `respond` code builds, not a second hand-written copy.
 */

/** Stands for a GraphQL JSON value in samples: any JSON at all. */
export const ANY_JSON: Readonly<Record<string, never>> = Object.freeze({});

const NULL_ONLY: JsonSchema = { type: 'object', nullable: true, enum: [null], description: 'Always null here' };

const DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

export function inferSchema(value: unknown): JsonSchema {
  if (value === ANY_JSON) return {};
  // OpenAPI 3.0 has no null type: nullable needs a type beside it, and the enum leaves only null.
  if (value === null || value === undefined) return NULL_ONLY;
  if (Array.isArray(value)) return { type: 'array', items: value.length > 0 ? inferSchema(value[0]) : {} };
  switch (typeof value) {
    case 'string':
      if (DATE_TIME.test(value)) return { type: 'string', format: 'date-time' };
      if (UUID.test(value)) return { type: 'string', format: 'uuid' };
      return { type: 'string' };
    case 'number':
      return { type: Number.isInteger(value) ? 'integer' : 'number' };
    case 'boolean':
      return { type: 'boolean' };
    case 'object': {
      const entries = Object.entries(value as Record<string, unknown>).filter(([, item]) => item !== undefined);
      if (entries.length === 0) return { type: 'object', additionalProperties: true };
      return {
        type: 'object',
        properties: Object.fromEntries(entries.map(([key, item]) => [key, inferSchema(item)])),
        required: entries.map(([key]) => key),
      };
    }
    default:
      return {};
  }
}

function isNullOnly(schema: JsonSchema): boolean {
  return schema === NULL_ONLY || (schema.nullable === true && Array.isArray(schema.enum) && schema.enum.length === 1 && schema.enum[0] === null);
}

/**
 * One schema for two samples of the same answer: the first built from data
 * with every field filled, the second from data with every nullable field
 * null. Where the second has null, the value is nullable; where it lacks a
 * key, the key is optional.
 */
export function mergeNullable(full: JsonSchema, sparse: JsonSchema): JsonSchema {
  if (isNullOnly(sparse) && !isNullOnly(full)) return { ...full, nullable: true };
  if (full.type === 'object' && sparse.type === 'object' && full.properties && sparse.properties) {
    const fullProperties = full.properties as Record<string, JsonSchema>;
    const sparseProperties = sparse.properties as Record<string, JsonSchema>;
    const properties = Object.fromEntries(
      Object.entries(fullProperties).map(([key, schema]) => [key, sparseProperties[key] ? mergeNullable(schema, sparseProperties[key]) : schema]),
    );
    const required = ((full.required as string[] | undefined) ?? []).filter((key) => key in sparseProperties);
    const { required: _unused, ...rest } = full;
    return { ...rest, properties, ...(required.length > 0 ? { required } : {}) };
  }
  if (full.type === 'array' && sparse.type === 'array') {
    return { ...full, items: mergeNullable(full.items as JsonSchema, sparse.items as JsonSchema) };
  }
  return full;
}
