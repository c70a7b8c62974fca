import { defineEntity, p, type InferEntity } from '@mikro-orm/postgresql';
import { createdAtProperty } from '../../../common/entity-base';

/** A game session launched by a host. At most one runs per host (a partial unique index). */
export const GameSession = defineEntity({
  name: 'GameSession',
  tableName: 'game_sessions',
  properties: {
    /** Numbered by the database (an identity column), as the REST paths show it. */
    id: p.integer().primary().autoincrement(),
    hostUuid: p.uuid(),
    /** Unguessable key handed to the host at launch; never shown to anyone else. */
    sourceOfTruthKey: p.text(),
    status: p.enum(['running', 'ended']),
    createdAt: createdAtProperty(),
    endedAt: p.datetime().nullable(),
  },
});
export type GameSession = InferEntity<typeof GameSession>;
export type GameSessionStatus = GameSession['status'];
