import {
  GraphQLError,
  getNamedType,
  isObjectType,
  isInterfaceType,
  Kind,
  type ASTVisitor,
  type FieldNode,
  type FragmentDefinitionNode,
  type GraphQLCompositeType,
  type GraphQLNamedType,
  type OperationDefinitionNode,
  type SelectionSetNode,
  type ValidationContext,
  type ValidationRule,
} from 'graphql';
import { loadConfig, type Config } from '../common/config';
import { MAX_PAGE_SIZE } from '../common/connections';

/**
 * Limits every operation the gateway runs, whichever door it came through
 * (HTTP, the REST layer's executeOperation, WebSocket): how deep it nests, how
 * many aliases, root fields and directives it uses, and what it would cost.
 * Cost counts one per field, multiplied through every paginated field (one
 * taking `first`: all entity lists are connections) by the page size asked
 * for (`first`, else the field's default, else DEFAULT_LIST_SIZE), so wide
 * entity fan-out is priced. docs/SECURITY.md lists the defaults.
 */
/** maxTokens is enforced by the parser (Apollo's parseOptions), the rest by the rule below. */
export type OperationLimits = Config['operationLimits'];

/** The defaults of common/config.ts (OPERATION_MAX_* variables). */
export const DEFAULT_OPERATION_LIMITS: OperationLimits = loadConfig({}).operationLimits;

/**
 * Introspection (__schema, __type) is answered from the gateway's schema in
 * memory, and the standard introspection query that IDEs and codegen send
 * nests deeper than any data query should (ofType chains). Its subtree is
 * therefore not held to maxDepth; what makes introspection expensive is
 * lists of types nested in each other (types { fields { type { fields ... } } }),
 * so those are limited instead: the standard query nests three (types,
 * fields, args).
 */
const INTROSPECTION_ROOT_FIELDS = new Set(['__schema', '__type']);
const INTROSPECTION_LIST_FIELDS = new Set(['types', 'fields', 'inputFields', 'interfaces', 'possibleTypes', 'enumValues', 'args', 'directives']);
export const MAX_INTROSPECTION_LIST_NESTING = 3;

/** How many introspection list fields nest inside each other under this selection. */
function introspectionListNesting(context: ValidationContext, selectionSet: SelectionSetNode, visiting: Set<string>): number {
  let deepest = 0;
  for (const selection of selectionSet.selections) {
    if (selection.kind === Kind.FIELD) {
      const own = INTROSPECTION_LIST_FIELDS.has(selection.name.value) ? 1 : 0;
      deepest = Math.max(deepest, own + (selection.selectionSet ? introspectionListNesting(context, selection.selectionSet, visiting) : 0));
    } else if (selection.kind === Kind.INLINE_FRAGMENT) {
      deepest = Math.max(deepest, introspectionListNesting(context, selection.selectionSet, visiting));
    } else {
      const fragment = context.getFragment(selection.name.value);
      if (!fragment || visiting.has(selection.name.value)) continue;
      visiting.add(selection.name.value);
      deepest = Math.max(deepest, introspectionListNesting(context, fragment.selectionSet, visiting));
      visiting.delete(selection.name.value);
    }
  }
  return deepest;
}

/** Assumed size of a list whose page size is not given. */
const DEFAULT_LIST_SIZE = 50;

interface Measure {
  depth: number;
  aliases: number;
  directives: number;
  cost: number;
  /** Deepest nesting of introspection lists (see INTROSPECTION_LIST_FIELDS). */
  introspectionNesting?: number;
}

function limitError(message: string, node: OperationDefinitionNode): GraphQLError {
  // Reported as a validation failure (GRAPHQL_VALIDATION_FAILED), which passes error masking.
  return new GraphQLError(message, { nodes: [node] });
}

function listSize(field: FieldNode, defaultFirst: unknown): number {
  const first = field.arguments?.find((argument) => argument.name.value === 'first');
  if (first?.value.kind === Kind.INT) return Math.max(1, Number(first.value.value));
  // A variable's value is not known while validating: assume the largest page.
  if (first?.value.kind === Kind.VARIABLE) return MAX_PAGE_SIZE;
  return typeof defaultFirst === 'number' ? Math.max(1, defaultFirst) : DEFAULT_LIST_SIZE;
}

