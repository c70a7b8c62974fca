import { defineEntity, p, type InferEntity } from '@mikro-orm/postgresql';
import { baseProperties } from '../../../common/entity-base';

/** A message on a ticket; the first one is given when the ticket is created. */
export const TicketMessage = defineEntity({
  name: 'TicketMessage',
  tableName: 'messages',
  properties: {
    ...baseProperties(),
    ticketId: p.uuid(),
    authorId: p.uuid(),
    body: p.text(),
  },
});
export type TicketMessage = InferEntity<typeof TicketMessage>;
