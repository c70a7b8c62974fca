import { defineEntity, p, type InferEntity } from '@mikro-orm/postgresql';
import { createdAtProperty, uuidPrimaryKey } from '../../../common/entity-base';

/** A named set of permissions (e.g. `admin`, `manage_tickets`). */
export const Role = defineEntity({
  name: 'Role',
  tableName: 'roles',
  properties: {
    id: uuidPrimaryKey(),
    name: p.text().unique(),
    permissions: p.array().columnType('text[]'),
    createdAt: createdAtProperty(),
  },
});
export type Role = InferEntity<typeof Role>;

/** Which roles a user holds; the pair is the key. */
export const UserRole = defineEntity({
  name: 'UserRole',
  tableName: 'user_roles',
  properties: {
    userId: p.uuid().primary(),
    roleId: p.uuid().primary(),
  },
});
export type UserRole = InferEntity<typeof UserRole>;
