import type { GraphQLResolverMap } from '@apollo/subgraph/dist/schema-helper/resolverMap';
import type { SubgraphModule } from '../../common/subgraph-server';
import type { Context } from './context';
import { RoleSchema, UserRoleSchema } from './entities/role';
import { SettingSchema } from './entities/setting';
import { UserSchema } from './entities/user';
import { createAdminLoaders, type AdminLoaders } from './loaders';
import { Migration0001IdentityAndSettings } from './migrations/0001-identity-and-settings';
import { resolvers } from './resolvers';
import { bootstrapAdmin } from './services/bootstrap-admin';

/** Identity, settings, API keys and outbound integrations. */
export const adminSubgraph: SubgraphModule<AdminLoaders> = {
  name: 'admin',
  entities: [UserSchema, RoleSchema, UserRoleSchema, SettingSchema],
  migrations: [{ name: '0001-identity-and-settings', class: Migration0001IdentityAndSettings }],
  // Generated resolver types are stricter than Apollo's map; the shapes agree.
  resolvers: resolvers as GraphQLResolverMap<Context>,
  createLoaders: createAdminLoaders,
  bootstrap: bootstrapAdmin,
};
