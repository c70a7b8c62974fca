import { defineRoute, type RestRoute } from '../route-table';
import { platformSuccess } from './envelope';

interface PublicSettingsData {
  publicSettings: Record<string, unknown>;
}

export const platformRoutes: RestRoute[] = [
  defineRoute<PublicSettingsData>({
    id: 'P1',
    method: 'GET',
    url: '/api/settings/public',
    summary: 'Public site settings required by unauthenticated pages',
    credentials: [],
    operation: 'query PublicSettings { publicSettings { siteName siteDescription registrationOpen supportEmail } }',
    respond: (data) => platformSuccess({ settings: data.publicSettings }),
  }),
];
