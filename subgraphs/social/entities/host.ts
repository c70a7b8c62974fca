import { EntitySchema } from '@mikro-orm/postgresql';

/** A game host (seed 004). Friends and bans are rows of social.host_relations. */
export class Host {
  uuid!: string;
  onlyFriends = true;
  allowNonames = false;
  createdAt: Date = new Date();
}

export const HostSchema = new EntitySchema<Host>({
  class: Host,
  tableName: 'hosts',
  properties: {
    uuid: { type: 'uuid', primary: true },
    onlyFriends: { type: 'boolean' },
    allowNonames: { type: 'boolean' },
    createdAt: { type: 'Date' },
  },
});
