import type { RestFamily } from '../route-table';
import { generalFailure } from './envelope';
import { generalRoutes } from './routes';

export const generalFamily: RestFamily = {
  name: 'general',
  title: 'General API (/v1)',
  routes: generalRoutes,
  failure: generalFailure,
  // Seed 003: per-plan limits with X-RateLimit-* headers on every /v1 response.
  rateLimited: true,
};
