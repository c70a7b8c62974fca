import { GraphQLError, isScalarType, isSpecifiedScalarType, type GraphQLFormattedError, type GraphQLScalarType, type GraphQLSchema } from 'graphql';
import {
  DateTimeResolver,
  EmailAddressResolver,
  HexColorCodeResolver,
  JSONObjectResolver,
  JSONResolver,
  NonEmptyStringResolver,
  URLResolver,
  UUIDResolver,
} from 'graphql-scalars';
import { ErrorCode } from '../common/errors';

/**
 * The input checks of the custom scalars the subgraphs use (each subgraph's
 * resolvers map these names to these graphql-scalars implementations).
 *
 * The supergraph carries scalars by name only, so the gateway's schema
 * accepts any literal for them: `resource(id: "not-a-uuid")` passed the
 * gateway's validation, the subgraph refused the whole fetch at its own
 * validation (HTTP 400), and the gateway answered that as a masked internal
 * error with every field of the fetch null. Giving the gateway the same
 * checks refuses such a value before planning, as the client's mistake.
 */
export const SCALAR_INPUT_CHECKS: Readonly<Record<string, GraphQLScalarType>> = {
  DateTime: DateTimeResolver,
  EmailAddress: EmailAddressResolver,
  HexColorCode: HexColorCodeResolver,
  JSON: JSONResolver,
  JSONObject: JSONObjectResolver,
  NonEmptyString: NonEmptyStringResolver,
  URL: URLResolver,
  UUID: UUIDResolver,
};

/**
 * A literal in the document that its scalar refused. Thrown as a plain Error
 * so that graphql's ValuesOfCorrectType rule words it with the expected type
 * and the value found, and so that formatError can tell it from other
 * validation failures.
 */
export class ScalarLiteralRefused extends Error {}

/** The custom scalars of `schema` that the gateway has no input check for. */
export function uncheckedScalars(schema: GraphQLSchema): string[] {
  return Object.values(schema.getTypeMap())
    .filter((type) => isScalarType(type) && !isSpecifiedScalarType(type) && !(type.name in SCALAR_INPUT_CHECKS))
    .map((type) => type.name);
}

/**
 * Gives the gateway's API schema the subgraphs' input checks: literals are
 * checked during validation, variables when the gateway coerces them (before
 * planning). Only parsing changes: the gateway never serialises these
 * scalars (subgraph results are passed through), so output is unaffected.
 */
export function checkScalarInputs(schema: GraphQLSchema): void {
  for (const [name, implementation] of Object.entries(SCALAR_INPUT_CHECKS)) {
    const scalar = schema.getType(name);
    if (!isScalarType(scalar)) continue;
    scalar.parseValue = (value) => implementation.parseValue(value);
    scalar.parseLiteral = (node, variables) => {
      try {
        return implementation.parseLiteral(node, variables);
      } catch (error) {
        throw new ScalarLiteralRefused(error instanceof Error ? error.message : String(error));
      }
    };
  }
}

function refusedLiteral(error: unknown): boolean {
  for (let current = error; current instanceof Error; current = current instanceof GraphQLError ? current.originalError : undefined) {
    if (current instanceof ScalarLiteralRefused) return true;
  }
  return false;
}

/**
 * A literal refused by its scalar is reported by validation (GRAPHQL_VALIDATION_FAILED),
 * but it is bad input like the same value sent as a variable: BAD_USER_INPUT.
 */
export function scalarRefusalAsBadInput(formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError {
  if (formatted.extensions?.code !== 'GRAPHQL_VALIDATION_FAILED' || !refusedLiteral(error)) return formatted;
  return { ...formatted, extensions: { ...formatted.extensions, code: ErrorCode.BadUserInput } };
}
