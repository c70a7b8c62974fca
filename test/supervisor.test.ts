import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { chmod, mkdtemp, rm, stat } from 'node:fs/promises';
import net from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { PROJECT_ROOT } from '../common/paths';
import { freePort, freeStablePort } from './support/free-port';
import { postGraphQL, requestJson } from './support/http';
import { until } from './support/wait';

/**
 * `npm start` as a user runs it: the supervisor process (from the compiled
 * build, through scripts/launch.js as `npm start` runs it), its children and
 * the embedded PostgreSQL. The test command builds before jest runs, so the
 * launcher finds dist/ up to date; run alone after a change, it builds first.
 */
interface Supervisor {
  process: ChildProcessWithoutNullStreams;
  stdout: () => string;
  stderr: () => string;
  exited: Promise<number | null>;
}

/** As `npm start` does by default; `['dist/scripts/start.js']` runs the compiled build as `npm run start:dist` does. */
function startSupervisor(env: NodeJS.ProcessEnv, entry: string[] = ['scripts/launch.js', 'scripts/start']): Supervisor {
  // Its own process group, as `npm start` in a terminal has: a signal to the group is a Ctrl-C.
  const child = spawn(process.execPath, entry, { cwd: PROJECT_ROOT, env, detached: true });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return { process: child, stdout: () => stdout, stderr: () => stderr, exited };
}

/** The supervisor's checks poll a child process: every 100 ms is often enough, within 90 s. */
const untilSlow = (check: () => boolean | Promise<boolean>, what: string, ms = 90_000) => until(check, what, ms, 100);

