import { EntitySchema } from '@mikro-orm/postgresql';

/** A guest who joined a game session (seed 004, F12); one row per guest and session. */
export class SessionPlayer {
  sessionId!: number;
  guest!: string;
  joinedAt: Date = new Date();
}

export const SessionPlayerSchema = new EntitySchema<SessionPlayer>({
  class: SessionPlayer,
  tableName: 'session_players',
  properties: {
    sessionId: { type: 'integer', primary: true },
    guest: { type: 'text', primary: true },
    joinedAt: { type: 'Date' },
  },
});
