import { defineEntity, p, type InferEntity } from '@mikro-orm/postgresql';

/**
 * A connected chat client (a chatEvents subscription, or a guest of the
 * /entry socket) on any replica; it is a viewer while its replica keeps
 * `lastSeenAt` fresh (services/chat-clients.ts).
 */
export const ChatClient = defineEntity({
  name: 'ChatClient',
  tableName: 'chat_clients',
  properties: {
    id: p.text().primary(),
    connectedAt: p.datetime(),
    lastSeenAt: p.datetime(),
    messageCount: p.integer(),
    userAgent: p.text(),
    ipAddress: p.text(),
    /** Null for an /entry guest that has not sent a name yet. */
    username: p.text().nullable(),
    userId: p.uuid().nullable(),
  },
});
export type ChatClient = InferEntity<typeof ChatClient>;
