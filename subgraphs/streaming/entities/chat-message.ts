import { defineEntity, p, type InferEntity } from '@mikro-orm/postgresql';

/** A chat message (CHAT, SYSTEM or CHAT_ACTION); its body is stored rendered and sanitised. */
export const ChatMessage = defineEntity({
  name: 'ChatMessage',
  tableName: 'chat_messages',
  properties: {
    /** Random and unguessable, as Owncast's message ids are. */
    id: p.text().primary(),
    /** The insertion order (a bigserial): history is read in this order, since timestamps can tie. */
    seq: p.bigint('number').persist(false),
    type: p.enum(['CHAT', 'SYSTEM', 'CHAT_ACTION']),
    authorName: p.text().nullable(),
    authorUserId: p.uuid().nullable(),
    body: p.text(),
    visible: p.boolean(),
    createdAt: p.datetime(),
  },
});
export type ChatMessage = InferEntity<typeof ChatMessage>;
