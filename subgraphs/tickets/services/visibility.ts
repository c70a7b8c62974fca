import type { FilterQuery } from '@mikro-orm/postgresql';
import { domainError, ErrorCode } from '../../../common/errors';
import type { Context } from '../context';
import type { Ticket } from '../entities/ticket';
import { viewsIn, type Actor } from './access-rules';
import { assertAllowed } from './permissions';
import { isUuid } from './validation';

/**
 * The tickets an actor may see, as a filter: everything for managers; else
 * their own and those of categories where they view or respond. Null when
 * they may see none.
 */
export async function visibleFilter({ loaders }: Context, actor: Actor): Promise<FilterQuery<Ticket> | null> {
  if (actor.manage) return {};
  const categoryIds = (await loaders.allCategories()).filter((category) => viewsIn(actor, category)).map((category) => category.id);
  const any: FilterQuery<Ticket>[] = [];
  if (actor.userId) any.push({ ownerId: actor.userId });
  if (categoryIds.length > 0) any.push({ categoryId: { $in: categoryIds } });
  return any.length === 0 ? null : { $or: any };
}

/** A ticket the actor may see; NOT_FOUND for missing and hidden ones alike. */
export async function visibleTicket(context: Context, actor: Actor, id: string): Promise<Ticket> {
  const ticket = isUuid(id) ? await context.loaders.ticketById.load(id) : null;
  if (!ticket) throw domainError(ErrorCode.NotFound, 'Ticket not found');
  await assertAllowed(context, 'ticket:view', { actor, ticket });
  return ticket;
}
