import type { GraphQLResolverMap } from '@apollo/subgraph/dist/schema-helper/resolverMap';
import { DeliveryWorker } from '../../common/outbound/worker';
import type { SubgraphModule } from '../../common/subgraph-server';
import type { Context } from './context';
import { AccessToken } from './entities/access-token';
import { ChatClient } from './entities/chat-client';
import { ChatMessage } from './entities/chat-message';
import { ConfigEntry } from './entities/config-entry';
import { Emoji } from './entities/emoji';
import { StreamState } from './entities/stream-state';
import { ViewerSample } from './entities/viewer-sample';
import { Webhook } from './entities/webhook';
import { WebhookAction } from './entities/webhook-action';
import { createStreamingLoaders, type StreamingLoaders } from './loaders';
import { Migration0001Config } from './migrations/0001-config';
import { Migration0002StreamState } from './migrations/0002-stream-state';
import { Migration0003Chat } from './migrations/0003-chat';
import { Migration0004Webhooks } from './migrations/0004-webhooks';
import { Migration0005ViewerSamples } from './migrations/0005-viewer-samples';
import { Migration0006ChatClientUserIndex } from './migrations/0006-chat-client-user-index';
import { Migration0007StreamDetails } from './migrations/0007-stream-details';
import { resolvers } from './resolvers';
import { bootstrapStreamKey } from './services/bootstrap-stream-key';
import { startHardwareSampler } from './services/hardware-stats';
import { serverLogs } from './services/server-logs';
import { startViewerSampler } from './services/viewer-samples';
import { loadStreamingSettings, type StreamingBackground, type StreamingSettings } from './settings';

/** Live-stream control and chat (seed 002, Owncast API 0.0.7). */
export const streamingSubgraph: SubgraphModule<StreamingLoaders, StreamingSettings, StreamingBackground> = {
  name: 'streaming',
  entities: [ConfigEntry, StreamState, AccessToken, ChatMessage, ChatClient, Webhook, WebhookAction, Emoji, ViewerSample],
  migrations: [
    { name: '0001-config', class: Migration0001Config },
    { name: '0002-stream-state', class: Migration0002StreamState },
    { name: '0003-chat', class: Migration0003Chat },
    { name: '0004-webhooks', class: Migration0004Webhooks },
    { name: '0005-viewer-samples', class: Migration0005ViewerSamples },
    { name: '0006-chat-client-user-index', class: Migration0006ChatClientUserIndex },
    { name: '0007-stream-details', class: Migration0007StreamDetails },
  ],
  // Chat events and stream status changes (Subscription.chatEvents, Subscription.streamStatus).
  events: true,
  // Generated resolver types are stricter than Apollo's map; the shapes agree.
  resolvers: resolvers as GraphQLResolverMap<Context>,
  // O10/O11: the subgraph's logger also feeds this in-memory buffer.
  recentLogs: serverLogs,
  createLoaders: createStreamingLoaders,
  // OUTBOUND_*: webhook delivery; STREAMING_WEBROOT: where the logo file is.
  loadSettings: loadStreamingSettings,
  // Each replica delivers queued webhook events (common/outbound/worker.ts).
  startBackground: async ({ orm, settings, env, logger, metrics }) => {
    // O36: every replica samples the viewer count (one sample per interval is kept).
    const viewerSampler = startViewerSampler(orm, env, logger.child({ worker: 'viewer-samples' }));
    const worker = new DeliveryWorker({
      ...settings.outbound,
      knex: orm.em.getConnection().getKnex(),
      tables: { schema: 'streaming', targets: 'webhooks', actions: 'webhook_actions' },
      logger: logger.child({ worker: 'webhooks' }),
      metrics,
    });
    worker.start();
    return {
      handles: { worker },
      stop: async () => {
        await viewerSampler.stop();
        await worker.stop();
      },
    };
  },
  bootstrap: async (em, env) => {
    startHardwareSampler();
    return bootstrapStreamKey(em, env);
  },
};
