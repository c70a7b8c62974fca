import { EntitySchema } from '@mikro-orm/postgresql';

export type GameSessionStatus = 'running' | 'ended';

/** A game session launched by a host (seed 004, F11). At most one runs per host. */
export class GameSession {
  id!: number;
  hostUuid!: string;
  /** Unguessable key handed to the host at launch; never shown to anyone else. */
  sourceOfTruthKey!: string;
  status: GameSessionStatus = 'running';
  createdAt: Date = new Date();
  endedAt: Date | null = null;
}

export const GameSessionSchema = new EntitySchema<GameSession>({
  class: GameSession,
  tableName: 'game_sessions',
  properties: {
    id: { type: 'integer', primary: true, autoincrement: true },
    hostUuid: { type: 'uuid' },
    sourceOfTruthKey: { type: 'text' },
    status: { type: 'text' },
    createdAt: { type: 'Date' },
    endedAt: { type: 'Date', nullable: true },
  },
});
