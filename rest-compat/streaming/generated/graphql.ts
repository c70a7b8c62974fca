/* eslint-disable */
/** Internal type. DO NOT USE DIRECTLY. */
type Exact<T extends { [key: string]: unknown }> = { [K in keyof T]: T[K] };
/** Internal type. DO NOT USE DIRECTLY. */
export type Incremental<T> = T | { [P in keyof T]?: P extends ' $fragmentName' | '__typename' ? T[P] : never };
import type { DocumentTypeDecoration } from '@graphql-typed-document-node/core';
/**
 * What happened in chat. VISIBILITY_UPDATE is Owncast's VISIBILITY-UPDATE (REST
 * and webhooks spell it with a hyphen).
 */
export type ChatEventType =
  | 'CHAT'
  | 'CHAT_ACTION'
  | 'NAME_CHANGE'
  | 'SYSTEM'
  | 'USER_JOINED'
  | 'VISIBILITY_UPDATE';

/** Every configuration value a setter changes (REST: POST /api/admin/config/...). */
export type ConfigKey =
  | 'CUSTOM_STYLES'
  | 'DIRECTORY_ENABLED'
  | 'EXTERNAL_ACTIONS'
  | 'FFMPEG_PATH'
  | 'LOGO'
  | 'NAME'
  | 'NSFW'
  | 'PAGE_CONTENT'
  | 'RTMP_SERVER_PORT'
  | 'S3'
  | 'SERVER_SUMMARY'
  | 'SERVER_URL'
  | 'SOCIAL_HANDLES'
  | 'STREAM_KEY'
  | 'STREAM_LATENCY_LEVEL'
  | 'STREAM_OUTPUT_VARIANTS'
  | 'STREAM_TITLE'
  | 'TAGS'
  | 'VIDEO_CODEC'
  | 'WEB_SERVER_PORT';

/** What an ingest update hook reports about the inbound stream; fields left out keep what was reported before. */
export type StreamDetailsInput = {
  /** kbps. */
  audioBitrate?: number | null | undefined;
  audioCodec?: string | null | undefined;
  /** Frames per second. */
  framerate?: number | null | undefined;
  height?: number | null | undefined;
  /** kbps. */
  videoBitrate?: number | null | undefined;
  videoCodec?: string | null | undefined;
  width?: number | null | undefined;
};

export type InstanceDetailsQueryVariables = Exact<{ [key: string]: never; }>;


export type InstanceDetailsQuery = { instanceDetails: { name: string, summary: string, streamTitle: string, tags: Array<string>, extraPageContent: string, version: string, nsfw: boolean, customStyles: string, socialHandles: Array<{ platform: string, url: string }>, externalActions: Array<{ url: string, title: string, description: string | null, icon: string | null, color: string | null, openExternally: boolean }> } };

export type LogoQueryVariables = Exact<{ [key: string]: never; }>;


export type LogoQuery = { logo: { contentType: string, data: string } };

export type OwncastAccessTokenFragment = { id: string, name: string, scopes: Array<string>, createdAt: string, lastUsedAt: string | null };

export type CreateAccessTokenMutationVariables = Exact<{
  name: string;
  scopes: Array<string> | string;
}>;


export type CreateAccessTokenMutation = { createAccessToken: { token: string, accessToken: { id: string, name: string, scopes: Array<string>, createdAt: string, lastUsedAt: string | null } } };

export type DeleteAccessTokenMutationVariables = Exact<{
  token: string;
}>;


export type DeleteAccessTokenMutation = { deleteAccessToken: { success: boolean, message: string } };

export type AccessTokensQueryVariables = Exact<{ [key: string]: never; }>;


export type AccessTokensQuery = { accessTokens: { edges: Array<{ node: { id: string, name: string, scopes: Array<string>, createdAt: string, lastUsedAt: string | null } }> } };

export type OwncastChatMessageFragment = { id: string, type: ChatEventType, authorName: string | null, body: string, visible: boolean, timestamp: string };

