import {
  getDirectiveValues,
  GraphQLIncludeDirective,
  GraphQLSkipDirective,
  isAbstractType,
  isEnumType,
  isListType,
  isNonNullType,
  isObjectType,
  isScalarType,
  Kind,
  parse,
  type FragmentDefinitionNode,
  type GraphQLOutputType,
  type GraphQLSchema,
  type OperationDefinitionNode,
  type SelectionNode,
  type SelectionSetNode,
  type GraphQLCompositeType,
} from 'graphql';
import type { JsonSchema, RestInput } from '../route-table';
import { ANY_JSON } from './infer-schema';

/**
 * Sample data of the shape a GraphQL operation returns (from the API
 * schema) and sample HTTP input of the shape a route's request schemas
 * accept. Running a route's `respond` on them shows the response it builds.
 */

const SCALAR_SAMPLES: Record<string, unknown> = {
  String: 'text',
  ID: 'id',
  Int: 1,
  Float: 1.5,
  Boolean: true,
  DateTime: '2026-01-01T00:00:00.000Z',
  EmailAddress: 'user@example.com',
  HexColorCode: '#336699',
  JSON: ANY_JSON,
  JSONObject: ANY_JSON,
  NonEmptyString: 'text',
  URL: 'https://example.com/',
  UUID: '00000000-0000-4000-8000-000000000000',
};

/**
 * `filled`: every nullable value present; `null-values`: nullable scalars,
 * enums and lists null (objects filled, so what is inside them shows too);
 * `null-objects`: nullable objects null as well.
 */
export type SampleMode = 'filled' | 'null-values' | 'null-objects';
export const SAMPLE_MODES: readonly SampleMode[] = ['filled', 'null-values', 'null-objects'];

function sampleOfType(type: GraphQLOutputType, selectionSet: SelectionSetNode | undefined, context: SampleContext, nullable = true): unknown {
  if (isNonNullType(type)) return sampleOfType(type.ofType, selectionSet, context, false);
  if (nullable && context.mode === 'null-objects') return null;
  if (nullable && context.mode === 'null-values' && (isListType(type) || isScalarType(type) || isEnumType(type))) return null;
  if (isListType(type)) return [sampleOfType(type.ofType, selectionSet, context)];
  if (isScalarType(type)) return type.name in SCALAR_SAMPLES ? SCALAR_SAMPLES[type.name] : 'text';
  if (isEnumType(type)) return type.getValues()[0]?.value ?? 'text';
  return sampleOfSelection(type, selectionSet, context);
}

interface SampleContext {
  schema: GraphQLSchema;
  fragments: Map<string, FragmentDefinitionNode>;
  mode: SampleMode;
  /** The operation's variables, for @include and @skip. */
  variables: Record<string, unknown>;
}

/** As execution decides: @skip(if: true) or @include(if: false) leaves the selection out. */
function isIncluded(node: SelectionNode, variables: Record<string, unknown>): boolean {
  if (getDirectiveValues(GraphQLSkipDirective, node, variables)?.if === true) return false;
  return getDirectiveValues(GraphQLIncludeDirective, node, variables)?.if !== false;
}

function sampleOfSelection(parent: GraphQLCompositeType, selectionSet: SelectionSetNode | undefined, context: SampleContext): Record<string, unknown> {
  // An abstract type's sample is its first possible object type.
  const concrete = isObjectType(parent) ? parent : context.schema.getPossibleTypes(parent)[0];
  const result: Record<string, unknown> = {};
  if (!concrete || !selectionSet) return result;
  const fields = concrete.getFields();
  for (const selection of selectionSet.selections) {
    if (!isIncluded(selection, context.variables)) continue;
    if (selection.kind === Kind.FIELD) {
      const key = selection.alias?.value ?? selection.name.value;
      if (selection.name.value === '__typename') {
        result[key] = concrete.name;
        continue;
      }
      const field = fields[selection.name.value];
      if (field) result[key] = sampleOfType(field.type, selection.selectionSet, context);
      continue;
    }
    const fragment = selection.kind === Kind.INLINE_FRAGMENT ? selection : context.fragments.get(selection.name.value);
    if (!fragment) continue;
    const condition = fragment.typeCondition?.name.value;
    const conditionType = condition ? context.schema.getType(condition) : undefined;
    const applies = !condition || condition === concrete.name || (isAbstractType(conditionType) && context.schema.isSubType(conditionType, concrete));
    if (applies) Object.assign(result, sampleOfSelection(concrete, fragment.selectionSet, context));
  }
  return result;
}

