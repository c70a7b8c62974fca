import { defineRoute, type RestRoute } from '../route-table';

interface HostFields {
  uuid: string;
  onlyFriends: boolean;
  allowNonames: boolean;
  friends: { edges: { node: { uuid: string } }[] };
  banlist: { edges: { node: { uuid: string } }[] };
}

/** The seed's Host body: snake_case, friends and banlist as lists of uuids. */
export const HOST_FIELDS = `uuid onlyFriends allowNonames
  friends(first: 100) { edges { node { uuid } } }
  banlist(first: 100) { edges { node { uuid } } }`;

export function hostBody(host: HostFields): Record<string, unknown> {
  return {
    uuid: host.uuid,
    only_friends: host.onlyFriends,
    allow_nonames: host.allowNonames,
    friends: host.friends.edges.map((edge) => edge.node.uuid),
    banlist: host.banlist.edges.map((edge) => edge.node.uuid),
  };
}

export const socialRoutes: RestRoute[] = [
  defineRoute<{ registerHost: HostFields }>({
    id: 'F1',
    method: 'POST',
    url: '/hosts',
    summary: 'Register a new host with the default settings',
    credentials: [],
    operation: `mutation RegisterHost { registerHost { ${HOST_FIELDS} } }`,
    respond: (data) => ({ body: hostBody(data.registerHost) }),
  }),
];
