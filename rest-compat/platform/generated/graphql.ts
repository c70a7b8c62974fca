/* eslint-disable */
/** Internal type. DO NOT USE DIRECTLY. */
type Exact<T extends { [key: string]: unknown }> = { [K in keyof T]: T[K] };
/** Internal type. DO NOT USE DIRECTLY. */
export type Incremental<T> = T | { [P in keyof T]?: P extends ' $fragmentName' | '__typename' ? T[P] : never };
import type { DocumentTypeDecoration } from '@graphql-typed-document-node/core';
export type AddTicketMessageInput = {
  /** 5–2000 characters. */
  message: string;
  ticketId: string | number;
};

export type CreateApiKeyInput = {
  allowedIps: Array<string>;
  banFields: Array<string>;
  displayName: string;
  expiresAt?: string | null | undefined;
  scopes: Array<string>;
};

export type CreateOutboundTargetInput = {
  enabled?: boolean | null | undefined;
  /** Event names; null (targets only) means every event. Webhooks need at least one: resource.* without an organization, organization.* with one. */
  events?: Array<string> | null | undefined;
  /** Required for targets; webhooks default to the URL's host. */
  name?: string | null | undefined;
  /** Webhooks only: receive this organization's events (the caller must be an owner or admin of it). */
  organizationId?: string | null | undefined;
  /** Signing secret (8–500 characters): deliveries carry x-playroom-signature = sha256=HMAC-SHA256(secret, timestamp + '.' + body). */
  secret?: string | null | undefined;
  /** http(s) only; private, loopback and link-local addresses are refused unless OUTBOUND_ALLOW_PRIVATE. */
  url: string;
};

export type CreateTicketCategoryInput = {
  /** #RRGGBB */
  color?: string | null | undefined;
  description?: string | null | undefined;
  name: string;
  responderRoleIds?: Array<string> | null | undefined;
  viewerRoleIds?: Array<string> | null | undefined;
};

export type CreateTicketInput = {
  categoryId: string | number;
  /** The first message, 5–2000 characters. */
  message: string;
  /** 3–120 characters. */
  title: string;
};

export type OutboundActionStatus =
  | 'delivering'
  | 'failed'
  | 'queued'
  | 'succeeded';

/** target: platform outbound targets (P9–P12), admins', every matching event; webhook: general-API webhooks (G18–G22), an account's, its own events. Both are delivered alike. */
export type OutboundTargetKind =
  | 'target'
  | 'webhook';

/** Subscription plan of a user (general API rate limits depend on it). */
export type Plan =
  | 'enterprise'
  | 'free'
  | 'pro';

/** none: plain SMTP; starttls: STARTTLS required; tls: TLS from the first byte (port 465). */
export type SmtpSecurity =
  | 'none'
  | 'starttls'
  | 'tls';

/** Where a ticket is in its life: open (waiting), claimed (a responder took it), closed. */
export type TicketStatus =
  | 'claimed'
  | 'closed'
  | 'open';

/** Ticket list filter: one status, or all of them. */
export type TicketStatusFilter =
  | 'all'
  | 'claimed'
  | 'closed'
  | 'open';

export type UpdateApiKeyInput = {
  allowedIps?: Array<string> | null | undefined;
  banFields?: Array<string> | null | undefined;
  displayName?: string | null | undefined;
  expiresAt?: string | null | undefined;
  id: string;
  revoked?: boolean | null | undefined;
  scopes?: Array<string> | null | undefined;
};

/** Only the fields given change; secret null or empty removes the secret. */
export type UpdateOutboundTargetInput = {
  enabled?: boolean | null | undefined;
  events?: Array<string> | null | undefined;
  id: string;
  name?: string | null | undefined;
  /** Webhooks only; null moves the webhook back to its owner's resources. */
  organizationId?: string | null | undefined;
  secret?: string | null | undefined;
  url?: string | null | undefined;
};

/** Only the settings given change; an unknown key or a wrong type changes nothing (400). smtpPassword null removes it. */
export type UpdateSettingsInput = {
  registrationOpen?: boolean | null | undefined;
  siteDescription?: string | null | undefined;
  siteName?: string | null | undefined;
  smtpHost?: string | null | undefined;
  smtpPassword?: string | null | undefined;
  smtpPort?: number | null | undefined;
  smtpSecurity?: SmtpSecurity | null | undefined;
  smtpSender?: string | null | undefined;
  smtpUser?: string | null | undefined;
  supportEmail?: string | null | undefined;
};

export type UpdateTicketCategoryInput = {
  categoryId: string | number;
  /** #RRGGBB */
  color?: string | null | undefined;
  description?: string | null | undefined;
  name: string;
  responderRoleIds?: Array<string> | null | undefined;
  viewerRoleIds?: Array<string> | null | undefined;
};

export type UpdateTicketInput = {
  /** true claims the ticket for the caller, false releases the claim. */
  claimedByMe?: boolean | null | undefined;
  status?: TicketStatus | null | undefined;
  ticketId: string | number;
};

export type PublicSettingsQueryVariables = Exact<{ [key: string]: never; }>;


export type PublicSettingsQuery = { publicSettings: { siteName: string, siteDescription: string, registrationOpen: boolean, supportEmail: string | null } };