/** The `data` an operation's first operation definition returns, as the API schema types it. */
export function sampleOperationData(schema: GraphQLSchema, operation: string, variables: Record<string, unknown>, mode: SampleMode): Record<string, unknown> {
  const document = parse(operation);
  const fragments = new Map(
    document.definitions
      .filter((definition): definition is FragmentDefinitionNode => definition.kind === Kind.FRAGMENT_DEFINITION)
      .map((fragment) => [fragment.name.value, fragment]),
  );
  const definition = document.definitions.find((item): item is OperationDefinitionNode => item.kind === Kind.OPERATION_DEFINITION);
  if (!definition) return {};
  const root = schema.getRootType(definition.operation);
  if (!root) return {};
  return sampleOfSelection(root, definition.selectionSet, { schema, fragments, mode, variables });
}

/** The root fields an operation selects (what the route runs, in schema terms). */
export function rootFieldsOf(operation: string): { kind: 'query' | 'mutation' | 'subscription'; fields: string[] } {
  const definition = parse(operation).definitions.find((item): item is OperationDefinitionNode => item.kind === Kind.OPERATION_DEFINITION);
  if (!definition) return { kind: 'query', fields: [] };
  const fields = definition.selectionSet.selections.flatMap((selection) => (selection.kind === Kind.FIELD ? [selection.name.value] : []));
  return { kind: definition.operation, fields };
}

const STRING_FORMATS: Record<string, string> = {
  uuid: '00000000-0000-4000-8000-000000000000',
  'date-time': '2026-01-01T00:00:00.000Z',
  email: 'user@example.com',
  uri: 'https://example.com/',
};

/** A value the JSON schema accepts; `complete` fills optional properties too, otherwise only required ones and defaults. */
export function sampleOfJsonSchema(schema: JsonSchema | undefined, complete: boolean): unknown {
  if (!schema) return undefined;
  if ('default' in schema) return schema.default;
  if ('const' in schema) return schema.const;
  if (Array.isArray(schema.enum) && schema.enum.length > 0) return schema.enum[0];
  const alternatives = (schema.oneOf ?? schema.anyOf) as JsonSchema[] | undefined;
  if (alternatives?.[0]) return sampleOfJsonSchema(alternatives[0], complete);
  const type = Array.isArray(schema.type) ? schema.type[0] : schema.type;
  switch (type) {
    case 'string':
      return STRING_FORMATS[String(schema.format)] ?? 'text';
    case 'integer':
    case 'number':
      return typeof schema.minimum === 'number' ? schema.minimum : 1;
    case 'boolean':
      return true;
    case 'array':
      return [sampleOfJsonSchema(schema.items as JsonSchema | undefined, complete)];
    case 'object':
    default: {
      const properties = (schema.properties ?? {}) as Record<string, JsonSchema>;
      const required = new Set((schema.required as string[] | undefined) ?? []);
      const entries = Object.entries(properties)
        .filter(([key, property]) => complete || required.has(key) || 'default' in property)
        .map(([key, property]) => [key, sampleOfJsonSchema(property, complete)]);
      return type === 'object' || entries.length > 0 ? Object.fromEntries(entries) : undefined;
    }
  }
}

/** HTTP input a route's schemas accept. */
export function sampleInput(schema: { params?: JsonSchema; querystring?: JsonSchema; body?: JsonSchema } | undefined, complete: boolean): RestInput {
  return {
    params: (sampleOfJsonSchema(schema?.params, true) ?? {}) as Record<string, unknown>,
    query: (sampleOfJsonSchema(schema?.querystring, complete) ?? {}) as Record<string, unknown>,
    body: sampleOfJsonSchema(schema?.body, complete),
    headers: {},
  };
}
