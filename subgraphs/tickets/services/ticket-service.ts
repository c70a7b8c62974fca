import { randomUUID } from 'node:crypto';
import type { EntityManager, FilterQuery } from '@mikro-orm/postgresql';
import { connectionOf, pageWindow, type Connection, type ConnectionArgs } from '../../../common/connections';
import { domainError, ErrorCode } from '../../../common/errors';
import { recordEvent } from '../../../common/outbox';
import type { Principal } from '../../../common/principal';
import { Ticket, type TicketStatus } from '../entities/ticket';
import { TicketMessage } from '../entities/ticket-message';
import type { TicketsLoaders } from '../loaders';
import type { TicketsSettings } from '../settings';
import {
  canSee,
  isOwner,
  requireUser,
  respondsIn,
  ticketActor,
  viewsIn,
  type Actor,
  type TicketAccessResult,
} from './access';
import { isUuid, messageBody, ticketTitle } from './validation';

export type StatusFilter = TicketStatus | 'all';

interface Deps {
  em: EntityManager;
  principal: Principal;
  loaders: TicketsLoaders;
  settings: TicketsSettings;
}

/**
 * Runs a change and records its events (tickets.outbox_events) in one
 * transaction, then wakes this replica's outbox relay.
 */
async function inTransaction<T>({ em, settings }: Deps, work: (record: (type: string, payload: Record<string, unknown>) => Promise<void>) => Promise<T>): Promise<T> {
  await em.begin();
  try {
    const result = await work(async (type, payload) => {
      await recordEvent(em, 'tickets', type, payload);
    });
    await em.commit();
    settings.runtime.relay?.wake();
    return result;
  } catch (error) {
    await em.rollback();
    throw error;
  }
}

const ticketPayload = (ticket: Ticket) => ({
  ticketId: ticket.id,
  title: ticket.title,
  categoryId: ticket.categoryId,
  ownerId: ticket.ownerId,
  status: ticket.status,
  claimedById: ticket.claimedById,
});

/**
 * The tickets an actor may see, as a filter: everything for managers; else
 * their own and those of categories where they view or respond. Null when
 * they may see none.
 */
async function visibleFilter(loaders: TicketsLoaders, actor: Actor): Promise<FilterQuery<Ticket> | null> {
  if (actor.manage) return {};
  const categoryIds = (await loaders.allCategories()).filter((category) => viewsIn(actor, category)).map((category) => category.id);
  const any: FilterQuery<Ticket>[] = [];
  if (actor.userId) any.push({ ownerId: actor.userId });
  if (categoryIds.length > 0) any.push({ categoryId: { $in: categoryIds } });
  return any.length === 0 ? null : { $or: any };
}

export interface ListArgs extends ConnectionArgs {
  categoryId?: string | null;
  status?: StatusFilter | null;
  mine?: boolean | null;
}