export type PlatformUserFragment = { id: string, email: string | null, username: string, firstName: string | null, lastName: string | null, avatarUrl: string | null, plan: Plan, createdAt: string, permissions: Array<string>, roles: { edges: Array<{ node: { name: string } }> } };

export type PlatformApiKeyFragment = { id: string, displayName: string, identifier: string, scopes: Array<string>, allowedIps: Array<string>, banFields: Array<string>, expiresAt: string | null, revoked: boolean, lastUsedAt: string | null, createdAt: string, updatedAt: string, createdBy: { id: string, username: string } | null };

export type LoginMutationVariables = Exact<{
  email: string;
  password: string;
}>;


export type LoginMutation = { login: { csrfToken: string, expiresAt: string, user: { id: string, email: string | null, username: string, firstName: string | null, lastName: string | null, avatarUrl: string | null, plan: Plan, createdAt: string, permissions: Array<string>, roles: { edges: Array<{ node: { name: string } }> } } } };

export type LogoutMutationVariables = Exact<{ [key: string]: never; }>;


export type LogoutMutation = { logout: boolean };

export type CurrentSessionQueryVariables = Exact<{ [key: string]: never; }>;


export type CurrentSessionQuery = { currentSession: { csrfToken: string, expiresAt: string, user: { id: string, email: string | null, username: string, firstName: string | null, lastName: string | null, avatarUrl: string | null, plan: Plan, createdAt: string, permissions: Array<string>, roles: { edges: Array<{ node: { name: string } }> } } } | null };

export type ApiKeysQueryVariables = Exact<{ [key: string]: never; }>;


export type ApiKeysQuery = { apiKeys: { edges: Array<{ node: { id: string, displayName: string, identifier: string, scopes: Array<string>, allowedIps: Array<string>, banFields: Array<string>, expiresAt: string | null, revoked: boolean, lastUsedAt: string | null, createdAt: string, updatedAt: string, createdBy: { id: string, username: string } | null } }> } };

export type CreateApiKeyMutationVariables = Exact<{
  input: CreateApiKeyInput;
}>;


export type CreateApiKeyMutation = { createApiKey: { secret: string, apiKey: { id: string, displayName: string, identifier: string, scopes: Array<string>, allowedIps: Array<string>, banFields: Array<string>, expiresAt: string | null, revoked: boolean, lastUsedAt: string | null, createdAt: string, updatedAt: string, createdBy: { id: string, username: string } | null } } };

export type UpdateApiKeyMutationVariables = Exact<{
  input: UpdateApiKeyInput;
}>;


export type UpdateApiKeyMutation = { updateApiKey: { id: string, displayName: string, identifier: string, scopes: Array<string>, allowedIps: Array<string>, banFields: Array<string>, expiresAt: string | null, revoked: boolean, lastUsedAt: string | null, createdAt: string, updatedAt: string, createdBy: { id: string, username: string } | null } };

export type DeleteApiKeyMutationVariables = Exact<{
  id: string;
  permanent?: boolean | null | undefined;
}>;


export type DeleteApiKeyMutation = { deleteApiKey: { id: string, displayName: string, identifier: string, scopes: Array<string>, allowedIps: Array<string>, banFields: Array<string>, expiresAt: string | null, revoked: boolean, lastUsedAt: string | null, createdAt: string, updatedAt: string, createdBy: { id: string, username: string } | null } };

export type PlatformSettingsFragment = { siteName: string, siteDescription: string, registrationOpen: boolean, supportEmail: string | null, smtpHost: string | null, smtpPort: number, smtpSecurity: SmtpSecurity, smtpUser: string | null, smtpPasswordSet: boolean, smtpSender: string | null };

export type PlatformOutboundTargetFragment = { id: string, name: string, url: string, hasSecret: boolean, enabled: boolean, events: Array<string> | null, createdAt: string, updatedAt: string };

export type PlatformOutboundActionFragment = { id: string, event: string, payload: Record<string, unknown>, status: OutboundActionStatus, attempts: number, maxAttempts: number, lastError: string | null, lastStatusCode: number | null, nextAttemptAt: string | null, deliveredAt: string | null, createdAt: string, updatedAt: string, target: { id: string, kind: OutboundTargetKind, name: string, url: string } };

export type AdminSettingsQueryVariables = Exact<{ [key: string]: never; }>;


export type AdminSettingsQuery = { adminSettings: { siteName: string, siteDescription: string, registrationOpen: boolean, supportEmail: string | null, smtpHost: string | null, smtpPort: number, smtpSecurity: SmtpSecurity, smtpUser: string | null, smtpPasswordSet: boolean, smtpSender: string | null } };

export type UpdateSettingsMutationVariables = Exact<{
  input: UpdateSettingsInput;
}>;


export type UpdateSettingsMutation = { updateSettings: { siteName: string, siteDescription: string, registrationOpen: boolean, supportEmail: string | null, smtpHost: string | null, smtpPort: number, smtpSecurity: SmtpSecurity, smtpUser: string | null, smtpPasswordSet: boolean, smtpSender: string | null } };

export type SendTestEmailMutationVariables = Exact<{
  to: string;
}>;


export type SendTestEmailMutation = { sendTestEmail: { to: string, from: string, subject: string, messageId: string, accepted: Array<string> } };

export type OutboundTargetsQueryVariables = Exact<{ [key: string]: never; }>;


