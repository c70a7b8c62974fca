import { defineEntity, p, type InferEntity } from '@mikro-orm/postgresql';

/** A guest who joined a game session; one row per guest and session. */
export const SessionPlayer = defineEntity({
  name: 'SessionPlayer',
  tableName: 'session_players',
  properties: {
    sessionId: p.integer().primary(),
    guest: p.text().primary(),
    /** Set by the database when the guest joins (players are listed in this order). */
    joinedAt: p.datetime(),
  },
});
export type SessionPlayer = InferEntity<typeof SessionPlayer>;
