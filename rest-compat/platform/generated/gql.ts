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
    "query PublicSettings { publicSettings { siteName siteDescription registrationOpen supportEmail } }": typeof types.PublicSettingsDocument,
    "\n  fragment PlatformUser on User {\n    id\n    email\n    username\n    firstName\n    lastName\n    avatarUrl\n    plan\n    createdAt\n    roles(first: 10) {\n      edges {\n        node {\n          name\n        }\n      }\n    }\n    permissions\n  }\n": typeof types.PlatformUserFragmentDoc,
    "\n  fragment PlatformApiKey on ApiKey {\n    id\n    displayName\n    identifier\n    scopes\n    allowedIps\n    banFields\n    expiresAt\n    revoked\n    lastUsedAt\n    createdAt\n    updatedAt\n    createdBy {\n      id\n      username\n    }\n  }\n": typeof types.PlatformApiKeyFragmentDoc,
    "mutation Login($email: String!, $password: String!) { login(email: $email, password: $password) { csrfToken expiresAt user { ...PlatformUser } } }": typeof types.LoginDocument,
    "mutation Logout { logout }": typeof types.LogoutDocument,
    "query CurrentSession { currentSession { csrfToken expiresAt user { ...PlatformUser } } }": typeof types.CurrentSessionDocument,
    "query ApiKeys { apiKeys(first: 100) { edges { node { ...PlatformApiKey } } } }": typeof types.ApiKeysDocument,
    "mutation CreateApiKey($input: CreateApiKeyInput!) { createApiKey(input: $input) { secret apiKey { ...PlatformApiKey } } }": typeof types.CreateApiKeyDocument,
    "mutation UpdateApiKey($input: UpdateApiKeyInput!) { updateApiKey(input: $input) { ...PlatformApiKey } }": typeof types.UpdateApiKeyDocument,
    "mutation DeleteApiKey($id: UUID!, $permanent: Boolean) { deleteApiKey(id: $id, permanent: $permanent) { ...PlatformApiKey } }": typeof types.DeleteApiKeyDocument,
    "\n  fragment PlatformSettings on AdminSettings {\n    siteName\n    siteDescription\n    registrationOpen\n    supportEmail\n    smtpHost\n    smtpPort\n    smtpSecurity\n    smtpUser\n    smtpPasswordSet\n    smtpSender\n  }\n": typeof types.PlatformSettingsFragmentDoc,
    "\n  fragment PlatformOutboundTarget on OutboundTarget {\n    id\n    name\n    url\n    hasSecret\n    enabled\n    events\n    createdAt\n    updatedAt\n  }\n": typeof types.PlatformOutboundTargetFragmentDoc,
    "\n  fragment PlatformOutboundAction on OutboundAction {\n    id\n    event\n    payload\n    status\n    attempts\n    maxAttempts\n    lastError\n    lastStatusCode\n    nextAttemptAt\n    deliveredAt\n    createdAt\n    updatedAt\n    target {\n      id\n      kind\n      name\n      url\n    }\n  }\n": typeof types.PlatformOutboundActionFragmentDoc,
    "query AdminSettings { adminSettings { ...PlatformSettings } }": typeof types.AdminSettingsDocument,
    "mutation UpdateSettings($input: UpdateSettingsInput!) { updateSettings(input: $input) { ...PlatformSettings } }": typeof types.UpdateSettingsDocument,
    "mutation SendTestEmail($to: String!) { sendTestEmail(to: $to) { to from subject messageId accepted } }": typeof types.SendTestEmailDocument,
    "query OutboundTargets { outboundTargets(kind: target, first: 100) { edges { node { ...PlatformOutboundTarget } } } }": typeof types.OutboundTargetsDocument,
    "mutation CreateOutboundTarget($input: CreateOutboundTargetInput!) { createOutboundTarget(input: $input) { ...PlatformOutboundTarget } }": typeof types.CreateOutboundTargetDocument,
    "mutation UpdateOutboundTarget($input: UpdateOutboundTargetInput!) { updateOutboundTarget(input: $input) { ...PlatformOutboundTarget } }": typeof types.UpdateOutboundTargetDocument,
    "mutation DeleteOutboundTarget($id: UUID!) { deleteOutboundTarget(id: $id) { ...PlatformOutboundTarget } }": typeof types.DeleteOutboundTargetDocument,
    "\n      query OutboundActions($status: OutboundActionStatus, $targetId: UUID) {\n        outboundActions(first: 100, status: $status, targetId: $targetId) {\n          edges {\n            node {\n              ...PlatformOutboundAction\n            }\n          }\n        }\n      }\n    ": typeof types.OutboundActionsDocument,
    "mutation RetryOutboundAction($id: UUID!) { retryOutboundAction(id: $id) { ...PlatformOutboundAction } }": typeof types.RetryOutboundActionDocument,
    "mutation DeleteOutboundAction($id: UUID!) { deleteOutboundAction(id: $id) { ...PlatformOutboundAction } }": typeof types.DeleteOutboundActionDocument,
    "query TicketCategories { ticketCategories(first: 100) { edges { node { ...PlatformTicketCategory } } } }": typeof types.TicketCategoriesDocument,
    "mutation CreateTicketCategory($input: CreateTicketCategoryInput!) { createTicketCategory(input: $input) { ...PlatformTicketCategory } }": typeof types.CreateTicketCategoryDocument,
    "mutation UpdateTicketCategory($input: UpdateTicketCategoryInput!) { updateTicketCategory(input: $input) { ...PlatformTicketCategory } }": typeof types.UpdateTicketCategoryDocument,
    "mutation DeleteTicketCategory($id: ID!) { deleteTicketCategory(id: $id) { ...PlatformTicketCategory } }": typeof types.DeleteTicketCategoryDocument,
    "\n  fragment PlatformTicketFields on Ticket {\n    id\n    title\n    status\n    createdAt\n    updatedAt\n    closedAt\n    category {\n      id\n      name\n      color\n    }\n    owner {\n      id\n      username\n    }\n    claimedBy {\n      id\n      username\n    }\n  }\n": typeof types.PlatformTicketFieldsFragmentDoc,
    "\n  fragment PlatformTicket on Ticket {\n    ...PlatformTicketFields\n    messages(first: 0) {\n      totalCount\n    }\n  }\n": typeof types.PlatformTicketFragmentDoc,
    "\n  fragment PlatformTicketMessage on TicketMessage {\n    id\n    body\n    createdAt\n    updatedAt\n    author {\n      id\n      username\n    }\n    ticket {\n      id\n    }\n  }\n": typeof types.PlatformTicketMessageFragmentDoc,
    "\n  fragment PlatformTicketDetail on Ticket {\n    ...PlatformTicketFields\n    messages(first: 100) {\n      totalCount\n      edges {\n        node {\n          ...PlatformTicketMessage\n        }\n      }\n    }\n  }\n": typeof types.PlatformTicketDetailFragmentDoc,
    "\n  fragment PlatformTicketCategory on TicketCategory {\n    id\n    name\n    description\n    color\n    responderRoleIds\n    viewerRoleIds\n    createdAt\n    updatedAt\n  }\n": typeof types.PlatformTicketCategoryFragmentDoc,
    "\n      query Tickets($first: Int, $after: String, $categoryId: ID, $status: TicketStatusFilter, $mine: Boolean, $ticketId: ID!, $one: Boolean!) {\n        tickets(first: $first, after: $after, categoryId: $categoryId, status: $status, mine: $mine) @skip(if: $one) {\n          totalCount\n          edges {\n            node {\n              ...PlatformTicket\n            }\n          }\n        }\n        ticket(id: $ticketId) @include(if: $one) {\n          ...PlatformTicketDetail\n        }\n      }\n    ": typeof types.TicketsDocument,
    "mutation CreateTicket($input: CreateTicketInput!) { createTicket(input: $input) { ...PlatformTicketDetail } }": typeof types.CreateTicketDocument,
    "mutation UpdateTicket($input: UpdateTicketInput!) { updateTicket(input: $input) { ...PlatformTicketDetail } }": typeof types.UpdateTicketDocument,
    "mutation DeleteTicket($id: ID!) { deleteTicket(id: $id) { ...PlatformTicket } }": typeof types.DeleteTicketDocument,
    "mutation AddTicketMessage($input: AddTicketMessageInput!) { addTicketMessage(input: $input) { ...PlatformTicketMessage } }": typeof types.AddTicketMessageDocument,
    "mutation DeleteTicketMessage($id: ID!) { deleteTicketMessage(id: $id) { ...PlatformTicketMessage } }": typeof types.DeleteTicketMessageDocument,
    "query TicketAccess { ticketAccess { canAccess canManage canDefine canCreate categories { canView canRespond category { id name } } } }": typeof types.TicketAccessDocument,
    "query OpenTicketCount { openTicketCount }": typeof types.OpenTicketCountDocument,
};
const documents: Documents = {
    "query PublicSettings { publicSettings { siteName siteDescription registrationOpen supportEmail } }": types.PublicSettingsDocument,
    "\n  fragment PlatformUser on User {\n    id\n    email\n    username\n    firstName\n    lastName\n    avatarUrl\n    plan\n    createdAt\n    roles(first: 10) {\n      edges {\n        node {\n          name\n        }\n      }\n    }\n    permissions\n  }\n": types.PlatformUserFragmentDoc,
    "\n  fragment PlatformApiKey on ApiKey {\n    id\n    displayName\n    identifier\n    scopes\n    allowedIps\n    banFields\n    expiresAt\n    revoked\n    lastUsedAt\n    createdAt\n    updatedAt\n    createdBy {\n      id\n      username\n    }\n  }\n": types.PlatformApiKeyFragmentDoc,
    "mutation Login($email: String!, $password: String!) { login(email: $email, password: $password) { csrfToken expiresAt user { ...PlatformUser } } }": types.LoginDocument,
    "mutation Logout { logout }": types.LogoutDocument,
    "query CurrentSession { currentSession { csrfToken expiresAt user { ...PlatformUser } } }": types.CurrentSessionDocument,
    "query ApiKeys { apiKeys(first: 100) { edges { node { ...PlatformApiKey } } } }": types.ApiKeysDocument,
    "mutation CreateApiKey($input: CreateApiKeyInput!) { createApiKey(input: $input) { secret apiKey { ...PlatformApiKey } } }": types.CreateApiKeyDocument,
    "mutation UpdateApiKey($input: UpdateApiKeyInput!) { updateApiKey(input: $input) { ...PlatformApiKey } }": types.UpdateApiKeyDocument,
    "mutation DeleteApiKey($id: UUID!, $permanent: Boolean) { deleteApiKey(id: $id, permanent: $permanent) { ...PlatformApiKey } }": types.DeleteApiKeyDocument,
    "\n  fragment PlatformSettings on AdminSettings {\n    siteName\n    siteDescription\n    registrationOpen\n    supportEmail\n    smtpHost\n    smtpPort\n    smtpSecurity\n    smtpUser\n    smtpPasswordSet\n    smtpSender\n  }\n": types.PlatformSettingsFragmentDoc,
    "\n  fragment PlatformOutboundTarget on OutboundTarget {\n    id\n    name\n    url\n    hasSecret\n    enabled\n    events\n    createdAt\n    updatedAt\n  }\n": types.PlatformOutboundTargetFragmentDoc,
    "\n  fragment PlatformOutboundAction on OutboundAction {\n    id\n    event\n    payload\n    status\n    attempts\n    maxAttempts\n    lastError\n    lastStatusCode\n    nextAttemptAt\n    deliveredAt\n    createdAt\n    updatedAt\n    target {\n      id\n      kind\n      name\n      url\n    }\n  }\n": types.PlatformOutboundActionFragmentDoc,
    "query AdminSettings { adminSettings { ...PlatformSettings } }": types.AdminSettingsDocument,
    "mutation UpdateSettings($input: UpdateSettingsInput!) { updateSettings(input: $input) { ...PlatformSettings } }": types.UpdateSettingsDocument,
    "mutation SendTestEmail($to: String!) { sendTestEmail(to: $to) { to from subject messageId accepted } }": types.SendTestEmailDocument,
    "query OutboundTargets { outboundTargets(kind: target, first: 100) { edges { node { ...PlatformOutboundTarget } } } }": types.OutboundTargetsDocument,
    "mutation CreateOutboundTarget($input: CreateOutboundTargetInput!) { createOutboundTarget(input: $input) { ...PlatformOutboundTarget } }": types.CreateOutboundTargetDocument,
    "mutation UpdateOutboundTarget($input: UpdateOutboundTargetInput!) { updateOutboundTarget(input: $input) { ...PlatformOutboundTarget } }": types.UpdateOutboundTargetDocument,
    "mutation DeleteOutboundTarget($id: UUID!) { deleteOutboundTarget(id: $id) { ...PlatformOutboundTarget } }": types.DeleteOutboundTargetDocument,
    "\n      query OutboundActions($status: OutboundActionStatus, $targetId: UUID) {\n        outboundActions(first: 100, status: $status, targetId: $targetId) {\n          edges {\n            node {\n              ...PlatformOutboundAction\n            }\n          }\n        }\n      }\n    ": types.OutboundActionsDocument,
    "mutation RetryOutboundAction($id: UUID!) { retryOutboundAction(id: $id) { ...PlatformOutboundAction } }": types.RetryOutboundActionDocument,
    "mutation DeleteOutboundAction($id: UUID!) { deleteOutboundAction(id: $id) { ...PlatformOutboundAction } }": types.DeleteOutboundActionDocument,
    "query TicketCategories { ticketCategories(first: 100) { edges { node { ...PlatformTicketCategory } } } }": types.TicketCategoriesDocument,
    "mutation CreateTicketCategory($input: CreateTicketCategoryInput!) { createTicketCategory(input: $input) { ...PlatformTicketCategory } }": types.CreateTicketCategoryDocument,
    "mutation UpdateTicketCategory($input: UpdateTicketCategoryInput!) { updateTicketCategory(input: $input) { ...PlatformTicketCategory } }": types.UpdateTicketCategoryDocument,
    "mutation DeleteTicketCategory($id: ID!) { deleteTicketCategory(id: $id) { ...PlatformTicketCategory } }": types.DeleteTicketCategoryDocument,
    "\n  fragment PlatformTicketFields on Ticket {\n    id\n    title\n    status\n    createdAt\n    updatedAt\n    closedAt\n    category {\n      id\n      name\n      color\n    }\n    owner {\n      id\n      username\n    }\n    claimedBy {\n      id\n      username\n    }\n  }\n": types.PlatformTicketFieldsFragmentDoc,
    "\n  fragment PlatformTicket on Ticket {\n    ...PlatformTicketFields\n    messages(first: 0) {\n      totalCount\n    }\n  }\n": types.PlatformTicketFragmentDoc,
    "\n  fragment PlatformTicketMessage on TicketMessage {\n    id\n    body\n    createdAt\n    updatedAt\n    author {\n      id\n      username\n    }\n    ticket {\n      id\n    }\n  }\n": types.PlatformTicketMessageFragmentDoc,
    "\n  fragment PlatformTicketDetail on Ticket {\n    ...PlatformTicketFields\n    messages(first: 100) {\n      totalCount\n      edges {\n        node {\n          ...PlatformTicketMessage\n        }\n      }\n    }\n  }\n": types.PlatformTicketDetailFragmentDoc,
    "\n  fragment PlatformTicketCategory on TicketCategory {\n    id\n    name\n    description\n    color\n    responderRoleIds\n    viewerRoleIds\n    createdAt\n    updatedAt\n  }\n": types.PlatformTicketCategoryFragmentDoc,
    "\n      query Tickets($first: Int, $after: String, $categoryId: ID, $status: TicketStatusFilter, $mine: Boolean, $ticketId: ID!, $one: Boolean!) {\n        tickets(first: $first, after: $after, categoryId: $categoryId, status: $status, mine: $mine) @skip(if: $one) {\n          totalCount\n          edges {\n            node {\n              ...PlatformTicket\n            }\n          }\n        }\n        ticket(id: $ticketId) @include(if: $one) {\n          ...PlatformTicketDetail\n        }\n      }\n    ": types.TicketsDocument,
    "mutation CreateTicket($input: CreateTicketInput!) { createTicket(input: $input) { ...PlatformTicketDetail } }": types.CreateTicketDocument,
    "mutation UpdateTicket($input: UpdateTicketInput!) { updateTicket(input: $input) { ...PlatformTicketDetail } }": types.UpdateTicketDocument,
    "mutation DeleteTicket($id: ID!) { deleteTicket(id: $id) { ...PlatformTicket } }": types.DeleteTicketDocument,
    "mutation AddTicketMessage($input: AddTicketMessageInput!) { addTicketMessage(input: $input) { ...PlatformTicketMessage } }": types.AddTicketMessageDocument,
    "mutation DeleteTicketMessage($id: ID!) { deleteTicketMessage(id: $id) { ...PlatformTicketMessage } }": types.DeleteTicketMessageDocument,
    "query TicketAccess { ticketAccess { canAccess canManage canDefine canCreate categories { canView canRespond category { id name } } } }": types.TicketAccessDocument,
    "query OpenTicketCount { openTicketCount }": types.OpenTicketCountDocument,
};

