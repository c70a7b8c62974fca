/* eslint-disable */
/** Internal type. DO NOT USE DIRECTLY. */
type Exact<T extends { [key: string]: unknown }> = { [K in keyof T]: T[K] };
/** Internal type. DO NOT USE DIRECTLY. */
export type Incremental<T> = T | { [P in keyof T]?: P extends ' $fragmentName' | '__typename' ? T[P] : never };
import type { DocumentTypeDecoration } from '@graphql-typed-document-node/core';
export type CreateOrganizationInput = {
  name: string;
  slug: string;
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

export type CreateResourceInput = {
  description?: string | null | undefined;
  /** Defaults to {}. */
  metadata?: Record<string, unknown> | null | undefined;
  name: string;
  /** Defaults to active. */
  status?: ResourceStatus | null | undefined;
  /** Defaults to standard. */
  type?: string | null | undefined;
};

/** Role of a member in an organization. */
export type OrganizationRole =
  | 'admin'
  | 'member'
  | 'owner';

export type OutboundActionStatus =
  | 'delivering'
  | 'failed'
  | 'queued'
  | 'succeeded';

/** Subscription plan of a user (general API rate limits depend on it). */
export type Plan =
  | 'enterprise'
  | 'free'
  | 'pro';

export type ResourceFilter = {
  status?: ResourceStatus | null | undefined;
  type?: string | null | undefined;
};

export type ResourceOrder = {
  direction?: SortDirection;
  field: ResourceSortField;
};

export type ResourceSortField =
  | 'createdAt'
  | 'name'
  | 'status'
  | 'type'
  | 'updatedAt';

/** Lifecycle of a resource (general API). */
export type ResourceStatus =
  | 'active'
  | 'archived'
  | 'inactive';

export type SortDirection =
  | 'asc'
  | 'desc';

export type UpdateOrganizationInput = {
  name?: string | null | undefined;
  slug?: string | null | undefined;
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

export type UpdateProfileInput = {
  avatarUrl?: string | null | undefined;
  firstName?: string | null | undefined;
  lastName?: string | null | undefined;
};

/** Only the fields given change; description null clears it. */
export type UpdateResourceInput = {
  description?: string | null | undefined;
  /** Replaces the whole metadata object. */
  metadata?: Record<string, unknown> | null | undefined;
  name?: string | null | undefined;
  status?: ResourceStatus | null | undefined;
  type?: string | null | undefined;
};

export type GeneralUserFragment = { id: string, email: string | null, username: string, firstName: string | null, lastName: string | null, avatarUrl: string | null, plan: Plan, createdAt: string, updatedAt: string, roles: { edges: Array<{ node: { name: string } }> } };

export type GeneralTokensFragment = { accessToken: string, refreshToken: string, tokenType: string, expiresIn: number };

export type MeQueryVariables = Exact<{ [key: string]: never; }>;


export type MeQuery = { me: { id: string, email: string | null, username: string, firstName: string | null, lastName: string | null, avatarUrl: string | null, plan: Plan, createdAt: string, updatedAt: string, roles: { edges: Array<{ node: { name: string } }> } } | null };

export type UpdateMyProfileMutationVariables = Exact<{
  input: UpdateProfileInput;
}>;


export type UpdateMyProfileMutation = { updateMyProfile: { id: string, email: string | null, username: string, firstName: string | null, lastName: string | null, avatarUrl: string | null, plan: Plan, createdAt: string, updatedAt: string, roles: { edges: Array<{ node: { name: string } }> } } };

export type UsersQueryVariables = Exact<{
  first?: number | null | undefined;
  after?: string | null | undefined;
  search?: string | null | undefined;
  role?: string | null | undefined;
}>;


export type UsersQuery = { users: { totalCount: number, edges: Array<{ node: { id: string, email: string | null, username: string, firstName: string | null, lastName: string | null, avatarUrl: string | null, plan: Plan, createdAt: string, updatedAt: string, roles: { edges: Array<{ node: { name: string } }> } } }> } };

export type IssueTokensMutationVariables = Exact<{
  email: string;
  password: string;
}>;


export type IssueTokensMutation = { issueTokens: { accessToken: string, refreshToken: string, tokenType: string, expiresIn: number } };

export type RefreshTokensMutationVariables = Exact<{
  refreshToken: string;
}>;


export type RefreshTokensMutation = { refreshTokens: { accessToken: string, refreshToken: string, tokenType: string, expiresIn: number } };

export type RevokeTokensMutationVariables = Exact<{
  refreshToken?: string | null | undefined;
}>;


export type RevokeTokensMutation = { revokeTokens: boolean };

export type RegisterMutationVariables = Exact<{
  email: string;
  username: string;
  password: string;
}>;


export type RegisterMutation = { register: { email: string, username: string } };

export type GeneralOrganizationFragment = { id: string, name: string, slug: string, myRole: OrganizationRole | null, createdAt: string, updatedAt: string };

export type GeneralMemberFragment = { role: OrganizationRole, joinedAt: string, user: { id: string, username: string } };

export type OrganizationsQueryVariables = Exact<{
  first?: number | null | undefined;
  after?: string | null | undefined;
}>;


export type OrganizationsQuery = { organizations: { totalCount: number, edges: Array<{ node: { id: string, name: string, slug: string, myRole: OrganizationRole | null, createdAt: string, updatedAt: string } }> } };

export type OrganizationQueryVariables = Exact<{
  id: string;
}>;


export type OrganizationQuery = { organization: { id: string, name: string, slug: string, myRole: OrganizationRole | null, createdAt: string, updatedAt: string } | null };

export type CreateOrganizationMutationVariables = Exact<{
  input: CreateOrganizationInput;
}>;


export type CreateOrganizationMutation = { createOrganization: { id: string, name: string, slug: string, myRole: OrganizationRole | null, createdAt: string, updatedAt: string } };

export type UpdateOrganizationMutationVariables = Exact<{
  id: string;
  input: UpdateOrganizationInput;
}>;


export type UpdateOrganizationMutation = { updateOrganization: { id: string, name: string, slug: string, myRole: OrganizationRole | null, createdAt: string, updatedAt: string } };

export type DeleteOrganizationMutationVariables = Exact<{
  id: string;
}>;


export type DeleteOrganizationMutation = { deleteOrganization: string };

export type OrganizationMembersQueryVariables = Exact<{
  id: string;
  first?: number | null | undefined;
  after?: string | null | undefined;
}>;


export type OrganizationMembersQuery = { organization: { members: { totalCount: number, edges: Array<{ node: { role: OrganizationRole, joinedAt: string, user: { id: string, username: string } } }> } } | null };

export type AddOrganizationMemberMutationVariables = Exact<{
  organizationId: string;
  userId: string;
  role: OrganizationRole;
}>;


export type AddOrganizationMemberMutation = { addOrganizationMember: { role: OrganizationRole, joinedAt: string, user: { id: string, username: string } } };

export type RemoveOrganizationMemberMutationVariables = Exact<{
  organizationId: string;
  userId: string;
}>;


export type RemoveOrganizationMemberMutation = { removeOrganizationMember: string };

export type GeneralResourceFragment = { id: string, name: string, description: string | null, type: string, status: ResourceStatus, metadata: Record<string, unknown>, createdAt: string, updatedAt: string, owner: { id: string } };

export type ResourcesQueryVariables = Exact<{
  first?: number | null | undefined;
  after?: string | null | undefined;
  filter?: ResourceFilter | null | undefined;
  orderBy?: ResourceOrder | null | undefined;
}>;


export type ResourcesQuery = { resources: { totalCount: number, edges: Array<{ node: { id: string, name: string, description: string | null, type: string, status: ResourceStatus, metadata: Record<string, unknown>, createdAt: string, updatedAt: string, owner: { id: string } } }> } };

export type ResourceQueryVariables = Exact<{
  id: string;
}>;


export type ResourceQuery = { resource: { id: string, name: string, description: string | null, type: string, status: ResourceStatus, metadata: Record<string, unknown>, createdAt: string, updatedAt: string, owner: { id: string } } | null };

export type CreateResourceMutationVariables = Exact<{
  input: CreateResourceInput;
}>;


export type CreateResourceMutation = { createResource: { id: string, name: string, description: string | null, type: string, status: ResourceStatus, metadata: Record<string, unknown>, createdAt: string, updatedAt: string, owner: { id: string } } };

export type UpdateResourceMutationVariables = Exact<{
  id: string;
  input: UpdateResourceInput;
}>;


export type UpdateResourceMutation = { updateResource: { id: string, name: string, description: string | null, type: string, status: ResourceStatus, metadata: Record<string, unknown>, createdAt: string, updatedAt: string, owner: { id: string } } };

export type DeleteResourceMutationVariables = Exact<{
  id: string;
}>;


export type DeleteResourceMutation = { deleteResource: string };

export type GeneralWebhookFragment = { id: string, name: string, url: string, hasSecret: boolean, enabled: boolean, events: Array<string> | null, ownerId: string | null, organizationId: string | null, createdAt: string, updatedAt: string };

export type WebhooksQueryVariables = Exact<{
  first?: number | null | undefined;
  after?: string | null | undefined;
}>;


export type WebhooksQuery = { outboundTargets: { totalCount: number, edges: Array<{ node: { id: string, name: string, url: string, hasSecret: boolean, enabled: boolean, events: Array<string> | null, ownerId: string | null, organizationId: string | null, createdAt: string, updatedAt: string } }> } };

export type CreateWebhookMutationVariables = Exact<{
  input: CreateOutboundTargetInput;
}>;


export type CreateWebhookMutation = { createOutboundTarget: { id: string, name: string, url: string, hasSecret: boolean, enabled: boolean, events: Array<string> | null, ownerId: string | null, organizationId: string | null, createdAt: string, updatedAt: string } };

export type UpdateWebhookMutationVariables = Exact<{
  input: UpdateOutboundTargetInput;
}>;


export type UpdateWebhookMutation = { updateOutboundTarget: { id: string, name: string, url: string, hasSecret: boolean, enabled: boolean, events: Array<string> | null, ownerId: string | null, organizationId: string | null, createdAt: string, updatedAt: string } };

export type DeleteWebhookMutationVariables = Exact<{
  id: string;
}>;


export type DeleteWebhookMutation = { deleteOutboundTarget: { id: string } };

export type TestWebhookMutationVariables = Exact<{
  id: string;
}>;


export type TestWebhookMutation = { testOutboundTarget: { id: string, event: string, status: OutboundActionStatus, attempts: number, lastError: string | null, lastStatusCode: number | null, deliveredAt: string | null, createdAt: string } };

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
export const GeneralUserFragmentDoc = new TypedDocumentString(`
    fragment GeneralUser on User {
  id
  email
  username
  firstName
  lastName
  avatarUrl
  plan
  createdAt
  updatedAt
  roles(first: 10) {
    edges {
      node {
        name
      }
    }
  }
}
    `, {"fragmentName":"GeneralUser"}) as unknown as TypedDocumentString<GeneralUserFragment, unknown>;
export const GeneralTokensFragmentDoc = new TypedDocumentString(`
    fragment GeneralTokens on AuthTokens {
  accessToken
  refreshToken
  tokenType
  expiresIn
}
    `, {"fragmentName":"GeneralTokens"}) as unknown as TypedDocumentString<GeneralTokensFragment, unknown>;
export const GeneralOrganizationFragmentDoc = new TypedDocumentString(`
    fragment GeneralOrganization on Organization {
  id
  name
  slug
  myRole
  createdAt
  updatedAt
}
    `, {"fragmentName":"GeneralOrganization"}) as unknown as TypedDocumentString<GeneralOrganizationFragment, unknown>;
export const GeneralMemberFragmentDoc = new TypedDocumentString(`
    fragment GeneralMember on OrganizationMember {
  role
  joinedAt
  user {
    id
    username
  }
}
    `, {"fragmentName":"GeneralMember"}) as unknown as TypedDocumentString<GeneralMemberFragment, unknown>;
export const GeneralResourceFragmentDoc = new TypedDocumentString(`
    fragment GeneralResource on Resource {
  id
  name
  description
  type
  status
  metadata
  owner {
    id
  }
  createdAt
  updatedAt
}
    `, {"fragmentName":"GeneralResource"}) as unknown as TypedDocumentString<GeneralResourceFragment, unknown>;
export const GeneralWebhookFragmentDoc = new TypedDocumentString(`
    fragment GeneralWebhook on OutboundTarget {
  id
  name
  url
  hasSecret
  enabled
  events
  ownerId
  organizationId
  createdAt
  updatedAt
}
    `, {"fragmentName":"GeneralWebhook"}) as unknown as TypedDocumentString<GeneralWebhookFragment, unknown>;
export const MeDocument = new TypedDocumentString(`
    query Me {
  me {
    ...GeneralUser
  }
}
    fragment GeneralUser on User {
  id
  email
  username
  firstName
  lastName
  avatarUrl
  plan
  createdAt
  updatedAt
  roles(first: 10) {
    edges {
      node {
        name
      }
    }
  }
}`) as unknown as TypedDocumentString<MeQuery, MeQueryVariables>;
export const UpdateMyProfileDocument = new TypedDocumentString(`
    mutation UpdateMyProfile($input: UpdateProfileInput!) {
  updateMyProfile(input: $input) {
    ...GeneralUser
  }
}
    fragment GeneralUser on User {
  id
  email
  username
  firstName
  lastName
  avatarUrl
  plan
  createdAt
  updatedAt
  roles(first: 10) {
    edges {
      node {
        name
      }
    }
  }
}`) as unknown as TypedDocumentString<UpdateMyProfileMutation, UpdateMyProfileMutationVariables>;
export const UsersDocument = new TypedDocumentString(`
    query Users($first: Int, $after: String, $search: String, $role: String) {
  users(first: $first, after: $after, search: $search, role: $role) {
    totalCount
    edges {
      node {
        ...GeneralUser
      }
    }
  }
}
    fragment GeneralUser on User {
  id
  email
  username
  firstName
  lastName
  avatarUrl
  plan
  createdAt
  updatedAt
  roles(first: 10) {
    edges {
      node {
        name
      }
    }
  }
}`) as unknown as TypedDocumentString<UsersQuery, UsersQueryVariables>;
export const IssueTokensDocument = new TypedDocumentString(`
    mutation IssueTokens($email: String!, $password: String!) {
  issueTokens(email: $email, password: $password) {
    ...GeneralTokens
  }
}
    fragment GeneralTokens on AuthTokens {
  accessToken
  refreshToken
  tokenType
  expiresIn
}`) as unknown as TypedDocumentString<IssueTokensMutation, IssueTokensMutationVariables>;
export const RefreshTokensDocument = new TypedDocumentString(`
    mutation RefreshTokens($refreshToken: String!) {
  refreshTokens(refreshToken: $refreshToken) {
    ...GeneralTokens
  }
}
    fragment GeneralTokens on AuthTokens {
  accessToken
  refreshToken
  tokenType
  expiresIn
}`) as unknown as TypedDocumentString<RefreshTokensMutation, RefreshTokensMutationVariables>;
export const RevokeTokensDocument = new TypedDocumentString(`
    mutation RevokeTokens($refreshToken: String) {
  revokeTokens(refreshToken: $refreshToken)
}
    `) as unknown as TypedDocumentString<RevokeTokensMutation, RevokeTokensMutationVariables>;
export const RegisterDocument = new TypedDocumentString(`
    mutation Register($email: EmailAddress!, $username: NonEmptyString!, $password: NonEmptyString!) {
  register(email: $email, username: $username, password: $password) {
    email
    username
  }
}
    `) as unknown as TypedDocumentString<RegisterMutation, RegisterMutationVariables>;
export const OrganizationsDocument = new TypedDocumentString(`
    query Organizations($first: Int, $after: String) {
  organizations(first: $first, after: $after) {
    totalCount
    edges {
      node {
        ...GeneralOrganization
      }
    }
  }
}
    fragment GeneralOrganization on Organization {
  id
  name
  slug
  myRole
  createdAt
  updatedAt
}`) as unknown as TypedDocumentString<OrganizationsQuery, OrganizationsQueryVariables>;
export const OrganizationDocument = new TypedDocumentString(`
    query Organization($id: UUID!) {
  organization(id: $id) {
    ...GeneralOrganization
  }
}
    fragment GeneralOrganization on Organization {
  id
  name
  slug
  myRole
  createdAt
  updatedAt
}`) as unknown as TypedDocumentString<OrganizationQuery, OrganizationQueryVariables>;
export const CreateOrganizationDocument = new TypedDocumentString(`
    mutation CreateOrganization($input: CreateOrganizationInput!) {
  createOrganization(input: $input) {
    ...GeneralOrganization
  }
}
    fragment GeneralOrganization on Organization {
  id
  name
  slug
  myRole
  createdAt
  updatedAt
}`) as unknown as TypedDocumentString<CreateOrganizationMutation, CreateOrganizationMutationVariables>;
export const UpdateOrganizationDocument = new TypedDocumentString(`
    mutation UpdateOrganization($id: UUID!, $input: UpdateOrganizationInput!) {
  updateOrganization(id: $id, input: $input) {
    ...GeneralOrganization
  }
}
    fragment GeneralOrganization on Organization {
  id
  name
  slug
  myRole
  createdAt
  updatedAt
}`) as unknown as TypedDocumentString<UpdateOrganizationMutation, UpdateOrganizationMutationVariables>;
export const DeleteOrganizationDocument = new TypedDocumentString(`
    mutation DeleteOrganization($id: UUID!) {
  deleteOrganization(id: $id)
}
    `) as unknown as TypedDocumentString<DeleteOrganizationMutation, DeleteOrganizationMutationVariables>;
export const OrganizationMembersDocument = new TypedDocumentString(`
    query OrganizationMembers($id: UUID!, $first: Int, $after: String) {
  organization(id: $id) {
    members(first: $first, after: $after) {
      totalCount
      edges {
        node {
          ...GeneralMember
        }
      }
    }
  }
}
    fragment GeneralMember on OrganizationMember {
  role
  joinedAt
  user {
    id
    username
  }
}`) as unknown as TypedDocumentString<OrganizationMembersQuery, OrganizationMembersQueryVariables>;
export const AddOrganizationMemberDocument = new TypedDocumentString(`
    mutation AddOrganizationMember($organizationId: UUID!, $userId: UUID!, $role: OrganizationRole!) {
  addOrganizationMember(
    organizationId: $organizationId
    userId: $userId
    role: $role
  ) {
    ...GeneralMember
  }
}
    fragment GeneralMember on OrganizationMember {
  role
  joinedAt
  user {
    id
    username
  }
}`) as unknown as TypedDocumentString<AddOrganizationMemberMutation, AddOrganizationMemberMutationVariables>;
export const RemoveOrganizationMemberDocument = new TypedDocumentString(`
    mutation RemoveOrganizationMember($organizationId: UUID!, $userId: UUID!) {
  removeOrganizationMember(organizationId: $organizationId, userId: $userId)
}
    `) as unknown as TypedDocumentString<RemoveOrganizationMemberMutation, RemoveOrganizationMemberMutationVariables>;
export const ResourcesDocument = new TypedDocumentString(`
    query Resources($first: Int, $after: String, $filter: ResourceFilter, $orderBy: ResourceOrder) {
  resources(first: $first, after: $after, filter: $filter, orderBy: $orderBy) {
    totalCount
    edges {
      node {
        ...GeneralResource
      }
    }
  }
}
    fragment GeneralResource on Resource {
  id
  name
  description
  type
  status
  metadata
  owner {
    id
  }
  createdAt
  updatedAt
}`) as unknown as TypedDocumentString<ResourcesQuery, ResourcesQueryVariables>;
export const ResourceDocument = new TypedDocumentString(`
    query Resource($id: UUID!) {
  resource(id: $id) {
    ...GeneralResource
  }
}
    fragment GeneralResource on Resource {
  id
  name
  description
  type
  status
  metadata
  owner {
    id
  }
  createdAt
  updatedAt
}`) as unknown as TypedDocumentString<ResourceQuery, ResourceQueryVariables>;
export const CreateResourceDocument = new TypedDocumentString(`
    mutation CreateResource($input: CreateResourceInput!) {
  createResource(input: $input) {
    ...GeneralResource
  }
}
    fragment GeneralResource on Resource {
  id
  name
  description
  type
  status
  metadata
  owner {
    id
  }
  createdAt
  updatedAt
}`) as unknown as TypedDocumentString<CreateResourceMutation, CreateResourceMutationVariables>;
export const UpdateResourceDocument = new TypedDocumentString(`
    mutation UpdateResource($id: UUID!, $input: UpdateResourceInput!) {
  updateResource(id: $id, input: $input) {
    ...GeneralResource
  }
}
    fragment GeneralResource on Resource {
  id
  name
  description
  type
  status
  metadata
  owner {
    id
  }
  createdAt
  updatedAt
}`) as unknown as TypedDocumentString<UpdateResourceMutation, UpdateResourceMutationVariables>;
export const DeleteResourceDocument = new TypedDocumentString(`
    mutation DeleteResource($id: UUID!) {
  deleteResource(id: $id)
}
    `) as unknown as TypedDocumentString<DeleteResourceMutation, DeleteResourceMutationVariables>;
export const WebhooksDocument = new TypedDocumentString(`
    query Webhooks($first: Int, $after: String) {
  outboundTargets(kind: webhook, first: $first, after: $after) {
    totalCount
    edges {
      node {
        ...GeneralWebhook
      }
    }
  }
}
    fragment GeneralWebhook on OutboundTarget {
  id
  name
  url
  hasSecret
  enabled
  events
  ownerId
  organizationId
  createdAt
  updatedAt
}`) as unknown as TypedDocumentString<WebhooksQuery, WebhooksQueryVariables>;
export const CreateWebhookDocument = new TypedDocumentString(`
    mutation CreateWebhook($input: CreateOutboundTargetInput!) {
  createOutboundTarget(input: $input, kind: webhook) {
    ...GeneralWebhook
  }
}
    fragment GeneralWebhook on OutboundTarget {
  id
  name
  url
  hasSecret
  enabled
  events
  ownerId
  organizationId
  createdAt
  updatedAt
}`) as unknown as TypedDocumentString<CreateWebhookMutation, CreateWebhookMutationVariables>;
export const UpdateWebhookDocument = new TypedDocumentString(`
    mutation UpdateWebhook($input: UpdateOutboundTargetInput!) {
  updateOutboundTarget(input: $input, kind: webhook) {
    ...GeneralWebhook
  }
}
    fragment GeneralWebhook on OutboundTarget {
  id
  name
  url
  hasSecret
  enabled
  events
  ownerId
  organizationId
  createdAt
  updatedAt
}`) as unknown as TypedDocumentString<UpdateWebhookMutation, UpdateWebhookMutationVariables>;
export const DeleteWebhookDocument = new TypedDocumentString(`
    mutation DeleteWebhook($id: UUID!) {
  deleteOutboundTarget(id: $id, kind: webhook) {
    id
  }
}
    `) as unknown as TypedDocumentString<DeleteWebhookMutation, DeleteWebhookMutationVariables>;
export const TestWebhookDocument = new TypedDocumentString(`
    mutation TestWebhook($id: UUID!) {
  testOutboundTarget(id: $id, kind: webhook) {
    id
    event
    status
    attempts
    lastError
    lastStatusCode
    deliveredAt
    createdAt
  }
}
    `) as unknown as TypedDocumentString<TestWebhookMutation, TestWebhookMutationVariables>;