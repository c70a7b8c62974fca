import type { RestFamily } from '../route-table';
import { socialFailure } from './envelope';
import { socialRoutes } from './routes';

export const socialFamily: RestFamily = {
  name: 'social',
  title: 'Social hosts and sessions API (FastAPI)',
  routes: socialRoutes,
  failure: socialFailure,
};
