import { EntitySchema } from '@mikro-orm/postgresql';

/** A kind of ticket (seed 001); role ids point at the admin subgraph's roles. */
export class TicketCategory {
  id!: string;
  name!: string;
  description = '';
  color = '#6B7280';
  /** Roles whose holders see, answer, claim and close this category's tickets. */
  responderRoleIds: string[] = [];
  /** Roles whose holders see this category's tickets. */
  viewerRoleIds: string[] = [];
  createdAt: Date = new Date();
  updatedAt: Date = new Date();
}

export const TicketCategorySchema = new EntitySchema<TicketCategory>({
  class: TicketCategory,
  tableName: 'categories',
  properties: {
    id: { type: 'uuid', primary: true },
    name: { type: 'text' },
    description: { type: 'text' },
    color: { type: 'text' },
    responderRoleIds: { type: 'text[]', columnType: 'uuid[]' },
    viewerRoleIds: { type: 'text[]', columnType: 'uuid[]' },
    createdAt: { type: 'Date' },
    updatedAt: { type: 'Date' },
  },
});
