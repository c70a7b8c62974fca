import {
  getNamedType,
  isCompositeType,
  isObjectType,
  Kind,
  parse,
  print,
  visit,
  type DocumentNode,
  type FieldNode,
  type FragmentDefinitionNode,
  type GraphQLCompositeType,
  type GraphQLFormattedError,
  type GraphQLSchema,
  type InlineFragmentNode,
  type OperationDefinitionNode,
  type SelectionNode,
  type SelectionSetNode,
  type VariableDefinitionNode,
} from 'graphql';

/**
 * Subscriptions whose events select fields of other subgraphs (e.g.
 * `chatEvents { message { author { username } } }`, where `User.username`
 * belongs to admin): the owner of the root field is asked for its own fields
 * plus `__typename` and the key fields of each foreign entity (under
 * reserved aliases); for each event, the gateway then fetches the foreign
 * fields with one `_entities` query per owning subgraph, batched over every
 * reference in that event, and merges them in.
 *
 * Supported: foreign fields on object types that are entities with a simple
 * key (`id`, `id sku`) the owner can resolve, whose own selections are all
 * resolved by that one other subgraph. Anything else is refused at subscribe.
 */

/** What the supergraph says about who resolves what. */
export interface EntityRouting {
  /** Graphs that resolve <type>.<field> (empty when unknown). */
  graphsOf(type: string, field: string): string[];
  /** The key fields of <type> in <graph> (a resolvable @key), or undefined. */
  keyOf(type: string, graph: string): string[] | undefined;
}

/** One place in the owner's result where entities get fields of another subgraph. */
export interface FetchPoint {
  /** Response keys from data to the entity objects (lists are walked through). */
  path: string[];
  typeName: string;
  graph: string;
  keyFields: string[];
  /** The foreign selections, printed inside `... on <typeName> { }`. */
  selections: readonly SelectionNode[];
}

export interface EntityFetch {
  graph: string;
  /** The `_entities` query: one aliased `_entities` field per fetch point of this graph. */
  query: string;
  /** Indexes into SubscriptionPlan.fetches, in the alias order f0, f1, ... */
  points: number[];
  /** Operation variables the foreign selections use. */
  variables: string[];
}

export interface SubscriptionPlan {
  /** The operation sent to the owner (fragments inlined, foreign fields replaced by keys). */
  ownerQuery: string;
  fetches: FetchPoint[];
  entityFetches: EntityFetch[];
}

export class PlanRefused extends Error {}

const TYPENAME_ALIAS = '__gw_typename';
const keyAlias = (field: string) => `__gw_key_${field}`;
const RESERVED_PREFIX = '__gw_';

function field(name: string, alias?: string): FieldNode {
  return { kind: Kind.FIELD, name: { kind: Kind.NAME, value: name }, ...(alias ? { alias: { kind: Kind.NAME, value: alias } } : {}) };
}

/** Replaces every fragment spread by the equivalent inline fragment. */
function inlineFragments(selectionSet: SelectionSetNode, fragments: Map<string, FragmentDefinitionNode>, seen: Set<string> = new Set()): SelectionSetNode {
  const selections: SelectionNode[] = [];
  for (const selection of selectionSet.selections) {
    if (selection.kind === Kind.FRAGMENT_SPREAD) {
      const fragment = fragments.get(selection.name.value);
      // Validation has ruled out unknown and cyclic fragments; guard anyway.
      if (!fragment || seen.has(fragment.name.value)) throw new PlanRefused(`Unknown fragment ${selection.name.value}`);
      const inline: InlineFragmentNode = {
        kind: Kind.INLINE_FRAGMENT,
        typeCondition: fragment.typeCondition,
        directives: selection.directives,
        selectionSet: inlineFragments(fragment.selectionSet, fragments, new Set([...seen, fragment.name.value])),
      };
      selections.push(inline);
    } else if (selection.selectionSet) {
      selections.push({ ...selection, selectionSet: inlineFragments(selection.selectionSet, fragments, seen) } as SelectionNode);
    } else {
      selections.push(selection);
    }
  }
  return { ...selectionSet, selections };
}

/** Whether the graph resolves every field of the selection (checked through nested selections). */
function resolvedBy(schema: GraphQLSchema, routing: EntityRouting, graph: string, parent: GraphQLCompositeType, selectionSet: SelectionSetNode): boolean {
  for (const selection of selectionSet.selections) {
    if (selection.kind === Kind.INLINE_FRAGMENT) {
      const type = selection.typeCondition ? schema.getType(selection.typeCondition.name.value) : parent;
      if (!type || !isCompositeType(type) || !resolvedBy(schema, routing, graph, type, selection.selectionSet)) return false;
      continue;
    }
    if (selection.kind !== Kind.FIELD || selection.name.value.startsWith('__')) continue;
    if (!routing.graphsOf(parent.name, selection.name.value).includes(graph)) return false;
    if (selection.selectionSet) {
      const definition = 'getFields' in parent ? parent.getFields()[selection.name.value] : undefined;
      const type = definition && getNamedType(definition.type);
      if (!type || !isCompositeType(type) || !resolvedBy(schema, routing, graph, type, selection.selectionSet)) return false;
    }
  }
  return true;
}

