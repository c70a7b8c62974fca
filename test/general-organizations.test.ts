/* eslint-disable @typescript-eslint/no-explicit-any -- response bodies are plain JSON; the assertions check their shape */
import { type Principal } from '../common/principal';
import { errorCode, generalApi, type GeneralUser } from './support/general-api';
import { postGraphQL } from './support/http';
import { ADMIN } from './support/platform';
import { startSystem, type TestSystem } from './support/system';
import { postToSubgraphAs } from './support/principals';

/**
 * Organizations of the general API (G9–G13c). The creator becomes
 * the owner; members read; owners and admins of the organization change it
 * and manage members (only owners grant or remove owners); only owners
 * delete; anyone may leave; an organization keeps at least one owner;
 * non-members get 404 as if it did not exist; site admins may do everything.
 */
let system: TestSystem;
const api = generalApi(() => system);
const { call } = api;
let owner: GeneralUser;
let orgAdmin: GeneralUser;
let member: GeneralUser;
let outsider: GeneralUser;
let adminToken: string;
let orgId: string;

beforeAll(async () => {
  system = await startSystem({ env: { ADMIN_EMAIL: ADMIN.email, ADMIN_PASSWORD: ADMIN.password } });
  owner = await api.user('orgowner');
  orgAdmin = await api.user('orgadmin');
  member = await api.user('orgmember');
  outsider = await api.user('outsider');
  adminToken = await api.login(ADMIN.email, ADMIN.password);
});
afterAll(() => system.stop());

describe('G11 create', () => {
  it('creates an organization (201); the creator is its owner', async () => {
    const created = await call<any>('POST', '/v1/organizations', { token: owner.token, body: { name: 'My Organization', slug: 'my-org' } });
    expect(created.status).toBe(201);
    expect(created.body.data).toEqual({
      id: expect.any(String),
      name: 'My Organization',
      slug: 'my-org',
      role: 'owner',
      created_at: expect.any(String),
      updated_at: expect.any(String),
    });
    expect(created.headers.get('location')).toBe(`/v1/organizations/${created.body.data.id}`);
    orgId = created.body.data.id;
    const members = await call<any>('GET', `/v1/organizations/${orgId}/members`, { token: owner.token });
    expect(members.body).toEqual({
      data: [{ user_id: owner.id, username: 'orgowner', role: 'owner', joined_at: expect.any(String) }],
      meta: { page: 1, per_page: 20, total: 1, total_pages: 1 },
    });
  });

  it('refuses a taken slug (409 invalid_request) and invalid slugs or names (400)', async () => {
    const taken = await call<any>('POST', '/v1/organizations', { token: outsider.token, body: { name: 'Other', slug: 'my-org' } });
    expect(taken.status).toBe(409);
    expect(errorCode(taken)).toBe('invalid_request');
    for (const body of [
      { name: 'x', slug: 'My-Org' },
      { name: 'x', slug: '-org' },
      { name: 'x', slug: 'org-' },
      { name: 'x', slug: 'a--b' },
      { name: 'x', slug: 'a' },
      { name: 'x', slug: 'a'.repeat(65) },
      { name: 'x', slug: 'under_score' },
      { name: '', slug: 'fine' },
      { name: '   ', slug: 'fine' },
      { slug: 'fine' },
      { name: 'x' },
    ]) {
      const response = await call<any>('POST', '/v1/organizations', { token: outsider.token, body });
      expect([JSON.stringify(body), response.status, errorCode(response)]).toEqual([JSON.stringify(body), 400, 'invalid_request']);
    }
  });

  it('needs credentials (401 authentication_required)', async () => {
    const response = await call<any>('POST', '/v1/organizations', { body: { name: 'x', slug: 'anon-org' } });
    expect(response.status).toBe(401);
    expect(errorCode(response)).toBe('authentication_required');
  });
});