export type OutboundTargetsQuery = { outboundTargets: { edges: Array<{ node: { id: string, name: string, url: string, hasSecret: boolean, enabled: boolean, events: Array<string> | null, createdAt: string, updatedAt: string } }> } };

export type CreateOutboundTargetMutationVariables = Exact<{
  input: CreateOutboundTargetInput;
}>;


export type CreateOutboundTargetMutation = { createOutboundTarget: { id: string, name: string, url: string, hasSecret: boolean, enabled: boolean, events: Array<string> | null, createdAt: string, updatedAt: string } };

export type UpdateOutboundTargetMutationVariables = Exact<{
  input: UpdateOutboundTargetInput;
}>;


export type UpdateOutboundTargetMutation = { updateOutboundTarget: { id: string, name: string, url: string, hasSecret: boolean, enabled: boolean, events: Array<string> | null, createdAt: string, updatedAt: string } };

export type DeleteOutboundTargetMutationVariables = Exact<{
  id: string;
}>;


export type DeleteOutboundTargetMutation = { deleteOutboundTarget: { id: string, name: string, url: string, hasSecret: boolean, enabled: boolean, events: Array<string> | null, createdAt: string, updatedAt: string } };

export type OutboundActionsQueryVariables = Exact<{
  status?: OutboundActionStatus | null | undefined;
  targetId?: string | null | undefined;
}>;


export type OutboundActionsQuery = { outboundActions: { edges: Array<{ node: { id: string, event: string, payload: Record<string, unknown>, status: OutboundActionStatus, attempts: number, maxAttempts: number, lastError: string | null, lastStatusCode: number | null, nextAttemptAt: string | null, deliveredAt: string | null, createdAt: string, updatedAt: string, target: { id: string, kind: OutboundTargetKind, name: string, url: string } } }> } };

export type RetryOutboundActionMutationVariables = Exact<{
  id: string;
}>;


export type RetryOutboundActionMutation = { retryOutboundAction: { id: string, event: string, payload: Record<string, unknown>, status: OutboundActionStatus, attempts: number, maxAttempts: number, lastError: string | null, lastStatusCode: number | null, nextAttemptAt: string | null, deliveredAt: string | null, createdAt: string, updatedAt: string, target: { id: string, kind: OutboundTargetKind, name: string, url: string } } };

export type DeleteOutboundActionMutationVariables = Exact<{
  id: string;
}>;


export type DeleteOutboundActionMutation = { deleteOutboundAction: { id: string, event: string, payload: Record<string, unknown>, status: OutboundActionStatus, attempts: number, maxAttempts: number, lastError: string | null, lastStatusCode: number | null, nextAttemptAt: string | null, deliveredAt: string | null, createdAt: string, updatedAt: string, target: { id: string, kind: OutboundTargetKind, name: string, url: string } } };

export type TicketCategoriesQueryVariables = Exact<{ [key: string]: never; }>;


export type TicketCategoriesQuery = { ticketCategories: { edges: Array<{ node: { id: string, name: string, description: string, color: string, responderRoleIds: Array<string>, viewerRoleIds: Array<string>, createdAt: string, updatedAt: string } }> } };

export type CreateTicketCategoryMutationVariables = Exact<{
  input: CreateTicketCategoryInput;
}>;


export type CreateTicketCategoryMutation = { createTicketCategory: { id: string, name: string, description: string, color: string, responderRoleIds: Array<string>, viewerRoleIds: Array<string>, createdAt: string, updatedAt: string } };

export type UpdateTicketCategoryMutationVariables = Exact<{
  input: UpdateTicketCategoryInput;
}>;


export type UpdateTicketCategoryMutation = { updateTicketCategory: { id: string, name: string, description: string, color: string, responderRoleIds: Array<string>, viewerRoleIds: Array<string>, createdAt: string, updatedAt: string } };

export type DeleteTicketCategoryMutationVariables = Exact<{
  id: string | number;
}>;


export type DeleteTicketCategoryMutation = { deleteTicketCategory: { id: string, name: string, description: string, color: string, responderRoleIds: Array<string>, viewerRoleIds: Array<string>, createdAt: string, updatedAt: string } };

export type PlatformTicketFieldsFragment = { id: string, title: string, status: TicketStatus, createdAt: string, updatedAt: string, closedAt: string | null, category: { id: string, name: string, color: string } | null, owner: { id: string, username: string }, claimedBy: { id: string, username: string } | null };

export type PlatformTicketFragment = { id: string, title: string, status: TicketStatus, createdAt: string, updatedAt: string, closedAt: string | null, messages: { totalCount: number }, category: { id: string, name: string, color: string } | null, owner: { id: string, username: string }, claimedBy: { id: string, username: string } | null };

export type PlatformTicketMessageFragment = { id: string, body: string, createdAt: string, updatedAt: string, author: { id: string, username: string }, ticket: { id: string } };

export type PlatformTicketDetailFragment = { id: string, title: string, status: TicketStatus, createdAt: string, updatedAt: string, closedAt: string | null, messages: { totalCount: number, edges: Array<{ node: { id: string, body: string, createdAt: string, updatedAt: string, author: { id: string, username: string }, ticket: { id: string } } }> }, category: { id: string, name: string, color: string } | null, owner: { id: string, username: string }, claimedBy: { id: string, username: string } | null };

