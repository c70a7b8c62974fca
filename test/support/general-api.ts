import { HttpClient, restCaller, type JsonResponse } from './http';
import type { TestSystem } from './system';

/** The general family's (/v1) client: accounts through G17 and bearer tokens through G14. */
export interface GeneralUser {
  id: string;
  email: string;
  username: string;
  token: string;
}

export interface GeneralError {
  error: { code: string; message: string };
}

export interface GeneralTokens {
  access: string;
  refresh: string;
}

/** Logs in through G14; `issues` labels the response for leak checks (it carries the tokens). */
export async function generalTokens(client: HttpClient, email: string, password: string, options: { issues?: boolean } = {}): Promise<GeneralTokens> {
  const response = await client.call<{ access_token: string; refresh_token: string }>('POST', '/v1/auth/login', {
    body: { email, password },
    issues: options.issues,
  });
  if (response.status !== 200) throw new Error(`login of ${email} answered ${response.status}: ${JSON.stringify(response.body)}`);
  return { access: response.body.access_token, refresh: response.body.refresh_token };
}

export function generalApi(system: () => TestSystem) {
  const client = new HttpClient(() => system().gatewayUrl);
  const call = restCaller(() => system().gatewayUrl);

  async function login(email: string, password: string): Promise<string> {
    return (await generalTokens(client, email, password)).access;
  }

  /** Registers (G17), optionally sets the plan in SQL and logs in (G14). */
  async function user(username: string, options: { plan?: 'free' | 'pro' | 'enterprise' } = {}): Promise<GeneralUser> {
    const email = `${username}@example.com`;
    const password = `${username} password 1`;
    const registered = await call('POST', '/v1/auth/register', { body: { email, username, password } });
    if (registered.status !== 201) throw new Error(`register ${username} answered ${registered.status}: ${JSON.stringify(registered.body)}`);
    if (options.plan) await system().sql('update admin.users set plan = $1 where lower(email) = $2', [options.plan, email]);
    const token = await login(email, password);
    // The id comes from SQL, so the user's own rate-limit counter starts untouched.
    const [row] = await system().sql<{ id: string }>('select id from admin.users where lower(email) = $1', [email]);
    return { id: row!.id, email, username, token };
  }

  return { call, login, user };
}

export function errorCode(response: JsonResponse<unknown>): string | undefined {
  return (response.body as Partial<GeneralError> | undefined)?.error?.code;
}
