/**
 * How a typed route's request becomes its operation's variables. As in
 * graphql-hive/SOFA, a variable takes the request value of its name and is
 * parsed by its GraphQL type: the route's JSON schema has checked the request
 * part, and the gateway coerces every variable against its declared type
 * (rest-compat/variable-errors.ts names a refused value as the request field
 * it came from). So a value taken straight from the request is marked as
 * such rather than cast to the TypeScript type codegen generated; a value the
 * route computes must have that type.
 */

declare const checkedByGraphQL: unique symbol;

/** A request value handed to GraphQL as it came; GraphQL's coercion is its type check. */
export interface RequestValue {
  readonly [checkedByGraphQL]: true;
}

/** Each variable: of its generated type, or (at any depth) a request value. */
export type RouteVariables<T> = { [K in keyof T]: RouteValue<T[K]> };
type RouteValue<T> = RequestValue | (T extends readonly (infer E)[] ? RouteValue<E>[] : T extends object ? RouteVariables<T> : T);

function valueOf(part: unknown): Record<string, unknown> {
  return typeof part === 'object' && part !== null ? (part as Record<string, unknown>) : {};
}

/** Marks a value as the request's own: the one place the brand is given. */
function fromRequest(value: unknown): RequestValue {
  return value as RequestValue;
}

/** The request part's field of that name, for the variable of the same meaning. */
export function requestField(part: unknown, name: string): RequestValue {
  return fromRequest(valueOf(part)[name]);
}

/** The listed fields the request part has (fields it omits stay omitted), for an input object variable. */
export function requestFields(part: unknown, names: readonly string[]): RequestValue {
  const fields = valueOf(part);
  return fromRequest(Object.fromEntries(names.filter((name) => fields[name] !== undefined).map((name) => [name, fields[name]])));
}

/**
 * The fields the request part has, each under its input field's name: for an
 * input object whose fields the REST API spells otherwise (`first_name` for
 * `firstName`). `names` maps each input field to its request field. Fields
 * the request omits stay omitted: like any request value, each may be absent,
 * and the part's schema and GraphQL's coercion decide whether it may be.
 */
export function requestFieldsAs<TField extends string>(part: unknown, names: Readonly<Record<TField, string>>): Record<TField, RequestValue> {
  const fields = valueOf(part);
  const entries = Object.entries<string>(names).filter(([, name]) => fields[name] !== undefined);
  return Object.fromEntries(entries.map(([field, name]) => [field, fromRequest(fields[name])])) as Record<TField, RequestValue>;
}

/**
 * The request part's fields, for a route that computes a variable from them
 * (decimal text to a number, one of two field names): read, not cast, so the
 * computed value must still have the variable's generated type.
 */
export function requestFieldsOf(part: unknown): Readonly<Record<string, unknown>> {
  return valueOf(part);
}

/** A whole request part, for an input object variable the part's schema already limits to that input's fields. */
export function requestPart(part: unknown): RequestValue {
  return fromRequest(part);
}
