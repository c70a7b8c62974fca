import type { RestFamily } from '../route-table';
import { streamingFailure } from './envelope';
import { streamingRoutes } from './routes';

export const streamingFamily: RestFamily = {
  name: 'streaming',
  title: 'Streaming and chat API (Owncast 0.0.7)',
  routes: streamingRoutes,
  failure: streamingFailure,
  // The ingest hooks (nginx-rtmp on_publish / on_publish_done) post form bodies.
  formBodies: true,
};
