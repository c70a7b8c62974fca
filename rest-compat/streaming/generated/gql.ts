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
    "\n      query InstanceDetails {\n        instanceDetails {\n          name\n          summary\n          streamTitle\n          ...OwncastInstanceDetails\n        }\n      }\n    ": typeof types.InstanceDetailsDocument,
    "query Logo { logo { contentType data } }": typeof types.LogoDocument,
    "\n  fragment OwncastAccessToken on AccessToken {\n    id\n    name\n    scopes\n    createdAt\n    lastUsedAt\n  }\n": typeof types.OwncastAccessTokenFragmentDoc,
    "\n      mutation CreateAccessToken($name: String!, $scopes: [String!]!) {\n        createAccessToken(name: $name, scopes: $scopes) {\n          token\n          accessToken {\n            ...OwncastAccessToken\n          }\n        }\n      }\n    ": typeof types.CreateAccessTokenDocument,
    "mutation DeleteAccessToken($token: String!) { deleteAccessToken(token: $token) { ...OwncastBasicResult } }": typeof types.DeleteAccessTokenDocument,
    "query AccessTokens { accessTokens(first: 100) { edges { node { ...OwncastAccessToken } } } }": typeof types.AccessTokensDocument,
    "\n  fragment OwncastChatMessage on ChatMessage {\n    id\n    type\n    authorName\n    body\n    visible\n    timestamp\n  }\n": typeof types.OwncastChatMessageFragmentDoc,
    "\n  fragment OwncastChatClient on ChatClient {\n    clientId\n    connectedAt\n    messageCount\n    userAgent\n    ipAddress\n    username\n  }\n": typeof types.OwncastChatClientFragmentDoc,
    "query ChatMessages { messages: chatMessages { ...OwncastChatMessage } }": typeof types.ChatMessagesDocument,
    "query ChatBacklog { messages: chatBacklog { ...OwncastChatMessage } }": typeof types.ChatBacklogDocument,
    "query AllChatMessages { messages: allChatMessages { ...OwncastChatMessage } }": typeof types.AllChatMessagesDocument,
    "\n        mutation SetChatMessageVisibility($ids: [ID!]!, $visible: Boolean!) {\n          setChatMessageVisibility(ids: $ids, visible: $visible) {\n            ...OwncastBasicResult\n          }\n        }\n      ": typeof types.SetChatMessageVisibilityDocument,
    "mutation SendIntegrationChatMessage($user: String!, $body: String!, $id: String) { sendIntegrationChatMessage(user: $user, body: $body, id: $id) { id } }": typeof types.SendIntegrationChatMessageDocument,
    "mutation SendSystemChatMessage($body: String!, $id: String) { sendSystemChatMessage(body: $body, id: $id) { id } }": typeof types.SendSystemChatMessageDocument,
    "mutation SendChatAction($body: String!, $author: String, $id: String) { sendChatAction(body: $body, author: $author, id: $id) { id } }": typeof types.SendChatActionDocument,
    "query ChatClients { chatClients { ...OwncastChatClient } }": typeof types.ChatClientsDocument,
    "\n  mutation SetConfigValue($key: ConfigKey!, $value: JSON) {\n    setConfigValue(key: $key, value: $value) {\n      ...OwncastBasicResult\n    }\n  }\n": typeof types.SetConfigValueDocument,
    "mutation SetStreamTitle($value: JSON) { setStreamTitle(value: $value) { ...OwncastBasicResult } }": typeof types.SetStreamTitleDocument,
    "\n      query ServerConfig {\n        serverConfig {\n          streamKey\n          instanceDetails {\n            name\n            summary\n            logo\n            ...OwncastInstanceDetails\n          }\n          streamTitle\n          ffmpegPath\n          webServerPort\n          rtmpServerPort\n          videoCodec\n          supportedCodecs\n          s3 {\n            enabled\n            endpoint\n            servingEndpoint\n            accessKey\n            secretSet\n            bucket\n            region\n            acl\n          }\n          videoSettings {\n            latencyLevel\n            videoQualityVariants {\n              videoPassthrough\n              audioPassthrough\n              videoBitrate\n              audioBitrate\n              scaledWidth\n              scaledHeight\n              framerate\n              cpuUsageLevel\n            }\n          }\n          yp {\n            enabled\n            instanceUrl\n          }\n        }\n      }\n    ": typeof types.ServerConfigDocument,
    "\n  fragment OwncastLogEntry on LogEntry {\n    time\n    level\n    message\n  }\n": typeof types.OwncastLogEntryFragmentDoc,
    "query ServerLogs { entries: serverLogs { ...OwncastLogEntry } }": typeof types.ServerLogsDocument,
    "query ServerWarnings { entries: serverWarnings { ...OwncastLogEntry } }": typeof types.ServerWarningsDocument,
    "query Emoji { emoji { name url } }": typeof types.EmojiDocument,
    "query ViewersOverTime { viewersOverTime { time value } }": typeof types.ViewersOverTimeDocument,
    "\n  fragment OwncastBasicResult on BasicResult {\n    success\n    message\n  }\n": typeof types.OwncastBasicResultFragmentDoc,
    "\n  fragment OwncastInstanceDetails on InstanceDetails {\n    tags\n    extraPageContent\n    version\n    nsfw\n    customStyles\n    socialHandles {\n      platform\n      url\n    }\n    externalActions {\n      url\n      title\n      description\n      icon\n      color\n      openExternally\n    }\n  }\n": typeof types.OwncastInstanceDetailsFragmentDoc,
    "\n      query StreamStatus {\n        streamStatus {\n          online\n          viewerCount\n          overallMaxViewerCount\n          sessionMaxViewerCount\n          lastConnectTime\n          lastDisconnectTime\n          streamTitle\n        }\n      }\n    ": typeof types.StreamStatusDocument,
    "\n      query DirectoryListing {\n        directoryListing {\n          name\n          description\n          streamTitle\n          logo\n          nsfw\n          tags\n          online\n          viewerCount\n          overallMaxViewerCount\n          sessionMaxViewerCount\n          social {\n            platform\n            url\n          }\n          lastConnectTime\n        }\n      }\n    ": typeof types.DirectoryListingDocument,
    "\n      query AdminStreamStatus {\n        adminStreamStatus {\n          broadcaster {\n            remoteAddr\n            time\n            streamDetails {\n              width\n              height\n              framerate\n              frameRate\n              videoBitrate\n              videoCodec\n              audioBitrate\n              audioCodec\n              encoder\n            }\n          }\n          online\n          viewerCount\n          overallPeakViewerCount\n          sessionPeakViewerCount\n          versionNumber\n        }\n      }\n    ": typeof types.AdminStreamStatusDocument,
    "mutation DisconnectBroadcaster { disconnectBroadcaster { ...OwncastBasicResult } }": typeof types.DisconnectBroadcasterDocument,
    "mutation ResetDirectoryRegistration { resetDirectoryRegistration { ...OwncastBasicResult } }": typeof types.ResetDirectoryRegistrationDocument,
    "\n      query HardwareStats {\n        hardwareStats {\n          cpu {\n            time\n            value\n          }\n          memory {\n            time\n            value\n          }\n          disk {\n            time\n            value\n          }\n        }\n      }\n    ": typeof types.HardwareStatsDocument,
    "\n      mutation IngestPublish($streamKey: String!, $remoteAddr: String, $encoder: String) {\n        ingestPublish(streamKey: $streamKey, remoteAddr: $remoteAddr, encoder: $encoder) {\n          online\n        }\n      }\n    ": typeof types.IngestPublishDocument,
    "\n      mutation IngestUpdate($streamKey: String!, $details: StreamDetailsInput!) {\n        ingestUpdate(streamKey: $streamKey, details: $details) {\n          online\n        }\n      }\n    ": typeof types.IngestUpdateDocument,
    "mutation IngestPublishDone($streamKey: String!) { ingestPublishDone(streamKey: $streamKey) { online } }": typeof types.IngestPublishDoneDocument,
    "\n  fragment OwncastWebhook on Webhook {\n    id\n    url\n    events\n    timestamp\n    lastUsed\n  }\n": typeof types.OwncastWebhookFragmentDoc,
    "query Webhooks { webhooks { ...OwncastWebhook } }": typeof types.WebhooksDocument,
    "mutation DeleteWebhook($id: ID!) { deleteWebhook(id: $id) { ...OwncastBasicResult } }": typeof types.DeleteWebhookDocument,
    "mutation CreateWebhook($url: String!, $events: [String!]!) { createWebhook(url: $url, events: $events) { ...OwncastWebhook } }": typeof types.CreateWebhookDocument,
};
const documents: Documents = {
    "\n      query InstanceDetails {\n        instanceDetails {\n          name\n          summary\n          streamTitle\n          ...OwncastInstanceDetails\n        }\n      }\n    ": types.InstanceDetailsDocument,
    "query Logo { logo { contentType data } }": types.LogoDocument,
    "\n  fragment OwncastAccessToken on AccessToken {\n    id\n    name\n    scopes\n    createdAt\n    lastUsedAt\n  }\n": types.OwncastAccessTokenFragmentDoc,
    "\n      mutation CreateAccessToken($name: String!, $scopes: [String!]!) {\n        createAccessToken(name: $name, scopes: $scopes) {\n          token\n          accessToken {\n            ...OwncastAccessToken\n          }\n        }\n      }\n    ": types.CreateAccessTokenDocument,
    "mutation DeleteAccessToken($token: String!) { deleteAccessToken(token: $token) { ...OwncastBasicResult } }": types.DeleteAccessTokenDocument,
    "query AccessTokens { accessTokens(first: 100) { edges { node { ...OwncastAccessToken } } } }": types.AccessTokensDocument,
    "\n  fragment OwncastChatMessage on ChatMessage {\n    id\n    type\n    authorName\n    body\n    visible\n    timestamp\n  }\n": types.OwncastChatMessageFragmentDoc,
    "\n  fragment OwncastChatClient on ChatClient {\n    clientId\n    connectedAt\n    messageCount\n    userAgent\n    ipAddress\n    username\n  }\n": types.OwncastChatClientFragmentDoc,
    "query ChatMessages { messages: chatMessages { ...OwncastChatMessage } }": types.ChatMessagesDocument,
    "query ChatBacklog { messages: chatBacklog { ...OwncastChatMessage } }": types.ChatBacklogDocument,
    "query AllChatMessages { messages: allChatMessages { ...OwncastChatMessage } }": types.AllChatMessagesDocument,
    "\n        mutation SetChatMessageVisibility($ids: [ID!]!, $visible: Boolean!) {\n          setChatMessageVisibility(ids: $ids, visible: $visible) {\n            ...OwncastBasicResult\n          }\n        }\n      ": types.SetChatMessageVisibilityDocument,
    "mutation SendIntegrationChatMessage($user: String!, $body: String!, $id: String) { sendIntegrationChatMessage(user: $user, body: $body, id: $id) { id } }": types.SendIntegrationChatMessageDocument,
    "mutation SendSystemChatMessage($body: String!, $id: String) { sendSystemChatMessage(body: $body, id: $id) { id } }": types.SendSystemChatMessageDocument,
    "mutation SendChatAction($body: String!, $author: String, $id: String) { sendChatAction(body: $body, author: $author, id: $id) { id } }": types.SendChatActionDocument,
    "query ChatClients { chatClients { ...OwncastChatClient } }": types.ChatClientsDocument,
    "\n  mutation SetConfigValue($key: ConfigKey!, $value: JSON) {\n    setConfigValue(key: $key, value: $value) {\n      ...OwncastBasicResult\n    }\n  }\n": types.SetConfigValueDocument,
    "mutation SetStreamTitle($value: JSON) { setStreamTitle(value: $value) { ...OwncastBasicResult } }": types.SetStreamTitleDocument,
    "\n      query ServerConfig {\n        serverConfig {\n          streamKey\n          instanceDetails {\n            name\n            summary\n            logo\n            ...OwncastInstanceDetails\n          }\n          streamTitle\n          ffmpegPath\n          webServerPort\n          rtmpServerPort\n          videoCodec\n          supportedCodecs\n          s3 {\n            enabled\n            endpoint\n            servingEndpoint\n            accessKey\n            secretSet\n            bucket\n            region\n            acl\n          }\n          videoSettings {\n            latencyLevel\n            videoQualityVariants {\n              videoPassthrough\n              audioPassthrough\n              videoBitrate\n              audioBitrate\n              scaledWidth\n              scaledHeight\n              framerate\n              cpuUsageLevel\n            }\n          }\n          yp {\n            enabled\n            instanceUrl\n          }\n        }\n      }\n    ": types.ServerConfigDocument,
    "\n  fragment OwncastLogEntry on LogEntry {\n    time\n    level\n    message\n  }\n": types.OwncastLogEntryFragmentDoc,
    "query ServerLogs { entries: serverLogs { ...OwncastLogEntry } }": types.ServerLogsDocument,
    "query ServerWarnings { entries: serverWarnings { ...OwncastLogEntry } }": types.ServerWarningsDocument,
    "query Emoji { emoji { name url } }": types.EmojiDocument,
    "query ViewersOverTime { viewersOverTime { time value } }": types.ViewersOverTimeDocument,
    "\n  fragment OwncastBasicResult on BasicResult {\n    success\n    message\n  }\n": types.OwncastBasicResultFragmentDoc,
    "\n  fragment OwncastInstanceDetails on InstanceDetails {\n    tags\n    extraPageContent\n    version\n    nsfw\n    customStyles\n    socialHandles {\n      platform\n      url\n    }\n    externalActions {\n      url\n      title\n      description\n      icon\n      color\n      openExternally\n    }\n  }\n": types.OwncastInstanceDetailsFragmentDoc,
    "\n      query StreamStatus {\n        streamStatus {\n          online\n          viewerCount\n          overallMaxViewerCount\n          sessionMaxViewerCount\n          lastConnectTime\n          lastDisconnectTime\n          streamTitle\n        }\n      }\n    ": types.StreamStatusDocument,
    "\n      query DirectoryListing {\n        directoryListing {\n          name\n          description\n          streamTitle\n          logo\n          nsfw\n          tags\n          online\n          viewerCount\n          overallMaxViewerCount\n          sessionMaxViewerCount\n          social {\n            platform\n            url\n          }\n          lastConnectTime\n        }\n      }\n    ": types.DirectoryListingDocument,
    "\n      query AdminStreamStatus {\n        adminStreamStatus {\n          broadcaster {\n            remoteAddr\n            time\n            streamDetails {\n              width\n              height\n              framerate\n              frameRate\n              videoBitrate\n              videoCodec\n              audioBitrate\n              audioCodec\n              encoder\n            }\n          }\n          online\n          viewerCount\n          overallPeakViewerCount\n          sessionPeakViewerCount\n          versionNumber\n        }\n      }\n    ": types.AdminStreamStatusDocument,
    "mutation DisconnectBroadcaster { disconnectBroadcaster { ...OwncastBasicResult } }": types.DisconnectBroadcasterDocument,
    "mutation ResetDirectoryRegistration { resetDirectoryRegistration { ...OwncastBasicResult } }": types.ResetDirectoryRegistrationDocument,
    "\n      query HardwareStats {\n        hardwareStats {\n          cpu {\n            time\n            value\n          }\n          memory {\n            time\n            value\n          }\n          disk {\n            time\n            value\n          }\n        }\n      }\n    ": types.HardwareStatsDocument,
    "\n      mutation IngestPublish($streamKey: String!, $remoteAddr: String, $encoder: String) {\n        ingestPublish(streamKey: $streamKey, remoteAddr: $remoteAddr, encoder: $encoder) {\n          online\n        }\n      }\n    ": types.IngestPublishDocument,
    "\n      mutation IngestUpdate($streamKey: String!, $details: StreamDetailsInput!) {\n        ingestUpdate(streamKey: $streamKey, details: $details) {\n          online\n        }\n      }\n    ": types.IngestUpdateDocument,
    "mutation IngestPublishDone($streamKey: String!) { ingestPublishDone(streamKey: $streamKey) { online } }": types.IngestPublishDoneDocument,
    "\n  fragment OwncastWebhook on Webhook {\n    id\n    url\n    events\n    timestamp\n    lastUsed\n  }\n": types.OwncastWebhookFragmentDoc,
    "query Webhooks { webhooks { ...OwncastWebhook } }": types.WebhooksDocument,
    "mutation DeleteWebhook($id: ID!) { deleteWebhook(id: $id) { ...OwncastBasicResult } }": types.DeleteWebhookDocument,
    "mutation CreateWebhook($url: String!, $events: [String!]!) { createWebhook(url: $url, events: $events) { ...OwncastWebhook } }": types.CreateWebhookDocument,
};

