import { randomUUID } from 'node:crypto';
import { SignJWT } from 'jose';
import { postGraphQL, requestJson, restCaller } from './support/http';
import { useSystem } from './support/system';
import { hostWithToken as registeredHost } from './support/social';

const system = useSystem();

interface HostBody {
  uuid: string;
  only_friends: boolean;
  allow_nonames: boolean;
  friends: string[];
  banlist: string[];
}

async function registerHost(): Promise<string> {
  const response = await requestJson<HostBody>(`${system.gatewayUrl}/hosts`, { method: 'POST' });
  expect(response.status).toBe(200);
  return response.body.uuid;
}

/** A registered host and its token. */
const hostWithToken = () => registeredHost(system.gatewayUrl);

const call = restCaller(() => system.gatewayUrl);

const MALFORMED = 'not-a-uuid';
const uuidDetail = (loc: string[]) => ({ detail: [{ loc, msg: 'Input should be a valid UUID', type: 'uuid_parsing' }] });

/** A token signed with the right claims but the wrong secret. */
async function forgedToken(host: string): Promise<string> {
  return new SignJWT({})
    .setProtectedHeader({ alg: 'HS256' })
    .setIssuer('playroom-social')
    .setAudience('playroom-host')
    .setSubject(host)
    .setIssuedAt()
    .setExpirationTime('1h')
    .sign(new TextEncoder().encode('x'.repeat(48)));
}

async function expiredToken(host: string): Promise<string> {
  const now = Math.floor(Date.now() / 1000);
  return new SignJWT({})
    .setProtectedHeader({ alg: 'HS256' })
    .setIssuer('playroom-social')
    .setAudience('playroom-host')
    .setSubject(host)
    .setIssuedAt(now - 7200)
    .setExpirationTime(now - 3600)
    .sign(new TextEncoder().encode(system.hostTokenSecret));
}

describe('F2 GET /hosts/{host}/access_token', () => {
  it('200: issues a token for an existing host, exactly {token}', async () => {
    const host = await registerHost();
    const response = await call<{ token: string }>('GET', `/hosts/${host}/access_token`);
    expect(response.status).toBe(200);
    expect(response.body).toEqual({ token: expect.stringMatching(/^[\w-]+\.[\w-]+\.[\w-]+$/) });
    const payload = JSON.parse(Buffer.from(response.body.token.split('.')[1]!, 'base64url').toString()) as Record<string, unknown>;
    expect(payload.sub).toBe(host);
    expect((payload.exp as number) - (payload.iat as number)).toBe(3600);
  });

  it('404: unknown host', async () => {
    const response = await call('GET', `/hosts/${randomUUID()}/access_token`);
    expect(response.status).toBe(404);
    expect(response.body).toEqual({ message: 'not found this' });
  });

  it('422: malformed uuid', async () => {
    const response = await call('GET', `/hosts/${MALFORMED}/access_token`);
    expect(response.status).toBe(422);
    expect(response.body).toEqual(uuidDetail(['path', 'host']));
  });
});

describe('F3 GET /hosts/access_token/renew', () => {
  it('200: a fresh token that works', async () => {
    const { uuid, token } = await hostWithToken();
    const response = await call<{ token: string }>('GET', '/hosts/access_token/renew', { token });
    expect(response.status).toBe(200);
    expect(response.body).toEqual({ token: expect.any(String) });
    const host = await call<HostBody>('GET', `/hosts/${uuid}`, { token: response.body.token });
    expect(host.status).toBe(200);
  });

  it('404: the host of the token was deleted', async () => {
    const { uuid, token } = await hostWithToken();
    await system.sql('delete from social.hosts where uuid = $1', [uuid]);
    const response = await call('GET', '/hosts/access_token/renew', { token });
    expect(response.status).toBe(404);
    expect(response.body).toEqual({ message: 'not found this' });
  });

  it('401: no token, or an invalid one', async () => {
    const missing = await call('GET', '/hosts/access_token/renew');
    expect(missing.status).toBe(401);
    expect(missing.body).toEqual({ message: expect.any(String) });
    expect(missing.headers.get('www-authenticate')).toBe('Bearer');
    const garbage = await call('GET', '/hosts/access_token/renew', { token: 'garbage' });
    expect(garbage.status).toBe(401);
  });
});