/** The lines of its stderr that are errors (child processes may log other things there). */
function errorLines(supervisor: Supervisor): string[] {
  return supervisor
    .stderr()
    .split('\n')
    .filter((line) => line.startsWith('error'));
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

/**
 * Listens on `port` as soon as it is free (a killed process's socket closes a
 * moment after the kill), answering nothing. Fails when `gaveUp` turns true
 * first (the restart got the port back before the test could hold it).
 */
async function holdPort(port: number, gaveUp: () => boolean): Promise<net.Server> {
  for (;;) {
    const server = net.createServer((socket) => socket.destroy());
    const held = await new Promise<boolean>((resolve) => {
      server.once('error', () => resolve(false));
      server.listen({ port, host: '127.0.0.1', exclusive: true }, () => resolve(true));
    });
    if (held) return server;
    if (gaveUp()) throw new Error(`port ${port} was taken back before the test could hold it`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
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

/** `npm run reset-credentials -- <args>` with this environment. */
function resetCredentials(env: NodeJS.ProcessEnv, args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const child = spawn(process.execPath, ['scripts/launch.js', 'scripts/reset-credentials', ...args], { cwd: PROJECT_ROOT, env });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  return new Promise((resolve) => child.on('exit', (code) => resolve({ code, stdout, stderr })));
}

function login(gatewayUrl: string, password: string) {
  return requestJson(`${gatewayUrl}/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email: 'admin@localhost', password }),
  });
}

/** An Owncast admin call: Basic auth with user admin and the stream key as password. */
function owncastAdmin(gatewayUrl: string, streamKey: string) {
  return requestJson(`${gatewayUrl}/api/admin/status`, { headers: { authorization: `Basic ${Buffer.from(`admin:${streamKey}`).toString('base64')}` } });
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
    const pgPort = await freeStablePort();
    const env = { ...baseEnv(), ...portVars, EMBEDDED_PG_DIR: path.join(dataRoot, 'pg'), EMBEDDED_PG_PORT: String(pgPort) };
    const gatewayUrl = `http://127.0.0.1:${ports[0]}`;

    const first = startSupervisor(env);
    await untilSlow(() => first.stdout().includes('Ctrl-C stops everything'), 'the first start');
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

    // A lost admin password or stream key is replaced while the system runs; the old one stops working.
    const firstPassword = /admin password {2}(\S+)/.exec(first.stdout())![1]!;
    const firstStreamKey = /stream key {6}(\S+)/.exec(first.stdout())![1]!;
    const admin = await resetCredentials(env, ['admin']);
    expect(admin.code).toBe(0);
    const newPassword = /^ {2}(\S{20,})$/m.exec(admin.stdout)![1]!;
    expect(admin.stdout).toContain('New admin password for admin@localhost');
    expect((await login(gatewayUrl, firstPassword)).status).toBe(401);
    expect((await login(gatewayUrl, newPassword)).status).toBe(200);
    const streamKey = await resetCredentials(env, ['stream-key']);
    expect(streamKey.code).toBe(0);
    const newStreamKey = /^ {2}(\S{20,})$/m.exec(streamKey.stdout)![1]!;
    expect((await owncastAdmin(gatewayUrl, firstStreamKey)).status).toBe(401);
    expect((await owncastAdmin(gatewayUrl, newStreamKey)).status).toBe(200);
    const unknown = await resetCredentials(env, ['everything']);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('usage: npm run reset-credentials -- admin [email]');

    first.process.kill('SIGTERM');
    expect(await first.exited).toBe(0);
    for (const port of [...ports, pgPort]) expect(await portIsClosed(port)).toBe(true);

    // With the system stopped, the command starts the embedded PostgreSQL for the moment it needs it.
    const offline = await resetCredentials(env, ['stream-key']);
    expect(offline.code).toBe(0);
    const offlineStreamKey = /^ {2}(\S{20,})$/m.exec(offline.stdout)![1]!;
    expect(await portIsClosed(pgPort)).toBe(true);

    const second = startSupervisor(env);
    await untilSlow(() => second.stdout().includes('Ctrl-C stops everything'), 'the second start');
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
    expect((await owncastAdmin(gatewayUrl, newStreamKey)).status).toBe(401);
    expect((await owncastAdmin(gatewayUrl, offlineStreamKey)).status).toBe(200);

    second.process.kill('SIGINT');
    expect(await second.exited).toBe(0);
    for (const port of [...ports, pgPort]) expect(await portIsClosed(port)).toBe(true);
  }, 300_000);

  it('restarts a killed subgraph while the other domains keep answering, and on Ctrl-C stops PostgreSQL last', async () => {
    const { ports, ...portVars } = await portsEnv();
    const pgPort = await freeStablePort();
    const socialPort = ports[3]!;
    const env = { ...baseEnv(), ...portVars, EMBEDDED_PG_DIR: path.join(dataRoot, 'restart'), EMBEDDED_PG_PORT: String(pgPort) };
    const gatewayUrl = `http://127.0.0.1:${ports[0]}`;
    const supervisor = startSupervisor(env);
    let blocker: net.Server | undefined;
    try {
      await untilSlow(() => supervisor.stdout().includes('Ctrl-C stops everything'), 'the start');
      const pid = Number(/social subgraph\s+\S+ \(pid (\d+)/.exec(supervisor.stdout())?.[1]);
      expect(pid).toBeGreaterThan(0);

      // Kill it, then hold its port: every restart fails and backs off until the test lets go,
      // so the outage lasts exactly as long as the checks below need (no race with the restart).
      process.kill(pid, 'SIGKILL');
      blocker = await holdPort(socialPort, () => supervisor.stderr().includes('social subgraph restarted'));
      await untilSlow(
        () => /social subgraph exited unexpectedly \(signal SIGKILL\); restarting in [\d.]+ s \(restart 1\)/.test(supervisor.stderr()),
        'the crash to be logged',
      );
      await untilSlow(() => supervisor.stderr().includes('social subgraph restart failed'), 'a restart to meet the held port');

      const readiness = await requestJson(`${gatewayUrl}/readyz`);
      expect(readiness.status).toBe(503);
      expect(readiness.body).toEqual({ ready: false, subgraphs: { admin: 'ok', tickets: 'ok', social: 'unavailable', streaming: 'ok' } });
      // One query over two domains: the admin part answers, the social part is null with an error that says to retry.
      const partial = await postGraphQL(`${gatewayUrl}/graphql`, '{ publicSettings { siteName } host(uuid: "00000000-0000-0000-0000-000000000000") { uuid } }');
      expect(partial.body.data).toEqual({ publicSettings: { siteName: 'Playroom' }, host: null });
      expect(partial.body.errors).toEqual([
        { message: 'Service unavailable: a part of the service cannot be reached right now; try again', extensions: { code: 'SERVICE_UNAVAILABLE' } },
      ]);
      expect((await requestJson(`${gatewayUrl}/api/settings/public`)).status).toBe(200);

      await new Promise((resolve) => blocker!.close(resolve));
      blocker = undefined;
      await untilSlow(() => /social subgraph restarted \(pid \d+\)/.test(supervisor.stderr()), 'the restart');
      await untilSlow(async () => (await requestJson(`${gatewayUrl}/readyz`)).status === 200, 'ready again');
      expect((await requestJson(`${gatewayUrl}/hosts`, { method: 'POST' })).status).toBe(200);
      // Still the same gateway and the same admin subgraph: only the crashed one was restarted.
      expect(supervisor.stderr().match(/restarted/g)).toHaveLength(1);
    } finally {
      blocker?.close();
      // Ctrl-C in a terminal: SIGINT to the whole process group.
      process.kill(-supervisor.process.pid!, 'SIGINT');
    }
    expect(await supervisor.exited).toBe(0);
    // PostgreSQL was stopped after the services, so nothing lost its connection to it.
    expect(supervisor.stdout() + supervisor.stderr()).not.toContain('terminating connection due to administrator command');
    for (const port of [...ports, pgPort]) expect(await portIsClosed(port)).toBe(true);
  }, 240_000);

  it('runs from the compiled build (npm run start:dist), answers /readyz, and on a terminal keeps the banner in view', async () => {
    // The test command builds first; a broken build or a compiled start that fails is caught here.
    const compiled = path.join(PROJECT_ROOT, 'dist', 'scripts', 'start.js');
    await expect(stat(compiled)).resolves.toBeDefined();
    const { ports, ...portVars } = await portsEnv();
    // LOG_FORMAT=pretty is what a terminal gets by default (the test's pipes would otherwise mean JSON).
    const env: NodeJS.ProcessEnv = { ...baseEnv(), ...portVars, DATABASE_URL: process.env.TEST_DATABASE_URL, NODE_ENV: 'production', LOG_FORMAT: 'pretty' };
    delete env.LOG_LEVEL;
    const supervisor = startSupervisor(env, [compiled]);
    let afterBanner = -1;
    try {
      await untilSlow(() => supervisor.stdout().includes('Ctrl-C stops everything'), 'the compiled start');
      const steps = supervisor
        .stdout()
        .split('\n')
        .filter((line) => /^ {2}(database|migrations|\w+ subgraph|gateway) /.test(line));
      expect(steps.map((line) => line.trim().split(/\s{2,}/)[0])).toEqual(
        expect.arrayContaining(['database', 'migrations', 'admin subgraph', 'tickets subgraph', 'social subgraph', 'streaming subgraph', 'gateway']),
      );
      expect(steps).toHaveLength(7);
      afterBanner = supervisor.stdout().length;
      for (let i = 0; i < 5; i += 1) expect((await requestJson(`http://127.0.0.1:${ports[0]}/api/settings/public`)).status).toBe(200);
      const ready = await requestJson<{ ready: boolean }>(`http://127.0.0.1:${ports[0]}/readyz`);
      expect(ready.status).toBe(200);
      expect(ready.body).toMatchObject({ ready: true });
    } finally {
      supervisor.process.kill('SIGTERM');
    }
    expect(await supervisor.exited).toBe(0);
    // Everything written has arrived now. No line per request, no JSON: the banner stayed the last thing on the screen.
    expect(supervisor.stdout().slice(afterBanner)).toBe('');
    expect(supervisor.stdout()).not.toMatch(/^\{"level"/m);
    for (const port of ports) expect(await portIsClosed(port)).toBe(true);
  }, 180_000);

  it('ends at once with a one-line error naming the variable when a port is taken, before starting anything', async () => {
    const { ports, ...portVars } = await portsEnv();
    const blocker = net.createServer();
    await new Promise<void>((resolve) => blocker.listen(ports[2], '127.0.0.1', resolve));
    try {
      const env = { ...baseEnv(), ...portVars, DATABASE_URL: process.env.TEST_DATABASE_URL };
      const supervisor = startSupervisor(env);
      expect(await supervisor.exited).toBe(1);
      expect(errorLines(supervisor)).toEqual([
        `error: port ${ports[2]} on 127.0.0.1 (TICKETS_PORT) is already in use; stop what holds it or set TICKETS_PORT to a free port`,
      ]);
      // Checked before the database step: nothing was started, so nothing had to be stopped.
      expect(supervisor.stdout()).toBe('');
      for (const port of ports.filter((port) => port !== ports[2])) expect(await portIsClosed(port)).toBe(true);
    } finally {
      blocker.close();
    }
  }, 120_000);

  it('names EMBEDDED_PG_PORT when the embedded database’s port is taken', async () => {
    const pgPort = await freeStablePort();
    const blocker = net.createServer();
    await new Promise<void>((resolve) => blocker.listen(pgPort, '127.0.0.1', resolve));
    try {
      const { ports: _ports, ...portVars } = await portsEnv();
      const env = { ...baseEnv(), ...portVars, EMBEDDED_PG_DIR: path.join(dataRoot, 'blocked'), EMBEDDED_PG_PORT: String(pgPort) };
      const supervisor = startSupervisor(env);
      expect(await supervisor.exited).toBe(1);
      expect(errorLines(supervisor)).toEqual([
        `error: port ${pgPort} on 127.0.0.1 (EMBEDDED_PG_PORT) is already in use; stop what holds it or set EMBEDDED_PG_PORT to a free port`,
      ]);
    } finally {
      blocker.close();
    }
  }, 120_000);

  it('names DATABASE_URL and the fix when it leads nowhere or is not a URL', async () => {
    const closedPort = await freePort();
    const { ports, ...portVars } = await portsEnv();
    const refused = startSupervisor({ ...baseEnv(), ...portVars, DATABASE_URL: `postgres://postgres@127.0.0.1:${closedPort}/playroom` });
    expect(await refused.exited).toBe(1);
    expect(errorLines(refused)).toEqual([
      `error: cannot connect to the PostgreSQL in DATABASE_URL (127.0.0.1:${closedPort}/playroom: nothing listens there); start PostgreSQL there or correct DATABASE_URL (unset, npm start runs an embedded PostgreSQL)`,
    ]);
    const malformed = startSupervisor({ ...baseEnv(), ...portVars, DATABASE_URL: 'not-a-url' });
    expect(await malformed.exited).toBe(1);
    expect(errorLines(malformed)).toEqual([
      'error: DATABASE_URL is not a PostgreSQL URL: write it as postgres://user:password@host:5432/database, or unset it to use the embedded PostgreSQL',
    ]);
    for (const port of ports) expect(await portIsClosed(port)).toBe(true);
  }, 120_000);
});
