import { DateTimeResolver, EmailAddressResolver, NonEmptyStringResolver, URLResolver, UUIDResolver } from 'graphql-scalars';
import { connectionFromList } from '../../../common/connections';
import type { Principal } from '../../../common/principal';
import { CREDENTIALS_CHANGED_HEADER, SESSION_ISSUE_HEADER, type Context } from '../context';
import type { Resolvers } from '../generated/resolvers-types';
import { resourceResolvers } from './resources';
import { outboundResolvers } from './outbound';
import { idempotencyResolvers } from './idempotency';
import { createApiKey, deleteApiKey, listApiKeys, updateApiKey } from '../services/api-key-service';
import { resolveCredential } from '../services/credential-service';
import { existingRoleIds } from '../services/internal-roles';
import { currentSession, issueTokens, login, logout, refreshTokens, revokeTokens } from '../services/session-service';
import { readPublicSettings } from '../services/settings-service';
import { createRole, createUser, listRoles, listUsers, register, setUserRoles, updateMyProfile, updateRole, updateUser } from '../services/user-service';

function isSelfOrAdmin(principal: Principal, userId: string): boolean {
  if (principal.kind === 'user') return principal.userId === userId || principal.permissions.includes('admin');
  if (principal.kind === 'apiKey') return principal.permissions.includes('admin') && principal.scopes.includes('users:read');
  return false;
}

/** Tells the gateway that credentials changed, so it drops its credential cache at once. */
function credentialsChanged(context: Context): void {
  context.responseHeaders.set(CREDENTIALS_CHANGED_HEADER, '1');
}

export const resolvers: Resolvers = {
  // General API (resources, organizations, rate-limit counter): resolvers/resources.ts.
  ...resourceResolvers,
  DateTime: DateTimeResolver,
  UUID: UUIDResolver,
  EmailAddress: EmailAddressResolver,
  URL: URLResolver,
  NonEmptyString: NonEmptyStringResolver,
  Query: {
    publicSettings: (_parent, _args, { em }) => readPublicSettings(em),
    me: (_parent, _args, { principal, loaders }) => (principal.kind === 'user' ? loaders.userById.load(principal.userId) : null),
    currentSession: (_parent, _args, { em, principal }) => currentSession(em, principal),
    users: (_parent, args, { em, principal }) => listUsers(em, principal, args),
    roles: (_parent, args, { em, principal }) => listRoles(em, principal, args),
    apiKeys: (_parent, args, { em, principal }) => listApiKeys(em, principal, args),
    resolveCredential: (_parent, { kind, secret }, { em, principal }) => resolveCredential(em, principal, kind, secret),
    existingRoleIds: (_parent, { ids }, { em, principal }) => existingRoleIds(em, principal, ids),
    ...resourceResolvers.Query,
    ...outboundResolvers.Query,
  },
  Mutation: {
    login: async (_parent, { email, password }, context) => {
      const session = await login(context.em, context.settings, context.principal, email, password);
      context.responseHeaders.set(SESSION_ISSUE_HEADER, JSON.stringify({ token: session.token, expiresAt: session.expiresAt.toISOString() }));
      context.loaders.selfUserIds.add(session.user.id);
      return { user: session.user, csrfToken: session.csrfToken, expiresAt: session.expiresAt };
    },
    logout: async (_parent, _args, context) => {
      const done = await logout(context.em, context.principal);
      context.responseHeaders.set(SESSION_ISSUE_HEADER, JSON.stringify({ clear: true }));
      credentialsChanged(context);
      return done;
    },
    issueTokens: (_parent, { email, password }, { em, settings, principal }) => issueTokens(em, settings, principal, email, password),
    refreshTokens: async (_parent, { refreshToken }, context) => {
      try {
        return await refreshTokens(context.em, context.settings, refreshToken);
      } catch (error) {
        // Reuse revokes a family: its access tokens must stop at once on this gateway.
        credentialsChanged(context);
        throw error;
      }
    },
    revokeTokens: async (_parent, { refreshToken }, context) => {
      const done = await revokeTokens(context.em, context.principal, refreshToken);
      credentialsChanged(context);
      return done;
    },
    register: (_parent, args, { em }) => register(em, args),
    updateMyProfile: (_parent, { input }, { em, principal }) => updateMyProfile(em, principal, input),
    createUser: (_parent, { input }, { em, principal }) => createUser(em, principal, input),
    updateUser: async (_parent, { input }, context) => {
      const user = await updateUser(context.em, context.principal, input);
      credentialsChanged(context);
      return user;
    },
    setUserRoles: async (_parent, { userId, roleIds }, context) => {
      const user = await setUserRoles(context.em, context.principal, userId, roleIds);
      credentialsChanged(context);
      return user;
    },
    createRole: (_parent, { name, permissions }, { em, principal }) => createRole(em, principal, name, permissions),
    updateRole: async (_parent, { id, name, permissions }, context) => {
      const role = await updateRole(context.em, context.principal, id, name, permissions);
      credentialsChanged(context);
      return role;
    },
    createApiKey: (_parent, { input }, { em, principal }) => createApiKey(em, principal, input),
    updateApiKey: async (_parent, { input }, context) => {
      const key = await updateApiKey(context.em, context.principal, input);
      credentialsChanged(context);
      return key;
    },
    deleteApiKey: async (_parent, { id, permanent }, context) => {
      const key = await deleteApiKey(context.em, context.principal, id, permanent ?? false);
      credentialsChanged(context);
      return key;
    },
    ...resourceResolvers.Mutation,
    ...outboundResolvers.Mutation,
    ...idempotencyResolvers.Mutation,
  },
  User: {
    __resolveReference: (reference, { loaders }) => loaders.userById.load(reference.id),
    email: (user, _args, { principal, loaders }) => (loaders.selfUserIds.has(user.id) || isSelfOrAdmin(principal, user.id) ? user.email : null),
    roles: async (user, args, { loaders }) => connectionFromList(await loaders.rolesByUserId.load(user.id), args),
    permissions: async (user, _args, { loaders }) => [...new Set((await loaders.rolesByUserId.load(user.id)).flatMap((role) => role.permissions))].sort(),
  },
  Role: {
    __resolveReference: (reference, { loaders }) => loaders.roleById.load(reference.id),
  },
  ApiKey: {
    createdBy: (key, _args, { loaders }) => (key.createdBy ? loaders.userById.load(key.createdBy) : null),
  },
};