/**
 * Plans a validated subscription whose root field `owner` serves. Throws
 * PlanRefused when a foreign field cannot be fetched this way.
 */
export function planSubscription(
  schema: GraphQLSchema,
  document: DocumentNode,
  operation: OperationDefinitionNode,
  owner: string,
  routing: EntityRouting,
): SubscriptionPlan {
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const definition of document.definitions) {
    if (definition.kind === Kind.FRAGMENT_DEFINITION) fragments.set(definition.name.value, definition);
  }
  const fetches: FetchPoint[] = [];

  const plan = (selectionSet: SelectionSetNode, parent: GraphQLCompositeType, path: string[]): SelectionSetNode => {
    const kept: SelectionNode[] = [];
    const foreign = new Map<string, SelectionNode[]>();
    for (const selection of selectionSet.selections) {
      if (selection.kind === Kind.INLINE_FRAGMENT) {
        const type = selection.typeCondition ? schema.getType(selection.typeCondition.name.value) : parent;
        if (!type || !isCompositeType(type)) throw new PlanRefused('Unknown fragment type');
        kept.push({ ...selection, selectionSet: plan(selection.selectionSet, type, path) });
        continue;
      }
      if (selection.kind !== Kind.FIELD) continue;
      const name = selection.name.value;
      const responseKey = selection.alias?.value ?? name;
      if (responseKey.startsWith(RESERVED_PREFIX)) throw new PlanRefused(`Aliases starting with ${RESERVED_PREFIX} are reserved`);
      if (name.startsWith('__')) {
        kept.push(selection);
        continue;
      }
      const graphs = routing.graphsOf(parent.name, name);
      if (graphs.includes(owner) || path.length === 0) {
        if (!selection.selectionSet) {
          kept.push(selection);
          continue;
        }
        const definition = 'getFields' in parent ? parent.getFields()[name] : undefined;
        const type = definition && getNamedType(definition.type);
        if (!type || !isCompositeType(type)) throw new PlanRefused(`Unknown field ${parent.name}.${name}`);
        kept.push({ ...selection, selectionSet: plan(selection.selectionSet, type, [...path, responseKey]) });
        continue;
      }
      const definition = 'getFields' in parent ? parent.getFields()[name] : undefined;
      const fieldType = definition && getNamedType(definition.type);
      const graph = graphs.find(
        (candidate) =>
          !selection.selectionSet || (fieldType && isCompositeType(fieldType) && resolvedBy(schema, routing, candidate, fieldType, selection.selectionSet)),
      );
      if (!graph) {
        throw new PlanRefused(`Subscriptions cannot select ${parent.name}.${name} here: its fields span more than one other subgraph; query them over HTTP`);
      }
      foreign.set(graph, [...(foreign.get(graph) ?? []), selection]);
    }
    if (foreign.size > 0) {
      if (!isObjectType(parent)) throw new PlanRefused(`Subscriptions cannot select fields of another subgraph on the abstract type ${parent.name}`);
      const added = new Set<string>();
      for (const [graph, selections] of foreign) {
        const keyFields = routing.keyOf(parent.name, graph);
        if (!keyFields || !keyFields.every((key) => routing.graphsOf(parent.name, key).includes(owner))) {
          throw new PlanRefused(`Subscriptions cannot select ${parent.name} fields of ${graph}: no key the event's subgraph provides`);
        }
        fetches.push({ path, typeName: parent.name, graph, keyFields, selections });
        for (const key of keyFields) added.add(key);
      }
      kept.push(field('__typename', TYPENAME_ALIAS));
      for (const key of added) kept.push(field(key, keyAlias(key)));
    }
    return { ...selectionSet, selections: kept };
  };

  const root = schema.getSubscriptionType();
  if (!root) throw new PlanRefused('The schema has no subscriptions');
  const ownerOperation: OperationDefinitionNode = { ...operation, selectionSet: plan(inlineFragments(operation.selectionSet, fragments), root, []) };
  const usedByOwner = variablesIn(ownerOperation.selectionSet);
  const ownerQuery = print({
    kind: Kind.DOCUMENT,
    definitions: [
      { ...ownerOperation, variableDefinitions: (operation.variableDefinitions ?? []).filter((definition) => usedByOwner.has(definition.variable.name.value)) },
    ],
  });

  const entityFetches: EntityFetch[] = [];
  const byGraph = new Map<string, number[]>();
  fetches.forEach((point, index) => byGraph.set(point.graph, [...(byGraph.get(point.graph) ?? []), index]));
  for (const [graph, points] of byGraph) {
    const fields = points.map((index, position) => {
      const point = fetches[index]!;
      return `f${position}: _entities(representations: $__r${position}) { ... on ${point.typeName} { ${point.selections.map((selection) => print(selection)).join(' ')} } }`;
    });
    const used = new Set<string>();
    for (const index of points)
      for (const selection of fetches[index]!.selections) for (const name of variablesIn({ kind: Kind.SELECTION_SET, selections: [selection] })) used.add(name);
    const definitions: VariableDefinitionNode[] = (operation.variableDefinitions ?? []).filter((definition) => used.has(definition.variable.name.value));
    const declared = [...points.map((_index, position) => `$__r${position}: [_Any!]!`), ...definitions.map((definition) => print(definition))];
    const query = `query SubscriptionEntities(${declared.join(', ')}) { ${fields.join(' ')} }`;
    // Fails here, not per event, if the text is wrong.
    parse(query);
    entityFetches.push({ graph, query, points, variables: [...used] });
  }
  return { ownerQuery, fetches, entityFetches };
}