describe('G13b add members', () => {
  it('owners add admins and members (201); the default role is member', async () => {
    const added = await call<any>('POST', `/v1/organizations/${orgId}/members`, { token: owner.token, body: { user_id: orgAdmin.id, role: 'admin' } });
    expect(added.status).toBe(201);
    expect(added.body.data).toEqual({ user_id: orgAdmin.id, username: 'orgadmin', role: 'admin', joined_at: expect.any(String) });
    const byAdmin = await call<any>('POST', `/v1/organizations/${orgId}/members`, { token: orgAdmin.token, body: { user_id: member.id } });
    expect(byAdmin.status).toBe(201);
    expect(byAdmin.body.data.role).toBe('member');
  });

  it('members may not add (403 insufficient_permissions); org admins may not grant owner (403)', async () => {
    const byMember = await call<any>('POST', `/v1/organizations/${orgId}/members`, { token: member.token, body: { user_id: outsider.id } });
    expect(byMember.status).toBe(403);
    expect(errorCode(byMember)).toBe('insufficient_permissions');
    const ownerByAdmin = await call<any>('POST', `/v1/organizations/${orgId}/members`, {
      token: orgAdmin.token,
      body: { user_id: outsider.id, role: 'owner' },
    });
    expect(ownerByAdmin.status).toBe(403);
    expect(errorCode(ownerByAdmin)).toBe('insufficient_permissions');
  });

  it('non-members get 404; without credentials 401', async () => {
    const byOutsider = await call<any>('POST', `/v1/organizations/${orgId}/members`, { token: outsider.token, body: { user_id: outsider.id } });
    expect(byOutsider.status).toBe(404);
    expect(errorCode(byOutsider)).toBe('resource_not_found');
    const anonymous = await call<any>('POST', `/v1/organizations/${orgId}/members`, { body: { user_id: outsider.id } });
    expect(anonymous.status).toBe(401);
    expect(errorCode(anonymous)).toBe('authentication_required');
  });

  it('refuses an existing member (409), an unknown user (404), a bad role or user_id (400)', async () => {
    const again = await call<any>('POST', `/v1/organizations/${orgId}/members`, { token: owner.token, body: { user_id: member.id } });
    expect(again.status).toBe(409);
    const unknown = await call<any>('POST', `/v1/organizations/${orgId}/members`, {
      token: owner.token,
      body: { user_id: '7f8e3f5c-1b7a-4a53-9d1e-0a0b0c0d0e0f' },
    });
    expect(unknown.status).toBe(404);
    expect(unknown.body.error.message).toBe('No such user');
    for (const body of [{ user_id: outsider.id, role: 'boss' }, { user_id: 'usr_789' }, {}]) {
      const response = await call<any>('POST', `/v1/organizations/${orgId}/members`, { token: owner.token, body });
      expect(response.status).toBe(400);
      expect(errorCode(response)).toBe('invalid_request');
    }
  });
});

describe('G9, G10, G13a read', () => {
  it('members list and read their organizations and members (owners first)', async () => {
    const list = await call<any>('GET', '/v1/organizations', { token: member.token });
    expect(list.body.meta).toEqual({ page: 1, per_page: 20, total: 1, total_pages: 1 });
    expect(list.body.data[0]).toMatchObject({ id: orgId, slug: 'my-org', role: 'member' });
    const one = await call<any>('GET', `/v1/organizations/${orgId}`, { token: member.token });
    expect(one.body.data).toMatchObject({ id: orgId, name: 'My Organization', role: 'member' });
    const members = await call<any>('GET', `/v1/organizations/${orgId}/members?per_page=2`, { token: member.token });
    expect(members.body.meta).toEqual({ page: 1, per_page: 2, total: 3, total_pages: 2 });
    expect(members.body.data.map((entry: any) => entry.role)).toEqual(['owner', 'admin']);
    const second = await call<any>('GET', `/v1/organizations/${orgId}/members?per_page=2&page=2`, { token: member.token });
    expect(second.body.data.map((entry: any) => entry.user_id)).toEqual([member.id]);
  });

  it('non-members see nothing: empty list, 404 for the organization and its members', async () => {
    const list = await call<any>('GET', '/v1/organizations', { token: outsider.token });
    expect(list.body).toEqual({ data: [], meta: { page: 1, per_page: 20, total: 0, total_pages: 0 } });
    for (const path of [
      `/v1/organizations/${orgId}`,
      `/v1/organizations/${orgId}/members`,
      '/v1/organizations/nope',
      '/v1/organizations/7f8e3f5c-1b7a-4a53-9d1e-0a0b0c0d0e0f',
    ]) {
      const response = await call<any>('GET', path, { token: outsider.token });
      expect([path, response.status, errorCode(response)]).toEqual([path, 404, 'resource_not_found']);
    }
  });

  it('site admins see every organization (role null when not a member)', async () => {
    await call('POST', '/v1/organizations', { token: outsider.token, body: { name: 'Outsiders', slug: 'outsiders' } });
    const list = await call<any>('GET', '/v1/organizations', { token: adminToken });
    expect(list.body.meta.total).toBe(2);
    expect(list.body.data.map((organization: any) => [organization.slug, organization.role])).toEqual([
      ['my-org', null],
      ['outsiders', null],
    ]);
    expect((await call('GET', `/v1/organizations/${orgId}/members`, { token: adminToken })).status).toBe(200);
  });

  it('reads need credentials (401)', async () => {
    for (const path of ['/v1/organizations', `/v1/organizations/${orgId}`, `/v1/organizations/${orgId}/members`]) {
      const response = await call<any>('GET', path);
      expect([path, response.status, errorCode(response)]).toEqual([path, 401, 'authentication_required']);
    }
  });

  it('GraphQL: organizations with members as connections, users batched', async () => {
    const response = await postGraphQL<any>(
      `${system.gatewayUrl}/graphql`,
      `{ organizations(first: 10) { totalCount edges { node { slug myRole members(first: 10) { totalCount edges { node { role user { username } } } } } } } }`,
      {},
      { authorization: `Bearer ${orgAdmin.token}` },
    );
    expect(response.body.errors).toBeUndefined();
    expect(response.body.data.organizations.edges[0].node).toEqual({
      slug: 'my-org',
      myRole: 'admin',
      members: {
        totalCount: 3,
        edges: [
          { node: { role: 'owner', user: { username: 'orgowner' } } },
          { node: { role: 'admin', user: { username: 'orgadmin' } } },
          { node: { role: 'member', user: { username: 'orgmember' } } },
        ],
      },
    });
  });
});

