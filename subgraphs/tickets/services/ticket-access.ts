import type { Context } from '../context';
import type { TicketCategory } from '../entities/ticket-category';
import { respondsIn, viewsIn } from './access-rules';
import { assertAllowed } from './permissions';

/** Query.ticketAccess: what the caller may do with tickets, and in which categories. */
export interface TicketAccessResult {
  canAccess: boolean;
  canManage: boolean;
  canDefine: boolean;
  canCreate: boolean;
  categories: TicketCategoryAccessResult[];
}

/** One category the caller sees, and whether they answer its tickets. */
export interface TicketCategoryAccessResult {
  category: TicketCategory;
  canView: boolean;
  canRespond: boolean;
}

/** What the caller may do, for clients that show or hide ticket features. */
export async function ticketAccess(context: Context): Promise<TicketAccessResult> {
  const { principal, loaders } = context;
  const actor = await assertAllowed(context, 'ticket:read');
  const canWrite = principal.kind !== 'apiKey' || principal.scopes.includes('tickets:write');
  const categories = (await loaders.allCategories())
    .filter((category) => viewsIn(actor, category))
    .map((category) => ({ category, canView: true, canRespond: respondsIn(actor, category) }));
  return {
    canAccess: actor.userId !== null || actor.manage || actor.define,
    canManage: actor.manage,
    canDefine: actor.define,
    canCreate: actor.userId !== null && canWrite,
    categories,
  };
}
