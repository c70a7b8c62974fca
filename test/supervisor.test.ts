import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { chmod, mkdtemp, rm, stat } from 'node:fs/promises';
import net from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { PROJECT_ROOT } from '../common/paths';
import { freePort } from './support/free-port';
import { requestJson } from './support/http';

/**
 * `npm start` as a user runs it: the supervisor process, its five children
 * and the embedded PostgreSQL, started from source through tsx.
 */
interface Supervisor {
  process: ChildProcessWithoutNullStreams;
  stdout: () => string;
  stderr: () => string;
  exited: Promise<number | null>;
}

/** From source through tsx by default; `['dist/scripts/start.js']` runs the compiled build as `npm run start:dist` does. */
function startSupervisor(env: NodeJS.ProcessEnv, entry: string[] = ['--import', 'tsx', 'scripts/start.ts']): Supervisor {
  const child = spawn(process.execPath, entry, { cwd: PROJECT_ROOT, env });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return { process: child, stdout: () => stdout, stderr: () => stderr, exited };
}

async function waitFor(check: () => boolean, what: string, timeoutMs = 90_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

function portIsClosed(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect(port, '127.0.0.1');
    socket.once('connect', () => {
      socket.destroy();
      resolve(false);
    });
    socket.once('error', () => resolve(true));
  });
}

async function portsEnv(): Promise<{ ports: number[] } & Record<string, string | number[]>> {
  const [gateway, admin, tickets, social, streaming] = await Promise.all([freePort(), freePort(), freePort(), freePort(), freePort()]);
  return {
    GATEWAY_PORT: String(gateway),
    ADMIN_PORT: String(admin),
    TICKETS_PORT: String(tickets),
    SOCIAL_PORT: String(social),
    STREAMING_PORT: String(streaming),
    ports: [gateway!, admin!, tickets!, social!, streaming!],
  };
}

function baseEnv(): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, LOG_LEVEL: 'warn' };
  for (const name of ['DATABASE_URL', 'ADMIN_PASSWORD', 'ADMIN_EMAIL', 'STREAM_KEY', 'PRINCIPAL_SECRET']) delete env[name];
  return env;
}