describe('F4 GET /hosts/{host}', () => {
  it('200: the host body, like F1', async () => {
    const { uuid, token } = await hostWithToken();
    const response = await call<HostBody>('GET', `/hosts/${uuid}`, { token });
    expect(response.status).toBe(200);
    expect(response.body).toEqual({ uuid, only_friends: true, allow_nonames: false, friends: [], banlist: [] });
  });

  it('401: missing, forged, expired, or another host’s token', async () => {
    const { uuid } = await hostWithToken();
    const other = await hostWithToken();
    for (const token of [undefined, 'garbage', await forgedToken(uuid), await expiredToken(uuid), other.token]) {
      const response = await call('GET', `/hosts/${uuid}`, { token });
      expect(response.status).toBe(401);
      expect(response.body).toEqual({ message: expect.any(String) });
      expect(JSON.stringify(response.body)).not.toContain(system.hostTokenSecret);
    }
  });

  it('404 not found this: the host was deleted after its token was issued', async () => {
    const { uuid, token } = await hostWithToken();
    await system.sql('delete from social.hosts where uuid = $1', [uuid]);
    const response = await call('GET', `/hosts/${uuid}`, { token });
    expect(response.status).toBe(404);
    expect(response.body).toEqual({ message: 'not found this' });
  });

  it('422: malformed uuid', async () => {
    const { token } = await hostWithToken();
    const response = await call('GET', `/hosts/${MALFORMED}`, { token });
    expect(response.status).toBe(422);
    expect(response.body).toEqual(uuidDetail(['path', 'host']));
  });
});

describe.each([
  { id: 'F5', field: 'only_friends', column: 'only_friends', value: false },
  { id: 'F6', field: 'allow_nonames', column: 'allow_nonames', value: true },
])('$id PUT /hosts/{host}/$field', ({ field, column, value }) => {
  it('200: stores the setting and answers the updated host', async () => {
    const { uuid, token } = await hostWithToken();
    const response = await call<HostBody>('PUT', `/hosts/${uuid}/${field}`, { token, body: { [field]: value } });
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({ uuid, [field]: value });
    const rows = await system.sql<Record<string, boolean>>(`select ${column} from social.hosts where uuid = $1`, [uuid]);
    expect(rows).toEqual([{ [column]: value }]);
  });

  it('401: without a token, or with another host’s token', async () => {
    const { uuid } = await hostWithToken();
    const other = await hostWithToken();
    expect((await call('PUT', `/hosts/${uuid}/${field}`, { body: { [field]: value } })).status).toBe(401);
    const response = await call('PUT', `/hosts/${uuid}/${field}`, { token: other.token, body: { [field]: value } });
    expect(response.status).toBe(401);
    const rows = await system.sql<Record<string, boolean>>(`select ${column} from social.hosts where uuid = $1`, [uuid]);
    expect(rows).toEqual([{ [column]: !value }]);
  });

  it('404 not found this: deleted host', async () => {
    const { uuid, token } = await hostWithToken();
    await system.sql('delete from social.hosts where uuid = $1', [uuid]);
    const response = await call('PUT', `/hosts/${uuid}/${field}`, { token, body: { [field]: value } });
    expect(response.status).toBe(404);
    expect(response.body).toEqual({ message: 'not found this' });
  });

  it('422: malformed uuid, missing field, wrong JSON type, body not JSON', async () => {
    const { uuid, token } = await hostWithToken();
    const badPath = await call('PUT', `/hosts/${MALFORMED}/${field}`, { token, body: { [field]: value } });
    expect(badPath.status).toBe(422);
    expect(badPath.body).toEqual(uuidDetail(['path', 'host']));

    const missing = await call('PUT', `/hosts/${uuid}/${field}`, { token, body: {} });
    expect(missing.status).toBe(422);
    expect(missing.body).toEqual({ detail: [{ loc: ['body', field], msg: 'Field required', type: 'missing' }] });

    const wrongType = await call('PUT', `/hosts/${uuid}/${field}`, { token, body: { [field]: 'true' } });
    expect(wrongType.status).toBe(422);
    expect(wrongType.body).toEqual({ detail: [{ loc: ['body', field], msg: 'Input should be a valid boolean', type: 'bool_type' }] });

    const noBody = await call('PUT', `/hosts/${uuid}/${field}`, { token });
    expect(noBody.status).toBe(422);
    expect(noBody.body).toEqual({ detail: [{ loc: ['body'], msg: 'Field required', type: 'missing' }] });

    const notJson = await call('PUT', `/hosts/${uuid}/${field}`, { token, rawBody: '{' });
    expect(notJson.status).toBe(422);
    expect(notJson.body).toEqual({ detail: [{ loc: ['body'], msg: 'JSON decode error', type: 'json_invalid' }] });
  });
});

