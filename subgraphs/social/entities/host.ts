import { defineEntity, p, type InferEntity } from '@mikro-orm/postgresql';
import { createdAtProperty, uuidPrimaryKey } from '../../../common/entity-base';

/**
 * A game host. Its key is `uuid` (what REST paths name), not `id`. Friends and
 * bans are rows of HostRelation.
 */
export const Host = defineEntity({
  name: 'Host',
  tableName: 'hosts',
  properties: {
    uuid: uuidPrimaryKey(),
    /** Only friends may join its sessions; the seed's default is true. */
    onlyFriends: p.boolean(),
    /** Guests that name no registered host may join; the seed's default is false. */
    allowNonames: p.boolean(),
    createdAt: createdAtProperty(),
  },
});
export type Host = InferEntity<typeof Host>;