export type PlatformTicketCategoryFragment = { id: string, name: string, description: string, color: string, responderRoleIds: Array<string>, viewerRoleIds: Array<string>, createdAt: string, updatedAt: string };

export type TicketsQueryVariables = Exact<{
  first?: number | null | undefined;
  after?: string | null | undefined;
  categoryId?: string | number | null | undefined;
  status?: TicketStatusFilter | null | undefined;
  mine?: boolean | null | undefined;
  ticketId: string | number;
  one: boolean;
}>;


export type TicketsQuery = { tickets?: { totalCount: number, edges: Array<{ node: { id: string, title: string, status: TicketStatus, createdAt: string, updatedAt: string, closedAt: string | null, messages: { totalCount: number }, category: { id: string, name: string, color: string } | null, owner: { id: string, username: string }, claimedBy: { id: string, username: string } | null } }> }, ticket?: { id: string, title: string, status: TicketStatus, createdAt: string, updatedAt: string, closedAt: string | null, messages: { totalCount: number, edges: Array<{ node: { id: string, body: string, createdAt: string, updatedAt: string, author: { id: string, username: string }, ticket: { id: string } } }> }, category: { id: string, name: string, color: string } | null, owner: { id: string, username: string }, claimedBy: { id: string, username: string } | null } };

export type CreateTicketMutationVariables = Exact<{
  input: CreateTicketInput;
}>;


export type CreateTicketMutation = { createTicket: { id: string, title: string, status: TicketStatus, createdAt: string, updatedAt: string, closedAt: string | null, messages: { totalCount: number, edges: Array<{ node: { id: string, body: string, createdAt: string, updatedAt: string, author: { id: string, username: string }, ticket: { id: string } } }> }, category: { id: string, name: string, color: string } | null, owner: { id: string, username: string }, claimedBy: { id: string, username: string } | null } };

export type UpdateTicketMutationVariables = Exact<{
  input: UpdateTicketInput;
}>;


export type UpdateTicketMutation = { updateTicket: { id: string, title: string, status: TicketStatus, createdAt: string, updatedAt: string, closedAt: string | null, messages: { totalCount: number, edges: Array<{ node: { id: string, body: string, createdAt: string, updatedAt: string, author: { id: string, username: string }, ticket: { id: string } } }> }, category: { id: string, name: string, color: string } | null, owner: { id: string, username: string }, claimedBy: { id: string, username: string } | null } };

export type DeleteTicketMutationVariables = Exact<{
  id: string | number;
}>;


export type DeleteTicketMutation = { deleteTicket: { id: string, title: string, status: TicketStatus, createdAt: string, updatedAt: string, closedAt: string | null, messages: { totalCount: number }, category: { id: string, name: string, color: string } | null, owner: { id: string, username: string }, claimedBy: { id: string, username: string } | null } };

export type AddTicketMessageMutationVariables = Exact<{
  input: AddTicketMessageInput;
}>;


export type AddTicketMessageMutation = { addTicketMessage: { id: string, body: string, createdAt: string, updatedAt: string, author: { id: string, username: string }, ticket: { id: string } } };

export type DeleteTicketMessageMutationVariables = Exact<{
  id: string | number;
}>;


export type DeleteTicketMessageMutation = { deleteTicketMessage: { id: string, body: string, createdAt: string, updatedAt: string, author: { id: string, username: string }, ticket: { id: string } } };

export type TicketAccessQueryVariables = Exact<{ [key: string]: never; }>;


export type TicketAccessQuery = { ticketAccess: { canAccess: boolean, canManage: boolean, canDefine: boolean, canCreate: boolean, categories: Array<{ canView: boolean, canRespond: boolean, category: { id: string, name: string } }> } };

export type OpenTicketCountQueryVariables = Exact<{ [key: string]: never; }>;


export type OpenTicketCountQuery = { openTicketCount: number };

export class TypedDocumentString<TResult, TVariables>
  extends String
  implements DocumentTypeDecoration<TResult, TVariables>
{
  __apiType?: NonNullable<DocumentTypeDecoration<TResult, TVariables>['__apiType']>;
  private value: string;
  public __meta__?: Record<string, any> | undefined;

  constructor(value: string, __meta__?: Record<string, any> | undefined) {
    super(value);
    this.value = value;
    this.__meta__ = __meta__;
  }

  override toString(): string & DocumentTypeDecoration<TResult, TVariables> {
    return this.value;
  }
}
export const PlatformUserFragmentDoc = new TypedDocumentString(`
    fragment PlatformUser on User {
  id
  email
  username
  firstName
  lastName
  avatarUrl
  plan
  createdAt
  roles(first: 10) {
    edges {
      node {
        name
      }
    }
  }
  permissions
}
    `, {"fragmentName":"PlatformUser"}) as unknown as TypedDocumentString<PlatformUserFragment, unknown>;
export const PlatformApiKeyFragmentDoc = new TypedDocumentString(`
    fragment PlatformApiKey on ApiKey {
  id
  displayName
  identifier
  scopes
  allowedIps
  banFields
  expiresAt
  revoked
  lastUsedAt
  createdAt
  updatedAt
  createdBy {
    id
    username
  }
}
    `, {"fragmentName":"PlatformApiKey"}) as unknown as TypedDocumentString<PlatformApiKeyFragment, unknown>;
