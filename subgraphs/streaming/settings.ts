import { projectPath } from '../../common/paths';
import { loadDeliverySettings, type DeliverySettings, type DeliveryWorker } from '../../common/outbound/worker';

/** Streaming subgraph settings, read once from the environment (the OUTBOUND_* and STREAMING_* variables of docs/CONFIGURATION.md). */
export interface StreamingSettings {
  /** The directory the configured logo path is relative to (Owncast's webroot); the default logo lives here. */
  webroot: string;
  /** Webhook delivery (common/outbound/worker.ts), the same settings the admin subgraph's worker uses. */
  outbound: DeliverySettings;
}

/** What requests reach of this replica's background work (context.background): the webhook delivery worker. */
export interface StreamingBackground {
  worker: DeliveryWorker;
}

export function loadStreamingSettings(env: NodeJS.ProcessEnv): StreamingSettings {
  return {
    webroot: env.STREAMING_WEBROOT || projectPath('subgraphs', 'streaming', 'webroot'),
    outbound: loadDeliverySettings(env),
  };
}
