import { defineRoute, type RestRoute } from '../route-table';
import { graphql } from './generated';
import { accessTokenRoutes } from './routes/access-tokens';
import { chatRoutes } from './routes/chat';
import { configRoutes } from './routes/config';
import { serverInfoRoutes } from './routes/server-info';
import { statusRoutes } from './routes/status';
import { webhookRoutes } from './routes/webhooks';

/** Owncast 0.0.7's web config names the logo by the URL that serves it, whatever file the admin set. */
export const LOGO_URL = '/logo';

export const streamingRoutes: RestRoute[] = [
  defineRoute({
    id: 'O1',
    method: 'GET',
    url: '/api/config',
    summary: 'Information: the client configuration (InstanceDetails)',
    credentials: [],
    operation: graphql(`
      query InstanceDetails {
        instanceDetails {
          name
          summary
          streamTitle
          ...OwncastInstanceDetails
        }
      }
    `),
    respond: (data) => ({ body: { ...data.instanceDetails, logo: LOGO_URL } }),
  }),
  defineRoute({
    id: 'O-logo',
    method: 'GET',
    url: LOGO_URL,
    summary: 'The logo image: the file the admin set (a path under the web root), or the default logo',
    credentials: [],
    operation: graphql(`query Logo { logo { contentType data } }`),
    respond: ({ logo }) => ({
      body: Buffer.from(logo.data, 'base64'),
      headers: {
        'content-type': logo.contentType,
        'x-content-type-options': 'nosniff',
        // An SVG opened by itself is a document: it may not run scripts or load anything.
        'content-security-policy': "default-src 'none'; style-src 'unsafe-inline'; sandbox",
      },
    }),
  }),
  ...statusRoutes,
  ...configRoutes,
  ...accessTokenRoutes,
  ...chatRoutes,
  ...webhookRoutes,
  ...serverInfoRoutes,
];
