import type { Resolvers } from '../generated/resolvers-types';
import { ingestDomainEvents } from '../services/domain-event-ingest';
import { sendTestEmail } from '../services/mail-service';
import { deleteAction, getAction, listActions, retryAction } from '../services/outbound-actions';
import { createTarget, deleteTarget, getTarget, listTargets, testTarget, updateTarget } from '../services/outbound-targets';
import { readAdminSettings, updateSettings } from '../services/settings-service';

/** Settings, outbound targets, actions and webhooks, event ingestion. Merged into the admin resolver map. */
export const outboundResolvers = {
  Query: {
    adminSettings: (_parent, _args, context) => readAdminSettings(context),
    outboundTargets: (_parent, { kind, ...args }, context) => listTargets(context, kind, args),
    outboundTarget: (_parent, { id, kind }, context) => getTarget(context, id, kind),
    outboundActions: (_parent, args, context) => listActions(context, args),
    outboundAction: (_parent, { id }, context) => getAction(context, id),
  },
  Mutation: {
    // The SDL's input has exactly the catalog's keys (settings-catalog.ts); the service checks each value.
    updateSettings: (_parent, { input }, context) => updateSettings(context, input as Record<string, unknown>),
    sendTestEmail: (_parent, { to }, context) => sendTestEmail(context, to),
    createOutboundTarget: (_parent, { input, kind }, context) => createTarget(context, kind, input),
    updateOutboundTarget: (_parent, { input, kind }, context) => updateTarget(context, kind, input),
    deleteOutboundTarget: (_parent, { id, kind }, context) => deleteTarget(context, kind, id),
    testOutboundTarget: (_parent, { id, kind }, context) => testTarget(context, kind, id),
    retryOutboundAction: (_parent, { id }, context) => retryAction(context, id),
    deleteOutboundAction: (_parent, { id }, context) => deleteAction(context, id),
    ingestDomainEvents: (_parent, { events }, context) =>
      ingestDomainEvents(
        context,
        events.map((event) => ({ ...event, occurredAt: new Date(event.occurredAt).toISOString() })),
      ),
  },
} satisfies Resolvers;
