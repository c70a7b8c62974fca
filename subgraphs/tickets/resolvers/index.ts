import { DateTimeResolver, HexColorCodeResolver, UUIDResolver } from 'graphql-scalars';
import { connectionFromList, connectionOf, pageWindow } from '../../../common/connections';
import type { TicketMessage } from '../entities/ticket-message';
import type { Resolvers } from '../generated/resolvers-types';
import { createCategory, deleteCategory, listCategories, updateCategory } from '../services/category-service';
import { addMessage, deleteMessage, ticketOfMessage } from '../services/message-service';
import { ticketAccess } from '../services/ticket-access';
import { createTicket, deleteTicket, getTicket, listTickets, openTicketCount, ticketReference, ticketsOfUser, updateTicket } from '../services/ticket-service';
import { roleRefs, userRef } from './references';

/**
 * Each field maps its arguments to one service call and shapes the answer
 * (connections, references); the services hold the permission rules. Fields
 * that only follow a parent's key read it through the request's loaders.
 */
export const resolvers: Resolvers = {
  DateTime: DateTimeResolver,
  HexColorCode: HexColorCodeResolver,
  UUID: UUIDResolver,
  Query: {
    ticketCategories: async (_parent, args, context) => connectionFromList(await listCategories(context), args),
    tickets: (_parent, args, context) => listTickets(context, args),
    ticket: (_parent, { id }, context) => getTicket(context, id),
    ticketAccess: (_parent, _args, context) => ticketAccess(context),
    openTicketCount: (_parent, _args, context) => openTicketCount(context),
  },
  Mutation: {
    createTicket: (_parent, { input }, context) => createTicket(context, input),
    updateTicket: (_parent, { input }, context) => updateTicket(context, input),
    deleteTicket: (_parent, { id }, context) => deleteTicket(context, id),
    addTicketMessage: (_parent, { input }, context) => addMessage(context, input),
    deleteTicketMessage: (_parent, { id }, context) => deleteMessage(context, id),
    createTicketCategory: (_parent, { input }, context) => createCategory(context, input),
    updateTicketCategory: (_parent, { input }, context) => updateCategory(context, input),
    deleteTicketCategory: (_parent, { id }, context) => deleteCategory(context, id),
  },
  TicketCategory: {
    __resolveReference: (reference, { loaders }) => loaders.categoryById.load(reference.id),
    responderRoles: (category) => roleRefs(category.responderRoleIds),
    viewerRoles: (category) => roleRefs(category.viewerRoleIds),
  },
  Ticket: {
    __resolveReference: (reference, context) => ticketReference(context, reference.id),
    category: (ticket, _args, { loaders }) => (ticket.categoryId ? loaders.categoryById.load(ticket.categoryId) : null),
    owner: (ticket) => userRef(ticket.ownerId),
    claimedBy: (ticket) => (ticket.claimedById ? userRef(ticket.claimedById) : null),
    messages: async (ticket, args, { loaders }) => {
      // Only the count (list pages ask `messages(first: 0) { totalCount }`): count, do not load the rows.
      if (args.first === 0) return connectionOf<TicketMessage>([], pageWindow(args).offset, await loaders.messageCountByTicketId.load(ticket.id));
      return connectionFromList(await loaders.messagesByTicketId.load(ticket.id), args);
    },
  },
  TicketMessage: {
    author: (message) => userRef(message.authorId),
    ticket: (message, _args, context) => ticketOfMessage(context, message),
  },
  User: {
    __resolveReference: (reference) => userRef(reference.id),
    tickets: (user, { status, ...args }, context) => ticketsOfUser(context, user.id, status, args),
  },
};
