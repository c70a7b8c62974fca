/**
 * References to entities of the admin subgraph (User, Role): the gateway
 * resolves their fields there, this subgraph only names them by id.
 */
export interface UserRef {
  __typename: 'User';
  id: string;
}
export interface RoleRef {
  __typename: 'Role';
  id: string;
}

export const userRef = (id: string): UserRef => ({ __typename: 'User', id });
export const roleRefs = (ids: readonly string[]): RoleRef[] => ids.map((id) => ({ __typename: 'Role', id }));