export type OwncastChatClientFragment = { clientId: string, connectedAt: string, messageCount: number, userAgent: string, ipAddress: string, username: string | null };

export type ChatMessagesQueryVariables = Exact<{ [key: string]: never; }>;


export type ChatMessagesQuery = { messages: Array<{ id: string, type: ChatEventType, authorName: string | null, body: string, visible: boolean, timestamp: string }> };

export type ChatBacklogQueryVariables = Exact<{ [key: string]: never; }>;


export type ChatBacklogQuery = { messages: Array<{ id: string, type: ChatEventType, authorName: string | null, body: string, visible: boolean, timestamp: string }> };

export type AllChatMessagesQueryVariables = Exact<{ [key: string]: never; }>;


export type AllChatMessagesQuery = { messages: Array<{ id: string, type: ChatEventType, authorName: string | null, body: string, visible: boolean, timestamp: string }> };

export type SetChatMessageVisibilityMutationVariables = Exact<{
  ids: Array<string | number> | string | number;
  visible: boolean;
}>;


export type SetChatMessageVisibilityMutation = { setChatMessageVisibility: { success: boolean, message: string } };

export type SendIntegrationChatMessageMutationVariables = Exact<{
  user: string;
  body: string;
  id?: string | null | undefined;
}>;


export type SendIntegrationChatMessageMutation = { sendIntegrationChatMessage: { id: string } };

export type SendSystemChatMessageMutationVariables = Exact<{
  body: string;
  id?: string | null | undefined;
}>;


export type SendSystemChatMessageMutation = { sendSystemChatMessage: { id: string } };

export type SendChatActionMutationVariables = Exact<{
  body: string;
  author?: string | null | undefined;
  id?: string | null | undefined;
}>;


export type SendChatActionMutation = { sendChatAction: { id: string } };

export type ChatClientsQueryVariables = Exact<{ [key: string]: never; }>;


export type ChatClientsQuery = { chatClients: Array<{ clientId: string, connectedAt: string, messageCount: number, userAgent: string, ipAddress: string, username: string | null }> };

export type SetConfigValueMutationVariables = Exact<{
  key: ConfigKey;
  value?: unknown;
}>;


export type SetConfigValueMutation = { setConfigValue: { success: boolean, message: string } };

export type SetStreamTitleMutationVariables = Exact<{
  value?: unknown;
}>;


export type SetStreamTitleMutation = { setStreamTitle: { success: boolean, message: string } };

export type ServerConfigQueryVariables = Exact<{ [key: string]: never; }>;


export type ServerConfigQuery = { serverConfig: { streamKey: string, streamTitle: string, ffmpegPath: string, webServerPort: number, rtmpServerPort: number, videoCodec: string, supportedCodecs: Array<string>, instanceDetails: { name: string, summary: string, logo: string, tags: Array<string>, extraPageContent: string, version: string, nsfw: boolean, customStyles: string, socialHandles: Array<{ platform: string, url: string }>, externalActions: Array<{ url: string, title: string, description: string | null, icon: string | null, color: string | null, openExternally: boolean }> }, s3: { enabled: boolean, endpoint: string | null, servingEndpoint: string | null, accessKey: string | null, secretSet: boolean, bucket: string | null, region: string | null, acl: string | null }, videoSettings: { latencyLevel: number, videoQualityVariants: Array<{ videoPassthrough: boolean, audioPassthrough: boolean, videoBitrate: number | null, audioBitrate: number | null, scaledWidth: number | null, scaledHeight: number | null, framerate: number | null, cpuUsageLevel: number | null }> }, yp: { enabled: boolean, instanceUrl: string } } };

export type OwncastLogEntryFragment = { time: string, level: string, message: string };

export type ServerLogsQueryVariables = Exact<{ [key: string]: never; }>;


export type ServerLogsQuery = { entries: Array<{ time: string, level: string, message: string }> };

export type ServerWarningsQueryVariables = Exact<{ [key: string]: never; }>;


