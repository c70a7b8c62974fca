/* eslint-disable @typescript-eslint/no-explicit-any -- response bodies are plain JSON; the assertions check their shape */
import { IdentityClient, sessionCookieFrom } from './identity';
import type { TestSystem } from './system';

/**
 * Actors for ticket tests: the bootstrap admin, users with each kind of
 * ticket right, and API keys (created by the admin, so actor-linked).
 */
export const TICKETS_ADMIN = { email: 'root@example.com', password: 'correct horse battery' };

export interface Envelope {
  success: boolean;
  data: Record<string, any> | null;
  error: { code: string; message: string } | null;
}

export type Caller = { kind: 'session'; cookie: string; csrf: string; userId: string } | { kind: 'key'; secret: string } | { kind: 'anonymous' };

export class TicketsClient {
  readonly http = new IdentityClient();
  constructor(baseUrl: string) {
    this.http.baseUrl = baseUrl;
  }

  headers(caller: Caller): Record<string, string> {
    if (caller.kind === 'session') return { cookie: caller.cookie, 'x-csrf-token': caller.csrf };
    if (caller.kind === 'key') return { authorization: `Bearer ${caller.secret}` };
    return {};
  }

  rest(caller: Caller, method: string, path: string, body?: unknown) {
    return this.http.call<Envelope>(method, path, { headers: this.headers(caller), body });
  }

  graphql<T = Record<string, any>>(caller: Caller, query: string, variables: Record<string, unknown> = {}) {
    return this.http.graphql<T>(query, variables, this.headers(caller));
  }

  async login(email: string, password: string): Promise<Caller & { kind: 'session' }> {
    const response = await this.http.call<Envelope>('POST', '/api/auth/login', { body: { email, password } });
    if (response.status !== 200) throw new Error(`login failed: ${JSON.stringify(response.body)}`);
    return {
      kind: 'session',
      cookie: sessionCookieFrom(response),
      csrf: response.body.data!.csrfToken as string,
      userId: response.body.data!.user.id as string,
    };
  }

  async createRole(admin: Caller, name: string, permissions: string[] = []): Promise<string> {
    const response = await this.graphql<{ createRole: { id: string } }>(
      admin,
      'mutation($name: NonEmptyString!, $p: [String!]!) { createRole(name: $name, permissions: $p) { id } }',
      {
        name,
        p: permissions,
      },
    );
    if (!response.body.data) throw new Error(JSON.stringify(response.body));
    return response.body.data.createRole.id;
  }

  async roleId(admin: Caller, name: string): Promise<string> {
    const response = await this.graphql<{ roles: { edges: { node: { id: string; name: string } }[] } }>(
      admin,
      '{ roles(first: 100) { edges { node { id name } } } }',
    );
    const role = response.body.data!.roles.edges.find((edge) => edge.node.name === name);
    if (!role) throw new Error(`no role ${name}`);
    return role.node.id;
  }

  async createUser(admin: Caller, username: string, roleIds: string[]): Promise<Caller & { kind: 'session' }> {
    const password = `${username} password 1`;
    const email = `${username}@example.com`;
    const created = await this.graphql(admin, 'mutation($input: CreateUserInput!) { createUser(input: $input) { id } }', {
      input: { email, username, password, roleIds },
    });
    if (!created.body.data) throw new Error(JSON.stringify(created.body));
    return this.login(email, password);
  }

  async createKey(admin: Caller, scopes: string[]): Promise<Caller & { kind: 'key' }> {
    const response = await this.rest(admin, 'POST', '/api/admin/tokens', { displayName: scopes.join(' ') || 'none', scopes, allowedIps: [], banFields: [] });
    if (response.status !== 200) throw new Error(JSON.stringify(response.body));
    return { kind: 'key', secret: response.body.data!.token.secret as string };
  }
}

/** Counts rows, for "nothing stored" checks. */
export async function countRows(system: TestSystem, table: string): Promise<number> {
  return Number((await system.sql<{ n: string }>(`select count(*) as n from ${table}`))[0]!.n);
}
