import { maxAliasesRule } from '@escape.tech/graphql-armor-max-aliases';
import { maxDepthRule } from '@escape.tech/graphql-armor-max-depth';
import { maxDirectivesRule } from '@escape.tech/graphql-armor-max-directives';
import {
  GraphQLError,
  getNamedType,
  isInterfaceType,
  isObjectType,
  Kind,
  type ASTVisitor,
  type FieldNode,
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
 * docs/SECURITY.md lists the defaults.
 *
 * Every measure here takes time linear in the document: a fragment is
 * measured once, however often it is spread. (Measuring it again at every
 * spread lets a chain of fragments, each spreading the previous one twice,
 * cost 2^n in under 1 KB of text and block the process.)
 */
export type OperationLimits = Config['operationLimits'];

/** The defaults of common/config.ts (OPERATION_MAX_* variables). */
export const DEFAULT_OPERATION_LIMITS: OperationLimits = loadConfig({}).operationLimits;

/** Assumed size of a list whose page size is not given. */
const DEFAULT_LIST_SIZE = 50;

/**
 * graphql-armor rules throw out of graphql's validate() by default and word
 * their refusal as a "Syntax Error"; report a plain sentence into the
 * validation instead, so Apollo and the WebSocket server answer it as a
 * validation failure (GRAPHQL_VALIDATION_FAILED, which passes error masking).
 */
function reportedAs(message: string) {
  return {
    propagateOnRejection: false,
    onReject: [(context: ValidationContext | null) => context?.reportError(new GraphQLError(message))],
  };
}

function limitError(message: string, node: OperationDefinitionNode): GraphQLError {
  return new GraphQLError(message, { nodes: [node] });
}

function listSize(field: FieldNode, defaultFirst: unknown): number {
  const first = field.arguments?.find((argument) => argument.name.value === 'first');
  if (first?.value.kind === Kind.INT) return Math.max(1, Number(first.value.value));
  // A variable's value is not known while validating: assume the largest page.
  if (first?.value.kind === Kind.VARIABLE) return MAX_PAGE_SIZE;
  return typeof defaultFirst === 'number' ? Math.max(1, defaultFirst) : DEFAULT_LIST_SIZE;
}

/**
 * Cost and root fields, which graphql-armor does not measure our way: it has
 * no root-field limit, and its cost limit prices `first: $variable` and a
 * field's default page size as one item, so `friends(first: $n)` nested three
 * times would pass as a handful of fields while fetching a million. Cost here
 * is one per field, multiplied through every paginated field (one taking
 * `first`: all entity lists are connections) by the page size asked for
 * (`first`, else the field's default, else DEFAULT_LIST_SIZE; a variable
 * counts as MAX_PAGE_SIZE), so wide entity fan-out is priced.
 *
 * A fragment's measure depends only on the fragment (its own type condition),
 * so each is computed once and reused at every spread: linear time.
 */
class OperationMeasure {
  private readonly fragmentCosts = new Map<string, number>();
  private readonly fragmentFields = new Map<string, number>();
  /** Fragments being measured: a spread of one of them is a cycle, which graphql's NoFragmentCycles rule reports. */
  private readonly measuring = new Set<string>();

  constructor(private readonly context: ValidationContext) {}

  cost(selectionSet: SelectionSetNode, parentType: GraphQLNamedType | undefined): number {
    let total = 0;
    for (const selection of selectionSet.selections) {
      if (selection.kind === Kind.FIELD) {
        const fields = parentType && (isObjectType(parentType) || isInterfaceType(parentType)) ? parentType.getFields() : {};
        const definition = fields[selection.name.value];
        const firstArgument = definition?.args.find((argument) => argument.name === 'first');
        // Paginated fields (connections, taking `first`) are what fans out; a plain list
        // inside them (a connection's edges) is that same page and is not counted twice.
        const multiplier = firstArgument ? listSize(selection, firstArgument.defaultValue) : 1;
        const children = selection.selectionSet ? this.cost(selection.selectionSet, definition ? getNamedType(definition.type) : undefined) : 0;
        total += (1 + children) * multiplier;
      } else if (selection.kind === Kind.INLINE_FRAGMENT) {
        const typeName = selection.typeCondition?.name.value;
        total += this.cost(selection.selectionSet, typeName ? (this.context.getSchema().getType(typeName) ?? undefined) : parentType);
      } else {
        total += this.ofFragment(selection.name.value, this.fragmentCosts, (fragment) =>
          this.cost(fragment.selectionSet, this.context.getSchema().getType(fragment.typeCondition.name.value) ?? undefined),
        );
      }
    }
    return total;
  }

  /** Fields selected directly in this selection set, looking through fragments (for the root-field count). */
  fields(selectionSet: SelectionSetNode): number {
    let total = 0;
    for (const selection of selectionSet.selections) {
      if (selection.kind === Kind.FIELD) total += 1;
      else if (selection.kind === Kind.INLINE_FRAGMENT) total += this.fields(selection.selectionSet);
      else total += this.ofFragment(selection.name.value, this.fragmentFields, (fragment) => this.fields(fragment.selectionSet));
    }
    return total;
  }

  private ofFragment(
    name: string,
    known: Map<string, number>,
    measure: (fragment: NonNullable<ReturnType<ValidationContext['getFragment']>>) => number,
  ): number {
    const cached = known.get(name);
    if (cached !== undefined) return cached;
    const fragment = this.context.getFragment(name);
    // Unknown fragments (KnownFragmentNames) and cycles (NoFragmentCycles) are graphql's own validation errors.
    if (!fragment || this.measuring.has(name)) return 0;
    this.measuring.add(name);
    const value = measure(fragment);
    this.measuring.delete(name);
    known.set(name, value);
    return value;
  }
}

function costAndRootFieldsRule(limits: OperationLimits): ValidationRule {
  return (context: ValidationContext): ASTVisitor => {
    const measure = new OperationMeasure(context);
    return {
      OperationDefinition(operation) {
        const schema = context.getSchema();
        const root =
          operation.operation === 'query'
            ? schema.getQueryType()
            : operation.operation === 'mutation'
              ? schema.getMutationType()
              : schema.getSubscriptionType();
        if (measure.fields(operation.selectionSet) > limits.maxRootFields) {
          context.reportError(limitError(`Operation has more than ${limits.maxRootFields} root fields`, operation));
        }
        const cost = measure.cost(operation.selectionSet, root ?? undefined);
        if (cost > limits.maxCost) {
          // Past 2^53 the figure is not exact (a fragment chain reaches 2^400 within the token limit): do not print it.
          const figure = Number.isSafeInteger(cost) ? `${cost}, ` : '';
          context.reportError(limitError(`Operation would cost ${figure}more than the limit of ${limits.maxCost}`, operation));
        }
      },
    };
  };
}

/**
 * The validation rules for every operation the gateway runs. The document's
 * token count (maxTokens) is limited by graphql's parser itself (Apollo's
 * parseOptions; the WebSocket server's parse call), before any of these.
 *
 * graphql-armor's depth, alias and directive rules remember each fragment's
 * count after its first spread, so they are linear in the document (checked
 * by the fragment-chain tests in test/operation-limits.test.ts).
 */
export function operationLimitRules(limits: OperationLimits): ValidationRule[] {
  return [
    // Depth counts fields only (fragments add no level). A __schema subtree is exempt: the standard
    // introspection query of IDEs and codegen nests deeper (ofType chains), and what makes introspection
    // expensive, lists of types nested in each other, is refused by graphql's own MaxIntrospectionDepthRule.
    maxDepthRule({
      n: limits.maxDepth,
      flattenFragments: true,
      ignoreIntrospection: true,
      ...reportedAs(`Operation is nested deeper than ${limits.maxDepth} levels`),
    }),
    // Every alias counts, `__typename` ones too: armor's default allow-list would let them through unpriced.
    maxAliasesRule({ n: limits.maxAliases, allowList: [], ...reportedAs(`Operation uses more than ${limits.maxAliases} aliases`) }),
    maxDirectivesRule({ n: limits.maxDirectives, ...reportedAs(`Operation uses more than ${limits.maxDirectives} directives`) }),
    costAndRootFieldsRule(limits),
  ];
}
