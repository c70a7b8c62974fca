import { EntitySchema } from '@mikro-orm/postgresql';

export type TicketStatus = 'open' | 'claimed' | 'closed';
export const TICKET_STATUSES: readonly TicketStatus[] = ['open', 'claimed', 'closed'];

/** A support ticket (seed 001). Owner and claimer are admin-subgraph user ids. */
export class Ticket {
  id!: string;
  title!: string;
  /** Null once its category was deleted (only the owner and managers see it then). */
  categoryId: string | null = null;
  ownerId!: string;
  status: TicketStatus = 'open';
  claimedById: string | null = null;
  createdAt: Date = new Date();
  updatedAt: Date = new Date();
  closedAt: Date | null = null;
}

export const TicketSchema = new EntitySchema<Ticket>({
  class: Ticket,
  tableName: 'tickets',
  properties: {
    id: { type: 'uuid', primary: true },
    title: { type: 'text' },
    categoryId: { type: 'uuid', nullable: true },
    ownerId: { type: 'uuid' },
    status: { type: 'text' },
    claimedById: { type: 'uuid', nullable: true },
    createdAt: { type: 'Date' },
    updatedAt: { type: 'Date' },
    closedAt: { type: 'Date', nullable: true },
  },
});
