import type { JsonSchema } from '../../route-table';

/** Owncast's BasicResponse, as GraphQL's BasicResult answers it. */
export interface BasicResultData {
  success: boolean;
  message: string;
}

/** Owncast's ConfigValue: {"value": ...}; the subgraph checks the value itself. */
export const CONFIG_VALUE_BODY: JsonSchema = {
  type: 'object',
  required: ['value'],
  properties: { value: { description: 'string, integer, boolean, object or list, per endpoint' } },
};

export const BASIC_RESULT_FIELDS = 'success message';

/** Drops null fields, which the Owncast schemas leave out rather than null. */
export function withoutNulls<T extends Record<string, unknown>>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, field]) => field !== null)) as Partial<T>;
}
