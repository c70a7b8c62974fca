import { domainError, ErrorCode } from '../../../common/errors';
import type { Principal } from '../../../common/principal';
import type { Ticket } from '../entities/ticket';
import type { TicketCategory } from '../entities/ticket-category';

/**
 * Who acts on tickets and what their roles let them see and answer: the
 * facts the permission table (services/permissions.ts) and the visibility
 * filters (services/visibility.ts) are built from.
 *
 * The actor is a user, or an API key with the scope the operation needs. An
 * actor-linked key acts as its creator (their role ids, their permissions ∩
 * the key's scopes); a key without a creator has no user, no roles and no
 * permissions, so it sees nothing and may change nothing.
 */
export interface Actor {
  userId: string | null;
  roleIds: ReadonlySet<string>;
  /** manage_tickets: sees, answers and deletes every ticket. */
  manage: boolean;
  /** define_tickets: creates, changes and deletes categories. */
  define: boolean;
  isKey: boolean;
}

/** Reading needs the tickets:read scope of a key, changing tickets:write. */
export type AccessMode = 'read' | 'write';

export function ticketActor(principal: Principal, mode: AccessMode, what = 'tickets'): Actor {
  if (principal.kind === 'anonymous' || principal.kind === 'service') {
    throw domainError(ErrorCode.Unauthenticated, `Sign in to ${mode === 'read' ? 'see' : 'use'} ${what}`);
  }
  const caller = principal;
  if (caller.kind === 'apiKey') {
    const scope = mode === 'read' ? 'tickets:read' : 'tickets:write';
    if (!caller.scopes.includes(scope)) throw domainError(ErrorCode.Forbidden, `This API key lacks the ${scope} scope`);
  }
  return {
    userId: caller.userId ?? null,
    roleIds: new Set((caller.roleIds ?? []).map((id) => id.toLowerCase())),
    manage: caller.permissions.includes('manage_tickets'),
    define: caller.permissions.includes('define_tickets'),
    isKey: caller.kind === 'apiKey',
  };
}

/** Operations that act as a person (open a ticket, reply): a user or an actor-linked key. */
export function requireUser(actor: Actor): string {
  if (!actor.userId) throw domainError(ErrorCode.Forbidden, 'This API key is not linked to a user');
  return actor.userId;
}

const overlaps = (roleIds: readonly string[], held: ReadonlySet<string>) => roleIds.some((id) => held.has(id.toLowerCase()));

export function respondsIn(actor: Actor, category: TicketCategory | null): boolean {
  return actor.manage || (category !== null && overlaps(category.responderRoleIds, actor.roleIds));
}

export function viewsIn(actor: Actor, category: TicketCategory | null): boolean {
  return respondsIn(actor, category) || (category !== null && overlaps(category.viewerRoleIds, actor.roleIds));
}

export const isOwner = (actor: Actor, ticket: Ticket) => actor.userId !== null && ticket.ownerId === actor.userId;

/** Owners, viewers, responders and managers see a ticket. */
export function canSee(actor: Actor, ticket: Ticket, category: TicketCategory | null): boolean {
  return isOwner(actor, ticket) || viewsIn(actor, category);
}
