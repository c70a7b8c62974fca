import { loadDeliverySettings, type DeliverySettings, type DeliveryWorker } from '../../common/outbound/worker';

/** Streaming subgraph settings, read once from the environment (the OUTBOUND_* variables of docs/CONFIGURATION.md). */
export interface StreamingSettings {
  /** Webhook delivery (common/outbound/worker.ts), the same settings the admin subgraph's worker uses. */
  outbound: DeliverySettings;
  /** Set by startBackground: this replica's webhook delivery worker. */
  runtime: { worker?: DeliveryWorker };
}


export function loadStreamingSettings(env: NodeJS.ProcessEnv): StreamingSettings {
  return {
    outbound: loadDeliverySettings(env),
    runtime: {},
  };
}