describe.each([
  { id: 'F7/F8', list: 'friends', param: 'friend', column: 'friend', selfWord: /itself/, twiceWord: /already a friend/ },
  { id: 'F9/F10', list: 'banlist', param: 'banned', column: 'banned', selfWord: /itself/, twiceWord: /already banned/ },
] as const)('$id POST and DELETE /hosts/{host}/$list', ({ list, param, column, selfWord, twiceWord }) => {
  const relationRows = (host: string) =>
    system.sql<{ other_uuid: string }>('select other_uuid from social.host_relations where host_uuid = $1 and kind = $2', [host, column]);

  it('200: adds and removes, answering the updated host', async () => {
    const { uuid, token } = await hostWithToken();
    const other = await registerHost();
    const added = await call<HostBody>('POST', `/hosts/${uuid}/${list}?${param}=${other}`, { token });
    expect(added.status).toBe(200);
    expect(added.body[list]).toEqual([other]);
    expect(await relationRows(uuid)).toEqual([{ other_uuid: other }]);

    const removed = await call<HostBody>('DELETE', `/hosts/${uuid}/${list}/${other}`, { token });
    expect(removed.status).toBe(200);
    expect(removed.body[list]).toEqual([]);
    expect(await relationRows(uuid)).toEqual([]);
  });

  it('400: yourself, or the same host twice', async () => {
    const { uuid, token } = await hostWithToken();
    const self = await call('POST', `/hosts/${uuid}/${list}?${param}=${uuid}`, { token });
    expect(self.status).toBe(400);
    expect(self.body).toEqual({ message: expect.stringMatching(selfWord) });

    const other = await registerHost();
    expect((await call('POST', `/hosts/${uuid}/${list}?${param}=${other}`, { token })).status).toBe(200);
    const twice = await call('POST', `/hosts/${uuid}/${list}?${param}=${other}`, { token });
    expect(twice.status).toBe(400);
    expect(twice.body).toEqual({ message: expect.stringMatching(twiceWord) });
  });

  it('401: without a token, or with another host’s token', async () => {
    const { uuid } = await hostWithToken();
    const other = await hostWithToken();
    expect((await call('POST', `/hosts/${uuid}/${list}?${param}=${other.uuid}`)).status).toBe(401);
    expect((await call('POST', `/hosts/${uuid}/${list}?${param}=${other.uuid}`, { token: other.token })).status).toBe(401);
    expect((await call('DELETE', `/hosts/${uuid}/${list}/${other.uuid}`)).status).toBe(401);
    expect((await call('DELETE', `/hosts/${uuid}/${list}/${other.uuid}`, { token: other.token })).status).toBe(401);
  });

  it('404: not found this (deleted host) and not found other (unknown or not listed)', async () => {
    const { uuid, token } = await hostWithToken();
    const other = await registerHost();

    const unknownOther = await call('POST', `/hosts/${uuid}/${list}?${param}=${randomUUID()}`, { token });
    expect(unknownOther.status).toBe(404);
    expect(unknownOther.body).toEqual({ message: 'not found other' });

    const notListed = await call('DELETE', `/hosts/${uuid}/${list}/${other}`, { token });
    expect(notListed.status).toBe(404);
    expect(notListed.body).toEqual({ message: 'not found other' });

    await system.sql('delete from social.hosts where uuid = $1', [uuid]);
    const goneAdd = await call('POST', `/hosts/${uuid}/${list}?${param}=${other}`, { token });
    expect(goneAdd.status).toBe(404);
    expect(goneAdd.body).toEqual({ message: 'not found this' });
    const goneRemove = await call('DELETE', `/hosts/${uuid}/${list}/${other}`, { token });
    expect(goneRemove.status).toBe(404);
    expect(goneRemove.body).toEqual({ message: 'not found this' });
  });

  it('422: malformed uuids and a missing query parameter', async () => {
    const { uuid, token } = await hostWithToken();
    const other = await registerHost();
    const badHost = await call('POST', `/hosts/${MALFORMED}/${list}?${param}=${other}`, { token });
    expect(badHost.status).toBe(422);
    expect(badHost.body).toEqual(uuidDetail(['path', 'host']));

    const badQuery = await call('POST', `/hosts/${uuid}/${list}?${param}=${MALFORMED}`, { token });
    expect(badQuery.status).toBe(422);
    expect(badQuery.body).toEqual(uuidDetail(['query', param]));

    const missing = await call('POST', `/hosts/${uuid}/${list}`, { token });
    expect(missing.status).toBe(422);
    expect(missing.body).toEqual({ detail: [{ loc: ['query', param], msg: 'Field required', type: 'missing' }] });

    const badDelete = await call('DELETE', `/hosts/${uuid}/${list}/${MALFORMED}`, { token });
    expect(badDelete.status).toBe(422);
    expect(badDelete.body).toEqual(uuidDetail(['path', list === 'friends' ? 'former_friend' : 'banned']));
  });
});

