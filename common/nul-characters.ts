/**
 * PostgreSQL cannot store U+0000 in text (and the driver fails the whole
 * statement on it), so a NUL character is refused as invalid input at every
 * door before it can reach SQL: the REST layer checks request bodies, query
 * strings and path parameters, the gateway checks GraphQL variables and
 * string literals (gateway/nul-input.ts).
 */
export const NUL_MESSAGE = 'must not contain the NUL character (U+0000)';

export function containsNul(text: string): boolean {
  return text.includes('\u0000');
}

/**
 * The path to the first string (or property name) in a parsed JSON value
 * that holds a NUL character; null when there is none. Iterative, so a
 * hostile nesting depth cannot overflow the stack. A property name with a
 * NUL is reported by its parent's path.
 */
export function pathToNul(value: unknown): (string | number)[] | null {
  const stack: { value: unknown; path: (string | number)[] }[] = [{ value, path: [] }];
  while (stack.length > 0) {
    const item = stack.pop()!;
    if (typeof item.value === 'string') {
      if (containsNul(item.value)) return item.path;
      continue;
    }
    if (item.value === null || typeof item.value !== 'object') continue;
    const entries = Array.isArray(item.value) ? item.value.map((child, index) => [index, child] as const) : Object.entries(item.value);
    // Pushed in reverse, so the first offending entry in document order is found first.
    for (let index = entries.length - 1; index >= 0; index -= 1) {
      const [key, child] = entries[index]!;
      if (typeof key === 'string' && containsNul(key)) return item.path;
      stack.push({ value: child, path: [...item.path, key] });
    }
  }
  return null;
}
