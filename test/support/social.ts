import { restCaller } from './http';

/** The social family's (F: /hosts, /sessions, a host's bearer token) actors. */
export interface HostWithToken {
  uuid: string;
  token: string;
}

/** Registers a host through F1, takes its token through F2 and applies the given settings (F5, F6). */
export async function hostWithToken(baseUrl: string, settings: { onlyFriends?: boolean; allowNonames?: boolean } = {}): Promise<HostWithToken> {
  const call = restCaller(() => baseUrl);
  const registered = await call<{ uuid: string }>('POST', '/hosts');
  expect(registered.status).toBe(200);
  const uuid = registered.body.uuid;
  const issued = await call<{ token: string }>('GET', `/hosts/${uuid}/access_token`);
  expect(issued.status).toBe(200);
  const token = issued.body.token;
  if (settings.onlyFriends !== undefined) {
    expect((await call('PUT', `/hosts/${uuid}/only_friends`, { token, body: { only_friends: settings.onlyFriends } })).status).toBe(200);
  }
  if (settings.allowNonames !== undefined) {
    expect((await call('PUT', `/hosts/${uuid}/allow_nonames`, { token, body: { allow_nonames: settings.allowNonames } })).status).toBe(200);
  }
  return { uuid, token };
}

/** Launches a game session of `host` (F11, 201); answers its id. */
export async function launchSession(baseUrl: string, host: HostWithToken): Promise<number> {
  const response = await restCaller(() => baseUrl)<{ session_id: number }>('POST', '/sessions', { token: host.token, body: { host: host.uuid } });
  expect(response.status).toBe(201);
  return response.body.session_id;
}

/** A new host (default settings) with a running session. */
export async function hostWithSession(baseUrl: string): Promise<HostWithToken & { sessionId: number }> {
  const host = await hostWithToken(baseUrl);
  return { ...host, sessionId: await launchSession(baseUrl, host) };
}
