import type { BackgroundWork, SubgraphRuntime } from '../../common/subgraph-server';
import { DeliveryWorker } from '../../common/outbound/worker';
import { OutboxRelay } from '../../common/outbox';
import { ingestEvents } from './services/domain-event-ingest';
import type { AdminSettings } from './settings';

/** What admin's requests reach of this replica's background work (context.background). */
export interface AdminBackground {
  /** Delivers queued actions; woken when events were ingested, asked to deliver one now. */
  worker: DeliveryWorker;
  /** Relays admin.outbox_events; woken after a commit that recorded an event. */
  relay: OutboxRelay;
}

/**
 * Each admin replica runs the outbound delivery worker and the relay of its
 * own outbox (admin.outbox_events: settings.updated, resource.* events).
 * Admin's relay hands events to ingestEvents in-process; other subgraphs'
 * relays reach it over HTTP (common/outbox.ts adminIngestForwarder).
 */
export async function startAdminBackground(runtime: SubgraphRuntime<AdminSettings>): Promise<BackgroundWork<AdminBackground>> {
  const { orm, settings, logger } = runtime;
  const knex = orm.em.getConnection().getKnex();
  const worker = new DeliveryWorker({
    ...settings.outbound,
    knex,
    tables: { schema: 'admin', targets: 'outbound_targets', actions: 'outbound_actions' },
    logger: logger.child({ worker: 'outbound' }),
    metrics: runtime.metrics,
  });
  const relay = new OutboxRelay({
    knex,
    schema: 'admin',
    pollIntervalMs: settings.outbound.outboxPollIntervalMs,
    logger: logger.child({ worker: 'outbox' }),
    forward: async (events) => {
      if ((await ingestEvents(orm.em.fork(), 'admin', events)) > 0) worker.wake();
    },
  });
  worker.start();
  relay.start();
  return {
    handles: { worker, relay },
    stop: async () => {
      await relay.stop();
      await worker.stop();
    },
  };
}