function variablesIn(selectionSet: SelectionSetNode): Set<string> {
  const names = new Set<string>();
  visit(selectionSet, {
    Variable(node) {
      names.add(node.name.value);
    },
  });
  return names;
}

// ---------------------------------------------------------------------------
// Per event

type JsonObject = Record<string, unknown>;

interface Located {
  holder: JsonObject | unknown[];
  key: string | number;
  object: JsonObject;
  path: (string | number)[];
}

function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The objects at a path of response keys (through lists), with where each sits. */
function locate(data: JsonObject, path: string[]): Located[] {
  let current: Located[] = [{ holder: [], key: 0, object: data, path: [] }];
  for (const step of path) {
    const next: Located[] = [];
    const push = (holder: JsonObject | unknown[], key: string | number, value: unknown, at: (string | number)[]) => {
      if (Array.isArray(value)) value.forEach((item, index) => push(value, index, item, [...at, index]));
      else if (isObject(value)) next.push({ holder, key, object: value, path: at });
    };
    for (const located of current) push(located.object, step, located.object[step], [...located.path, step]);
    current = next;
  }
  return current;
}

export interface EntityFetcher {
  /** POSTs the query to the graph, signed as the subscriber; resolves with the GraphQL response body. */
  (graph: string, query: string, variables: Record<string, unknown>): Promise<{ data?: JsonObject | null; errors?: GraphQLFormattedError[] }>;
}

/**
 * Completes one event of the owner: fetches the foreign fields (one request
 * per graph) and merges them in; then removes the reserved fields.
 */
export async function completeEvent(
  plan: SubscriptionPlan,
  result: { data?: JsonObject | null; errors?: readonly GraphQLFormattedError[] },
  variables: Record<string, unknown> | undefined,
  fetch: EntityFetcher,
): Promise<{ data?: JsonObject | null; errors?: readonly GraphQLFormattedError[] }> {
  if (plan.fetches.length === 0 || !isObject(result.data)) return result;
  const data = result.data;
  const found = plan.fetches.map((point) => locate(data, point.path).filter((located) => located.object[TYPENAME_ALIAS] === point.typeName));
  const errors: GraphQLFormattedError[] = [...(result.errors ?? [])];
  await Promise.all(
    plan.entityFetches.map(async (entityFetch) => {
      const inputs: Record<string, unknown> = {};
      for (const name of entityFetch.variables) inputs[name] = variables?.[name];
      let any = false;
      entityFetch.points.forEach((index, position) => {
        const point = plan.fetches[index]!;
        const representations = found[index]!.map(({ object }) => ({
          __typename: point.typeName,
          ...Object.fromEntries(point.keyFields.map((key) => [key, object[keyAlias(key)]])),
        }));
        if (representations.length > 0) any = true;
        inputs[`__r${position}`] = representations;
      });
      if (!any) return;
      let response: Awaited<ReturnType<EntityFetcher>>;
      try {
        response = await fetch(entityFetch.graph, entityFetch.query, inputs);
      } catch {
        response = { errors: [{ message: `The ${entityFetch.graph} subgraph is unavailable`, extensions: { code: 'SERVICE_UNAVAILABLE' } }] };
      }
      entityFetch.points.forEach((index, position) => {
        const entities = (response.data?.[`f${position}`] as unknown[] | null | undefined) ?? [];
        for (const [item, located] of found[index]!.entries()) {
          const entity = entities[item];
          if (isObject(entity)) Object.assign(located.object, entity);
          else (located.holder as Record<string | number, unknown>)[located.key] = null;
        }
      });
      for (const error of response.errors ?? []) {
        const point = plan.fetches[entityFetch.points[0]!]!;
        errors.push({ ...error, path: point.path });
      }
    }),
  );
  for (const point of plan.fetches) {
    for (const { object } of locate(data, point.path)) {
      for (const key of Object.keys(object)) if (key.startsWith(RESERVED_PREFIX)) delete object[key];
    }
  }
  return errors.length > 0 ? { ...result, data, errors } : { ...result, data };
}
