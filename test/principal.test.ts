import { SignJWT } from 'jose';
import { PRINCIPAL_HEADER, PrincipalRejected, signPrincipal, verifyPrincipal, type Principal } from '../common/principal';
import { postGraphQL } from './support/http';
import { useSystem } from './support/system';
import { until, waitFor } from './support/wait';
import { postToSubgraphAs, servicePrincipal, SITE_ADMIN } from './support/principals';

const system = useSystem();

const anonymous: Principal = { kind: 'anonymous', clientIp: '127.0.0.1' };
const QUERY = '{ publicSettings { siteName } }';

function callAdmin(principal?: string) {
  return postGraphQL(system.subgraphs.admin.url, QUERY, {}, principal === undefined ? {} : { [PRINCIPAL_HEADER]: principal });
}

describe('a request sent straight to a subgraph', () => {
  it('is answered with a principal signed by the gateway secret', async () => {
    const response = await callAdmin(await signPrincipal(anonymous, system.principalSecret, 30, 'test'));
    expect(response.status).toBe(200);
    expect(response.body.data).toEqual({ publicSettings: { siteName: 'Playroom' } });
  });

  it('is refused without a principal', async () => {
    const response = await callAdmin();
    expect(response.status).toBe(401);
    expect(response.body.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    expect(response.body.data).toBeUndefined();
  });

  it('is refused with a principal signed by another secret', async () => {
    const forged = await signPrincipal(anonymous, 'x'.repeat(48), 30, 'test');
    const response = await callAdmin(forged);
    expect(response.status).toBe(401);
    expect(response.body.errors?.[0]?.message).toMatch(/invalid principal/);
  });

  it('is refused with an expired principal', async () => {
    const now = Math.floor(Date.now() / 1000);
    const expired = await new SignJWT({ principal: anonymous, rid: 'test' })
      .setProtectedHeader({ alg: 'HS256' })
      .setIssuer('playroom-gateway')
      .setAudience('playroom-subgraph')
      .setIssuedAt(now - 120)
      .setExpirationTime(now - 60)
      .sign(new TextEncoder().encode(system.principalSecret));
    const response = await callAdmin(expired);
    expect(response.status).toBe(401);
    expect(response.body.errors?.[0]?.message).toMatch(/expired principal/);
  });

  it('is refused with an unsigned token (alg none)', async () => {
    const header = Buffer.from(JSON.stringify({ alg: 'none' })).toString('base64url');
    const payload = Buffer.from(
      JSON.stringify({
        principal: { kind: 'user', userId: 'x', username: 'x', permissions: ['admin'], clientIp: '' },
        iss: 'playroom-gateway',
        aud: 'playroom-subgraph',
        exp: 9999999999,
        iat: 1,
      }),
    ).toString('base64url');
    const response = await callAdmin(`${header}.${payload}.`);
    expect(response.status).toBe(401);
  });

  it('is refused with a garbage header', async () => {
    const response = await callAdmin('not-a-token');
    expect(response.status).toBe(401);
  });
});

describe('a principal a subgraph has verified before (verified once per token)', () => {
  it('is answered again with the same token', async () => {
    const token = await signPrincipal(anonymous, system.principalSecret, 30, 'test');
    expect((await callAdmin(token)).status).toBe(200);
    expect((await callAdmin(token)).status).toBe(200);
  });

  it('is refused once the token expires, however often it was accepted', async () => {
    // A one-second token (exp is in whole seconds, so it may have well under a second left): a token the
    // subgraph accepted first is needed, so one that expired before its first use (a slow moment) is replaced.
    const token = await waitFor('a short-lived principal accepted before it expires', async () => {
      const fresh = await signPrincipal(anonymous, system.principalSecret, 1, 'test');
      return (await callAdmin(fresh)).status === 200 ? fresh : undefined;
    });
    await until(async () => (await callAdmin(token)).status === 401, 'the expired principal to be refused');
    const response = await callAdmin(token);
    expect(response.status).toBe(401);
    expect(response.body.errors?.[0]?.message).toMatch(/expired principal/);
  });

  it('is refused under another secret than the one it was verified with', async () => {
    const other = 'y'.repeat(48);
    const token = await signPrincipal(anonymous, other, 30, 'test');
    await expect(verifyPrincipal(token, other)).resolves.toEqual(anonymous);
    await expect(verifyPrincipal(token, system.principalSecret)).rejects.toThrow(PrincipalRejected);
  });

  it('is handed out frozen, so no request can change what the next one sees', async () => {
    const user: Principal = { kind: 'user', clientIp: '127.0.0.1', userId: 'u1', username: 'ann', roles: [], permissions: ['read'], authMethod: 'session' };
    const token = await signPrincipal(user, system.principalSecret, 30, 'test');
    const first = await verifyPrincipal(token, system.principalSecret);
    const again = await verifyPrincipal(token, system.principalSecret);
    expect(again).toEqual(user);
    expect(Object.isFrozen(first)).toBe(true);
    expect(() => (first as { permissions: string[] }).permissions.push('admin')).toThrow(TypeError);
    expect(again).toEqual(user);
  });
});

describe('through the gateway', () => {
  it('every subgraph receives a valid principal', async () => {
    const response = await postGraphQL(`${system.gatewayUrl}/graphql`, '{ publicSettings { siteName } instanceDetails { name } }');
    expect(response.status).toBe(200);
    expect(response.body.errors).toBeUndefined();
    expect(response.body.data).toEqual({ publicSettings: { siteName: 'Playroom' }, instanceDetails: { name: 'Owncast' } });
  });
});

describe("the admin subgraph's internal fields: only the service each is for", () => {
  // Each is @inaccessible (the gateway's clients cannot ask for it); straight to the subgraph, only
  // the named service's principal is allowed, and anyone else (another service, a site admin) is refused.
  const cases = [
    {
      rule: 'credential:resolve',
      query: 'query { resolveCredential(kind: apiKey, secret: "prapi_unknown") { valid } }',
      allowed: servicePrincipal('gateway'),
      others: [servicePrincipal('tickets'), SITE_ADMIN],
      answer: { resolveCredential: { valid: false } },
    },
    {
      rule: 'role:checkExisting',
      query: 'query { existingRoleIds(ids: ["00000000-0000-4000-8000-000000000009"]) }',
      allowed: servicePrincipal('tickets'),
      others: [servicePrincipal('gateway'), SITE_ADMIN],
      answer: { existingRoleIds: [] },
    },
    {
      rule: 'rateLimit:count',
      query: 'mutation { countRequest(key: "principal-test", windowSeconds: 60) { count } }',
      allowed: servicePrincipal('gateway'),
      others: [servicePrincipal('social'), SITE_ADMIN],
      answer: { countRequest: { count: 1 } },
    },
    {
      rule: 'idempotencyKey:use',
      query: `mutation { releaseIdempotencyKey(recordKey: "${'a'.repeat(64)}", claimToken: "00000000-0000-4000-8000-000000000009") }`,
      allowed: servicePrincipal('gateway'),
      others: [servicePrincipal('tickets'), SITE_ADMIN],
      answer: { releaseIdempotencyKey: false },
    },
  ];

  const ask = (query: string, principal: Principal) => postToSubgraphAs(system, 'admin', principal, query);

  it.each(cases)('$rule allows its service', async ({ query, allowed, answer }) => {
    const response = await ask(query, allowed);
    expect(response.body.errors).toBeUndefined();
    expect(response.body.data).toEqual(answer);
  });

  it.each(cases)('$rule refuses another service and a site admin (FORBIDDEN)', async ({ query, others }) => {
    for (const principal of others) {
      const response = await ask(query, principal);
      expect([principal.kind, response.body.errors?.[0]?.extensions?.code]).toEqual([principal.kind, 'FORBIDDEN']);
      expect(response.body.data ?? null).toBeNull();
    }
  });
});