export type ServerWarningsQuery = { entries: Array<{ time: string, level: string, message: string }> };

export type EmojiQueryVariables = Exact<{ [key: string]: never; }>;


export type EmojiQuery = { emoji: Array<{ name: string, url: string }> };

export type ViewersOverTimeQueryVariables = Exact<{ [key: string]: never; }>;


export type ViewersOverTimeQuery = { viewersOverTime: Array<{ time: string, value: number }> };

export type OwncastBasicResultFragment = { success: boolean, message: string };

export type OwncastInstanceDetailsFragment = { tags: Array<string>, extraPageContent: string, version: string, nsfw: boolean, customStyles: string, socialHandles: Array<{ platform: string, url: string }>, externalActions: Array<{ url: string, title: string, description: string | null, icon: string | null, color: string | null, openExternally: boolean }> };

export type StreamStatusQueryVariables = Exact<{ [key: string]: never; }>;


export type StreamStatusQuery = { streamStatus: { online: boolean, viewerCount: number, overallMaxViewerCount: number, sessionMaxViewerCount: number, lastConnectTime: string | null, lastDisconnectTime: string | null, streamTitle: string } };

export type DirectoryListingQueryVariables = Exact<{ [key: string]: never; }>;


export type DirectoryListingQuery = { directoryListing: { name: string, description: string, streamTitle: string | null, logo: string, nsfw: boolean, tags: Array<string>, online: boolean, viewerCount: number, overallMaxViewerCount: number, sessionMaxViewerCount: number, lastConnectTime: string | null, social: Array<{ platform: string, url: string }> } };

export type AdminStreamStatusQueryVariables = Exact<{ [key: string]: never; }>;


export type AdminStreamStatusQuery = { adminStreamStatus: { online: boolean, viewerCount: number, overallPeakViewerCount: number, sessionPeakViewerCount: number, versionNumber: string, broadcaster: { remoteAddr: string, time: string, streamDetails: { width: number | null, height: number | null, framerate: number | null, frameRate: number | null, videoBitrate: number | null, videoCodec: string | null, audioBitrate: number | null, audioCodec: string | null, encoder: string | null } } | null } };

export type DisconnectBroadcasterMutationVariables = Exact<{ [key: string]: never; }>;


export type DisconnectBroadcasterMutation = { disconnectBroadcaster: { success: boolean, message: string } };

export type ResetDirectoryRegistrationMutationVariables = Exact<{ [key: string]: never; }>;


export type ResetDirectoryRegistrationMutation = { resetDirectoryRegistration: { success: boolean, message: string } };

export type HardwareStatsQueryVariables = Exact<{ [key: string]: never; }>;


export type HardwareStatsQuery = { hardwareStats: { cpu: Array<{ time: string, value: number }>, memory: Array<{ time: string, value: number }>, disk: Array<{ time: string, value: number }> } };

export type IngestPublishMutationVariables = Exact<{
  streamKey: string;
  remoteAddr?: string | null | undefined;
  encoder?: string | null | undefined;
}>;


export type IngestPublishMutation = { ingestPublish: { online: boolean } };

export type IngestUpdateMutationVariables = Exact<{
  streamKey: string;
  details: StreamDetailsInput;
}>;


export type IngestUpdateMutation = { ingestUpdate: { online: boolean } };

export type IngestPublishDoneMutationVariables = Exact<{
  streamKey: string;
}>;


export type IngestPublishDoneMutation = { ingestPublishDone: { online: boolean } };

export type OwncastWebhookFragment = { id: string, url: string, events: Array<string>, timestamp: string, lastUsed: string | null };

export type WebhooksQueryVariables = Exact<{ [key: string]: never; }>;


export type WebhooksQuery = { webhooks: Array<{ id: string, url: string, events: Array<string>, timestamp: string, lastUsed: string | null }> };

export type DeleteWebhookMutationVariables = Exact<{
  id: string | number;
}>;


export type DeleteWebhookMutation = { deleteWebhook: { success: boolean, message: string } };

