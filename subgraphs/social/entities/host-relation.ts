import { EntitySchema } from '@mikro-orm/postgresql';

export type HostRelationKind = 'friend' | 'banned';

/** `hostUuid` lists `otherUuid` as a friend or as banned. */
export class HostRelation {
  hostUuid!: string;
  otherUuid!: string;
  kind!: HostRelationKind;
  createdAt: Date = new Date();
}

export const HostRelationSchema = new EntitySchema<HostRelation>({
  class: HostRelation,
  tableName: 'host_relations',
  properties: {
    hostUuid: { type: 'uuid', primary: true },
    kind: { type: 'text', primary: true },
    otherUuid: { type: 'uuid', primary: true },
    createdAt: { type: 'Date' },
  },
});