/** P16: the tickets the caller may see, newest first. */
export async function listTickets({ em, principal, loaders }: Deps, args: ListArgs): Promise<Connection<Ticket>> {
  const actor = ticketActor(principal, 'read');
  const { offset, limit } = pageWindow(args);
  const visible = await visibleFilter(loaders, actor);
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

/** P26: open tickets the caller may see. */
export async function openTicketCount({ em, principal, loaders }: Deps): Promise<number> {
  const visible = await visibleFilter(loaders, ticketActor(principal, 'read'));
  return visible ? em.count(Ticket, { $and: [visible, { status: 'open' }] }) : 0;
}

/** Whether the actor may see this ticket (checks its category's roles). */
export async function visibleToActor(loaders: TicketsLoaders, actor: Actor, ticket: Ticket): Promise<boolean> {
  if (actor.manage || isOwner(actor, ticket)) return true;
  const category = ticket.categoryId ? await loaders.categoryById.load(ticket.categoryId) : null;
  return canSee(actor, ticket, category);
}

/** A ticket the actor may see; NOT_FOUND for missing and hidden ones alike. */
async function visibleTicket(loaders: TicketsLoaders, actor: Actor, id: string): Promise<Ticket> {
  const ticket = isUuid(id) ? await loaders.ticketById.load(id) : null;
  if (!ticket || !(await visibleToActor(loaders, actor, ticket))) throw domainError(ErrorCode.NotFound, 'Ticket not found');
  return ticket;
}

/** P16 with ticketId. */
export async function getTicket({ principal, loaders }: Deps, id: string): Promise<Ticket> {
  return visibleTicket(loaders, ticketActor(principal, 'read'), id);
}

/** Federation reference: null unless the caller may see it. */
export async function ticketReference({ principal, loaders }: Deps, id: string): Promise<Ticket | null> {
  const actor = ticketActor(principal, 'read');
  const ticket = isUuid(id) ? await loaders.ticketById.load(id) : null;
  return ticket && (await visibleToActor(loaders, actor, ticket)) ? ticket : null;
}

/** User.tickets: the user's tickets the caller may see. */
export async function ticketsOfUser({ principal, loaders }: Deps, userId: string, status: StatusFilter | null | undefined, args: ConnectionArgs): Promise<Connection<Ticket>> {
  const actor = ticketActor(principal, 'read');
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

/** P17: the caller opens a ticket with its first message. */
export async function createTicket(deps: Deps, input: { title: string; categoryId: string; message: string }): Promise<Ticket> {
  const { em, principal, loaders } = deps;
  const actor = ticketActor(principal, 'write');
  const ownerId = requireUser(actor);
  const title = ticketTitle(input.title);
  const body = messageBody(input.message);
  const category = isUuid(input.categoryId) ? await loaders.categoryById.load(input.categoryId) : null;
  if (!category) throw domainError(ErrorCode.BadUserInput, `Unknown category: ${input.categoryId}`, { field: 'categoryId' });
  const now = new Date();
  const ticket = Object.assign(new Ticket(), { id: randomUUID(), title, categoryId: category.id, ownerId, status: 'open', createdAt: now, updatedAt: now });
  const message = Object.assign(new TicketMessage(), { id: randomUUID(), ticketId: ticket.id, authorId: ownerId, body, createdAt: now, updatedAt: now });
  // Ticket, first message and event in one transaction; the ticket row first (foreign key).
  await inTransaction(deps, async (record) => {
    await em.persist(ticket).flush();
    await em.persist(message).flush();
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
 * P18. Responders of the ticket's category and managers change the status,
 * claim and release; owners may only close their own tickets. Claiming a
 * ticket someone else holds is a conflict unless the caller manages tickets;
 * releasing someone else's claim needs manage_tickets.
 */
export async function updateTicket(deps: Deps, input: UpdateInput): Promise<Ticket> {
  const { em, principal, loaders } = deps;
  const actor = ticketActor(principal, 'write');
  const status = input.status ?? null;
  const claim = input.claimedByMe ?? null;
  if (status === null && claim === null) throw domainError(ErrorCode.BadUserInput, 'Give status or claimedByMe to change', { field: 'status' });
  if (claim === true && (status === 'open' || status === 'closed')) {
    throw domainError(ErrorCode.BadUserInput, `claimedByMe: true contradicts status ${status}`, { field: 'claimedByMe' });
  }
  if (claim === false && status === 'claimed') throw domainError(ErrorCode.BadUserInput, 'claimedByMe: false contradicts status claimed', { field: 'claimedByMe' });
  const ticket = await visibleTicket(loaders, actor, input.ticketId);
  const category = ticket.categoryId ? await loaders.categoryById.load(ticket.categoryId) : null;
  if (!respondsIn(actor, category)) {
    if (!isOwner(actor, ticket)) throw domainError(ErrorCode.Forbidden, "Only the ticket's owner, its category's responders and ticket managers may change it");
    if (claim !== null) throw domainError(ErrorCode.Forbidden, "Only the category's responders and ticket managers may claim or release tickets");
    if (status !== 'closed') throw domainError(ErrorCode.Forbidden, 'Owners may only close their tickets');
  }
  // What the checks below decided on; the write re-reads it under a row lock.
  const seen = { status: ticket.status, claimedById: ticket.claimedById };
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
    if (ticket.claimedById !== actor.userId && !actor.manage) throw domainError(ErrorCode.Forbidden, "Only ticket managers may release another responder's claim");
    ticket.claimedById = null;
    if (ticket.status === 'claimed') ticket.status = 'open';
  }
  ticket.updatedAt = now;
  await inTransaction(deps, async (record) => {
    // Two responders claiming at once: the second finds the row changed and gets a conflict.
    const [current] = await em.execute<{ status: string; claimed_by_id: string | null }[]>(
      'select status, claimed_by_id from tickets.tickets where id = ? for update',
      [ticket.id],
    );
    if (!current) throw domainError(ErrorCode.NotFound, 'No such ticket');
    if (current.status !== seen.status || current.claimed_by_id !== seen.claimedById) {
      throw domainError(ErrorCode.Conflict, 'The ticket changed meanwhile; reload it and try again');
    }
    await em.flush();
    await record('ticket.updated', { ...ticketPayload(ticket), changedBy: actor.userId });
  });
  return ticket;
}

/** P19: manage_tickets deletes a ticket and its messages. */
export async function deleteTicket(deps: Deps, id: string): Promise<Ticket> {
  const { em, principal, loaders } = deps;
  const actor = ticketActor(principal, 'write');
  if (!actor.manage) throw domainError(ErrorCode.Forbidden, 'You lack the manage_tickets permission');
  const ticket = await visibleTicket(loaders, actor, id);
  const snapshot = Object.assign(new Ticket(), ticket);
  await inTransaction(deps, async (record) => {
    await em.nativeDelete(Ticket, { id: ticket.id });
    await record('ticket.deleted', { ...ticketPayload(snapshot), deletedBy: actor.userId });
  });
  loaders.messagesByTicketId.prime(ticket.id, []);
  return snapshot;
}

/** Replies: the owner, the category's responders and managers (viewers only read). */
export async function addMessage(deps: Deps, input: { ticketId: string; message: string }): Promise<TicketMessage> {
  const { em, principal, loaders } = deps;
  const actor = ticketActor(principal, 'write');
  const authorId = requireUser(actor);
  const body = messageBody(input.message);
  const ticket = await visibleTicket(loaders, actor, input.ticketId);
  const category = ticket.categoryId ? await loaders.categoryById.load(ticket.categoryId) : null;
  if (!isOwner(actor, ticket) && !respondsIn(actor, category)) {
    throw domainError(ErrorCode.Forbidden, "Only the ticket's owner, its category's responders and ticket managers may reply");
  }
  const now = new Date();
  const message = Object.assign(new TicketMessage(), { id: randomUUID(), ticketId: ticket.id, authorId, body, createdAt: now, updatedAt: now });
  ticket.updatedAt = now;
  await inTransaction(deps, async (record) => {
    await em.persist(message).flush();
    await record('ticket.message.created', { ticketId: ticket.id, messageId: message.id, authorId, title: ticket.title, status: ticket.status });
  });
  loaders.messagesByTicketId.clear(ticket.id);
  return message;
}

/**
 * P20: a message's author, the category's responders and managers delete it.
 * The first message is the ticket's own text: it goes only with the ticket.
 */
export async function deleteMessage({ em, principal, loaders }: Deps, id: string): Promise<TicketMessage> {
  const actor = ticketActor(principal, 'write');
  const message = isUuid(id) ? await em.findOne(TicketMessage, { id }) : null;
  const notFound = () => domainError(ErrorCode.NotFound, 'Message not found');
  if (!message) throw notFound();
  const ticket = await loaders.ticketById.load(message.ticketId);
  if (!ticket || !(await visibleToActor(loaders, actor, ticket))) throw notFound();
  const category = ticket.categoryId ? await loaders.categoryById.load(ticket.categoryId) : null;
  const isAuthor = actor.userId !== null && message.authorId === actor.userId;
  if (!isAuthor && !respondsIn(actor, category)) {
    throw domainError(ErrorCode.Forbidden, "Only the message's author, the category's responders and ticket managers may delete it");
  }
  const [first] = await em.find(TicketMessage, { ticketId: ticket.id }, { orderBy: { createdAt: 'asc', id: 'asc' }, limit: 1 });
  if (first?.id === message.id) throw domainError(ErrorCode.Conflict, "The first message of a ticket cannot be deleted; delete the ticket instead");
  const snapshot = Object.assign(new TicketMessage(), message);
  await em.remove(message).flush();
  loaders.messagesByTicketId.clear(ticket.id);
  return snapshot;
}

/** P25: what the caller may do. */
export async function ticketAccess({ principal, loaders }: Deps): Promise<TicketAccessResult> {
  const actor = ticketActor(principal, 'read');
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