export type CreateWebhookMutationVariables = Exact<{
  url: string;
  events: Array<string> | string;
}>;


export type CreateWebhookMutation = { createWebhook: { id: string, url: string, events: Array<string>, timestamp: string, lastUsed: string | null } };

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
export const OwncastAccessTokenFragmentDoc = new TypedDocumentString(`
    fragment OwncastAccessToken on AccessToken {
  id
  name
  scopes
  createdAt
  lastUsedAt
}
    `, {"fragmentName":"OwncastAccessToken"}) as unknown as TypedDocumentString<OwncastAccessTokenFragment, unknown>;
export const OwncastChatMessageFragmentDoc = new TypedDocumentString(`
    fragment OwncastChatMessage on ChatMessage {
  id
  type
  authorName
  body
  visible
  timestamp
}
    `, {"fragmentName":"OwncastChatMessage"}) as unknown as TypedDocumentString<OwncastChatMessageFragment, unknown>;
export const OwncastChatClientFragmentDoc = new TypedDocumentString(`
    fragment OwncastChatClient on ChatClient {
  clientId
  connectedAt
  messageCount
  userAgent
  ipAddress
  username
}
    `, {"fragmentName":"OwncastChatClient"}) as unknown as TypedDocumentString<OwncastChatClientFragment, unknown>;
export const OwncastLogEntryFragmentDoc = new TypedDocumentString(`
    fragment OwncastLogEntry on LogEntry {
  time
  level
  message
}
    `, {"fragmentName":"OwncastLogEntry"}) as unknown as TypedDocumentString<OwncastLogEntryFragment, unknown>;
export const OwncastBasicResultFragmentDoc = new TypedDocumentString(`
    fragment OwncastBasicResult on BasicResult {
  success
  message
}
    `, {"fragmentName":"OwncastBasicResult"}) as unknown as TypedDocumentString<OwncastBasicResultFragment, unknown>;
export const OwncastInstanceDetailsFragmentDoc = new TypedDocumentString(`
    fragment OwncastInstanceDetails on InstanceDetails {
  tags
  extraPageContent
  version
  nsfw
  customStyles
  socialHandles {
    platform
    url
  }
  externalActions {
    url
    title
    description
    icon
    color
    openExternally
  }
}
    `, {"fragmentName":"OwncastInstanceDetails"}) as unknown as TypedDocumentString<OwncastInstanceDetailsFragment, unknown>;
export const OwncastWebhookFragmentDoc = new TypedDocumentString(`
    fragment OwncastWebhook on Webhook {
  id
  url
  events
  timestamp
  lastUsed
}
    `, {"fragmentName":"OwncastWebhook"}) as unknown as TypedDocumentString<OwncastWebhookFragment, unknown>;
export const InstanceDetailsDocument = new TypedDocumentString(`
    query InstanceDetails {
  instanceDetails {
    name
    summary
    streamTitle
    ...OwncastInstanceDetails
  }
}
    fragment OwncastInstanceDetails on InstanceDetails {
  tags
  extraPageContent
  version
  nsfw
  customStyles
  socialHandles {
    platform
    url
  }
  externalActions {
    url
    title
    description
    icon
    color
    openExternally
  }
}`) as unknown as TypedDocumentString<InstanceDetailsQuery, InstanceDetailsQueryVariables>;
export const LogoDocument = new TypedDocumentString(`
    query Logo {
  logo {
    contentType
    data
  }
}
    `) as unknown as TypedDocumentString<LogoQuery, LogoQueryVariables>;