export const PlatformSettingsFragmentDoc = new TypedDocumentString(`
    fragment PlatformSettings on AdminSettings {
  siteName
  siteDescription
  registrationOpen
  supportEmail
  smtpHost
  smtpPort
  smtpSecurity
  smtpUser
  smtpPasswordSet
  smtpSender
}
    `, {"fragmentName":"PlatformSettings"}) as unknown as TypedDocumentString<PlatformSettingsFragment, unknown>;
export const PlatformOutboundTargetFragmentDoc = new TypedDocumentString(`
    fragment PlatformOutboundTarget on OutboundTarget {
  id
  name
  url
  hasSecret
  enabled
  events
  createdAt
  updatedAt
}
    `, {"fragmentName":"PlatformOutboundTarget"}) as unknown as TypedDocumentString<PlatformOutboundTargetFragment, unknown>;
export const PlatformOutboundActionFragmentDoc = new TypedDocumentString(`
    fragment PlatformOutboundAction on OutboundAction {
  id
  event
  payload
  status
  attempts
  maxAttempts
  lastError
  lastStatusCode
  nextAttemptAt
  deliveredAt
  createdAt
  updatedAt
  target {
    id
    kind
    name
    url
  }
}
    `, {"fragmentName":"PlatformOutboundAction"}) as unknown as TypedDocumentString<PlatformOutboundActionFragment, unknown>;
export const PlatformTicketFieldsFragmentDoc = new TypedDocumentString(`
    fragment PlatformTicketFields on Ticket {
  id
  title
  status
  createdAt
  updatedAt
  closedAt
  category {
    id
    name
    color
  }
  owner {
    id
    username
  }
  claimedBy {
    id
    username
  }
}
    `, {"fragmentName":"PlatformTicketFields"}) as unknown as TypedDocumentString<PlatformTicketFieldsFragment, unknown>;
export const PlatformTicketFragmentDoc = new TypedDocumentString(`
    fragment PlatformTicket on Ticket {
  ...PlatformTicketFields
  messages(first: 0) {
    totalCount
  }
}
    fragment PlatformTicketFields on Ticket {
  id
  title
  status
  createdAt
  updatedAt
  closedAt
  category {
    id
    name
    color
  }
  owner {
    id
    username
  }
  claimedBy {
    id
    username
  }
}`, {"fragmentName":"PlatformTicket"}) as unknown as TypedDocumentString<PlatformTicketFragment, unknown>;
export const PlatformTicketMessageFragmentDoc = new TypedDocumentString(`
    fragment PlatformTicketMessage on TicketMessage {
  id
  body
  createdAt
  updatedAt
  author {
    id
    username
  }
  ticket {
    id
  }
}
    `, {"fragmentName":"PlatformTicketMessage"}) as unknown as TypedDocumentString<PlatformTicketMessageFragment, unknown>;
export const PlatformTicketDetailFragmentDoc = new TypedDocumentString(`
    fragment PlatformTicketDetail on Ticket {
  ...PlatformTicketFields
  messages(first: 100) {
    totalCount
    edges {
      node {
        ...PlatformTicketMessage
      }
    }
  }
}
    fragment PlatformTicketFields on Ticket {
  id
  title
  status
  createdAt
  updatedAt
  closedAt
  category {
    id
    name
    color
  }
  owner {
    id
    username
  }
  claimedBy {
    id
    username
  }
}
fragment PlatformTicketMessage on TicketMessage {
  id
  body
  createdAt
  updatedAt
  author {
    id
    username
  }
  ticket {
    id
  }
}`, {"fragmentName":"PlatformTicketDetail"}) as unknown as TypedDocumentString<PlatformTicketDetailFragment, unknown>;
export const PlatformTicketCategoryFragmentDoc = new TypedDocumentString(`
    fragment PlatformTicketCategory on TicketCategory {
  id
  name
  description
  color
  responderRoleIds
  viewerRoleIds
  createdAt
  updatedAt
}
    `, {"fragmentName":"PlatformTicketCategory"}) as unknown as TypedDocumentString<PlatformTicketCategoryFragment, unknown>;
export const PublicSettingsDocument = new TypedDocumentString(`
    query PublicSettings {
  publicSettings {
    siteName
    siteDescription
    registrationOpen
    supportEmail
  }
}
    `) as unknown as TypedDocumentString<PublicSettingsQuery, PublicSettingsQueryVariables>;
export const LoginDocument = new TypedDocumentString(`
    mutation Login($email: String!, $password: String!) {
  login(email: $email, password: $password) {
    csrfToken
    expiresAt
    user {
      ...PlatformUser
    }
  }
}
    fragment PlatformUser on User {
  id
  email
  username
  firstName
  lastName
  avatarUrl
  plan
  createdAt
  roles(first: 10) {
    edges {
      node {
        name
      }
    }
  }
  permissions
}`) as unknown as TypedDocumentString<LoginMutation, LoginMutationVariables>;
export const LogoutDocument = new TypedDocumentString(`
    mutation Logout {
  logout
}
    `) as unknown as TypedDocumentString<LogoutMutation, LogoutMutationVariables>;
