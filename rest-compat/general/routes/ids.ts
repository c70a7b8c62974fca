import type { JsonSchema } from '../../route-table';

/** A path of one `:id`; the id is checked by idParam, not by the schema, so a malformed one is a 404 like an unknown one. */
export const ID_PATH: JsonSchema = { type: 'object', required: ['id'], properties: { id: { type: 'string', maxLength: 100 } } };

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** An id that is not a UUID names no resource: it becomes one that matches nothing, so the answer is 404. */
const NO_SUCH_ID = '00000000-0000-0000-0000-000000000000';
export function idParam(value: unknown): string {
  return typeof value === 'string' && UUID.test(value) ? value : NO_SUCH_ID;
}
