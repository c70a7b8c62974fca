import { randomUUID } from 'node:crypto';
import { domainError, ErrorCode } from '../../../common/errors';
import type { Context } from '../context';
import { TicketCategory } from '../entities/ticket-category';
import { existingRoleIds } from './admin-client';
import { assertAllowed } from './permissions';
import { hexColor, isUuid, textBetween } from './validation';

/** Every category and its role configuration, for any signed-in user or a key linked to one. */
export async function listCategories(context: Context): Promise<TicketCategory[]> {
  await assertAllowed(context, 'category:list');
  return context.loaders.allCategories();
}

export interface CategoryInput {
  name: string;
  description?: string | null;
  color?: string | null;
  responderRoleIds?: string[] | null;
  viewerRoleIds?: string[] | null;
}

/** Trims, lower-cases and de-duplicates a role id list; malformed ids are unknown roles. */
function normalizedRoleIds(field: string, ids: string[]): string[] {
  if (ids.length > 100) throw domainError(ErrorCode.BadUserInput, `${field} may name at most 100 roles`, { field });
  const unique = [...new Set(ids.map((id) => id.trim().toLowerCase()))];
  const malformed = unique.filter((id) => !isUuid(id));
  if (malformed.length > 0) throw domainError(ErrorCode.BadUserInput, `${field} names unknown roles: ${malformed.join(', ')}`, { field });
  return unique;
}

/** Validates the input and writes it onto the category; role ids must exist in the admin subgraph. */
async function apply(context: Context, category: TicketCategory, input: CategoryInput): Promise<void> {
  category.name = textBetween(input.name, 'name', 1, 100);
  if (input.description !== undefined && input.description !== null) category.description = textBetween(input.description, 'description', 0, 1000);
  if (input.color !== undefined && input.color !== null) category.color = hexColor(input.color);
  const lists: [field: 'responderRoleIds' | 'viewerRoleIds', ids: string[]][] = [];
  if (input.responderRoleIds) lists.push(['responderRoleIds', normalizedRoleIds('responderRoleIds', input.responderRoleIds)]);
  if (input.viewerRoleIds) lists.push(['viewerRoleIds', normalizedRoleIds('viewerRoleIds', input.viewerRoleIds)]);
  // One call to the admin subgraph for both lists.
  const union = [...new Set(lists.flatMap(([, ids]) => ids))];
  const existing = union.length > 0 ? await existingRoleIds(context.settings, context.requestId, union) : new Set<string>();
  for (const [field, ids] of lists) {
    const unknown = ids.filter((id) => !existing.has(id));
    if (unknown.length > 0) throw domainError(ErrorCode.BadUserInput, `${field} names unknown roles: ${unknown.join(', ')}`, { field });
  }
  for (const [field, ids] of lists) category[field] = ids;
}

/** Creates a category (define_tickets); description, colour and role lists take their defaults when omitted. */
export async function createCategory(context: Context, input: CategoryInput): Promise<TicketCategory> {
  await assertAllowed(context, 'category:define');
  const category = context.em.create(
    TicketCategory,
    { id: randomUUID(), name: '', description: '', color: '#6B7280', responderRoleIds: [], viewerRoleIds: [] },
    { persist: false },
  );
  await apply(context, category, input);
  await context.em.persist(category).flush();
  return category;
}

async function existingCategory({ em }: Context, id: string): Promise<TicketCategory> {
  const category = isUuid(id) ? await em.findOne(TicketCategory, { id }) : null;
  if (!category) throw domainError(ErrorCode.NotFound, 'Ticket category not found');
  return category;
}

/** Changes a category (define_tickets): name is required; omitted optional fields keep their value. */
export async function updateCategory(context: Context, input: CategoryInput & { categoryId: string }): Promise<TicketCategory> {
  await assertAllowed(context, 'category:define');
  const category = await existingCategory(context, input.categoryId);
  await apply(context, category, input);
  await context.em.flush();
  return category;
}

/**
 * Deletes a category (define_tickets): it and its role configuration (who
 * views and answers its tickets) go; its tickets stay, without a category,
 * visible to their owners and to managers.
 */
export async function deleteCategory(context: Context, id: string): Promise<TicketCategory> {
  await assertAllowed(context, 'category:define');
  const category = await existingCategory(context, id);
  // The answer shows the category as it was; a copy, so nothing the ORM does on delete changes it.
  const snapshot: TicketCategory = { ...category };
  await context.em.remove(category).flush();
  return snapshot;
}