export const CurrentSessionDocument = new TypedDocumentString(`
    query CurrentSession {
  currentSession {
    csrfToken
    expiresAt
    user {
      ...PlatformUser
    }
  }
}
    fragment PlatformUser on User {
  id
  email
  username
  firstName
  lastName
  avatarUrl
  plan
  createdAt
  roles(first: 10) {
    edges {
      node {
        name
      }
    }
  }
  permissions
}`) as unknown as TypedDocumentString<CurrentSessionQuery, CurrentSessionQueryVariables>;
export const ApiKeysDocument = new TypedDocumentString(`
    query ApiKeys {
  apiKeys(first: 100) {
    edges {
      node {
        ...PlatformApiKey
      }
    }
  }
}
    fragment PlatformApiKey on ApiKey {
  id
  displayName
  identifier
  scopes
  allowedIps
  banFields
  expiresAt
  revoked
  lastUsedAt
  createdAt
  updatedAt
  createdBy {
    id
    username
  }
}`) as unknown as TypedDocumentString<ApiKeysQuery, ApiKeysQueryVariables>;
export const CreateApiKeyDocument = new TypedDocumentString(`
    mutation CreateApiKey($input: CreateApiKeyInput!) {
  createApiKey(input: $input) {
    secret
    apiKey {
      ...PlatformApiKey
    }
  }
}
    fragment PlatformApiKey on ApiKey {
  id
  displayName
  identifier
  scopes
  allowedIps
  banFields
  expiresAt
  revoked
  lastUsedAt
  createdAt
  updatedAt
  createdBy {
    id
    username
  }
}`) as unknown as TypedDocumentString<CreateApiKeyMutation, CreateApiKeyMutationVariables>;
export const UpdateApiKeyDocument = new TypedDocumentString(`
    mutation UpdateApiKey($input: UpdateApiKeyInput!) {
  updateApiKey(input: $input) {
    ...PlatformApiKey
  }
}
    fragment PlatformApiKey on ApiKey {
  id
  displayName
  identifier
  scopes
  allowedIps
  banFields
  expiresAt
  revoked
  lastUsedAt
  createdAt
  updatedAt
  createdBy {
    id
    username
  }
}`) as unknown as TypedDocumentString<UpdateApiKeyMutation, UpdateApiKeyMutationVariables>;
export const DeleteApiKeyDocument = new TypedDocumentString(`
    mutation DeleteApiKey($id: UUID!, $permanent: Boolean) {
  deleteApiKey(id: $id, permanent: $permanent) {
    ...PlatformApiKey
  }
}
    fragment PlatformApiKey on ApiKey {
  id
  displayName
  identifier
  scopes
  allowedIps
  banFields
  expiresAt
  revoked
  lastUsedAt
  createdAt
  updatedAt
  createdBy {
    id
    username
  }
}`) as unknown as TypedDocumentString<DeleteApiKeyMutation, DeleteApiKeyMutationVariables>;
export const AdminSettingsDocument = new TypedDocumentString(`
    query AdminSettings {
  adminSettings {
    ...PlatformSettings
  }
}
    fragment PlatformSettings on AdminSettings {
  siteName
  siteDescription
  registrationOpen
  supportEmail
  smtpHost
  smtpPort
  smtpSecurity
  smtpUser
  smtpPasswordSet
  smtpSender
}`) as unknown as TypedDocumentString<AdminSettingsQuery, AdminSettingsQueryVariables>;
export const UpdateSettingsDocument = new TypedDocumentString(`
    mutation UpdateSettings($input: UpdateSettingsInput!) {
  updateSettings(input: $input) {
    ...PlatformSettings
  }
}
    fragment PlatformSettings on AdminSettings {
  siteName
  siteDescription
  registrationOpen
  supportEmail
  smtpHost
  smtpPort
  smtpSecurity
  smtpUser
  smtpPasswordSet
  smtpSender
}`) as unknown as TypedDocumentString<UpdateSettingsMutation, UpdateSettingsMutationVariables>;
export const SendTestEmailDocument = new TypedDocumentString(`
    mutation SendTestEmail($to: String!) {
  sendTestEmail(to: $to) {
    to
    from
    subject
    messageId
    accepted
  }
}
    `) as unknown as TypedDocumentString<SendTestEmailMutation, SendTestEmailMutationVariables>;