describe('user:readEmail through organization members', () => {
  const emails = async (token: string) => {
    const response = await postGraphQL<any>(
      `${system.gatewayUrl}/graphql`,
      'query($id: UUID!) { organization(id: $id) { members(first: 10) { edges { node { user { username email } } } } } }',
      { id: orgId },
      { authorization: `Bearer ${token}` },
    );
    expect(response.body.errors).toBeUndefined();
    return response.body.data.organization.members.edges.map((edge: any) => edge.node.user);
  };

  it("a member sees their own email and not the other members' (null); a site admin sees every one", async () => {
    expect(await emails(orgAdmin.token)).toEqual([
      { username: 'orgowner', email: null },
      { username: 'orgadmin', email: orgAdmin.email },
      { username: 'orgmember', email: null },
    ]);
    expect(await emails(adminToken)).toEqual([
      { username: 'orgowner', email: owner.email },
      { username: 'orgadmin', email: orgAdmin.email },
      { username: 'orgmember', email: member.email },
    ]);
  });
});

describe('organization:reference (an Organization entity asked of the admin subgraph)', () => {
  const asUser = (user: GeneralUser, permissions: string[] = []): Principal => ({
    kind: 'user',
    clientIp: '127.0.0.1',
    userId: user.id,
    username: user.username,
    roles: permissions,
    permissions,
    authMethod: 'bearer',
  });
  const resolve = async (principal: Principal) => {
    const response = await postToSubgraphAs<any>(
      system,
      'admin',
      principal,
      'query($r: [_Any!]!) { _entities(representations: $r) { ... on Organization { slug } } }',
      { r: [{ __typename: 'Organization', id: orgId }] },
    );
    expect(response.body.errors).toBeUndefined();
    return response.body.data._entities[0];
  };

  it('resolves for a member and a site admin', async () => {
    expect(await resolve(asUser(member))).toEqual({ slug: expect.any(String) });
    const [siteAdmin] = await system.sql<{ id: string }>('select id from admin.users where lower(email) = $1', [ADMIN.email]);
    expect(await resolve(asUser({ id: siteAdmin!.id, username: 'root', email: ADMIN.email, token: '' }, ['admin']))).toEqual({ slug: expect.any(String) });
  });

  it('is null for a non-member and for an anonymous caller, as if it did not exist', async () => {
    expect(await resolve(asUser(outsider))).toBeNull();
    expect(await resolve({ kind: 'anonymous', clientIp: '127.0.0.1' })).toBeNull();
  });
});

describe('G12 update', () => {
  it('owners and org admins change name and slug', async () => {
    const byAdmin = await call<any>('PATCH', `/v1/organizations/${orgId}`, { token: orgAdmin.token, body: { name: 'Renamed' } });
    expect(byAdmin.status).toBe(200);
    expect(byAdmin.body.data).toMatchObject({ name: 'Renamed', slug: 'my-org', role: 'admin' });
    const byOwner = await call<any>('PATCH', `/v1/organizations/${orgId}`, { token: owner.token, body: { slug: 'renamed-org' } });
    expect(byOwner.body.data).toMatchObject({ name: 'Renamed', slug: 'renamed-org' });
  });

  it('members get 403, non-members 404, anonymous 401; taken slug 409; bad bodies 400', async () => {
    const byMember = await call<any>('PATCH', `/v1/organizations/${orgId}`, { token: member.token, body: { name: 'Mine now' } });
    expect([byMember.status, errorCode(byMember)]).toEqual([403, 'insufficient_permissions']);
    const byOutsider = await call<any>('PATCH', `/v1/organizations/${orgId}`, { token: outsider.token, body: { name: 'Mine now' } });
    expect([byOutsider.status, errorCode(byOutsider)]).toEqual([404, 'resource_not_found']);
    const anonymous = await call<any>('PATCH', `/v1/organizations/${orgId}`, { body: { name: 'Mine now' } });
    expect([anonymous.status, errorCode(anonymous)]).toEqual([401, 'authentication_required']);
    const taken = await call<any>('PATCH', `/v1/organizations/${orgId}`, { token: owner.token, body: { slug: 'outsiders' } });
    expect(taken.status).toBe(409);
    for (const body of [{}, { slug: 'Bad Slug' }, { name: '' }, { other: 1 }]) {
      const response = await call<any>('PATCH', `/v1/organizations/${orgId}`, { token: owner.token, body });
      expect([JSON.stringify(body), response.status]).toEqual([JSON.stringify(body), 400]);
    }
    expect((await call<any>('GET', `/v1/organizations/${orgId}`, { token: owner.token })).body.data.name).toBe('Renamed');
  });
});

