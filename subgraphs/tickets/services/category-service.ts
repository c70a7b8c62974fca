import { randomUUID } from 'node:crypto';
import type { EntityManager } from '@mikro-orm/postgresql';
import { domainError, ErrorCode } from '../../../common/errors';
import type { Principal } from '../../../common/principal';
import { TicketCategory } from '../entities/ticket-category';
import type { TicketsLoaders } from '../loaders';
import type { TicketsSettings } from '../settings';
import { ticketActor } from './access';
import { existingRoleIds } from './admin-client';
import { hexColor, isUuid, textBetween } from './validation';

/**
 * P21: any signed-in user, or an actor-linked key with tickets:read, sees
 * every category and its role configuration.
 */
export async function listCategories(loaders: TicketsLoaders, principal: Principal): Promise<TicketCategory[]> {
  const actor = ticketActor(principal, 'read', 'ticket categories');
  if (actor.isKey && !actor.userId) throw domainError(ErrorCode.Forbidden, 'Only actor-linked API keys may list ticket categories');
  return loaders.allCategories();
}

export interface CategoryInput {
  name: string;
  description?: string | null;
  color?: string | null;
  responderRoleIds?: string[] | null;
  viewerRoleIds?: string[] | null;
}

interface Deps {
  em: EntityManager;
  principal: Principal;
  settings: TicketsSettings;
  requestId: string;
}

function requireDefiner(principal: Principal): void {
  const actor = ticketActor(principal, 'write', 'ticket categories');
  if (!actor.define) throw domainError(ErrorCode.Forbidden, 'You lack the define_tickets permission');
}

/** Trims, lower-cases and de-duplicates a role id list; malformed ids are unknown roles. */
function normalizedRoleIds(field: string, ids: string[]): string[] {
  if (ids.length > 100) throw domainError(ErrorCode.BadUserInput, `${field} may name at most 100 roles`, { field });
  const unique = [...new Set(ids.map((id) => id.trim().toLowerCase()))];
  const malformed = unique.filter((id) => !isUuid(id));
  if (malformed.length > 0) throw domainError(ErrorCode.BadUserInput, `${field} names unknown roles: ${malformed.join(', ')}`, { field });
  return unique;
}

async function apply(deps: Deps, category: TicketCategory, input: CategoryInput): Promise<void> {
  category.name = textBetween(input.name, 'name', 1, 100);
  if (input.description !== undefined && input.description !== null) category.description = textBetween(input.description, 'description', 0, 1000);
  if (input.color !== undefined && input.color !== null) category.color = hexColor(input.color);
  const lists: [field: 'responderRoleIds' | 'viewerRoleIds', ids: string[]][] = [];
  if (input.responderRoleIds) lists.push(['responderRoleIds', normalizedRoleIds('responderRoleIds', input.responderRoleIds)]);
  if (input.viewerRoleIds) lists.push(['viewerRoleIds', normalizedRoleIds('viewerRoleIds', input.viewerRoleIds)]);
  // One call to the admin subgraph for both lists.
  const union = [...new Set(lists.flatMap(([, ids]) => ids))];
  const existing = union.length > 0 ? await existingRoleIds(deps.settings, deps.requestId, union) : new Set<string>();
  for (const [field, ids] of lists) {
    const unknown = ids.filter((id) => !existing.has(id));
    if (unknown.length > 0) throw domainError(ErrorCode.BadUserInput, `${field} names unknown roles: ${unknown.join(', ')}`, { field });
  }
  for (const [field, ids] of lists) category[field] = ids;
  category.updatedAt = new Date();
}

/** P22 (define_tickets). */
export async function createCategory(deps: Deps, input: CategoryInput): Promise<TicketCategory> {
  requireDefiner(deps.principal);
  const category = new TicketCategory();
  category.id = randomUUID();
  category.createdAt = new Date();
  await apply(deps, category, input);
  await deps.em.persist(category).flush();
  return category;
}

async function existing(em: EntityManager, id: string): Promise<TicketCategory> {
  const category = isUuid(id) ? await em.findOne(TicketCategory, { id }) : null;
  if (!category) throw domainError(ErrorCode.NotFound, 'Ticket category not found');
  return category;
}

/** P23 (define_tickets): name is required; omitted optional fields keep their value. */
export async function updateCategory(deps: Deps, id: string, input: CategoryInput): Promise<TicketCategory> {
  requireDefiner(deps.principal);
  const category = await existing(deps.em, id);
  await apply(deps, category, input);
  await deps.em.flush();
  return category;
}

/**
 * P24 (define_tickets): the category and its role configuration (who views
 * and answers its tickets) go; its tickets stay, without a category, visible
 * to their owners and to managers.
 */
export async function deleteCategory(deps: Deps, id: string): Promise<TicketCategory> {
  requireDefiner(deps.principal);
  const category = await existing(deps.em, id);
  const snapshot = Object.assign(new TicketCategory(), category);
  await deps.em.remove(category).flush();
  return snapshot;
}
