import { EntitySchema } from '@mikro-orm/postgresql';

/** A message on a ticket; the first one is given when the ticket is created. */
export class TicketMessage {
  id!: string;
  ticketId!: string;
  authorId!: string;
  body!: string;
  createdAt: Date = new Date();
  updatedAt: Date = new Date();
}

export const TicketMessageSchema = new EntitySchema<TicketMessage>({
  class: TicketMessage,
  tableName: 'messages',
  properties: {
    id: { type: 'uuid', primary: true },
    ticketId: { type: 'uuid' },
    authorId: { type: 'uuid' },
    body: { type: 'text' },
    createdAt: { type: 'Date' },
    updatedAt: { type: 'Date' },
  },
});
