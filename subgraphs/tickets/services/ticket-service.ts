import { randomUUID } from 'node:crypto';
import type { FilterQuery } from '@mikro-orm/postgresql';
import { connectionOf, pageWindow, type Connection, type ConnectionArgs } from '../../../common/connections';
import { domainError, ErrorCode } from '../../../common/errors';
import type { Context } from '../context';
import { Ticket, type TicketStatus } from '../entities/ticket';
import { TicketMessage } from '../entities/ticket-message';
import { lockClaimState } from '../queries';
import { canSee, isOwner, requireUser } from './access-rules';
import { assertAllowed, can } from './permissions';
import { changeWithEvents, ticketPayload } from './ticket-events';
import { isUuid, messageBody, ticketTitle } from './validation';
import { visibleFilter, visibleTicket } from './visibility';

export type StatusFilter = TicketStatus | 'all';

export interface ListArgs extends ConnectionArgs {
  categoryId?: string | null;
  status?: StatusFilter | null;
  mine?: boolean | null;
}

/** The tickets the caller may see, newest first, filtered by category, status and ownership. */
export async function listTickets(context: Context, args: ListArgs): Promise<Connection<Ticket>> {
  const { em, loaders } = context;
  const actor = await assertAllowed(context, 'ticket:read');
  const { offset, limit } = pageWindow(args);
  const visible = await visibleFilter(context, actor);
  const empty = connectionOf<Ticket>([], offset, 0);
  if (!visible) return empty;
  const and: FilterQuery<Ticket>[] = [visible];
  if (args.categoryId) {
    if (!isUuid(args.categoryId)) return empty;
    and.push({ categoryId: args.categoryId });
  }
  if (args.status && args.status !== 'all') and.push({ status: args.status });
  if (args.mine) {
    if (!actor.userId) return empty;
    and.push({ ownerId: actor.userId });
  }
  const [tickets, total] = await em.findAndCount(Ticket, { $and: and }, { orderBy: { createdAt: 'desc', id: 'desc' }, limit, offset });
  for (const ticket of tickets) loaders.ticketById.prime(ticket.id, ticket);
  return connectionOf(tickets, offset, total);
}

/** How many open tickets the caller may see (the badge of the ticket list). */
export async function openTicketCount(context: Context): Promise<number> {
  const visible = await visibleFilter(context, await assertAllowed(context, 'ticket:read'));
  return visible ? context.em.count(Ticket, { $and: [visible, { status: 'open' }] }) : 0;
}

/** One ticket the caller may see. */
export async function getTicket(context: Context, id: string): Promise<Ticket> {
  return visibleTicket(context, await assertAllowed(context, 'ticket:read'), id);
}

/** Federation reference: null unless the caller may see it. */
export async function ticketReference(context: Context, id: string): Promise<Ticket | null> {
  const actor = await assertAllowed(context, 'ticket:read');
  const ticket = isUuid(id) ? await context.loaders.ticketById.load(id) : null;
  return ticket && (await can(context, 'ticket:view', { actor, ticket })) ? ticket : null;
}

/** User.tickets: the user's tickets the caller may see. */
export async function ticketsOfUser(
  context: Context,
  userId: string,
  status: StatusFilter | null | undefined,
  args: ConnectionArgs,
): Promise<Connection<Ticket>> {
  const { loaders } = context;
  const actor = await assertAllowed(context, 'ticket:read');
  const { offset, limit } = pageWindow(args);
  const owned = isUuid(userId) ? await loaders.ticketsByOwnerId.load(userId.toLowerCase()) : [];
  const wanted = owned.filter((ticket) => !status || status === 'all' || ticket.status === status);
  // The categories are loaded once (one cached query) and the tickets filtered synchronously.
  const categories = wanted.length > 0 && !actor.manage ? new Map((await loaders.allCategories()).map((category) => [category.id, category])) : new Map();
  const visible = wanted.filter(
    (ticket) => actor.manage || isOwner(actor, ticket) || canSee(actor, ticket, ticket.categoryId ? (categories.get(ticket.categoryId) ?? null) : null),
  );
  return connectionOf(visible.slice(offset, offset + limit), offset, visible.length);
}

