import { defineEntity, p, type InferEntity } from '@mikro-orm/postgresql';
import { baseProperties } from '../../../common/entity-base';

/** A kind of ticket; its role ids point at the admin subgraph's roles. */
export const TicketCategory = defineEntity({
  name: 'TicketCategory',
  tableName: 'categories',
  properties: {
    ...baseProperties(),
    name: p.text(),
    description: p.text(),
    color: p.text(),
    /** Roles whose holders see, answer, claim and close this category's tickets. */
    responderRoleIds: p.array().columnType('uuid[]'),
    /** Roles whose holders see this category's tickets. */
    viewerRoleIds: p.array().columnType('uuid[]'),
  },
});
export type TicketCategory = InferEntity<typeof TicketCategory>;
