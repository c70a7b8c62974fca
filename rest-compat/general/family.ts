import type { RestFamily } from '../route-table';
import { generalFailure } from './envelope';
import { generalRoutes } from './routes';

export const generalFamily: RestFamily = {
  name: 'general',
  title: 'General API (/v1)',
  routes: generalRoutes,
  failure: generalFailure,
};