/** The caller opens a ticket in a category, with its first message. */
export async function createTicket(context: Context, input: { title: string; categoryId: string; message: string }): Promise<Ticket> {
  const { em, loaders } = context;
  const { userId: ownerId } = await assertAllowed(context, 'ticket:create');
  const title = ticketTitle(input.title);
  const body = messageBody(input.message);
  const category = isUuid(input.categoryId) ? await loaders.categoryById.load(input.categoryId) : null;
  if (!category) throw domainError(ErrorCode.BadUserInput, `Unknown category: ${input.categoryId}`, { field: 'categoryId' });
  const now = new Date();
  const ticket = em.create(
    Ticket,
    { id: randomUUID(), title, categoryId: category.id, ownerId, status: 'open', claimedById: null, closedAt: null, createdAt: now },
    { persist: false },
  );
  const message = em.create(TicketMessage, { id: randomUUID(), ticketId: ticket.id, authorId: ownerId, body, createdAt: now }, { persist: false });
  // Ticket, first message and event in one transaction; the ticket row first (foreign key).
  await changeWithEvents(context, async (tx, record) => {
    await tx.persist(ticket).flush();
    await tx.persist(message).flush();
    await record('ticket.created', { ...ticketPayload(ticket), messageId: message.id });
  });
  loaders.ticketById.prime(ticket.id, ticket);
  loaders.messagesByTicketId.prime(ticket.id, [message]);
  return ticket;
}

export interface UpdateInput {
  ticketId: string;
  status?: TicketStatus | null;
  claimedByMe?: boolean | null;
}

/**
 * Changes a ticket's status or claim. Responders of the ticket's category and
 * managers change the status, claim and release; owners may only close their
 * own tickets. Claiming a ticket someone else holds is a conflict unless the
 * caller manages tickets; releasing someone else's claim needs manage_tickets.
 */
export async function updateTicket(context: Context, input: UpdateInput): Promise<Ticket> {
  const { loaders } = context;
  const actor = await assertAllowed(context, 'ticket:write');
  const status = input.status ?? null;
  const claim = input.claimedByMe ?? null;
  if (status === null && claim === null) throw domainError(ErrorCode.BadUserInput, 'Give status or claimedByMe to change', { field: 'status' });
  if (claim === true && (status === 'open' || status === 'closed')) {
    throw domainError(ErrorCode.BadUserInput, `claimedByMe: true contradicts status ${status}`, { field: 'claimedByMe' });
  }
  if (claim === false && status === 'claimed')
    throw domainError(ErrorCode.BadUserInput, 'claimedByMe: false contradicts status claimed', { field: 'claimedByMe' });
  const ticket = await visibleTicket(context, actor, input.ticketId);
  const category = ticket.categoryId ? await loaders.categoryById.load(ticket.categoryId) : null;
  await assertAllowed(context, 'ticket:update', { actor, ticket, category, status, claim });
  // What the checks below decided on; the write re-reads it under a row lock.
  const seen = { status: ticket.status, claimedById: ticket.claimedById ?? null };
  const now = new Date();
  if (status === 'open') Object.assign(ticket, { status: 'open', claimedById: null, closedAt: null });
  if (status === 'closed' && ticket.status !== 'closed') Object.assign(ticket, { status: 'closed', closedAt: now });
  if (claim === true || (status === 'claimed' && (ticket.status !== 'claimed' || !ticket.claimedById))) {
    const userId = requireUser(actor);
    if (ticket.claimedById && ticket.claimedById !== userId && ticket.status !== 'open' && !actor.manage) {
      throw domainError(ErrorCode.Conflict, 'Another responder has claimed this ticket');
    }
    Object.assign(ticket, { status: 'claimed', claimedById: userId, closedAt: null });
  }
  if (claim === false && ticket.claimedById) {
    await assertAllowed(context, 'ticket:releaseClaim', { actor, ticket });
    ticket.claimedById = null;
    if (ticket.status === 'claimed') ticket.status = 'open';
  }
  await changeWithEvents(context, async (tx, record) => {
    // Two responders claiming at once: the second finds the row changed and gets a conflict.
    const current = await lockClaimState(tx, ticket.id);
    if (!current) throw domainError(ErrorCode.NotFound, 'No such ticket');
    if (current.status !== seen.status || current.claimedById !== seen.claimedById) {
      throw domainError(ErrorCode.Conflict, 'The ticket changed meanwhile; reload it and try again');
    }
    await tx.flush();
    await record('ticket.updated', { ...ticketPayload(ticket), changedBy: actor.userId });
  });
  return ticket;
}

/** A ticket manager deletes a ticket; its messages go with it (on delete cascade). */
export async function deleteTicket(context: Context, id: string): Promise<Ticket> {
  const { loaders } = context;
  const actor = await assertAllowed(context, 'ticket:delete');
  const ticket = await visibleTicket(context, actor, id);
  // The answer shows the ticket as it was; a copy, so nothing the ORM does on delete changes it.
  const snapshot: Ticket = { ...ticket };
  await changeWithEvents(context, async (tx, record) => {
    await tx.nativeDelete(Ticket, { id: ticket.id });
    await record('ticket.deleted', { ...ticketPayload(snapshot), deletedBy: actor.userId });
  });
  loaders.messagesByTicketId.prime(ticket.id, []);
  return snapshot;
}
