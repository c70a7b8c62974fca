import { DateTimeResolver, EmailAddressResolver, NonEmptyStringResolver, URLResolver, UUIDResolver } from 'graphql-scalars';
import { connectionFromList } from '../../../common/connections';
import type { Resolvers } from '../generated/resolvers-types';
import { createApiKey, deleteApiKey, listApiKeys, updateApiKey } from '../services/api-key-service';
import { resolveCredential } from '../services/credential-service';
import { register } from '../services/registration-service';
import { createRole, existingRoleIds, listRoles, permissionsOfUser, updateRole } from '../services/role-service';
import { currentSession, login, logout } from '../services/session-service';
import { readPublicSettings } from '../services/settings-service';
import { issueTokens, refreshTokens, revokeTokens } from '../services/token-service';
import { createUser, currentUser, emailOf, listUsers, setUserRoles, updateMyProfile, updateUser } from '../services/user-service';
import { idempotencyResolvers } from './idempotency';
import { outboundResolvers } from './outbound';
import { resourceResolvers } from './resources';

/**
 * Each field maps its arguments to one service call and shapes the answer;
 * the services hold the permission rules (services/permissions.ts) and tell
 * the gateway, in headers, what it must learn besides the answer (a new
 * session, changed credentials: services/gateway-headers.ts). Fields that
 * only follow a parent's key read it through the request's loaders.
 */
export const resolvers: Resolvers = {
  // General API (resources, organizations, rate-limit counter): resolvers/resources.ts.
  ...resourceResolvers,
  DateTime: DateTimeResolver,
  UUID: UUIDResolver,
  EmailAddress: EmailAddressResolver,
  URL: URLResolver,
  NonEmptyString: NonEmptyStringResolver,
  Query: {
    publicSettings: (_parent, _args, context) => readPublicSettings(context),
    me: (_parent, _args, context) => currentUser(context),
    currentSession: (_parent, _args, context) => currentSession(context),
    users: (_parent, args, context) => listUsers(context, args),
    roles: (_parent, args, context) => listRoles(context, args),
    apiKeys: (_parent, args, context) => listApiKeys(context, args),
    resolveCredential: (_parent, { kind, secret }, context) => resolveCredential(context, kind, secret),
    existingRoleIds: (_parent, { ids }, context) => existingRoleIds(context, ids),
    ...resourceResolvers.Query,
    ...outboundResolvers.Query,
  },
  Mutation: {
    // The session's token goes to the gateway in a header (services/gateway-headers.ts), never in the body.
    login: async (_parent, { email, password }, context) => {
      const { user, csrfToken, expiresAt } = await login(context, email, password);
      return { user, csrfToken, expiresAt };
    },
    logout: (_parent, _args, context) => logout(context),
    issueTokens: (_parent, { email, password }, context) => issueTokens(context, email, password),
    refreshTokens: (_parent, { refreshToken }, context) => refreshTokens(context, refreshToken),
    revokeTokens: (_parent, { refreshToken }, context) => revokeTokens(context, refreshToken),
    register: (_parent, args, context) => register(context, args),
    updateMyProfile: (_parent, { input }, context) => updateMyProfile(context, input),
    createUser: (_parent, { input }, context) => createUser(context, input),
    updateUser: (_parent, { input }, context) => updateUser(context, input),
    setUserRoles: (_parent, { userId, roleIds }, context) => setUserRoles(context, userId, roleIds),
    createRole: (_parent, { name, permissions }, context) => createRole(context, name, permissions),
    updateRole: (_parent, { id, name, permissions }, context) => updateRole(context, id, name, permissions),
    createApiKey: (_parent, { input }, context) => createApiKey(context, input),
    updateApiKey: (_parent, { input }, context) => updateApiKey(context, input),
    deleteApiKey: (_parent, { id, permanent }, context) => deleteApiKey(context, id, permanent ?? false),
    ...resourceResolvers.Mutation,
    ...outboundResolvers.Mutation,
    ...idempotencyResolvers.Mutation,
  },
  User: {
    __resolveReference: (reference, { loaders }) => loaders.userById.load(reference.id),
    email: (user, _args, context) => emailOf(context, user),
    roles: async (user, args, { loaders }) => connectionFromList(await loaders.rolesByUserId.load(user.id), args),
    permissions: (user, _args, context) => permissionsOfUser(context, user.id),
  },
  Role: {
    __resolveReference: (reference, { loaders }) => loaders.roleById.load(reference.id),
  },
  ApiKey: {
    createdBy: (key, _args, { loaders }) => (key.createdBy ? loaders.userById.load(key.createdBy) : null),
  },
};