describe('concurrency', () => {
  it('10 parallel befriends of the same host leave exactly one relation row', async () => {
    const { uuid, token } = await hostWithToken();
    const friend = await registerHost();
    const responses = await Promise.all(Array.from({ length: 10 }, () => call('POST', `/hosts/${uuid}/friends?friend=${friend}`, { token })));
    const statuses = responses.map((response) => response.status).sort();
    expect(statuses).toEqual([200, ...Array<number>(9).fill(400)]);
    const rows = await system.sql('select * from social.host_relations where host_uuid = $1', [uuid]);
    expect(rows).toHaveLength(1);
  });
});

describe('GraphQL', () => {
  const graphqlUrl = () => `${system.gatewayUrl}/graphql`;

  it('issues a token, then befriends and reads the host with it', async () => {
    const host = await registerHost();
    const friend = await registerHost();
    const issued = await postGraphQL<{ issueHostToken: { token: string; expiresAt: string } }>(
      graphqlUrl(),
      'mutation ($host: UUID!) { issueHostToken(host: $host) { token expiresAt } }',
      { host },
    );
    expect(issued.body.errors).toBeUndefined();
    const { token, expiresAt } = issued.body.data!.issueHostToken;
    expect(new Date(expiresAt).getTime()).toBeGreaterThan(Date.now());
    const auth = { authorization: `Bearer ${token}` };

    const befriended = await postGraphQL<{ befriend: { uuid: string; friends: { totalCount: number; edges: { node: { uuid: string } }[] } } }>(
      graphqlUrl(),
      'mutation ($host: UUID!, $friend: UUID!) { befriend(host: $host, friend: $friend) { uuid friends { totalCount edges { node { uuid } } } } }',
      { host, friend },
      auth,
    );
    expect(befriended.body.errors).toBeUndefined();
    expect(befriended.body.data!.befriend).toEqual({ uuid: host, friends: { totalCount: 1, edges: [{ node: { uuid: friend } }] } });

    const read = await postGraphQL<{ host: { onlyFriends: boolean } }>(
      graphqlUrl(),
      'query ($host: UUID!) { host(uuid: $host) { onlyFriends } }',
      { host },
      auth,
    );
    expect(read.body).toEqual({ data: { host: { onlyFriends: true } } });
  });

  it('refuses another host’s token with UNAUTHENTICATED and changes nothing', async () => {
    const { uuid } = await hostWithToken();
    const other = await hostWithToken();
    const response = await postGraphQL<{ setOnlyFriends: unknown }>(
      graphqlUrl(),
      'mutation ($host: UUID!) { setOnlyFriends(host: $host, onlyFriends: false) { onlyFriends } }',
      { host: uuid },
      { authorization: `Bearer ${other.token}` },
    );
    expect(response.body.data).toBeNull();
    expect(response.body.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    const rows = await system.sql<{ only_friends: boolean }>('select only_friends from social.hosts where uuid = $1', [uuid]);
    expect(rows).toEqual([{ only_friends: true }]);
  });

  it('answers NOT_FOUND for a token of an unknown host and UNAUTHENTICATED for renew without one', async () => {
    const missing = await postGraphQL(graphqlUrl(), 'mutation ($host: UUID!) { issueHostToken(host: $host) { token } }', { host: randomUUID() });
    expect(missing.body.errors?.[0]).toMatchObject({ message: 'not found this', extensions: { code: 'NOT_FOUND' } });
    const renew = await postGraphQL(graphqlUrl(), 'mutation { renewHostToken { token } }');
    expect(renew.body.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
  });
});

describe('OpenAPI', () => {
  it('lists F2–F10 with the hostToken scheme where a token is needed', async () => {
    const response = await requestJson<{ paths: Record<string, Record<string, { operationId: string; security?: unknown[] }>> }>(
      `${system.gatewayUrl}/openapi.json`,
    );
    const { paths } = response.body;
    expect(paths['/hosts/{host}/access_token']?.get?.operationId).toBe('F2');
    expect(paths['/hosts/{host}/access_token']?.get?.security).toBeUndefined();
    expect(paths['/hosts/access_token/renew']?.get?.security).toEqual([{ hostToken: [] }]);
    expect(paths['/hosts/{host}']?.get?.operationId).toBe('F4');
    expect(paths['/hosts/{host}/only_friends']?.put?.operationId).toBe('F5');
    expect(paths['/hosts/{host}/allow_nonames']?.put?.operationId).toBe('F6');
    expect(paths['/hosts/{host}/friends']?.post?.operationId).toBe('F7');
    expect(paths['/hosts/{host}/friends/{former_friend}']?.delete?.operationId).toBe('F8');
    expect(paths['/hosts/{host}/banlist']?.post?.operationId).toBe('F9');
    expect(paths['/hosts/{host}/banlist/{banned}']?.delete?.operationId).toBe('F10');
  });
});
