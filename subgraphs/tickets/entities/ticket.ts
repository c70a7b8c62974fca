import { defineEntity, p, type InferEntity } from '@mikro-orm/postgresql';
import { baseProperties } from '../../../common/entity-base';

/** A support ticket. Owner and claimer are user ids of the admin subgraph. */
export const Ticket = defineEntity({
  name: 'Ticket',
  tableName: 'tickets',
  properties: {
    ...baseProperties(),
    title: p.text(),
    /** Null once its category was deleted (only the owner and managers see it then). */
    categoryId: p.uuid().nullable(),
    ownerId: p.uuid(),
    status: p.enum(['open', 'claimed', 'closed']),
    claimedById: p.uuid().nullable(),
    closedAt: p.datetime().nullable(),
  },
});
export type Ticket = InferEntity<typeof Ticket>;
export type TicketStatus = Ticket['status'];
