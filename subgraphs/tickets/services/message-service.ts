import { randomUUID } from 'node:crypto';
import { domainError, ErrorCode } from '../../../common/errors';
import type { Context } from '../context';
import type { Ticket } from '../entities/ticket';
import { TicketMessage } from '../entities/ticket-message';
import { assertAllowed, can } from './permissions';
import { changeWithEvents } from './ticket-events';
import { isUuid, messageBody } from './validation';
import { visibleTicket } from './visibility';

/** A reply on a ticket: by its owner, its category's responders or managers (viewers only read). */
export async function addMessage(context: Context, input: { ticketId: string; message: string }): Promise<TicketMessage> {
  const { em, loaders } = context;
  const { actor, userId: authorId } = await assertAllowed(context, 'message:create');
  const body = messageBody(input.message);
  const ticket = await visibleTicket(context, actor, input.ticketId);
  const category = ticket.categoryId ? await loaders.categoryById.load(ticket.categoryId) : null;
  await assertAllowed(context, 'ticket:reply', { actor, ticket, category });
  const now = new Date();
  const message = em.create(TicketMessage, { id: randomUUID(), ticketId: ticket.id, authorId, body, createdAt: now }, { persist: false });
  // A reply is activity on the ticket: its own row changes only in updated_at, which is set here for that reason.
  ticket.updatedAt = now;
  await changeWithEvents(context, async (tx, record) => {
    await tx.persist(message).flush();
    await record('ticket.message.created', { ticketId: ticket.id, messageId: message.id, authorId, title: ticket.title, status: ticket.status });
  });
  loaders.messagesByTicketId.clear(ticket.id);
  return message;
}

/**
 * Deletes a message: its author, the category's responders and managers may.
 * The first message is the ticket's own text: it goes only with the ticket.
 * A message of a ticket the caller cannot see is NOT_FOUND, as a missing one.
 */
export async function deleteMessage(context: Context, id: string): Promise<TicketMessage> {
  const { em, loaders } = context;
  const actor = await assertAllowed(context, 'ticket:write');
  const message = isUuid(id) ? await em.findOne(TicketMessage, { id }) : null;
  const notFound = () => domainError(ErrorCode.NotFound, 'Message not found');
  if (!message) throw notFound();
  const ticket = await loaders.ticketById.load(message.ticketId);
  if (!ticket || !(await can(context, 'ticket:view', { actor, ticket }))) throw notFound();
  const category = ticket.categoryId ? await loaders.categoryById.load(ticket.categoryId) : null;
  await assertAllowed(context, 'message:delete', { actor, message, category });
  const [first] = await em.find(TicketMessage, { ticketId: ticket.id }, { orderBy: { createdAt: 'asc', id: 'asc' }, limit: 1 });
  if (first?.id === message.id) throw domainError(ErrorCode.Conflict, 'The first message of a ticket cannot be deleted; delete the ticket instead');
  // The answer shows the message as it was; a copy, so nothing the ORM does on delete changes it.
  const snapshot: TicketMessage = { ...message };
  await em.remove(message).flush();
  loaders.messagesByTicketId.clear(ticket.id);
  return snapshot;
}

/** The ticket of a message. Messages are deleted with their ticket, so it is missing only on a race with that delete. */
export async function ticketOfMessage({ loaders }: Context, message: TicketMessage): Promise<Ticket> {
  const ticket = await loaders.ticketById.load(message.ticketId);
  if (!ticket) throw new Error('ticket of a message is gone');
  return ticket;
}