function measureSelections(
  context: ValidationContext,
  selectionSet: SelectionSetNode,
  parentType: GraphQLNamedType | undefined,
  visiting: Set<string>,
): Measure {
  const total: Measure = { depth: 0, aliases: 0, directives: 0, cost: 0 };
  const add = (measure: Measure, multiplier = 1) => {
    total.depth = Math.max(total.depth, measure.depth);
    total.aliases += measure.aliases;
    total.directives += measure.directives;
    total.cost += measure.cost * multiplier;
    total.introspectionNesting = Math.max(total.introspectionNesting ?? 0, measure.introspectionNesting ?? 0);
  };
  for (const selection of selectionSet.selections) {
    total.directives += selection.directives?.length ?? 0;
    if (selection.kind === Kind.FIELD) {
      const fields = parentType && (isObjectType(parentType) || isInterfaceType(parentType)) ? parentType.getFields() : {};
      const definition = fields[selection.name.value];
      const firstArgument = definition?.args.find((argument) => argument.name === 'first');
      // Paginated fields (connections, taking `first`) are what fans out; a plain list
      // inside them (a connection's edges) is that same page and is not counted twice.
      const multiplier = firstArgument ? listSize(selection, firstArgument.defaultValue) : 1;
      if (selection.alias) total.aliases += 1;
      if (INTROSPECTION_ROOT_FIELDS.has(selection.name.value) && selection.selectionSet) {
        // Aliases, directives and fields inside still count; only the depth is replaced by the list nesting.
        const inner = measureSelections(context, selection.selectionSet, definition ? getNamedType(definition.type) : undefined, visiting);
        const introspectionNesting = introspectionListNesting(context, selection.selectionSet, new Set());
        add({ depth: 1, aliases: inner.aliases, directives: inner.directives, cost: 1 + inner.cost, introspectionNesting });
        continue;
      }
      const child = selection.selectionSet
        ? measureSelections(context, selection.selectionSet, definition ? getNamedType(definition.type) : undefined, visiting)
        : { depth: 0, aliases: 0, directives: 0, cost: 0 };
      add({ depth: child.depth + 1, aliases: child.aliases, directives: child.directives, cost: 1 + child.cost }, multiplier);
    } else if (selection.kind === Kind.INLINE_FRAGMENT) {
      const typeName = selection.typeCondition?.name.value;
      const type = typeName ? context.getSchema().getType(typeName) : parentType;
      add(measureSelections(context, selection.selectionSet, type ?? undefined, visiting));
    } else {
      const name = selection.name.value;
      const fragment: FragmentDefinitionNode | null | undefined = context.getFragment(name);
      // Cycles are reported by graphql's own NoFragmentCycles rule; just stop here.
      if (!fragment || visiting.has(name)) continue;
      visiting.add(name);
      const type = context.getSchema().getType(fragment.typeCondition.name.value) as GraphQLCompositeType | undefined;
      add(measureSelections(context, fragment.selectionSet, type, visiting));
      visiting.delete(name);
    }
  }
  return total;
}

export function operationLimitsRule(limits: OperationLimits): ValidationRule {
  return (context: ValidationContext): ASTVisitor => ({
    OperationDefinition(operation) {
      const root =
        operation.operation === 'query'
          ? context.getSchema().getQueryType()
          : operation.operation === 'mutation'
            ? context.getSchema().getMutationType()
            : context.getSchema().getSubscriptionType();
      if (operation.selectionSet.selections.length > limits.maxRootFields) {
        context.reportError(limitError(`Operation has more than ${limits.maxRootFields} root fields`, operation));
        return false;
      }
      const measure = measureSelections(context, operation.selectionSet, root ?? undefined, new Set());
      measure.directives += operation.directives?.length ?? 0;
      if ((measure.introspectionNesting ?? 0) > MAX_INTROSPECTION_LIST_NESTING) {
        context.reportError(limitError(`Introspection nests more than ${MAX_INTROSPECTION_LIST_NESTING} lists of types, fields or arguments`, operation));
      } else if (measure.depth > limits.maxDepth) context.reportError(limitError(`Operation is nested deeper than ${limits.maxDepth} levels`, operation));
      else if (measure.aliases > limits.maxAliases) context.reportError(limitError(`Operation uses more than ${limits.maxAliases} aliases`, operation));
      else if (measure.directives > limits.maxDirectives) context.reportError(limitError(`Operation uses more than ${limits.maxDirectives} directives`, operation));
      else if (measure.cost > limits.maxCost) context.reportError(limitError(`Operation would cost ${measure.cost}, more than the limit of ${limits.maxCost}`, operation));
      return false;
    },
  });
}