/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n      query InstanceDetails {\n        instanceDetails {\n          name\n          summary\n          streamTitle\n          ...OwncastInstanceDetails\n        }\n      }\n    "): typeof import('./graphql').InstanceDetailsDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query Logo { logo { contentType data } }"): typeof import('./graphql').LogoDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment OwncastAccessToken on AccessToken {\n    id\n    name\n    scopes\n    createdAt\n    lastUsedAt\n  }\n"): typeof import('./graphql').OwncastAccessTokenFragmentDoc;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n      mutation CreateAccessToken($name: String!, $scopes: [String!]!) {\n        createAccessToken(name: $name, scopes: $scopes) {\n          token\n          accessToken {\n            ...OwncastAccessToken\n          }\n        }\n      }\n    "): typeof import('./graphql').CreateAccessTokenDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation DeleteAccessToken($token: String!) { deleteAccessToken(token: $token) { ...OwncastBasicResult } }"): typeof import('./graphql').DeleteAccessTokenDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query AccessTokens { accessTokens(first: 100) { edges { node { ...OwncastAccessToken } } } }"): typeof import('./graphql').AccessTokensDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment OwncastChatMessage on ChatMessage {\n    id\n    type\n    authorName\n    body\n    visible\n    timestamp\n  }\n"): typeof import('./graphql').OwncastChatMessageFragmentDoc;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment OwncastChatClient on ChatClient {\n    clientId\n    connectedAt\n    messageCount\n    userAgent\n    ipAddress\n    username\n  }\n"): typeof import('./graphql').OwncastChatClientFragmentDoc;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query ChatMessages { messages: chatMessages { ...OwncastChatMessage } }"): typeof import('./graphql').ChatMessagesDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query ChatBacklog { messages: chatBacklog { ...OwncastChatMessage } }"): typeof import('./graphql').ChatBacklogDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query AllChatMessages { messages: allChatMessages { ...OwncastChatMessage } }"): typeof import('./graphql').AllChatMessagesDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n        mutation SetChatMessageVisibility($ids: [ID!]!, $visible: Boolean!) {\n          setChatMessageVisibility(ids: $ids, visible: $visible) {\n            ...OwncastBasicResult\n          }\n        }\n      "): typeof import('./graphql').SetChatMessageVisibilityDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation SendIntegrationChatMessage($user: String!, $body: String!, $id: String) { sendIntegrationChatMessage(user: $user, body: $body, id: $id) { id } }"): typeof import('./graphql').SendIntegrationChatMessageDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation SendSystemChatMessage($body: String!, $id: String) { sendSystemChatMessage(body: $body, id: $id) { id } }"): typeof import('./graphql').SendSystemChatMessageDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation SendChatAction($body: String!, $author: String, $id: String) { sendChatAction(body: $body, author: $author, id: $id) { id } }"): typeof import('./graphql').SendChatActionDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query ChatClients { chatClients { ...OwncastChatClient } }"): typeof import('./graphql').ChatClientsDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation SetConfigValue($key: ConfigKey!, $value: JSON) {\n    setConfigValue(key: $key, value: $value) {\n      ...OwncastBasicResult\n    }\n  }\n"): typeof import('./graphql').SetConfigValueDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation SetStreamTitle($value: JSON) { setStreamTitle(value: $value) { ...OwncastBasicResult } }"): typeof import('./graphql').SetStreamTitleDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n      query ServerConfig {\n        serverConfig {\n          streamKey\n          instanceDetails {\n            name\n            summary\n            logo\n            ...OwncastInstanceDetails\n          }\n          streamTitle\n          ffmpegPath\n          webServerPort\n          rtmpServerPort\n          videoCodec\n          supportedCodecs\n          s3 {\n            enabled\n            endpoint\n            servingEndpoint\n            accessKey\n            secretSet\n            bucket\n            region\n            acl\n          }\n          videoSettings {\n            latencyLevel\n            videoQualityVariants {\n              videoPassthrough\n              audioPassthrough\n              videoBitrate\n              audioBitrate\n              scaledWidth\n              scaledHeight\n              framerate\n              cpuUsageLevel\n            }\n          }\n          yp {\n            enabled\n            instanceUrl\n          }\n        }\n      }\n    "): typeof import('./graphql').ServerConfigDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment OwncastLogEntry on LogEntry {\n    time\n    level\n    message\n  }\n"): typeof import('./graphql').OwncastLogEntryFragmentDoc;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query ServerLogs { entries: serverLogs { ...OwncastLogEntry } }"): typeof import('./graphql').ServerLogsDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query ServerWarnings { entries: serverWarnings { ...OwncastLogEntry } }"): typeof import('./graphql').ServerWarningsDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query Emoji { emoji { name url } }"): typeof import('./graphql').EmojiDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query ViewersOverTime { viewersOverTime { time value } }"): typeof import('./graphql').ViewersOverTimeDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment OwncastBasicResult on BasicResult {\n    success\n    message\n  }\n"): typeof import('./graphql').OwncastBasicResultFragmentDoc;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment OwncastInstanceDetails on InstanceDetails {\n    tags\n    extraPageContent\n    version\n    nsfw\n    customStyles\n    socialHandles {\n      platform\n      url\n    }\n    externalActions {\n      url\n      title\n      description\n      icon\n      color\n      openExternally\n    }\n  }\n"): typeof import('./graphql').OwncastInstanceDetailsFragmentDoc;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n      query StreamStatus {\n        streamStatus {\n          online\n          viewerCount\n          overallMaxViewerCount\n          sessionMaxViewerCount\n          lastConnectTime\n          lastDisconnectTime\n          streamTitle\n        }\n      }\n    "): typeof import('./graphql').StreamStatusDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n      query DirectoryListing {\n        directoryListing {\n          name\n          description\n          streamTitle\n          logo\n          nsfw\n          tags\n          online\n          viewerCount\n          overallMaxViewerCount\n          sessionMaxViewerCount\n          social {\n            platform\n            url\n          }\n          lastConnectTime\n        }\n      }\n    "): typeof import('./graphql').DirectoryListingDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n      query AdminStreamStatus {\n        adminStreamStatus {\n          broadcaster {\n            remoteAddr\n            time\n            streamDetails {\n              width\n              height\n              framerate\n              frameRate\n              videoBitrate\n              videoCodec\n              audioBitrate\n              audioCodec\n              encoder\n            }\n          }\n          online\n          viewerCount\n          overallPeakViewerCount\n          sessionPeakViewerCount\n          versionNumber\n        }\n      }\n    "): typeof import('./graphql').AdminStreamStatusDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation DisconnectBroadcaster { disconnectBroadcaster { ...OwncastBasicResult } }"): typeof import('./graphql').DisconnectBroadcasterDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation ResetDirectoryRegistration { resetDirectoryRegistration { ...OwncastBasicResult } }"): typeof import('./graphql').ResetDirectoryRegistrationDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n      query HardwareStats {\n        hardwareStats {\n          cpu {\n            time\n            value\n          }\n          memory {\n            time\n            value\n          }\n          disk {\n            time\n            value\n          }\n        }\n      }\n    "): typeof import('./graphql').HardwareStatsDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n      mutation IngestPublish($streamKey: String!, $remoteAddr: String, $encoder: String) {\n        ingestPublish(streamKey: $streamKey, remoteAddr: $remoteAddr, encoder: $encoder) {\n          online\n        }\n      }\n    "): typeof import('./graphql').IngestPublishDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n      mutation IngestUpdate($streamKey: String!, $details: StreamDetailsInput!) {\n        ingestUpdate(streamKey: $streamKey, details: $details) {\n          online\n        }\n      }\n    "): typeof import('./graphql').IngestUpdateDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation IngestPublishDone($streamKey: String!) { ingestPublishDone(streamKey: $streamKey) { online } }"): typeof import('./graphql').IngestPublishDoneDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment OwncastWebhook on Webhook {\n    id\n    url\n    events\n    timestamp\n    lastUsed\n  }\n"): typeof import('./graphql').OwncastWebhookFragmentDoc;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query Webhooks { webhooks { ...OwncastWebhook } }"): typeof import('./graphql').WebhooksDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation DeleteWebhook($id: ID!) { deleteWebhook(id: $id) { ...OwncastBasicResult } }"): typeof import('./graphql').DeleteWebhookDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation CreateWebhook($url: String!, $events: [String!]!) { createWebhook(url: $url, events: $events) { ...OwncastWebhook } }"): typeof import('./graphql').CreateWebhookDocument;


export function graphql(source: string) {
  return (documents as any)[source] ?? {};
}
