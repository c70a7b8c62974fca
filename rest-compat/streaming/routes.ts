import { defineRoute, type RestRoute } from '../route-table';
import { accessTokenRoutes } from './routes/access-tokens';
import { chatRoutes } from './routes/chat';
import { configRoutes } from './routes/config';
import { serverInfoRoutes } from './routes/server-info';
import { statusRoutes } from './routes/status';
import { webhookRoutes } from './routes/webhooks';

interface InstanceDetailsData {
  instanceDetails: Record<string, unknown>;
}

export const streamingRoutes: RestRoute[] = [
  defineRoute<InstanceDetailsData>({
    id: 'O1',
    method: 'GET',
    url: '/api/config',
    summary: 'Information: the client configuration (InstanceDetails)',
    credentials: [],
    operation: `query InstanceDetails {
      instanceDetails {
        name summary logo tags extraPageContent version nsfw customStyles
        socialHandles { platform url }
        externalActions { url title description icon color openExternally }
      }
    }`,
    respond: (data) => ({ body: data.instanceDetails }),
  }),
  ...statusRoutes,
  ...configRoutes,
  ...accessTokenRoutes,
  ...chatRoutes,
  ...webhookRoutes,
  ...serverInfoRoutes,
];
