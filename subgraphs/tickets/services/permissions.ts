import { domainError, ErrorCode } from '../../../common/errors';
import { definePermissions } from '../../../common/permissions';
import type { Context } from '../context';
import type { Ticket, TicketStatus } from '../entities/ticket';
import type { TicketCategory } from '../entities/ticket-category';
import type { TicketMessage } from '../entities/ticket-message';
import { canSee, isOwner, requireUser, respondsIn, ticketActor, type Actor } from './access-rules';

/** An actor who acts as a person: a user, or a key linked to one. */
export interface Person {
  actor: Actor;
  userId: string;
}

const reader = ({ principal }: Context): Actor => ticketActor(principal, 'read');
const writer = ({ principal }: Context): Actor => ticketActor(principal, 'write');
function person(context: Context): Person {
  const actor = writer(context);
  return { actor, userId: requireUser(actor) };
}

/** The change asked of a ticket, for the rule of who may make it. */
export interface TicketChange {
  actor: Actor;
  ticket: Ticket;
  category: TicketCategory | null;
  status: TicketStatus | null;
  claim: boolean | null;
}

/**
 * What callers may do with tickets and categories. The first rules answer the
 * actor they established (services then ask the per-ticket rules with it, so
 * a key's scope is checked once, for the mode of the operation); the others
 * decide about one ticket, message or category.
 */
export const { assertAllowed, can } = definePermissions<Context>()({
  /** See tickets at all (signed in; a key needs tickets:read). */
  'ticket:read': reader,
  /** Change tickets at all (signed in; a key needs tickets:write). */
  'ticket:write': writer,
  /** Open a ticket, as a person. */
  'ticket:create': person,
  /** See this ticket: its owner, its category's viewers and responders, managers. Hidden tickets are NOT_FOUND. */
  'ticket:view': async ({ loaders }: Context, { actor, ticket }: { actor: Actor; ticket: Ticket }) => {
    if (actor.manage || isOwner(actor, ticket)) return;
    const category = ticket.categoryId ? await loaders.categoryById.load(ticket.categoryId) : null;
    if (!canSee(actor, ticket, category)) throw domainError(ErrorCode.NotFound, 'Ticket not found');
  },
  /** Change a ticket's status or claim: responders and managers; its owner may only close it. */
  'ticket:update': (_context: Context, { actor, ticket, category, status, claim }: TicketChange) => {
    if (respondsIn(actor, category)) return;
    if (!isOwner(actor, ticket)) throw domainError(ErrorCode.Forbidden, "Only the ticket's owner, its category's responders and ticket managers may change it");
    if (claim !== null) throw domainError(ErrorCode.Forbidden, "Only the category's responders and ticket managers may claim or release tickets");
    if (status !== 'closed') throw domainError(ErrorCode.Forbidden, 'Owners may only close their tickets');
  },
  /** Release a claim: one's own, or anyone's as a manager. */
  'ticket:releaseClaim': (_context: Context, { actor, ticket }: { actor: Actor; ticket: Ticket }) => {
    if (ticket.claimedById !== actor.userId && !actor.manage)
      throw domainError(ErrorCode.Forbidden, "Only ticket managers may release another responder's claim");
  },
  /** Delete tickets: manage_tickets. */
  'ticket:delete': (context: Context) => {
    const actor = writer(context);
    if (!actor.manage) throw domainError(ErrorCode.Forbidden, 'You lack the manage_tickets permission');
    return actor;
  },
  /** Write messages, as a person. */
  'message:create': person,
  /** Reply on this ticket: its owner, its category's responders, managers (viewers only read). */
  'ticket:reply': (_context: Context, { actor, ticket, category }: { actor: Actor; ticket: Ticket; category: TicketCategory | null }) => {
    if (!isOwner(actor, ticket) && !respondsIn(actor, category)) {
      throw domainError(ErrorCode.Forbidden, "Only the ticket's owner, its category's responders and ticket managers may reply");
    }
  },
  /** Delete this message: its author, the category's responders, managers. */
  'message:delete': (_context: Context, { actor, message, category }: { actor: Actor; message: TicketMessage; category: TicketCategory | null }) => {
    const isAuthor = actor.userId !== null && message.authorId === actor.userId;
    if (!isAuthor && !respondsIn(actor, category)) {
      throw domainError(ErrorCode.Forbidden, "Only the message's author, the category's responders and ticket managers may delete it");
    }
  },
  /** List categories and their role configuration: any signed-in user, or a key linked to one, with tickets:read. */
  'category:list': ({ principal }: Context) => {
    const actor = ticketActor(principal, 'read', 'ticket categories');
    if (actor.isKey && !actor.userId) throw domainError(ErrorCode.Forbidden, 'Only actor-linked API keys may list ticket categories');
  },
  /** Create, change and delete categories: define_tickets (a key needs tickets:write). */
  'category:define': ({ principal }: Context) => {
    const actor = ticketActor(principal, 'write', 'ticket categories');
    if (!actor.define) throw domainError(ErrorCode.Forbidden, 'You lack the define_tickets permission');
  },
});
