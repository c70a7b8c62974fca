/* eslint-disable @typescript-eslint/no-explicit-any -- response bodies are plain JSON; the assertions check their shape */
import type { HttpClient } from './http';
import { IdentityClient, sessionCookieFrom } from './identity';

/**
 * The platform family's (/api, cookie session + CSRF, API keys) client and
 * the actors its tests need: the bootstrap admin, users with roles, and API
 * keys created by the admin (so actor-linked).
 */
export const ADMIN = { email: 'root@example.com', password: 'correct horse battery' };

export interface Envelope {
  success: boolean;
  data: Record<string, any> | null;
  error: { code: string; message: string } | null;
}

export interface Session {
  cookie: string;
  csrf: string;
}
export type SessionCaller = Session & { kind: 'session'; userId: string };
export type Caller = SessionCaller | { kind: 'key'; secret: string } | { kind: 'anonymous' };

/** The headers a session (cookie + CSRF token) or an API key (bearer) sends. */
export function callerHeaders(caller: Caller | Session): Record<string, string> {
  if (!('kind' in caller) || caller.kind === 'session') return { cookie: caller.cookie, 'x-csrf-token': caller.csrf };
  if (caller.kind === 'key') return { authorization: `Bearer ${caller.secret}` };
  return {};
}

/** Logs in through /api/auth/login; `issues` labels the response for leak checks (it carries the session). */
export async function login(client: HttpClient, email: string, password: string, options: { issues?: boolean } = {}): Promise<SessionCaller> {
  const response = await client.call<Envelope>('POST', '/api/auth/login', { body: { email, password }, issues: options.issues });
  if (response.status !== 200) throw new Error(`login of ${email} answered ${response.status}: ${JSON.stringify(response.body)}`);
  return {
    kind: 'session',
    cookie: sessionCookieFrom(response),
    csrf: response.body.data!.csrfToken as string,
    userId: response.body.data!.user.id as string,
  };
}

export interface ApiKeyRequest {
  scopes: string[];
  /** Default: the scopes, space-separated. */
  displayName?: string;
  allowedIps?: string[];
  banFields?: string[];
  expiresAt?: string;
}

/** Creates an API key (P5) as `admin`; answers its id and its secret. */
export async function createApiKey(client: HttpClient, admin: Caller | Session, key: ApiKeyRequest, options: { issues?: boolean } = {}) {
  const response = await client.call<Envelope>('POST', '/api/admin/tokens', {
    headers: callerHeaders(admin),
    body: { displayName: key.scopes.join(' ') || 'none', allowedIps: [], banFields: [], ...key },
    issues: options.issues,
  });
  if (response.status !== 200) throw new Error(`key creation answered ${response.status}: ${JSON.stringify(response.body)}`);
  return response.body.data!.token as { id: string; secret: string };
}

/** Creates a user through GraphQL createUser as `admin`; answers its id and its password. */
export async function createUser(client: HttpClient, admin: Caller | Session, username: string, roleIds: string[] = []) {
  const email = `${username}@example.com`;
  const password = `${username} password 1`;
  const created = await client.graphql<{ createUser: { id: string } }>(
    'mutation($input: CreateUserInput!) { createUser(input: $input) { id } }',
    { input: { email, username, password, roleIds } },
    callerHeaders(admin),
  );
  if (!created.body.data) throw new Error(`createUser ${username}: ${JSON.stringify(created.body)}`);
  return { id: created.body.data.createUser.id, email, password };
}

/** The platform client with its actors, for permission tests that switch between callers. */
export class PlatformClient {
  readonly http: IdentityClient;
  constructor(baseUrl: string) {
    this.http = new IdentityClient(baseUrl);
  }

  rest(caller: Caller, method: string, path: string, body?: unknown) {
    return this.http.call<Envelope>(method, path, { headers: callerHeaders(caller), body });
  }

  graphql<T = Record<string, any>>(caller: Caller, query: string, variables: Record<string, unknown> = {}) {
    return this.http.graphql<T>(query, variables, callerHeaders(caller));
  }

  login(email: string, password: string): Promise<SessionCaller> {
    return login(this.http, email, password);
  }

  async createRole(admin: Caller, name: string, permissions: string[] = []): Promise<string> {
    const response = await this.graphql<{ createRole: { id: string } }>(
      admin,
      'mutation($name: NonEmptyString!, $p: [String!]!) { createRole(name: $name, permissions: $p) { id } }',
      { name, p: permissions },
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

  /** A new user with these roles, logged in. */
  async createUser(admin: Caller, username: string, roleIds: string[]): Promise<SessionCaller> {
    const user = await createUser(this.http, admin, username, roleIds);
    return this.login(user.email, user.password);
  }

  async createKey(admin: Caller, scopes: string[]): Promise<Caller & { kind: 'key' }> {
    return { kind: 'key', secret: (await createApiKey(this.http, admin, { scopes })).secret };
  }
}
