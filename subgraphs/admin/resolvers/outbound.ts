import type { Context } from '../context';
import type { AdminSettings as AdminSettingsType, Resolvers } from '../generated/resolvers-types';
import { sendTestEmail } from '../services/mail-service';
import { ingestDomainEvents } from '../services/domain-event-ingest';
import { deleteAction, getAction, listActions, retryAction } from '../services/outbound-actions';
import { createTarget, deleteTarget, getTarget, listTargets, testTarget, updateTarget } from '../services/outbound-targets';
import { readAdminSettings, updateSettings } from '../services/settings-service';

/** The view has exactly AdminSettings' fields (settings-catalog.ts; secrets as <key>Set). */
const asSettings = (view: Record<string, unknown>) => view as unknown as AdminSettingsType;

/** Wakes this replica's outbox relay after a change that recorded an event. */
function eventRecorded(context: Context): void {
  context.background?.relay.wake();
}

/** Settings (P2–P4), outbound targets, actions and webhooks (P9–P15, G18–G22), event ingestion. Merged into the admin resolver map. */
export const outboundResolvers = {
  Query: {
    adminSettings: async (_parent, _args, { em, principal }) => asSettings(await readAdminSettings(em, principal)),
    outboundTargets: (_parent, { kind, ...args }, { em, principal }) => listTargets(em, principal, kind, args),
    outboundTarget: (_parent, { id, kind }, { em, principal }) => getTarget(em, principal, id, kind),
    outboundActions: (_parent, args, { em, principal, settings }) => listActions(em, principal, settings, args),
    outboundAction: (_parent, { id }, { em, principal, settings }) => getAction(em, principal, settings, id),
  },
  Mutation: {
    updateSettings: async (_parent, { input }, context) => {
      const view = await updateSettings(context.em, context.principal, input as Record<string, unknown>);
      eventRecorded(context);
      return asSettings(view);
    },
    sendTestEmail: (_parent, { to }, { em, principal, settings }) => sendTestEmail(em, principal, settings.smtpTimeoutMs, to),
    createOutboundTarget: (_parent, { input, kind }, { em, principal, settings }) => createTarget(em, principal, settings, kind, input),
    updateOutboundTarget: (_parent, { input, kind }, { em, principal, settings }) => updateTarget(em, principal, settings, kind, input),
    deleteOutboundTarget: (_parent, { id, kind }, { em, principal }) => deleteTarget(em, principal, kind, id),
    testOutboundTarget: (_parent, { id, kind }, context) => testTarget(context, kind, id),
    retryOutboundAction: (_parent, { id }, context) => retryAction(context, id),
    deleteOutboundAction: (_parent, { id }, { em, principal, settings }) => deleteAction(em, principal, settings, id),
    ingestDomainEvents: (_parent, { events }, context) =>
      ingestDomainEvents(
        context,
        events.map((event) => ({ ...event, occurredAt: new Date(event.occurredAt).toISOString() })),
      ),
  },
} satisfies Resolvers;