describe('npm start (the supervisor)', () => {
  let dataRoot: string;
  beforeAll(async () => {
    dataRoot = await mkdtemp(path.join(tmpdir(), 'playroom-start-'));
    await chmod(dataRoot, 0o711); // reachable by the postgres user when run as root
  });
  afterAll(() => rm(dataRoot, { recursive: true, force: true }));

  it('starts everything on embedded PostgreSQL, keeps data across a restart and leaves nothing behind', async () => {
    const { ports, ...portVars } = await portsEnv();
    const pgPort = await freePort();
    const env = { ...baseEnv(), ...portVars, EMBEDDED_PG_DIR: path.join(dataRoot, 'pg'), EMBEDDED_PG_PORT: String(pgPort) };
    const gatewayUrl = `http://127.0.0.1:${ports[0]}`;

    const first = startSupervisor(env);
    await waitFor(() => first.stdout().includes('Ctrl-C stops everything'), 'the first start');
    expect(first.stdout()).toContain(`GraphQL       ${gatewayUrl}/graphql`);
    expect(first.stdout()).toContain(`ws://127.0.0.1:${ports[0]}/graphql`);
    expect(first.stdout()).toMatch(/admin password {2}\S{20,}/);
    expect(first.stdout()).toMatch(/stream key {6}\S{20,}/);

    const settings = await requestJson(`${gatewayUrl}/api/settings/public`);
    expect(settings.body).toMatchObject({ success: true, data: { settings: { siteName: 'Playroom' } }, error: null });
    const host = await requestJson<{ uuid: string }>(`${gatewayUrl}/hosts`, { method: 'POST' });
    expect(host.status).toBe(200);
    const token = await requestJson<{ token: string }>(`${gatewayUrl}/hosts/${host.body.uuid}/access_token`);
    expect(token.status).toBe(200);

    first.process.kill('SIGTERM');
    expect(await first.exited).toBe(0);
    for (const port of [...ports, pgPort]) expect(await portIsClosed(port)).toBe(true);

    const second = startSupervisor(env);
    await waitFor(() => second.stdout().includes('Ctrl-C stops everything'), 'the second start');
    expect(second.stdout()).not.toContain('Created on first start');
    const client = new pg.Client({ connectionString: `postgres://postgres:embedded@127.0.0.1:${pgPort}/playroom` });
    await client.connect();
    const rows = await client.query('select uuid from social.hosts where uuid = $1', [host.body.uuid]);
    await client.end();
    expect(rows.rowCount).toBe(1);
    // Generated secrets are kept beside the data (mode 0600), so tokens survive the restart.
    const again = await requestJson(`${gatewayUrl}/hosts/${host.body.uuid}`, { headers: { authorization: `Bearer ${token.body.token}` } });
    expect(again.status).toBe(200);
    expect((await stat(path.join(dataRoot, 'secrets.json'))).mode & 0o777).toBe(0o600);

    second.process.kill('SIGINT');
    expect(await second.exited).toBe(0);
    for (const port of [...ports, pgPort]) expect(await portIsClosed(port)).toBe(true);
  }, 180_000);

  it('runs from the compiled build (npm run start:dist) and answers /readyz', async () => {
    // The test command builds first; a broken build or a compiled start that fails is caught here.
    const compiled = path.join(PROJECT_ROOT, 'dist', 'scripts', 'start.js');
    await expect(stat(compiled)).resolves.toBeDefined();
    const { ports, ...portVars } = await portsEnv();
    const env = { ...baseEnv(), ...portVars, DATABASE_URL: process.env.TEST_DATABASE_URL, NODE_ENV: 'production' };
    const supervisor = startSupervisor(env, [compiled]);
    try {
      await waitFor(() => supervisor.stdout().includes('Ctrl-C stops everything'), 'the compiled start');
      const ready = await requestJson<{ ready: boolean }>(`http://127.0.0.1:${ports[0]}/readyz`);
      expect(ready.status).toBe(200);
      expect(ready.body).toMatchObject({ ready: true });
    } finally {
      supervisor.process.kill('SIGTERM');
    }
    expect(await supervisor.exited).toBe(0);
    for (const port of ports) expect(await portIsClosed(port)).toBe(true);
  }, 180_000);

  it('ends with a one-line error when a port is taken, and stops what it started', async () => {
    const { ports, ...portVars } = await portsEnv();
    const blocker = net.createServer();
    await new Promise<void>((resolve) => blocker.listen(ports[2], '127.0.0.1', resolve));
    try {
      const env = { ...baseEnv(), ...portVars, DATABASE_URL: process.env.TEST_DATABASE_URL };
      const supervisor = startSupervisor(env);
      expect(await supervisor.exited).toBe(1);
      const errorLines = supervisor.stderr().split('\n').filter((line) => /port \d+/.test(line));
      expect(errorLines).toEqual([expect.stringContaining(`error: tickets subgraph: port ${ports[2]} on 127.0.0.1 is already in use`)]);
      for (const port of ports.filter((port) => port !== ports[2])) expect(await portIsClosed(port)).toBe(true);
    } finally {
      blocker.close();
    }
  }, 120_000);

  it('ends with a one-line error when the embedded database cannot start', async () => {
    const pgPort = await freePort();
    const blocker = net.createServer();
    await new Promise<void>((resolve) => blocker.listen(pgPort, '127.0.0.1', resolve));
    try {
      const { ports: _ports, ...portVars } = await portsEnv();
      const env = { ...baseEnv(), ...portVars, EMBEDDED_PG_DIR: path.join(dataRoot, 'blocked'), EMBEDDED_PG_PORT: String(pgPort) };
      const supervisor = startSupervisor(env);
      expect(await supervisor.exited).toBe(1);
      const errorLines = supervisor.stderr().split('\n').filter((line) => line.startsWith('error: '));
      expect(errorLines).toHaveLength(1);
      expect(errorLines[0]).toContain(`embedded PostgreSQL did not start on port ${pgPort}`);
    } finally {
      blocker.close();
    }
  }, 120_000);
});
