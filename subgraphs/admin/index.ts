import type { GraphQLResolverMap } from '@apollo/subgraph/dist/schema-helper/resolverMap';
import type { SubgraphModule } from '../../common/subgraph-server';
import type { Context } from './context';
import { ApiKeySchema } from './entities/api-key';
import { RoleSchema, UserRoleSchema } from './entities/role';
import { SettingSchema } from './entities/setting';
import { UserSchema } from './entities/user';
import { createAdminLoaders, type AdminLoaders } from './loaders';
import { Migration0001IdentityAndSettings } from './migrations/0001-identity-and-settings';
import { Migration0002SessionsAndApiKeys } from './migrations/0002-sessions-and-api-keys';
import { resolvers } from './resolvers';
import { bootstrapAdmin } from './services/bootstrap-admin';
import { loadAdminSettings, type AdminSettings } from './settings';

/** Identity, settings, API keys and outbound integrations. */
export const adminSubgraph: SubgraphModule<AdminLoaders, AdminSettings> = {
  name: 'admin',
  entities: [UserSchema, RoleSchema, UserRoleSchema, SettingSchema, ApiKeySchema],
  migrations: [
    { name: '0001-identity-and-settings', class: Migration0001IdentityAndSettings },
    { name: '0002-sessions-and-api-keys', class: Migration0002SessionsAndApiKeys },
  ],
  // Generated resolver types are stricter than Apollo's map; the shapes agree.
  resolvers: resolvers as GraphQLResolverMap<Context>,
  createLoaders: createAdminLoaders,
  loadSettings: loadAdminSettings,
  bootstrap: bootstrapAdmin,
};
