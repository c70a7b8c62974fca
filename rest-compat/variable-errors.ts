import type { RestInput, ValidationIssue } from './route-table';

/**
 * A REST route's input reaches GraphQL as variables, and a value GraphQL
 * cannot coerce comes back as graphql-js words it:
 * `Variable "$input" got invalid value "x" at "input.expiresAt"; Expected type "DateTime" ...`.
 * A REST client never sent a variable, so this turns such an error into the
 * issue of the request field the value came from (its part and path), said
 * in plain words without GraphQL type syntax, for the family's own
 * validation shape.
 */

const INVALID_VALUE = /^Variable "\$([A-Za-z_][A-Za-z0-9_]*)" got invalid value .*?(?: at "([A-Za-z0-9_.[\]]+)")?; (.*)$/s;
const MISSING_VALUE = /^Variable "\$([A-Za-z_][A-Za-z0-9_]*)" of (?:required|non-null) type "[^"]*" (?:was not provided|must not be null)\.?$/s;
const MISSING_FIELD = /Field "([A-Za-z_][A-Za-z0-9_]*)" of required type "[^"]*" was not provided/;
const UNKNOWN_FIELD = /Field "([A-Za-z_][A-Za-z0-9_]*)" is not defined by type/;

/** What graphql-js or a graphql-scalars type said, in words a REST client can act on; first match wins. */
const REASONS: { match: RegExp; message: string; keyword: string }[] = [
  { match: /\bUUID\b/, message: 'must be a UUID', keyword: 'format' },
  { match: /email address|EmailAddress/i, message: 'must be an email address', keyword: 'format' },
  { match: /\bURL\b/, message: 'must be an absolute URL', keyword: 'format' },
  { match: /DateTime|date-time/i, message: 'must be an ISO 8601 date and time', keyword: 'format' },
  { match: /HexColorCode/, message: 'must be a hex colour such as #336699', keyword: 'format' },
  { match: /empty string|NonEmptyString/, message: 'must not be empty', keyword: 'minLength' },
  { match: /\bInt\b/, message: 'must be an integer', keyword: 'type' },
  { match: /\bFloat\b/, message: 'must be a number', keyword: 'type' },
  { match: /\bBoolean\b/, message: 'must be true or false', keyword: 'type' },
  { match: /\b(String|ID)\b/, message: 'must be a string', keyword: 'type' },
  { match: /\benum\b/, message: 'is not one of the allowed values', keyword: 'enum' },
  { match: /JSONObject|non-object|\bobject\b/i, message: 'must be an object', keyword: 'type' },
  { match: /list|array/i, message: 'must be a list', keyword: 'type' },
];

/** The request issue behind a variable coercion error; undefined when the message is not one. */
export function issueOfVariableError(message: string, input: RestInput): ValidationIssue | undefined {
  const missing = MISSING_VALUE.exec(message);
  if (missing) return locate([missing[1]!], input, 'is required', 'required');
  const invalid = INVALID_VALUE.exec(message);
  if (!invalid) return undefined;
  const [, name, at, reason = ''] = invalid;
  const path = at ? pathOf(at) : [name!];
  const missingField = MISSING_FIELD.exec(reason);
  if (missingField) return locate([...path, missingField[1]!], input, 'is required', 'required');
  const unknownField = UNKNOWN_FIELD.exec(reason);
  if (unknownField) return locate([...path, unknownField[1]!], input, 'is not a known field', 'additionalProperties');
  const words = REASONS.find(({ match }) => match.test(reason)) ?? { message: 'is invalid', keyword: 'type' };
  return locate(path, input, words.message, words.keyword);
}

/** Whether a message still reads as GraphQL (a variable, a GraphQL type): a REST client must not see it. */
export function speaksGraphQL(message: string): boolean {
  return /\$[A-Za-z_][A-Za-z0-9_]*\b|\bVariable "|\b(?:type|of type) "[A-Za-z_]+!?"|\binput type\b|Cannot query field/.test(message);
}

/** `input.allowedIps[0]` → ['input', 'allowedIps', 0]. */
function pathOf(printed: string): (string | number)[] {
  return printed
    .replace(/\[(\d+)\]/g, '.$1')
    .split('.')
    .filter(Boolean)
    .map((part) => (/^\d+$/.test(part) ? Number(part) : part));
}

function snakeCase(name: string): string {
  return name.replace(/[A-Z]/g, (letter) => `_${letter.toLowerCase()}`);
}

/**
 * Finds the request field a variable path came from. A route passes a field
 * either as a variable of its own name (`$id` ← `id`, or `per_page` for
 * `$perPage`) or inside an input object built from the body (`$input` ←
 * the body's fields), so the path's first or second segment is a field of
 * the path parameters, the query string or the body.
 */
function locate(variablePath: (string | number)[], input: RestInput, message: string, keyword: string): ValidationIssue {
  const parts: [ValidationIssue['location'], unknown][] = [
    ['path', input.params],
    ['query', input.query],
    ['body', input.body],
  ];
  const [first, ...rest] = variablePath;
  const candidates: (string | number)[][] = [variablePath, ...(rest.length > 0 ? [rest] : [])];
  for (const candidate of candidates) {
    const [key, ...below] = candidate;
    if (typeof key !== 'string') continue;
    for (const [location, value] of parts) {
      if (value === null || typeof value !== 'object') continue;
      for (const name of [key, snakeCase(key)]) {
        if (Object.hasOwn(value, name)) return { location, path: [name, ...below], message, keyword };
      }
    }
  }
  // The field was not sent at all: name it where the route takes its fields.
  const named = rest.length > 0 && input.body !== null && typeof input.body === 'object' ? rest : [first ?? 'request'];
  const location: ValidationIssue['location'] = input.body !== undefined && input.body !== null && typeof input.body === 'object' ? 'body' : 'query';
  return { location, path: named, message, keyword };
}
