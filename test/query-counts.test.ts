import { PRINCIPAL_HEADER, signPrincipal } from '../common/principal';
import { postGraphQL } from './support/http';
import { useSystem } from './support/system';

const system = useSystem();

/** Creates a host with `width` friends, each with `width` friends of their own. */
async function hostWithFriendsOfFriends(width: number): Promise<string> {
  const [root] = await system.sql<{ uuid: string }>('insert into social.hosts default values returning uuid');
  const friends = await system.sql<{ uuid: string }>(`insert into social.hosts select from generate_series(1, $1) returning uuid`, [width]);
  for (const friend of friends) {
    await system.sql(`insert into social.host_relations (host_uuid, kind, other_uuid) values ($1, 'friend', $2)`, [root!.uuid, friend.uuid]);
    await system.sql(
      `with more as (insert into social.hosts select from generate_series(1, $2) returning uuid)
       insert into social.host_relations (host_uuid, kind, other_uuid) select $1, 'friend', uuid from more`,
      [friend.uuid, width],
    );
  }
  return root!.uuid;
}

const DEEP_QUERY = `query ($uuid: UUID!) {
  _entities(representations: [{ __typename: "Host", uuid: $uuid }]) {
    ... on Host {
      uuid
      friends(first: 100) {
        totalCount
        edges { node { uuid banlist { totalCount } friends(first: 100) { totalCount edges { node { uuid onlyFriends } } } } }
      }
    }
  }
}`;

async function countQueries(uuid: string): Promise<{ count: number; friendsOfFriends: number }> {
  const principal = await signPrincipal({ kind: 'anonymous', clientIp: '127.0.0.1' }, system.principalSecret, 30, 'count');
  system.resetQueryLog();
  const response = await postGraphQL<{ _entities: { friends: { edges: { node: { friends: { totalCount: number } } }[] } }[] }>(
    system.subgraphs.social.url,
    DEEP_QUERY,
    { uuid },
    { [PRINCIPAL_HEADER]: principal },
  );
  expect(response.body.errors).toBeUndefined();
  const edges = response.body.data!._entities[0]!.friends.edges;
  return {
    count: system.queries.social.length,
    friendsOfFriends: edges.reduce((sum, edge) => sum + edge.node.friends.totalCount, 0),
  };
}

describe('SQL round trips of a deep host query', () => {
  it('stay the same whatever the fan-out (DataLoader batches every level)', async () => {
    const small = await countQueries(await hostWithFriendsOfFriends(2));
    const large = await countQueries(await hostWithFriendsOfFriends(12));
    expect(small.friendsOfFriends).toBe(4);
    expect(large.friendsOfFriends).toBe(144);
    // root host, its friend relations, those friends, their friend and ban relations, and the friends of friends
    expect(large.count).toBe(small.count);
    expect(large.count).toBeLessThanOrEqual(6);
  });
});