export const OutboundTargetsDocument = new TypedDocumentString(`
    query OutboundTargets {
  outboundTargets(kind: target, first: 100) {
    edges {
      node {
        ...PlatformOutboundTarget
      }
    }
  }
}
    fragment PlatformOutboundTarget on OutboundTarget {
  id
  name
  url
  hasSecret
  enabled
  events
  createdAt
  updatedAt
}`) as unknown as TypedDocumentString<OutboundTargetsQuery, OutboundTargetsQueryVariables>;
export const CreateOutboundTargetDocument = new TypedDocumentString(`
    mutation CreateOutboundTarget($input: CreateOutboundTargetInput!) {
  createOutboundTarget(input: $input) {
    ...PlatformOutboundTarget
  }
}
    fragment PlatformOutboundTarget on OutboundTarget {
  id
  name
  url
  hasSecret
  enabled
  events
  createdAt
  updatedAt
}`) as unknown as TypedDocumentString<CreateOutboundTargetMutation, CreateOutboundTargetMutationVariables>;
export const UpdateOutboundTargetDocument = new TypedDocumentString(`
    mutation UpdateOutboundTarget($input: UpdateOutboundTargetInput!) {
  updateOutboundTarget(input: $input) {
    ...PlatformOutboundTarget
  }
}
    fragment PlatformOutboundTarget on OutboundTarget {
  id
  name
  url
  hasSecret
  enabled
  events
  createdAt
  updatedAt
}`) as unknown as TypedDocumentString<UpdateOutboundTargetMutation, UpdateOutboundTargetMutationVariables>;
export const DeleteOutboundTargetDocument = new TypedDocumentString(`
    mutation DeleteOutboundTarget($id: UUID!) {
  deleteOutboundTarget(id: $id) {
    ...PlatformOutboundTarget
  }
}
    fragment PlatformOutboundTarget on OutboundTarget {
  id
  name
  url
  hasSecret
  enabled
  events
  createdAt
  updatedAt
}`) as unknown as TypedDocumentString<DeleteOutboundTargetMutation, DeleteOutboundTargetMutationVariables>;
export const OutboundActionsDocument = new TypedDocumentString(`
    query OutboundActions($status: OutboundActionStatus, $targetId: UUID) {
  outboundActions(first: 100, status: $status, targetId: $targetId) {
    edges {
      node {
        ...PlatformOutboundAction
      }
    }
  }
}
    fragment PlatformOutboundAction on OutboundAction {
  id
  event
  payload
  status
  attempts
  maxAttempts
  lastError
  lastStatusCode
  nextAttemptAt
  deliveredAt
  createdAt
  updatedAt
  target {
    id
    kind
    name
    url
  }
}`) as unknown as TypedDocumentString<OutboundActionsQuery, OutboundActionsQueryVariables>;
export const RetryOutboundActionDocument = new TypedDocumentString(`
    mutation RetryOutboundAction($id: UUID!) {
  retryOutboundAction(id: $id) {
    ...PlatformOutboundAction
  }
}
    fragment PlatformOutboundAction on OutboundAction {
  id
  event
  payload
  status
  attempts
  maxAttempts
  lastError
  lastStatusCode
  nextAttemptAt
  deliveredAt
  createdAt
  updatedAt
  target {
    id
    kind
    name
    url
  }
}`) as unknown as TypedDocumentString<RetryOutboundActionMutation, RetryOutboundActionMutationVariables>;
export const DeleteOutboundActionDocument = new TypedDocumentString(`
    mutation DeleteOutboundAction($id: UUID!) {
  deleteOutboundAction(id: $id) {
    ...PlatformOutboundAction
  }
}
    fragment PlatformOutboundAction on OutboundAction {
  id
  event
  payload
  status
  attempts
  maxAttempts
  lastError
  lastStatusCode
  nextAttemptAt
  deliveredAt
  createdAt
  updatedAt
  target {
    id
    kind
    name
    url
  }
}`) as unknown as TypedDocumentString<DeleteOutboundActionMutation, DeleteOutboundActionMutationVariables>;
export const TicketCategoriesDocument = new TypedDocumentString(`
    query TicketCategories {
  ticketCategories(first: 100) {
    edges {
      node {
        ...PlatformTicketCategory
      }
    }
  }
}
    fragment PlatformTicketCategory on TicketCategory {
  id
  name
  description
  color
  responderRoleIds
  viewerRoleIds
  createdAt
  updatedAt
}`) as unknown as TypedDocumentString<TicketCategoriesQuery, TicketCategoriesQueryVariables>;
export const CreateTicketCategoryDocument = new TypedDocumentString(`
    mutation CreateTicketCategory($input: CreateTicketCategoryInput!) {
  createTicketCategory(input: $input) {
    ...PlatformTicketCategory
  }
}
    fragment PlatformTicketCategory on TicketCategory {
  id
  name
  description
  color
  responderRoleIds
  viewerRoleIds
  createdAt
  updatedAt
}`) as unknown as TypedDocumentString<CreateTicketCategoryMutation, CreateTicketCategoryMutationVariables>;
export const UpdateTicketCategoryDocument = new TypedDocumentString(`
    mutation UpdateTicketCategory($input: UpdateTicketCategoryInput!) {
  updateTicketCategory(input: $input) {
    ...PlatformTicketCategory
  }
}
    fragment PlatformTicketCategory on TicketCategory {
  id
  name
  description
  color
  responderRoleIds
  viewerRoleIds
  createdAt
  updatedAt
}`) as unknown as TypedDocumentString<UpdateTicketCategoryMutation, UpdateTicketCategoryMutationVariables>;
export const DeleteTicketCategoryDocument = new TypedDocumentString(`
    mutation DeleteTicketCategory($id: ID!) {
  deleteTicketCategory(id: $id) {
    ...PlatformTicketCategory
  }
}
    fragment PlatformTicketCategory on TicketCategory {
  id
  name
  description
  color
  responderRoleIds
  viewerRoleIds
  createdAt
  updatedAt
}`) as unknown as TypedDocumentString<DeleteTicketCategoryMutation, DeleteTicketCategoryMutationVariables>;
export const TicketsDocument = new TypedDocumentString(`
    query Tickets($first: Int, $after: String, $categoryId: ID, $status: TicketStatusFilter, $mine: Boolean, $ticketId: ID!, $one: Boolean!) {
  tickets(
    first: $first
    after: $after
    categoryId: $categoryId
    status: $status
    mine: $mine
  ) @skip(if: $one) {
    totalCount
    edges {
      node {
        ...PlatformTicket
      }
    }
  }
  ticket(id: $ticketId) @include(if: $one) {
    ...PlatformTicketDetail
  }
}
    fragment PlatformTicketFields on Ticket {
  id
  title
  status
  createdAt
  updatedAt
  closedAt
  category {
    id
    name
    color
  }
  owner {
    id
    username
  }
  claimedBy {
    id
    username
  }
}
fragment PlatformTicket on Ticket {
  ...PlatformTicketFields
  messages(first: 0) {
    totalCount
  }
}
fragment PlatformTicketMessage on TicketMessage {
  id
  body
  createdAt
  updatedAt
  author {
    id
    username
  }
  ticket {
    id
  }
}
fragment PlatformTicketDetail on Ticket {
  ...PlatformTicketFields
  messages(first: 100) {
    totalCount
    edges {
      node {
        ...PlatformTicketMessage
      }
    }
  }
}`) as unknown as TypedDocumentString<TicketsQuery, TicketsQueryVariables>;
export const CreateTicketDocument = new TypedDocumentString(`
    mutation CreateTicket($input: CreateTicketInput!) {
  createTicket(input: $input) {
    ...PlatformTicketDetail
  }
}
    fragment PlatformTicketFields on Ticket {
  id
  title
  status
  createdAt
  updatedAt
  closedAt
  category {
    id
    name
    color
  }
  owner {
    id
    username
  }
  claimedBy {
    id
    username
  }
}
fragment PlatformTicketMessage on TicketMessage {
  id
  body
  createdAt
  updatedAt
  author {
    id
    username
  }
  ticket {
    id
  }
}
fragment PlatformTicketDetail on Ticket {
  ...PlatformTicketFields
  messages(first: 100) {
    totalCount
    edges {
      node {
        ...PlatformTicketMessage
      }
    }
  }
}`) as unknown as TypedDocumentString<CreateTicketMutation, CreateTicketMutationVariables>;
export const UpdateTicketDocument = new TypedDocumentString(`
    mutation UpdateTicket($input: UpdateTicketInput!) {
  updateTicket(input: $input) {
    ...PlatformTicketDetail
  }
}
    fragment PlatformTicketFields on Ticket {
  id
  title
  status
  createdAt
  updatedAt
  closedAt
  category {
    id
    name
    color
  }
  owner {
    id
    username
  }
  claimedBy {
    id
    username
  }
}
fragment PlatformTicketMessage on TicketMessage {
  id
  body
  createdAt
  updatedAt
  author {
    id
    username
  }
  ticket {
    id
  }
}
fragment PlatformTicketDetail on Ticket {
  ...PlatformTicketFields
  messages(first: 100) {
    totalCount
    edges {
      node {
        ...PlatformTicketMessage
      }
    }
  }
}`) as unknown as TypedDocumentString<UpdateTicketMutation, UpdateTicketMutationVariables>;
export const DeleteTicketDocument = new TypedDocumentString(`
    mutation DeleteTicket($id: ID!) {
  deleteTicket(id: $id) {
    ...PlatformTicket
  }
}
    fragment PlatformTicketFields on Ticket {
  id
  title
  status
  createdAt
  updatedAt
  closedAt
  category {
    id
    name
    color
  }
  owner {
    id
    username
  }
  claimedBy {
    id
    username
  }
}
fragment PlatformTicket on Ticket {
  ...PlatformTicketFields
  messages(first: 0) {
    totalCount
  }
}`) as unknown as TypedDocumentString<DeleteTicketMutation, DeleteTicketMutationVariables>;
export const AddTicketMessageDocument = new TypedDocumentString(`
    mutation AddTicketMessage($input: AddTicketMessageInput!) {
  addTicketMessage(input: $input) {
    ...PlatformTicketMessage
  }
}
    fragment PlatformTicketMessage on TicketMessage {
  id
  body
  createdAt
  updatedAt
  author {
    id
    username
  }
  ticket {
    id
  }
}`) as unknown as TypedDocumentString<AddTicketMessageMutation, AddTicketMessageMutationVariables>;
export const DeleteTicketMessageDocument = new TypedDocumentString(`
    mutation DeleteTicketMessage($id: ID!) {
  deleteTicketMessage(id: $id) {
    ...PlatformTicketMessage
  }
}
    fragment PlatformTicketMessage on TicketMessage {
  id
  body
  createdAt
  updatedAt
  author {
    id
    username
  }
  ticket {
    id
  }
}`) as unknown as TypedDocumentString<DeleteTicketMessageMutation, DeleteTicketMessageMutationVariables>;
export const TicketAccessDocument = new TypedDocumentString(`
    query TicketAccess {
  ticketAccess {
    canAccess
    canManage
    canDefine
    canCreate
    categories {
      canView
      canRespond
      category {
        id
        name
      }
    }
  }
}
    `) as unknown as TypedDocumentString<TicketAccessQuery, TicketAccessQueryVariables>;
export const OpenTicketCountDocument = new TypedDocumentString(`
    query OpenTicketCount {
  openTicketCount
}
    `) as unknown as TypedDocumentString<OpenTicketCountQuery, OpenTicketCountQueryVariables>;