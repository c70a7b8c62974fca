import { chmod, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { DEFAULT_EMBEDDED_PG_PORT } from '../common/config';
import { startDatabaseProcess, type DatabaseProcess } from './support/database-process';
import { freeStablePort, STABLE_PORT_RANGE } from './support/free-port';
import { requestJson } from './support/http';
import { startSystem, useSystem, type TestSystem } from './support/system';
import { until } from './support/wait';

const system = useSystem();

describe('a PostgreSQL restart', () => {
  it('is survived by every subgraph without a process restart', async () => {
    // Warm every pool, then kill every server-side connection the subgraphs hold, as a restart does.
    expect((await requestJson(`${system.gatewayUrl}/api/settings/public`)).status).toBe(200);
    expect((await requestJson(`${system.gatewayUrl}/api/config`)).status).toBe(200);
    const database = new URL(system.databaseUrl).pathname.slice(1);
    const killed = await system.sql<{ count: string }>(
      `select count(pg_terminate_backend(pid)) as count from pg_stat_activity where datname = $1 and pid <> pg_backend_pid()`,
      [database],
    );
    expect(Number(killed[0]!.count)).toBeGreaterThan(0);
    // The first call after may hit a dead connection; within a few tries every subgraph answers again.
    const settle = async (url: string, init?: RequestInit) => {
      for (let attempt = 0; attempt < 5; attempt += 1) {
        const response = await requestJson(url, init);
        if (response.status < 500) return response.status;
      }
      return 500;
    };
    expect(await settle(`${system.gatewayUrl}/api/settings/public`)).toBe(200);
    expect(await settle(`${system.gatewayUrl}/api/config`)).toBe(200);
    expect(await settle(`${system.gatewayUrl}/hosts`, { method: 'POST' })).toBe(200);
    const readiness = await requestJson(`${system.gatewayUrl}/readyz`);
    expect(readiness.status).toBe(200);
  });
});

describe('PostgreSQL stopped and started again under a write loop', () => {
  let dataRoot: string;
  let server: DatabaseProcess | undefined;
  let own: TestSystem | undefined;
  afterAll(async () => {
    await own?.stop().catch(() => undefined);
    await server?.stop();
    await rm(dataRoot, { recursive: true, force: true });
  });

  it('recovers within seconds of the restart, and every acknowledged write is kept', async () => {
    dataRoot = await mkdtemp(path.join(tmpdir(), 'playroom-outage-'));
    await chmod(dataRoot, 0o711); // reachable by the postgres user when run as root
    const dataDir = path.join(dataRoot, 'pg');
    const port = await freeStablePort();
    server = await startDatabaseProcess(dataDir, port);
    own = await startSystem({ serverUrl: server.url });
    const gatewayUrl = own.gatewayUrl;

    const acknowledged: string[] = [];
    let refused = 0;
    let running = true;
    // One writer, one request at a time, through the gateway (POST /hosts creates a row in the social schema).
    const writer = (async () => {
      while (running) {
        const response = await requestJson<{ uuid?: string }>(`${gatewayUrl}/hosts`, { method: 'POST' }).catch(() => undefined);
        if (response?.status === 200 && response.body.uuid) acknowledged.push(response.body.uuid);
        else {
          refused += 1;
          await new Promise((resolve) => setTimeout(resolve, 20)); // do not spin while the database is away
        }
      }
    })();
    try {
      await until(() => acknowledged.length >= 5, 'writes before the outage', 30_000);
      await server.stop();
      server = undefined;
      const refusedBefore = refused;
      await until(() => refused >= refusedBefore + 3, 'writes to be refused while the database is down', 30_000);
      // Same folder, same port: nothing may hold the port meanwhile (it lies below the ephemeral range).
      server = await startDatabaseProcess(dataDir, port);
      const afterRestart = acknowledged.length;
      await until(() => acknowledged.length >= afterRestart + 5, 'writes to be acknowledged again', 30_000);
    } finally {
      running = false;
      await writer;
    }
    const stored = new Set((await own.sql<{ uuid: string }>('select uuid from social.hosts')).map((row) => row.uuid));
    expect(acknowledged.filter((uuid) => !stored.has(uuid))).toEqual([]);
    await until(async () => (await requestJson(`${gatewayUrl}/readyz`)).status === 200, 'every subgraph to be ready again', 30_000);
  }, 120_000);

  it('the embedded PostgreSQL of npm start and of the tests listen below the ephemeral port range', () => {
    const ephemeralStart = 32768; // Linux's default net.ipv4.ip_local_port_range starts here
    expect(DEFAULT_EMBEDDED_PG_PORT).toBeLessThan(ephemeralStart);
    expect(STABLE_PORT_RANGE.max).toBeLessThan(ephemeralStart);
    expect(Number(new URL(process.env.TEST_DATABASE_URL!).port)).toBeLessThan(ephemeralStart);
  });
});

describe('malformed REST requests get the family’s 4xx and change nothing', () => {
  let host: string;
  let token: string;
  beforeAll(async () => {
    host = (await requestJson<{ uuid: string }>(`${system.gatewayUrl}/hosts`, { method: 'POST' })).body.uuid;
    token = (await requestJson<{ token: string }>(`${system.gatewayUrl}/hosts/${host}/access_token`)).body.token;
  });

  const put = (body: string, contentType = 'application/json') =>
    requestJson(`${system.gatewayUrl}/hosts/${host}/only_friends`, {
      method: 'PUT',
      headers: { authorization: `Bearer ${token}`, 'content-type': contentType },
      body,
    });

  async function unchanged(): Promise<void> {
    const rows = await system.sql<{ only_friends: boolean }>('select only_friends from social.hosts where uuid = $1', [host]);
    expect(rows).toEqual([{ only_friends: true }]);
  }

  it('invalid JSON: 422 json_invalid (FastAPI)', async () => {
    const response = await put('{"only_friends": fal');
    expect(response.status).toBe(422);
    expect(response.body).toEqual({ detail: [expect.objectContaining({ type: 'json_invalid' })] });
    await unchanged();
  });

  it('a content type the API does not take: 422 like FastAPI (the body is not an object)', async () => {
    const response = await put('only_friends=false', 'text/plain');
    expect(response.status).toBe(422);
    expect(response.body).toEqual({ detail: [expect.objectContaining({ loc: ['body'], type: 'model_attributes_type' })] });
    await unchanged();
  });

  it('an oversized body: 413 in the family shape', async () => {
    const response = await put(JSON.stringify({ only_friends: false, padding: 'x'.repeat(2 * 1024 * 1024) }));
    expect(response.status).toBe(413);
    expect(response.body).toHaveProperty('message');
    await unchanged();
  });

  it('deeply nested JSON: a 422, not a crash', async () => {
    const response = await put(`{"only_friends": ${'['.repeat(5000)}${']'.repeat(5000)}}`);
    expect(response.status).toBe(422);
    await unchanged();
  });

  it('a platform route answers an unknown method or bad JSON in its envelope', async () => {
    const response = await requestJson(`${system.gatewayUrl}/api/settings/public`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"x":',
    });
    expect(response.status).toBeGreaterThanOrEqual(400);
    expect(response.status).toBeLessThan(500);
  });
});