export const CreateAccessTokenDocument = new TypedDocumentString(`
    mutation CreateAccessToken($name: String!, $scopes: [String!]!) {
  createAccessToken(name: $name, scopes: $scopes) {
    token
    accessToken {
      ...OwncastAccessToken
    }
  }
}
    fragment OwncastAccessToken on AccessToken {
  id
  name
  scopes
  createdAt
  lastUsedAt
}`) as unknown as TypedDocumentString<CreateAccessTokenMutation, CreateAccessTokenMutationVariables>;
export const DeleteAccessTokenDocument = new TypedDocumentString(`
    mutation DeleteAccessToken($token: String!) {
  deleteAccessToken(token: $token) {
    ...OwncastBasicResult
  }
}
    fragment OwncastBasicResult on BasicResult {
  success
  message
}`) as unknown as TypedDocumentString<DeleteAccessTokenMutation, DeleteAccessTokenMutationVariables>;
export const AccessTokensDocument = new TypedDocumentString(`
    query AccessTokens {
  accessTokens(first: 100) {
    edges {
      node {
        ...OwncastAccessToken
      }
    }
  }
}
    fragment OwncastAccessToken on AccessToken {
  id
  name
  scopes
  createdAt
  lastUsedAt
}`) as unknown as TypedDocumentString<AccessTokensQuery, AccessTokensQueryVariables>;
export const ChatMessagesDocument = new TypedDocumentString(`
    query ChatMessages {
  messages: chatMessages {
    ...OwncastChatMessage
  }
}
    fragment OwncastChatMessage on ChatMessage {
  id
  type
  authorName
  body
  visible
  timestamp
}`) as unknown as TypedDocumentString<ChatMessagesQuery, ChatMessagesQueryVariables>;
export const ChatBacklogDocument = new TypedDocumentString(`
    query ChatBacklog {
  messages: chatBacklog {
    ...OwncastChatMessage
  }
}
    fragment OwncastChatMessage on ChatMessage {
  id
  type
  authorName
  body
  visible
  timestamp
}`) as unknown as TypedDocumentString<ChatBacklogQuery, ChatBacklogQueryVariables>;
export const AllChatMessagesDocument = new TypedDocumentString(`
    query AllChatMessages {
  messages: allChatMessages {
    ...OwncastChatMessage
  }
}
    fragment OwncastChatMessage on ChatMessage {
  id
  type
  authorName
  body
  visible
  timestamp
}`) as unknown as TypedDocumentString<AllChatMessagesQuery, AllChatMessagesQueryVariables>;
export const SetChatMessageVisibilityDocument = new TypedDocumentString(`
    mutation SetChatMessageVisibility($ids: [ID!]!, $visible: Boolean!) {
  setChatMessageVisibility(ids: $ids, visible: $visible) {
    ...OwncastBasicResult
  }
}
    fragment OwncastBasicResult on BasicResult {
  success
  message
}`) as unknown as TypedDocumentString<SetChatMessageVisibilityMutation, SetChatMessageVisibilityMutationVariables>;
export const SendIntegrationChatMessageDocument = new TypedDocumentString(`
    mutation SendIntegrationChatMessage($user: String!, $body: String!, $id: String) {
  sendIntegrationChatMessage(user: $user, body: $body, id: $id) {
    id
  }
}
    `) as unknown as TypedDocumentString<SendIntegrationChatMessageMutation, SendIntegrationChatMessageMutationVariables>;
export const SendSystemChatMessageDocument = new TypedDocumentString(`
    mutation SendSystemChatMessage($body: String!, $id: String) {
  sendSystemChatMessage(body: $body, id: $id) {
    id
  }
}
    `) as unknown as TypedDocumentString<SendSystemChatMessageMutation, SendSystemChatMessageMutationVariables>;
export const SendChatActionDocument = new TypedDocumentString(`
    mutation SendChatAction($body: String!, $author: String, $id: String) {
  sendChatAction(body: $body, author: $author, id: $id) {
    id
  }
}
    `) as unknown as TypedDocumentString<SendChatActionMutation, SendChatActionMutationVariables>;
