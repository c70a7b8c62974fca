import { defineEntity, p, type InferEntity } from '@mikro-orm/postgresql';
import { createdAtProperty } from '../../../common/entity-base';

/**
 * `hostUuid` lists `otherUuid` as a friend or as banned. The whole row is the
 * key, so concurrent adds of the same relation cannot both succeed.
 */
export const HostRelation = defineEntity({
  name: 'HostRelation',
  tableName: 'host_relations',
  properties: {
    hostUuid: p.uuid().primary(),
    kind: p.enum(['friend', 'banned']).primary(),
    otherUuid: p.uuid().primary(),
    createdAt: createdAtProperty(),
  },
});
export type HostRelation = InferEntity<typeof HostRelation>;
export type HostRelationKind = HostRelation['kind'];