/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query PublicSettings { publicSettings { siteName siteDescription registrationOpen supportEmail } }"): typeof import('./graphql').PublicSettingsDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment PlatformUser on User {\n    id\n    email\n    username\n    firstName\n    lastName\n    avatarUrl\n    plan\n    createdAt\n    roles(first: 10) {\n      edges {\n        node {\n          name\n        }\n      }\n    }\n    permissions\n  }\n"): typeof import('./graphql').PlatformUserFragmentDoc;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment PlatformApiKey on ApiKey {\n    id\n    displayName\n    identifier\n    scopes\n    allowedIps\n    banFields\n    expiresAt\n    revoked\n    lastUsedAt\n    createdAt\n    updatedAt\n    createdBy {\n      id\n      username\n    }\n  }\n"): typeof import('./graphql').PlatformApiKeyFragmentDoc;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation Login($email: String!, $password: String!) { login(email: $email, password: $password) { csrfToken expiresAt user { ...PlatformUser } } }"): typeof import('./graphql').LoginDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation Logout { logout }"): typeof import('./graphql').LogoutDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query CurrentSession { currentSession { csrfToken expiresAt user { ...PlatformUser } } }"): typeof import('./graphql').CurrentSessionDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query ApiKeys { apiKeys(first: 100) { edges { node { ...PlatformApiKey } } } }"): typeof import('./graphql').ApiKeysDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation CreateApiKey($input: CreateApiKeyInput!) { createApiKey(input: $input) { secret apiKey { ...PlatformApiKey } } }"): typeof import('./graphql').CreateApiKeyDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation UpdateApiKey($input: UpdateApiKeyInput!) { updateApiKey(input: $input) { ...PlatformApiKey } }"): typeof import('./graphql').UpdateApiKeyDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation DeleteApiKey($id: UUID!, $permanent: Boolean) { deleteApiKey(id: $id, permanent: $permanent) { ...PlatformApiKey } }"): typeof import('./graphql').DeleteApiKeyDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment PlatformSettings on AdminSettings {\n    siteName\n    siteDescription\n    registrationOpen\n    supportEmail\n    smtpHost\n    smtpPort\n    smtpSecurity\n    smtpUser\n    smtpPasswordSet\n    smtpSender\n  }\n"): typeof import('./graphql').PlatformSettingsFragmentDoc;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment PlatformOutboundTarget on OutboundTarget {\n    id\n    name\n    url\n    hasSecret\n    enabled\n    events\n    createdAt\n    updatedAt\n  }\n"): typeof import('./graphql').PlatformOutboundTargetFragmentDoc;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment PlatformOutboundAction on OutboundAction {\n    id\n    event\n    payload\n    status\n    attempts\n    maxAttempts\n    lastError\n    lastStatusCode\n    nextAttemptAt\n    deliveredAt\n    createdAt\n    updatedAt\n    target {\n      id\n      kind\n      name\n      url\n    }\n  }\n"): typeof import('./graphql').PlatformOutboundActionFragmentDoc;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query AdminSettings { adminSettings { ...PlatformSettings } }"): typeof import('./graphql').AdminSettingsDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation UpdateSettings($input: UpdateSettingsInput!) { updateSettings(input: $input) { ...PlatformSettings } }"): typeof import('./graphql').UpdateSettingsDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation SendTestEmail($to: String!) { sendTestEmail(to: $to) { to from subject messageId accepted } }"): typeof import('./graphql').SendTestEmailDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query OutboundTargets { outboundTargets(kind: target, first: 100) { edges { node { ...PlatformOutboundTarget } } } }"): typeof import('./graphql').OutboundTargetsDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation CreateOutboundTarget($input: CreateOutboundTargetInput!) { createOutboundTarget(input: $input) { ...PlatformOutboundTarget } }"): typeof import('./graphql').CreateOutboundTargetDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation UpdateOutboundTarget($input: UpdateOutboundTargetInput!) { updateOutboundTarget(input: $input) { ...PlatformOutboundTarget } }"): typeof import('./graphql').UpdateOutboundTargetDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation DeleteOutboundTarget($id: UUID!) { deleteOutboundTarget(id: $id) { ...PlatformOutboundTarget } }"): typeof import('./graphql').DeleteOutboundTargetDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n      query OutboundActions($status: OutboundActionStatus, $targetId: UUID) {\n        outboundActions(first: 100, status: $status, targetId: $targetId) {\n          edges {\n            node {\n              ...PlatformOutboundAction\n            }\n          }\n        }\n      }\n    "): typeof import('./graphql').OutboundActionsDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation RetryOutboundAction($id: UUID!) { retryOutboundAction(id: $id) { ...PlatformOutboundAction } }"): typeof import('./graphql').RetryOutboundActionDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation DeleteOutboundAction($id: UUID!) { deleteOutboundAction(id: $id) { ...PlatformOutboundAction } }"): typeof import('./graphql').DeleteOutboundActionDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query TicketCategories { ticketCategories(first: 100) { edges { node { ...PlatformTicketCategory } } } }"): typeof import('./graphql').TicketCategoriesDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation CreateTicketCategory($input: CreateTicketCategoryInput!) { createTicketCategory(input: $input) { ...PlatformTicketCategory } }"): typeof import('./graphql').CreateTicketCategoryDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation UpdateTicketCategory($input: UpdateTicketCategoryInput!) { updateTicketCategory(input: $input) { ...PlatformTicketCategory } }"): typeof import('./graphql').UpdateTicketCategoryDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation DeleteTicketCategory($id: ID!) { deleteTicketCategory(id: $id) { ...PlatformTicketCategory } }"): typeof import('./graphql').DeleteTicketCategoryDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment PlatformTicketFields on Ticket {\n    id\n    title\n    status\n    createdAt\n    updatedAt\n    closedAt\n    category {\n      id\n      name\n      color\n    }\n    owner {\n      id\n      username\n    }\n    claimedBy {\n      id\n      username\n    }\n  }\n"): typeof import('./graphql').PlatformTicketFieldsFragmentDoc;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment PlatformTicket on Ticket {\n    ...PlatformTicketFields\n    messages(first: 0) {\n      totalCount\n    }\n  }\n"): typeof import('./graphql').PlatformTicketFragmentDoc;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment PlatformTicketMessage on TicketMessage {\n    id\n    body\n    createdAt\n    updatedAt\n    author {\n      id\n      username\n    }\n    ticket {\n      id\n    }\n  }\n"): typeof import('./graphql').PlatformTicketMessageFragmentDoc;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment PlatformTicketDetail on Ticket {\n    ...PlatformTicketFields\n    messages(first: 100) {\n      totalCount\n      edges {\n        node {\n          ...PlatformTicketMessage\n        }\n      }\n    }\n  }\n"): typeof import('./graphql').PlatformTicketDetailFragmentDoc;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment PlatformTicketCategory on TicketCategory {\n    id\n    name\n    description\n    color\n    responderRoleIds\n    viewerRoleIds\n    createdAt\n    updatedAt\n  }\n"): typeof import('./graphql').PlatformTicketCategoryFragmentDoc;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n      query Tickets($first: Int, $after: String, $categoryId: ID, $status: TicketStatusFilter, $mine: Boolean, $ticketId: ID!, $one: Boolean!) {\n        tickets(first: $first, after: $after, categoryId: $categoryId, status: $status, mine: $mine) @skip(if: $one) {\n          totalCount\n          edges {\n            node {\n              ...PlatformTicket\n            }\n          }\n        }\n        ticket(id: $ticketId) @include(if: $one) {\n          ...PlatformTicketDetail\n        }\n      }\n    "): typeof import('./graphql').TicketsDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation CreateTicket($input: CreateTicketInput!) { createTicket(input: $input) { ...PlatformTicketDetail } }"): typeof import('./graphql').CreateTicketDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation UpdateTicket($input: UpdateTicketInput!) { updateTicket(input: $input) { ...PlatformTicketDetail } }"): typeof import('./graphql').UpdateTicketDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation DeleteTicket($id: ID!) { deleteTicket(id: $id) { ...PlatformTicket } }"): typeof import('./graphql').DeleteTicketDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation AddTicketMessage($input: AddTicketMessageInput!) { addTicketMessage(input: $input) { ...PlatformTicketMessage } }"): typeof import('./graphql').AddTicketMessageDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation DeleteTicketMessage($id: ID!) { deleteTicketMessage(id: $id) { ...PlatformTicketMessage } }"): typeof import('./graphql').DeleteTicketMessageDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query TicketAccess { ticketAccess { canAccess canManage canDefine canCreate categories { canView canRespond category { id name } } } }"): typeof import('./graphql').TicketAccessDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query OpenTicketCount { openTicketCount }"): typeof import('./graphql').OpenTicketCountDocument;


export function graphql(source: string) {
  return (documents as any)[source] ?? {};
}
