import { loadConfig } from '../../common/config';
import { adminIngestForwarder, OutboxRelay } from '../../common/outbox';
import type { BackgroundWork, SubgraphRuntime } from '../../common/subgraph-server';
import type { TicketsSettings } from './settings';

/**
 * Each tickets replica relays its outbox (tickets.outbox_events: ticket.created,
 * ticket.updated, ticket.message.created, ticket.deleted) to the admin
 * subgraph's outbound delivery engine, signed as `{kind: 'service', service: 'tickets'}`.
 */
export async function startTicketsBackground(runtime: SubgraphRuntime<TicketsSettings>): Promise<BackgroundWork> {
  const { orm, settings, logger } = runtime;
  const relay = new OutboxRelay({
    knex: orm.em.getConnection().getKnex(),
    schema: 'tickets',
    pollIntervalMs: settings.outboxPollIntervalMs,
    logger: logger.child({ worker: 'outbox' }),
    forward: adminIngestForwarder({
      adminUrl: settings.adminUrl,
      principalSecret: runtime.principalSecret,
      service: 'tickets',
      timeoutMs: loadConfig(runtime.env).subgraphTimeoutMs,
    }),
  });
  settings.runtime.relay = relay;
  relay.start();
  return {
    stop: async () => {
      await relay.stop();
      settings.runtime.relay = undefined;
    },
  };
}
