import type { RestFamily } from '../route-table';
import { platformFailure } from './envelope';
import { platformRoutes } from './routes';

export const platformFamily: RestFamily = {
  name: 'platform',
  title: 'Platform API (settings, tokens, tickets)',
  routes: platformRoutes,
  failure: platformFailure,
};
