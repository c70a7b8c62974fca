import { EntitySchema } from '@mikro-orm/postgresql';

/** A named set of permissions (e.g. `admin`, `manage_tickets`). */
export class Role {
  id!: string;
  name!: string;
  permissions: string[] = [];
  createdAt: Date = new Date();
}

export const RoleSchema = new EntitySchema<Role>({
  class: Role,
  tableName: 'roles',
  properties: {
    id: { type: 'uuid', primary: true },
    name: { type: 'text', unique: true },
    permissions: { type: 'text[]' },
    createdAt: { type: 'Date' },
  },
});

/** Which roles a user holds. */
export class UserRole {
  userId!: string;
  roleId!: string;
}

export const UserRoleSchema = new EntitySchema<UserRole>({
  class: UserRole,
  tableName: 'user_roles',
  properties: {
    userId: { type: 'uuid', primary: true },
    roleId: { type: 'uuid', primary: true },
  },
});
