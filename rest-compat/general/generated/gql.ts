/* eslint-disable */
import * as types from './graphql';



/**
 * Map of all GraphQL operations in the project.
 *
 * This map has several performance disadvantages:
 * 1. It is not tree-shakeable, so it will include all operations in the project.
 * 2. It is not minifiable, so the string of a GraphQL query will be multiple times inside the bundle.
 * 3. It does not support dead code elimination, so it will add unused operations.
 *
 * Therefore it is highly recommended to use the babel or swc plugin for production.
 * Learn more about it here: https://the-guild.dev/graphql/codegen/plugins/presets/preset-client#reducing-bundle-size
 */
type Documents = {
    "\n  fragment GeneralUser on User {\n    id\n    email\n    username\n    firstName\n    lastName\n    avatarUrl\n    plan\n    createdAt\n    updatedAt\n    roles(first: 10) {\n      edges {\n        node {\n          name\n        }\n      }\n    }\n  }\n": typeof types.GeneralUserFragmentDoc,
    "\n  fragment GeneralTokens on AuthTokens {\n    accessToken\n    refreshToken\n    tokenType\n    expiresIn\n  }\n": typeof types.GeneralTokensFragmentDoc,
    "query Me { me { ...GeneralUser } }": typeof types.MeDocument,
    "mutation UpdateMyProfile($input: UpdateProfileInput!) { updateMyProfile(input: $input) { ...GeneralUser } }": typeof types.UpdateMyProfileDocument,
    "\n      query Users($first: Int, $after: String, $search: String, $role: String) {\n        users(first: $first, after: $after, search: $search, role: $role) {\n          totalCount\n          edges {\n            node {\n              ...GeneralUser\n            }\n          }\n        }\n      }\n    ": typeof types.UsersDocument,
    "mutation IssueTokens($email: String!, $password: String!) { issueTokens(email: $email, password: $password) { ...GeneralTokens } }": typeof types.IssueTokensDocument,
    "mutation RefreshTokens($refreshToken: String!) { refreshTokens(refreshToken: $refreshToken) { ...GeneralTokens } }": typeof types.RefreshTokensDocument,
    "mutation RevokeTokens($refreshToken: String) { revokeTokens(refreshToken: $refreshToken) }": typeof types.RevokeTokensDocument,
    "\n      mutation Register($email: EmailAddress!, $username: NonEmptyString!, $password: NonEmptyString!) {\n        register(email: $email, username: $username, password: $password) {\n          email\n          username\n        }\n      }\n    ": typeof types.RegisterDocument,
    "\n  fragment GeneralOrganization on Organization {\n    id\n    name\n    slug\n    myRole\n    createdAt\n    updatedAt\n  }\n": typeof types.GeneralOrganizationFragmentDoc,
    "\n  fragment GeneralMember on OrganizationMember {\n    role\n    joinedAt\n    user {\n      id\n      username\n    }\n  }\n": typeof types.GeneralMemberFragmentDoc,
    "\n      query Organizations($first: Int, $after: String) {\n        organizations(first: $first, after: $after) {\n          totalCount\n          edges {\n            node {\n              ...GeneralOrganization\n            }\n          }\n        }\n      }\n    ": typeof types.OrganizationsDocument,
    "query Organization($id: UUID!) { organization(id: $id) { ...GeneralOrganization } }": typeof types.OrganizationDocument,
    "mutation CreateOrganization($input: CreateOrganizationInput!) { createOrganization(input: $input) { ...GeneralOrganization } }": typeof types.CreateOrganizationDocument,
    "mutation UpdateOrganization($id: UUID!, $input: UpdateOrganizationInput!) { updateOrganization(id: $id, input: $input) { ...GeneralOrganization } }": typeof types.UpdateOrganizationDocument,
    "mutation DeleteOrganization($id: UUID!) { deleteOrganization(id: $id) }": typeof types.DeleteOrganizationDocument,
    "\n      query OrganizationMembers($id: UUID!, $first: Int, $after: String) {\n        organization(id: $id) {\n          members(first: $first, after: $after) {\n            totalCount\n            edges {\n              node {\n                ...GeneralMember\n              }\n            }\n          }\n        }\n      }\n    ": typeof types.OrganizationMembersDocument,
    "\n      mutation AddOrganizationMember($organizationId: UUID!, $userId: UUID!, $role: OrganizationRole!) {\n        addOrganizationMember(organizationId: $organizationId, userId: $userId, role: $role) {\n          ...GeneralMember\n        }\n      }\n    ": typeof types.AddOrganizationMemberDocument,
    "\n      mutation RemoveOrganizationMember($organizationId: UUID!, $userId: UUID!) {\n        removeOrganizationMember(organizationId: $organizationId, userId: $userId)\n      }\n    ": typeof types.RemoveOrganizationMemberDocument,
    "\n  fragment GeneralResource on Resource {\n    id\n    name\n    description\n    type\n    status\n    metadata\n    owner {\n      id\n    }\n    createdAt\n    updatedAt\n  }\n": typeof types.GeneralResourceFragmentDoc,
    "\n      query Resources($first: Int, $after: String, $filter: ResourceFilter, $orderBy: ResourceOrder) {\n        resources(first: $first, after: $after, filter: $filter, orderBy: $orderBy) {\n          totalCount\n          edges {\n            node {\n              ...GeneralResource\n            }\n          }\n        }\n      }\n    ": typeof types.ResourcesDocument,
    "query Resource($id: UUID!) { resource(id: $id) { ...GeneralResource } }": typeof types.ResourceDocument,
    "mutation CreateResource($input: CreateResourceInput!) { createResource(input: $input) { ...GeneralResource } }": typeof types.CreateResourceDocument,
    "mutation UpdateResource($id: UUID!, $input: UpdateResourceInput!) { updateResource(id: $id, input: $input) { ...GeneralResource } }": typeof types.UpdateResourceDocument,
    "mutation DeleteResource($id: UUID!) { deleteResource(id: $id) }": typeof types.DeleteResourceDocument,
    "\n  fragment GeneralWebhook on OutboundTarget {\n    id\n    name\n    url\n    hasSecret\n    enabled\n    events\n    ownerId\n    organizationId\n    createdAt\n    updatedAt\n  }\n": typeof types.GeneralWebhookFragmentDoc,
    "\n      query Webhooks($first: Int, $after: String) {\n        outboundTargets(kind: webhook, first: $first, after: $after) {\n          totalCount\n          edges {\n            node {\n              ...GeneralWebhook\n            }\n          }\n        }\n      }\n    ": typeof types.WebhooksDocument,
    "mutation CreateWebhook($input: CreateOutboundTargetInput!) { createOutboundTarget(input: $input, kind: webhook) { ...GeneralWebhook } }": typeof types.CreateWebhookDocument,
    "mutation UpdateWebhook($input: UpdateOutboundTargetInput!) { updateOutboundTarget(input: $input, kind: webhook) { ...GeneralWebhook } }": typeof types.UpdateWebhookDocument,
    "mutation DeleteWebhook($id: UUID!) { deleteOutboundTarget(id: $id, kind: webhook) { id } }": typeof types.DeleteWebhookDocument,
    "\n      mutation TestWebhook($id: UUID!) {\n        testOutboundTarget(id: $id, kind: webhook) {\n          id\n          event\n          status\n          attempts\n          lastError\n          lastStatusCode\n          deliveredAt\n          createdAt\n        }\n      }\n    ": typeof types.TestWebhookDocument,
};
const documents: Documents = {
    "\n  fragment GeneralUser on User {\n    id\n    email\n    username\n    firstName\n    lastName\n    avatarUrl\n    plan\n    createdAt\n    updatedAt\n    roles(first: 10) {\n      edges {\n        node {\n          name\n        }\n      }\n    }\n  }\n": types.GeneralUserFragmentDoc,
    "\n  fragment GeneralTokens on AuthTokens {\n    accessToken\n    refreshToken\n    tokenType\n    expiresIn\n  }\n": types.GeneralTokensFragmentDoc,
    "query Me { me { ...GeneralUser } }": types.MeDocument,
    "mutation UpdateMyProfile($input: UpdateProfileInput!) { updateMyProfile(input: $input) { ...GeneralUser } }": types.UpdateMyProfileDocument,
    "\n      query Users($first: Int, $after: String, $search: String, $role: String) {\n        users(first: $first, after: $after, search: $search, role: $role) {\n          totalCount\n          edges {\n            node {\n              ...GeneralUser\n            }\n          }\n        }\n      }\n    ": types.UsersDocument,
    "mutation IssueTokens($email: String!, $password: String!) { issueTokens(email: $email, password: $password) { ...GeneralTokens } }": types.IssueTokensDocument,
    "mutation RefreshTokens($refreshToken: String!) { refreshTokens(refreshToken: $refreshToken) { ...GeneralTokens } }": types.RefreshTokensDocument,
    "mutation RevokeTokens($refreshToken: String) { revokeTokens(refreshToken: $refreshToken) }": types.RevokeTokensDocument,
    "\n      mutation Register($email: EmailAddress!, $username: NonEmptyString!, $password: NonEmptyString!) {\n        register(email: $email, username: $username, password: $password) {\n          email\n          username\n        }\n      }\n    ": types.RegisterDocument,
    "\n  fragment GeneralOrganization on Organization {\n    id\n    name\n    slug\n    myRole\n    createdAt\n    updatedAt\n  }\n": types.GeneralOrganizationFragmentDoc,
    "\n  fragment GeneralMember on OrganizationMember {\n    role\n    joinedAt\n    user {\n      id\n      username\n    }\n  }\n": types.GeneralMemberFragmentDoc,
    "\n      query Organizations($first: Int, $after: String) {\n        organizations(first: $first, after: $after) {\n          totalCount\n          edges {\n            node {\n              ...GeneralOrganization\n            }\n          }\n        }\n      }\n    ": types.OrganizationsDocument,
    "query Organization($id: UUID!) { organization(id: $id) { ...GeneralOrganization } }": types.OrganizationDocument,
    "mutation CreateOrganization($input: CreateOrganizationInput!) { createOrganization(input: $input) { ...GeneralOrganization } }": types.CreateOrganizationDocument,
    "mutation UpdateOrganization($id: UUID!, $input: UpdateOrganizationInput!) { updateOrganization(id: $id, input: $input) { ...GeneralOrganization } }": types.UpdateOrganizationDocument,
    "mutation DeleteOrganization($id: UUID!) { deleteOrganization(id: $id) }": types.DeleteOrganizationDocument,
    "\n      query OrganizationMembers($id: UUID!, $first: Int, $after: String) {\n        organization(id: $id) {\n          members(first: $first, after: $after) {\n            totalCount\n            edges {\n              node {\n                ...GeneralMember\n              }\n            }\n          }\n        }\n      }\n    ": types.OrganizationMembersDocument,
    "\n      mutation AddOrganizationMember($organizationId: UUID!, $userId: UUID!, $role: OrganizationRole!) {\n        addOrganizationMember(organizationId: $organizationId, userId: $userId, role: $role) {\n          ...GeneralMember\n        }\n      }\n    ": types.AddOrganizationMemberDocument,
    "\n      mutation RemoveOrganizationMember($organizationId: UUID!, $userId: UUID!) {\n        removeOrganizationMember(organizationId: $organizationId, userId: $userId)\n      }\n    ": types.RemoveOrganizationMemberDocument,
    "\n  fragment GeneralResource on Resource {\n    id\n    name\n    description\n    type\n    status\n    metadata\n    owner {\n      id\n    }\n    createdAt\n    updatedAt\n  }\n": types.GeneralResourceFragmentDoc,
    "\n      query Resources($first: Int, $after: String, $filter: ResourceFilter, $orderBy: ResourceOrder) {\n        resources(first: $first, after: $after, filter: $filter, orderBy: $orderBy) {\n          totalCount\n          edges {\n            node {\n              ...GeneralResource\n            }\n          }\n        }\n      }\n    ": types.ResourcesDocument,
    "query Resource($id: UUID!) { resource(id: $id) { ...GeneralResource } }": types.ResourceDocument,
    "mutation CreateResource($input: CreateResourceInput!) { createResource(input: $input) { ...GeneralResource } }": types.CreateResourceDocument,
    "mutation UpdateResource($id: UUID!, $input: UpdateResourceInput!) { updateResource(id: $id, input: $input) { ...GeneralResource } }": types.UpdateResourceDocument,
    "mutation DeleteResource($id: UUID!) { deleteResource(id: $id) }": types.DeleteResourceDocument,
    "\n  fragment GeneralWebhook on OutboundTarget {\n    id\n    name\n    url\n    hasSecret\n    enabled\n    events\n    ownerId\n    organizationId\n    createdAt\n    updatedAt\n  }\n": types.GeneralWebhookFragmentDoc,
    "\n      query Webhooks($first: Int, $after: String) {\n        outboundTargets(kind: webhook, first: $first, after: $after) {\n          totalCount\n          edges {\n            node {\n              ...GeneralWebhook\n            }\n          }\n        }\n      }\n    ": types.WebhooksDocument,
    "mutation CreateWebhook($input: CreateOutboundTargetInput!) { createOutboundTarget(input: $input, kind: webhook) { ...GeneralWebhook } }": types.CreateWebhookDocument,
    "mutation UpdateWebhook($input: UpdateOutboundTargetInput!) { updateOutboundTarget(input: $input, kind: webhook) { ...GeneralWebhook } }": types.UpdateWebhookDocument,
    "mutation DeleteWebhook($id: UUID!) { deleteOutboundTarget(id: $id, kind: webhook) { id } }": types.DeleteWebhookDocument,
    "\n      mutation TestWebhook($id: UUID!) {\n        testOutboundTarget(id: $id, kind: webhook) {\n          id\n          event\n          status\n          attempts\n          lastError\n          lastStatusCode\n          deliveredAt\n          createdAt\n        }\n      }\n    ": types.TestWebhookDocument,
};

