import type { EntityManager } from '@mikro-orm/postgresql';
import { domainError, ErrorCode } from '../../../common/errors';
import type { Principal } from '../../../common/principal';
import { TicketCategory } from '../entities/ticket-category';

/** Any signed-in user or API key may list categories (seed 001, P21). */
export async function listCategories(em: EntityManager, principal: Principal): Promise<TicketCategory[]> {
  if (principal.kind === 'anonymous') throw domainError(ErrorCode.Unauthenticated, 'Sign in to see ticket categories');
  return em.find(TicketCategory, {}, { orderBy: { name: 'asc', id: 'asc' } });
}