export const ChatClientsDocument = new TypedDocumentString(`
    query ChatClients {
  chatClients {
    ...OwncastChatClient
  }
}
    fragment OwncastChatClient on ChatClient {
  clientId
  connectedAt
  messageCount
  userAgent
  ipAddress
  username
}`) as unknown as TypedDocumentString<ChatClientsQuery, ChatClientsQueryVariables>;
export const SetConfigValueDocument = new TypedDocumentString(`
    mutation SetConfigValue($key: ConfigKey!, $value: JSON) {
  setConfigValue(key: $key, value: $value) {
    ...OwncastBasicResult
  }
}
    fragment OwncastBasicResult on BasicResult {
  success
  message
}`) as unknown as TypedDocumentString<SetConfigValueMutation, SetConfigValueMutationVariables>;
export const SetStreamTitleDocument = new TypedDocumentString(`
    mutation SetStreamTitle($value: JSON) {
  setStreamTitle(value: $value) {
    ...OwncastBasicResult
  }
}
    fragment OwncastBasicResult on BasicResult {
  success
  message
}`) as unknown as TypedDocumentString<SetStreamTitleMutation, SetStreamTitleMutationVariables>;
export const ServerConfigDocument = new TypedDocumentString(`
    query ServerConfig {
  serverConfig {
    streamKey
    instanceDetails {
      name
      summary
      logo
      ...OwncastInstanceDetails
    }
    streamTitle
    ffmpegPath
    webServerPort
    rtmpServerPort
    videoCodec
    supportedCodecs
    s3 {
      enabled
      endpoint
      servingEndpoint
      accessKey
      secretSet
      bucket
      region
      acl
    }
    videoSettings {
      latencyLevel
      videoQualityVariants {
        videoPassthrough
        audioPassthrough
        videoBitrate
        audioBitrate
        scaledWidth
        scaledHeight
        framerate
        cpuUsageLevel
      }
    }
    yp {
      enabled
      instanceUrl
    }
  }
}
    fragment OwncastInstanceDetails on InstanceDetails {
  tags
  extraPageContent
  version
  nsfw
  customStyles
  socialHandles {
    platform
    url
  }
  externalActions {
    url
    title
    description
    icon
    color
    openExternally
  }
}`) as unknown as TypedDocumentString<ServerConfigQuery, ServerConfigQueryVariables>;
export const ServerLogsDocument = new TypedDocumentString(`
    query ServerLogs {
  entries: serverLogs {
    ...OwncastLogEntry
  }
}
    fragment OwncastLogEntry on LogEntry {
  time
  level
  message
}`) as unknown as TypedDocumentString<ServerLogsQuery, ServerLogsQueryVariables>;
export const ServerWarningsDocument = new TypedDocumentString(`
    query ServerWarnings {
  entries: serverWarnings {
    ...OwncastLogEntry
  }
}
    fragment OwncastLogEntry on LogEntry {
  time
  level
  message
}`) as unknown as TypedDocumentString<ServerWarningsQuery, ServerWarningsQueryVariables>;
export const EmojiDocument = new TypedDocumentString(`
    query Emoji {
  emoji {
    name
    url
  }
}
    `) as unknown as TypedDocumentString<EmojiQuery, EmojiQueryVariables>;
export const ViewersOverTimeDocument = new TypedDocumentString(`
    query ViewersOverTime {
  viewersOverTime {
    time
    value
  }
}
    `) as unknown as TypedDocumentString<ViewersOverTimeQuery, ViewersOverTimeQueryVariables>;
export const StreamStatusDocument = new TypedDocumentString(`
    query StreamStatus {
  streamStatus {
    online
    viewerCount
    overallMaxViewerCount
    sessionMaxViewerCount
    lastConnectTime
    lastDisconnectTime
    streamTitle
  }
}
    `) as unknown as TypedDocumentString<StreamStatusQuery, StreamStatusQueryVariables>;
export const DirectoryListingDocument = new TypedDocumentString(`
    query DirectoryListing {
  directoryListing {
    name
    description
    streamTitle
    logo
    nsfw
    tags
    online
    viewerCount
    overallMaxViewerCount
    sessionMaxViewerCount
    social {
      platform
      url
    }
    lastConnectTime
  }
}
    `) as unknown as TypedDocumentString<DirectoryListingQuery, DirectoryListingQueryVariables>;
