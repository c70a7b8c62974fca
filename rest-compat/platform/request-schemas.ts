import type { JsonSchema } from '../route-table';

/**
 * Request schemas the platform routes share. Ids are UUIDs checked here, so
 * a bad one is named as the request field it is rather than refused later
 * by GraphQL.
 */
export const UUID: JsonSchema = { type: 'string', format: 'uuid' };

/** A request part that names one record by its required `id`, beside the given fields (PUT bodies, DELETE queries). */
export function byId(properties: Record<string, JsonSchema> = {}): JsonSchema {
  return { type: 'object', required: ['id'], properties: { id: UUID, ...properties } };
}

/** A query that names one record by one required field, as the tickets routes do (`ticketId`, `categoryId`, `messageId`). */
export function byField(name: string): JsonSchema {
  return { type: 'object', required: [name], properties: { [name]: { type: 'string' } } };
}
