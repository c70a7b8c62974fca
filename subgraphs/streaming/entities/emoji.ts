import { defineEntity, p, type InferEntity } from '@mikro-orm/postgresql';
import { createdAtProperty } from '../../../common/entity-base';

/** A custom chat emoji (O5): its name and where its image is hosted. */
export const Emoji = defineEntity({
  name: 'Emoji',
  tableName: 'emoji',
  properties: {
    name: p.text().primary(),
    url: p.text(),
    createdAt: createdAtProperty(),
  },
});
export type Emoji = InferEntity<typeof Emoji>;
