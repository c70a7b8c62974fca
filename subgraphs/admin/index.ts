import type { GraphQLResolverMap } from '@apollo/subgraph/dist/schema-helper/resolverMap';
import { OutboxEvent } from '../../common/outbox-event';
import type { SubgraphModule } from '../../common/subgraph-server';
import { startAdminBackground, type AdminBackground } from './background';
import type { Context } from './context';
import { ApiKey } from './entities/api-key';
import { DomainEventRecord } from './entities/domain-event';
import { IdempotencyKey } from './entities/idempotency-key';
import { LoginFailure } from './entities/login-failure';
import { LoginSession } from './entities/login-session';
import { Organization, OrganizationMember } from './entities/organization';
import { OutboundAction } from './entities/outbound-action';
import { OutboundTarget } from './entities/outbound-target';
import { RateLimitCounter } from './entities/rate-limit-counter';
import { RefreshToken } from './entities/refresh-token';
import { Resource } from './entities/resource';
import { Role, UserRole } from './entities/role';
import { Setting } from './entities/setting';
import { SigningKey } from './entities/signing-key';
import { User } from './entities/user';
import { createAdminLoaders, type AdminLoaders } from './loaders';
import { Migration0001IdentityAndSettings } from './migrations/0001-identity-and-settings';
import { Migration0002SessionsAndApiKeys } from './migrations/0002-sessions-and-api-keys';
import { Migration0003SettingsAndOutbound } from './migrations/0003-settings-and-outbound';
import { Migration0004ResourcesOrganizationsRateLimits } from './migrations/0004-resources-organizations-rate-limits';
import { Migration0005IdempotencyKeys } from './migrations/0005-idempotency-keys';
import { Migration0006WebhookOwners } from './migrations/0006-webhook-owners';
import { resolvers } from './resolvers';
import { bootstrapAdmin } from './services/bootstrap-admin';
import { loadAdminSettings, type AdminSettings } from './settings';

/** Identity, settings, API keys and outbound integrations. */
export const adminSubgraph: SubgraphModule<AdminLoaders, AdminSettings, AdminBackground> = {
  name: 'admin',
  entities: [
    User,
    Role,
    UserRole,
    Setting,
    ApiKey,
    LoginSession,
    RefreshToken,
    LoginFailure,
    SigningKey,
    OutboundTarget,
    OutboundAction,
    DomainEventRecord,
    Resource,
    Organization,
    OrganizationMember,
    IdempotencyKey,
    RateLimitCounter,
    OutboxEvent,
  ],
  migrations: [
    { name: '0001-identity-and-settings', class: Migration0001IdentityAndSettings },
    { name: '0002-sessions-and-api-keys', class: Migration0002SessionsAndApiKeys },
    { name: '0003-settings-and-outbound', class: Migration0003SettingsAndOutbound },
    { name: '0004-resources-organizations-rate-limits', class: Migration0004ResourcesOrganizationsRateLimits },
    { name: '0005-idempotency-keys', class: Migration0005IdempotencyKeys },
    { name: '0006-webhook-owners', class: Migration0006WebhookOwners },
  ],
  // Generated resolver types are stricter than Apollo's map; the shapes agree.
  resolvers: resolvers as GraphQLResolverMap<Context>,
  createLoaders: createAdminLoaders,
  loadSettings: loadAdminSettings,
  bootstrap: bootstrapAdmin,
  startBackground: startAdminBackground,
};