export const AdminStreamStatusDocument = new TypedDocumentString(`
    query AdminStreamStatus {
  adminStreamStatus {
    broadcaster {
      remoteAddr
      time
      streamDetails {
        width
        height
        framerate
        frameRate
        videoBitrate
        videoCodec
        audioBitrate
        audioCodec
        encoder
      }
    }
    online
    viewerCount
    overallPeakViewerCount
    sessionPeakViewerCount
    versionNumber
  }
}
    `) as unknown as TypedDocumentString<AdminStreamStatusQuery, AdminStreamStatusQueryVariables>;
export const DisconnectBroadcasterDocument = new TypedDocumentString(`
    mutation DisconnectBroadcaster {
  disconnectBroadcaster {
    ...OwncastBasicResult
  }
}
    fragment OwncastBasicResult on BasicResult {
  success
  message
}`) as unknown as TypedDocumentString<DisconnectBroadcasterMutation, DisconnectBroadcasterMutationVariables>;
export const ResetDirectoryRegistrationDocument = new TypedDocumentString(`
    mutation ResetDirectoryRegistration {
  resetDirectoryRegistration {
    ...OwncastBasicResult
  }
}
    fragment OwncastBasicResult on BasicResult {
  success
  message
}`) as unknown as TypedDocumentString<ResetDirectoryRegistrationMutation, ResetDirectoryRegistrationMutationVariables>;
export const HardwareStatsDocument = new TypedDocumentString(`
    query HardwareStats {
  hardwareStats {
    cpu {
      time
      value
    }
    memory {
      time
      value
    }
    disk {
      time
      value
    }
  }
}
    `) as unknown as TypedDocumentString<HardwareStatsQuery, HardwareStatsQueryVariables>;
export const IngestPublishDocument = new TypedDocumentString(`
    mutation IngestPublish($streamKey: String!, $remoteAddr: String, $encoder: String) {
  ingestPublish(streamKey: $streamKey, remoteAddr: $remoteAddr, encoder: $encoder) {
    online
  }
}
    `) as unknown as TypedDocumentString<IngestPublishMutation, IngestPublishMutationVariables>;
export const IngestUpdateDocument = new TypedDocumentString(`
    mutation IngestUpdate($streamKey: String!, $details: StreamDetailsInput!) {
  ingestUpdate(streamKey: $streamKey, details: $details) {
    online
  }
}
    `) as unknown as TypedDocumentString<IngestUpdateMutation, IngestUpdateMutationVariables>;
export const IngestPublishDoneDocument = new TypedDocumentString(`
    mutation IngestPublishDone($streamKey: String!) {
  ingestPublishDone(streamKey: $streamKey) {
    online
  }
}
    `) as unknown as TypedDocumentString<IngestPublishDoneMutation, IngestPublishDoneMutationVariables>;
export const WebhooksDocument = new TypedDocumentString(`
    query Webhooks {
  webhooks {
    ...OwncastWebhook
  }
}
    fragment OwncastWebhook on Webhook {
  id
  url
  events
  timestamp
  lastUsed
}`) as unknown as TypedDocumentString<WebhooksQuery, WebhooksQueryVariables>;
export const DeleteWebhookDocument = new TypedDocumentString(`
    mutation DeleteWebhook($id: ID!) {
  deleteWebhook(id: $id) {
    ...OwncastBasicResult
  }
}
    fragment OwncastBasicResult on BasicResult {
  success
  message
}`) as unknown as TypedDocumentString<DeleteWebhookMutation, DeleteWebhookMutationVariables>;
export const CreateWebhookDocument = new TypedDocumentString(`
    mutation CreateWebhook($url: String!, $events: [String!]!) {
  createWebhook(url: $url, events: $events) {
    ...OwncastWebhook
  }
}
    fragment OwncastWebhook on Webhook {
  id
  url
  events
  timestamp
  lastUsed
}`) as unknown as TypedDocumentString<CreateWebhookMutation, CreateWebhookMutationVariables>;