describe('G13c remove members', () => {
  it('members may not remove others (403); non-members 404; anonymous 401', async () => {
    const byMember = await call<any>('DELETE', `/v1/organizations/${orgId}/members/${orgAdmin.id}`, { token: member.token });
    expect([byMember.status, errorCode(byMember)]).toEqual([403, 'insufficient_permissions']);
    const byOutsider = await call<any>('DELETE', `/v1/organizations/${orgId}/members/${member.id}`, { token: outsider.token });
    expect([byOutsider.status, errorCode(byOutsider)]).toEqual([404, 'resource_not_found']);
    const anonymous = await call<any>('DELETE', `/v1/organizations/${orgId}/members/${member.id}`);
    expect([anonymous.status, errorCode(anonymous)]).toEqual([401, 'authentication_required']);
  });

  it('org admins may not remove owners (403); the last owner cannot leave (409)', async () => {
    const byAdmin = await call<any>('DELETE', `/v1/organizations/${orgId}/members/${owner.id}`, { token: orgAdmin.token });
    expect([byAdmin.status, errorCode(byAdmin)]).toEqual([403, 'insufficient_permissions']);
    const lastOwner = await call<any>('DELETE', `/v1/organizations/${orgId}/members/${owner.id}`, { token: owner.token });
    expect(lastOwner.status).toBe(409);
  });

  it('org admins remove members (204); a non-member is 404; anyone may leave', async () => {
    const removed = await call('DELETE', `/v1/organizations/${orgId}/members/${member.id}`, { token: orgAdmin.token });
    expect(removed.status).toBe(204);
    const gone = await call<any>('DELETE', `/v1/organizations/${orgId}/members/${member.id}`, { token: orgAdmin.token });
    expect([gone.status, errorCode(gone)]).toEqual([404, 'resource_not_found']);
    expect((await call('GET', `/v1/organizations/${orgId}`, { token: member.token })).status).toBe(404);
    const left = await call('DELETE', `/v1/organizations/${orgId}/members/${orgAdmin.id}`, { token: orgAdmin.token });
    expect(left.status).toBe(204);
  });
});

describe('G13 delete', () => {
  it('org admins get 403; owners delete (204); then it is gone', async () => {
    await call('POST', `/v1/organizations/${orgId}/members`, { token: owner.token, body: { user_id: orgAdmin.id, role: 'admin' } });
    const byAdmin = await call<any>('DELETE', `/v1/organizations/${orgId}`, { token: orgAdmin.token });
    expect([byAdmin.status, errorCode(byAdmin)]).toEqual([403, 'insufficient_permissions']);
    const byOutsider = await call<any>('DELETE', `/v1/organizations/${orgId}`, { token: outsider.token });
    expect([byOutsider.status, errorCode(byOutsider)]).toEqual([404, 'resource_not_found']);
    const anonymous = await call<any>('DELETE', `/v1/organizations/${orgId}`);
    expect([anonymous.status, errorCode(anonymous)]).toEqual([401, 'authentication_required']);
    const deleted = await call('DELETE', `/v1/organizations/${orgId}`, { token: owner.token });
    expect(deleted.status).toBe(204);
    expect((await call('GET', `/v1/organizations/${orgId}`, { token: owner.token })).status).toBe(404);
    expect(await system.sql('select * from admin.organization_members where organization_id = $1', [orgId])).toEqual([]);
  });

  it('site admins delete any organization', async () => {
    const other = (await call<any>('GET', '/v1/organizations', { token: outsider.token })).body.data[0].id as string;
    expect((await call('DELETE', `/v1/organizations/${other}`, { token: adminToken })).status).toBe(204);
  });
});