/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment GeneralUser on User {\n    id\n    email\n    username\n    firstName\n    lastName\n    avatarUrl\n    plan\n    createdAt\n    updatedAt\n    roles(first: 10) {\n      edges {\n        node {\n          name\n        }\n      }\n    }\n  }\n"): typeof import('./graphql').GeneralUserFragmentDoc;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment GeneralTokens on AuthTokens {\n    accessToken\n    refreshToken\n    tokenType\n    expiresIn\n  }\n"): typeof import('./graphql').GeneralTokensFragmentDoc;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query Me { me { ...GeneralUser } }"): typeof import('./graphql').MeDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation UpdateMyProfile($input: UpdateProfileInput!) { updateMyProfile(input: $input) { ...GeneralUser } }"): typeof import('./graphql').UpdateMyProfileDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n      query Users($first: Int, $after: String, $search: String, $role: String) {\n        users(first: $first, after: $after, search: $search, role: $role) {\n          totalCount\n          edges {\n            node {\n              ...GeneralUser\n            }\n          }\n        }\n      }\n    "): typeof import('./graphql').UsersDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation IssueTokens($email: String!, $password: String!) { issueTokens(email: $email, password: $password) { ...GeneralTokens } }"): typeof import('./graphql').IssueTokensDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation RefreshTokens($refreshToken: String!) { refreshTokens(refreshToken: $refreshToken) { ...GeneralTokens } }"): typeof import('./graphql').RefreshTokensDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation RevokeTokens($refreshToken: String) { revokeTokens(refreshToken: $refreshToken) }"): typeof import('./graphql').RevokeTokensDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n      mutation Register($email: EmailAddress!, $username: NonEmptyString!, $password: NonEmptyString!) {\n        register(email: $email, username: $username, password: $password) {\n          email\n          username\n        }\n      }\n    "): typeof import('./graphql').RegisterDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment GeneralOrganization on Organization {\n    id\n    name\n    slug\n    myRole\n    createdAt\n    updatedAt\n  }\n"): typeof import('./graphql').GeneralOrganizationFragmentDoc;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment GeneralMember on OrganizationMember {\n    role\n    joinedAt\n    user {\n      id\n      username\n    }\n  }\n"): typeof import('./graphql').GeneralMemberFragmentDoc;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n      query Organizations($first: Int, $after: String) {\n        organizations(first: $first, after: $after) {\n          totalCount\n          edges {\n            node {\n              ...GeneralOrganization\n            }\n          }\n        }\n      }\n    "): typeof import('./graphql').OrganizationsDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query Organization($id: UUID!) { organization(id: $id) { ...GeneralOrganization } }"): typeof import('./graphql').OrganizationDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation CreateOrganization($input: CreateOrganizationInput!) { createOrganization(input: $input) { ...GeneralOrganization } }"): typeof import('./graphql').CreateOrganizationDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation UpdateOrganization($id: UUID!, $input: UpdateOrganizationInput!) { updateOrganization(id: $id, input: $input) { ...GeneralOrganization } }"): typeof import('./graphql').UpdateOrganizationDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation DeleteOrganization($id: UUID!) { deleteOrganization(id: $id) }"): typeof import('./graphql').DeleteOrganizationDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n      query OrganizationMembers($id: UUID!, $first: Int, $after: String) {\n        organization(id: $id) {\n          members(first: $first, after: $after) {\n            totalCount\n            edges {\n              node {\n                ...GeneralMember\n              }\n            }\n          }\n        }\n      }\n    "): typeof import('./graphql').OrganizationMembersDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n      mutation AddOrganizationMember($organizationId: UUID!, $userId: UUID!, $role: OrganizationRole!) {\n        addOrganizationMember(organizationId: $organizationId, userId: $userId, role: $role) {\n          ...GeneralMember\n        }\n      }\n    "): typeof import('./graphql').AddOrganizationMemberDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n      mutation RemoveOrganizationMember($organizationId: UUID!, $userId: UUID!) {\n        removeOrganizationMember(organizationId: $organizationId, userId: $userId)\n      }\n    "): typeof import('./graphql').RemoveOrganizationMemberDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment GeneralResource on Resource {\n    id\n    name\n    description\n    type\n    status\n    metadata\n    owner {\n      id\n    }\n    createdAt\n    updatedAt\n  }\n"): typeof import('./graphql').GeneralResourceFragmentDoc;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n      query Resources($first: Int, $after: String, $filter: ResourceFilter, $orderBy: ResourceOrder) {\n        resources(first: $first, after: $after, filter: $filter, orderBy: $orderBy) {\n          totalCount\n          edges {\n            node {\n              ...GeneralResource\n            }\n          }\n        }\n      }\n    "): typeof import('./graphql').ResourcesDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query Resource($id: UUID!) { resource(id: $id) { ...GeneralResource } }"): typeof import('./graphql').ResourceDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation CreateResource($input: CreateResourceInput!) { createResource(input: $input) { ...GeneralResource } }"): typeof import('./graphql').CreateResourceDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation UpdateResource($id: UUID!, $input: UpdateResourceInput!) { updateResource(id: $id, input: $input) { ...GeneralResource } }"): typeof import('./graphql').UpdateResourceDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation DeleteResource($id: UUID!) { deleteResource(id: $id) }"): typeof import('./graphql').DeleteResourceDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment GeneralWebhook on OutboundTarget {\n    id\n    name\n    url\n    hasSecret\n    enabled\n    events\n    ownerId\n    organizationId\n    createdAt\n    updatedAt\n  }\n"): typeof import('./graphql').GeneralWebhookFragmentDoc;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n      query Webhooks($first: Int, $after: String) {\n        outboundTargets(kind: webhook, first: $first, after: $after) {\n          totalCount\n          edges {\n            node {\n              ...GeneralWebhook\n            }\n          }\n        }\n      }\n    "): typeof import('./graphql').WebhooksDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation CreateWebhook($input: CreateOutboundTargetInput!) { createOutboundTarget(input: $input, kind: webhook) { ...GeneralWebhook } }"): typeof import('./graphql').CreateWebhookDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation UpdateWebhook($input: UpdateOutboundTargetInput!) { updateOutboundTarget(input: $input, kind: webhook) { ...GeneralWebhook } }"): typeof import('./graphql').UpdateWebhookDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation DeleteWebhook($id: UUID!) { deleteOutboundTarget(id: $id, kind: webhook) { id } }"): typeof import('./graphql').DeleteWebhookDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n      mutation TestWebhook($id: UUID!) {\n        testOutboundTarget(id: $id, kind: webhook) {\n          id\n          event\n          status\n          attempts\n          lastError\n          lastStatusCode\n          deliveredAt\n          createdAt\n        }\n      }\n    "): typeof import('./graphql').TestWebhookDocument;


export function graphql(source: string) {
  return (documents as any)[source] ?? {};
}