describe('malformed requests on every other REST family: a 4xx in the family’s shape, never a 5xx, nothing changed', () => {
  interface FamilyCase {
    family: string;
    method: string;
    path: string;
    /** The family's error shape. */
    shape: Record<string, unknown>;
    /** What must stay the same (rows read before and after). */
    state: string;
  }
  const families: FamilyCase[] = [
    {
      family: 'platform (/api)',
      method: 'POST',
      path: '/api/admin/tokens',
      shape: { success: false, data: null, error: { code: expect.any(String), message: expect.any(String) } },
      state: 'select id from admin.api_keys order by id',
    },
    {
      family: 'streaming (/api/admin, Owncast)',
      method: 'POST',
      path: '/api/admin/config/name',
      shape: { success: false, message: expect.any(String) },
      state: 'select * from streaming.config order by 1',
    },
    {
      family: 'general (/v1)',
      method: 'POST',
      path: '/v1/auth/register',
      shape: { error: { code: expect.any(String), message: expect.any(String) } },
      state: 'select id from admin.users order by id',
    },
  ];
  const bodies: { what: string; body: () => string; contentType: string; status?: number }[] = [
    { what: 'invalid JSON', body: () => '{"value": fal', contentType: 'application/json', status: 400 },
    { what: 'a content type the API does not take', body: () => '<value>x</value>', contentType: 'application/xml', status: 415 },
    { what: 'text instead of JSON', body: () => 'value=x', contentType: 'text/plain' },
    {
      what: 'an oversized body (> 1 MiB)',
      body: () => JSON.stringify({ value: 'x', padding: 'x'.repeat(2 * 1024 * 1024) }),
      contentType: 'application/json',
      status: 413,
    },
    { what: 'deeply nested JSON', body: () => `{"value": ${'['.repeat(5000)}${']'.repeat(5000)}}`, contentType: 'application/json' },
  ];

  for (const family of families) {
    for (const probe of bodies) {
      it(`${family.family}: ${probe.what}`, async () => {
        const before = JSON.stringify(await system.sql(family.state));
        const response = await requestJson(`${system.gatewayUrl}${family.path}`, {
          method: family.method,
          headers: { 'content-type': probe.contentType },
          body: probe.body(),
        });
        expect(response.status).toBeGreaterThanOrEqual(400);
        expect(response.status).toBeLessThan(500);
        if (probe.status) expect(response.status).toBe(probe.status);
        expect(response.body).toEqual(family.shape);
        expect(JSON.stringify(await system.sql(family.state))).toBe(before);
      });
    }
  }
});
