/**
 * Our gateway beside other gateways, on the same subgraphs and the same
 * supergraph, in one run: stock Apollo Gateway 2.14 on Apollo Server 5, and
 * Hive Gateway with its defaults (in-flight deduplication on) and with its
 * deduplication off. The peers live in bench/peers/ (own package.json and
 * lock file, installed on the first run), never in the product's dependencies.
 *
 *   npm run bench:gateways
 *   BENCH_ROUNDS=3 BENCH_DURATION_SECONDS=20 npm run bench:gateways
 *
 * The system runs as `npm start` runs it (scripts/start.ts: embedded
 * PostgreSQL in a temporary folder, four subgraph processes, our gateway);
 * each peer is one more process on the same subgraphs. Data is seeded first.
 * Workloads, each sent by every target in turn, rounds interleaved:
 *   Q1  nested over the four subgraphs (tickets → owner, messages → authors;
 *       chat messages → author → their tickets → owner; host → friends)
 *   Q2  { publicSettings { … } } on the admin subgraph (also sent straight to it)
 *   Q3  Q1 with different variables on every request (BENCH_Q3_VARIANTS of
 *       them in turn), so no in-flight deduplication can share a fetch
 *       (except the argument-less chatMessages one)
 * and REST routes of each family against the same operation over /graphql
 * on our gateway.
 *
 * Every response body must equal ours byte for byte (ours is taken first,
 * per request body); CPU per request is read from /proc for the gateway
 * process and for the subgraphs plus PostgreSQL (its postmaster and backends).
 *
 * Settings (environment):
 *   BENCH_ROUNDS            rounds (default 2)
 *   BENCH_DURATION_SECONDS  measured seconds per target, workload and round (default 10)
 *   BENCH_WARMUP_SECONDS    unmeasured seconds per target and workload before the first round (default 2)
 *   BENCH_CONNECTIONS       concurrent connections (default 20)
 *   BENCH_Q3_VARIANTS       distinct variable sets of Q3 (default 200)
 *   BENCH_IDLE_SECONDS      seconds of no load measured first, the services' background CPU (default 5; 0 skips)
 *   BENCH_REST_SECONDS      measured seconds per REST route and side and round (default 3; 0 skips REST)
 *   BENCH_TARGETS           comma-separated subset of ours,ours-nodedup,apollo,hive,hive-nodedup,direct
 *   BENCH_WORKLOADS         comma-separated subset of Q1,Q2,Q3
 *   BENCH_REST_ROUTES       comma-separated subset of P1,P16,O1,O3,F4,G9 (default all)
 *   BENCH_PROFILE_DIR       also write a V8 CPU profile of every service (node --cpu-prof) here
 *   BENCH_FROM              compiled (default: dist/, built first when stale, as npm start) or source (through tsx)
 * Exits 1 when a request failed or a body differed.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { chmod, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { cpus, tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { embeddedPostgresUrl, EMBEDDED_DATABASE } from '../common/embedded-postgres';
import { projectPath } from '../common/paths';
import { PRINCIPAL_HEADER, signPrincipal, type Principal } from '../common/principal';
import { callService } from '../common/service-call';
import { generalRoutes } from '../rest-compat/general/routes';
import { platformRoutes } from '../rest-compat/platform/routes';
import { socialRoutes } from '../rest-compat/social/routes';
import { streamingRoutes } from '../rest-compat/streaming/routes';
import type { RestInput, RestRoute } from '../rest-compat/route-table';
import { freePort } from '../test/support/free-port';
import { canonicalJson, failuresOf, loadInWorker, stopLoad, stopLoadOnSignal, type LoadJob, type LoadSummary } from './load-worker';
import {
  BenchFailure,
  childPid,
  cpuSeconds,
  fromSource,
  intSetting,
  loadAverage,
  renderTable,
  runBench,
  serviceEntry,
  startSupervisor,
  stopChild,
  treeCpuSeconds,
  type Supervisor,
} from './support';

const ADMIN = { email: 'bench-admin@example.com', password: 'bench admin password 1' };
const PEERS_DIR = projectPath('bench', 'peers');
const SUBGRAPHS = ['admin', 'tickets', 'social', 'streaming'] as const;
type Subgraph = (typeof SUBGRAPHS)[number];

const HEAVY = `query Heavy($tickets: Int!, $messages: Int!, $authorTickets: Int!, $friends: Int!, $host: UUID!) {
  tickets(first: $tickets) {
    totalCount
    edges { node {
      id title status createdAt
      owner { id username }
      messages(first: $messages) { totalCount edges { node { id body createdAt author { id username } } } }
    } }
  }
  chatMessages {
    id body timestamp
    author { id username tickets(first: $authorTickets) { totalCount edges { node { id title status owner { id username } } } } }
  }
  host(uuid: $host) { uuid onlyFriends allowNonames friends(first: $friends) { totalCount edges { node { uuid createdAt } } } }
}`;
const SMALL = 'query Small { publicSettings { siteName siteDescription registrationOpen supportEmail } }';

type WorkloadName = 'Q1' | 'Q2' | 'Q3';
type TargetName = 'ours' | 'ours-nodedup' | 'apollo' | 'hive' | 'hive-nodedup' | 'direct';
const TARGET_LABELS: Record<TargetName, string> = {
  ours: 'ours (API key, all plugins)',
  'ours-nodedup': 'ours, dedup off (INFLIGHT_DEDUPLICATION=false)',
  apollo: 'stock Apollo Gateway 2.14 + Apollo Server 5',
  hive: 'Hive Gateway (defaults: in-flight dedup on)',
  'hive-nodedup': 'Hive Gateway, dedup off',
  direct: 'the admin subgraph directly',
};

interface Target {
  name: TargetName;
  url: string;
  headers: Record<string, string>;
  /** The process serving it (its CPU is the "gateway" figure); none for the subgraph directly. */
  pid: number | undefined;
}

interface Workload {
  name: WorkloadName;
  bodies: string[];
  /** Which targets run it. */
  targets: TargetName[];
}

/** What one (workload, target) pair adds up to over the rounds. */
interface Tally {
  responses: number;
  /** Responses equal to ours but for the order of object keys. */
  reordered: number;
  seconds: number;
  gatewayCpu: number;
  processCpu: Record<Subgraph | 'postgres', number>;
  /** GraphQL requests the subgraphs answered meanwhile. */
  subgraphRequests: number;
  p50: number[];
  p99: number[];
}

// ---------------------------------------------------------------------------
// Peers: installed into bench/peers on first use, one process each

function ensurePeersInstalled(): void {
  if (existsSync(path.join(PEERS_DIR, 'node_modules', '.package-lock.json'))) return;
  const locked = existsSync(path.join(PEERS_DIR, 'package-lock.json'));
  process.stderr.write(`installing the peer gateways into bench/peers (npm ${locked ? 'ci' : 'install'}, once)…\n`);
  const result = spawnSync('npm', [locked ? 'ci' : 'install', '--prefix', PEERS_DIR, '--no-audit', '--no-fund', '--ignore-scripts'], { stdio: 'inherit' });
  if (result.status !== 0) throw new BenchFailure('installing bench/peers failed');
}

interface Peer {
  child: ChildProcess;
  url: string;
}

async function startPeer(script: string, args: string[]): Promise<Peer> {
  // The machine is shared: a free port may be taken before the peer listens on it, then another is tried.
  for (let attempt = 1; ; attempt += 1) {
    const port = await freePort();
    const child = spawn(process.execPath, [path.join(PEERS_DIR, script), ...args, String(port)], {
      cwd: PEERS_DIR,
      env: { ...process.env, NODE_ENV: 'production' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    const collect = (chunk: Buffer) => (output += chunk.toString());
    child.stdout!.on('data', collect);
    child.stderr!.on('data', collect);
    const deadline = Date.now() + 120_000;
    let ready = false;
    while (!ready) {
      if (child.exitCode !== null) break;
      if (Date.now() > deadline) {
        child.kill('SIGKILL');
        throw new BenchFailure(`${script} did not start:\n${output}`);
      }
      ready = /^ready /m.test(output);
      if (!ready) await new Promise((resolve) => setTimeout(resolve, 100));
    }
    if (!ready) {
      if (/EADDRINUSE/.test(output) && attempt < 3) continue;
      throw new BenchFailure(`${script} exited during start:\n${output}`);
    }
    // Whatever it prints later is not kept.
    child.stdout!.off('data', collect);
    child.stderr!.off('data', collect);
    child.stdout!.resume();
    child.stderr!.resume();
    return { child, url: `http://127.0.0.1:${port}/graphql` };
  }
}

/**
 * A second gateway of ours on the same subgraphs with in-flight
 * deduplication off, for the dedup-off comparison with Hive; the same entry
 * and settings as the supervisor's gateway, on a port of its own.
 */
async function startOurGatewayWithoutDedup(ports: Supervisor['ports'], env: NodeJS.ProcessEnv, nodeFlags: string[]): Promise<Peer> {
  for (let attempt = 1; ; attempt += 1) {
    const port = await freePort();
    const entry = serviceEntry('gateway/main');
    const child = spawn(process.execPath, [...nodeFlags, ...entry], {
      cwd: projectPath(),
      env: {
        ...process.env,
        LOG_LEVEL: process.env.LOG_LEVEL ?? 'warn',
        NODE_ENV: 'production',
        ...env,
        GATEWAY_PORT: String(port),
        ADMIN_PORT: String(ports.admin),
        TICKETS_PORT: String(ports.tickets),
        SOCIAL_PORT: String(ports.social),
        STREAMING_PORT: String(ports.streaming),
        INFLIGHT_DEDUPLICATION: 'false',
      },
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let output = '';
    child.stderr!.on('data', (chunk: Buffer) => (output = (output + chunk.toString()).slice(-4000)));
    const url = `http://127.0.0.1:${port}`;
    const deadline = Date.now() + 120_000;
    for (;;) {
      if (child.exitCode !== null) break;
      if (Date.now() > deadline) {
        child.kill('SIGKILL');
        throw new BenchFailure(`our second gateway did not start:\n${output}`);
      }
      const ready = await fetch(`${url}/readyz`).then(
        (response) => response.ok,
        () => false,
      );
      if (ready) return { child, url: `${url}/graphql` };
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    if (/EADDRINUSE/.test(output) && attempt < 3) continue;
    throw new BenchFailure(`our second gateway exited during start:\n${output}`);
  }
}

/** The committed supergraph with the subgraph URLs of this run. */
function supergraphFor(ports: Supervisor['ports']): string {
  let sdl = readFileSync(projectPath('schema', 'supergraph.graphql'), 'utf8');
  for (const name of SUBGRAPHS) {
    sdl = sdl.replace(new RegExp(`(@join__graph\\(name: "${name}", url: ")[^"]+(")`), `$1http://127.0.0.1:${ports[name]}/graphql$2`);
  }
  return sdl;
}

// ---------------------------------------------------------------------------
// Seed data

interface Seeded {
  apiKey: string;
  hostUuid: string;
  hostToken: string;
  bearerToken: string;
  /** What our gateway forwards for the API key, to pre-sign for the peers. */
  principal: Principal;
}

async function call<T>(
  base: string,
  method: string,
  url: string,
  options: { headers?: Record<string, string>; body?: unknown } = {},
): Promise<{ status: number; body: T; headers: Headers }> {
  const response = await fetch(`${base}${url}`, {
    method,
    headers: { ...(options.body === undefined ? {} : { 'content-type': 'application/json' }), ...options.headers },
    body: options.body === undefined ? undefined : JSON.stringify(options.body),
    signal: AbortSignal.timeout(30_000),
  });
  const text = await response.text();
  let body: T;
  try {
    body = JSON.parse(text) as T;
  } catch {
    throw new BenchFailure(`${method} ${url} answered ${response.status} with no JSON: ${text.slice(0, 300)}`);
  }
  if (response.status >= 300) throw new BenchFailure(`${method} ${url} answered ${response.status}: ${text.slice(0, 300)}`);
  return { status: response.status, body, headers: response.headers };
}

async function seed(supervisor: Supervisor, principalSecret: string): Promise<Seeded> {
  const base = supervisor.gatewayUrl;
  const login = await call<{ data: { csrfToken: string } }>(base, 'POST', '/api/auth/login', { body: ADMIN });
  const cookie = /(?:^|,\s*)(session=[^;]*)/.exec(login.headers.get('set-cookie') ?? '')?.[1];
  if (!cookie) throw new BenchFailure('the admin login set no session cookie');
  const session = { cookie, 'x-csrf-token': login.body.data.csrfToken };
  const graphql = async <T>(query: string, variables: Record<string, unknown>) => {
    const { body } = await call<{ data?: T; errors?: unknown[] }>(base, 'POST', '/graphql', { headers: session, body: { query, variables } });
    if (body.errors || !body.data) throw new BenchFailure(`seeding failed: ${JSON.stringify(body.errors)}`);
    return body.data;
  };

  const userIds: string[] = [];
  for (let index = 0; index < 8; index += 1) {
    const created = await graphql<{ createUser: { id: string } }>('mutation($input: CreateUserInput!) { createUser(input: $input) { id } }', {
      input: { email: `bench${index}@example.com`, username: `bench${index}`, password: `bench user password ${index}` },
    });
    userIds.push(created.createUser.id);
  }
  const categoryIds: string[] = [];
  for (const name of ['Hardware', 'Software', 'Billing']) {
    const created = await call<{ data: { category: { id: string } } }>(base, 'POST', '/api/tickets/categories', { headers: session, body: { name } });
    categoryIds.push(created.body.data.category.id);
  }
  const key = await call<{ data: { token: { secret: string } } }>(base, 'POST', '/api/admin/tokens', {
    headers: session,
    body: { displayName: 'bench', scopes: ['tickets:read'], allowedIps: [], banFields: [] },
  });
  const host = await call<{ uuid: string }>(base, 'POST', '/hosts');
  const hostToken = await call<{ token: string }>(base, 'GET', `/hosts/${host.body.uuid}/access_token`);
  const bearer = await call<{ access_token: string }>(base, 'POST', '/v1/auth/login', { body: ADMIN });

  // The bulk in SQL: tickets with messages, chat messages by the users, the host's friends.
  const client = new pg.Client({ connectionString: embeddedPostgresUrl(supervisor.ports.postgres, EMBEDDED_DATABASE) });
  await client.connect();
  try {
    await client.query(
      `with made as (
         insert into tickets.tickets (title, category_id, owner_id, status, created_at)
         select 'Bench ticket ' || n, ($2::uuid[])[1 + n % 3], ($3::uuid[])[1 + n % 8], 'open', now() - n * interval '1 minute'
         from generate_series(1, $1::int) as n
         returning id, owner_id
       )
       insert into tickets.messages (ticket_id, author_id, body, created_at)
       select made.id, case when m % 2 = 0 then made.owner_id else ($3::uuid[])[1 + m % 8] end,
              'Bench message number ' || m || ' with a little more text in it', now() + m * interval '1 second'
       from made, generate_series(1, 6) as m`,
      [120, categoryIds, userIds],
    );
    await client.query(
      `insert into streaming.chat_messages (id, type, author_name, author_user_id, body, visible)
       select 'bench-' || n, 'CHAT', 'bench' || (n % 8), ($2::uuid[])[1 + n % 8], '<p>Bench chat message ' || n || '</p>', true
       from generate_series(1, $1::int) as n`,
      [40, userIds],
    );
    await client.query(
      `with friends as (insert into social.hosts (only_friends) select true from generate_series(1, $2::int) returning uuid)
       insert into social.host_relations (host_uuid, kind, other_uuid) select $1::uuid, 'friend', uuid from friends`,
      [host.body.uuid, 30],
    );
  } finally {
    await client.end();
  }

  return {
    apiKey: key.body.data.token.secret,
    hostUuid: host.body.uuid,
    hostToken: hostToken.body.token,
    bearerToken: bearer.body.access_token,
    principal: await apiKeyPrincipal(supervisor, principalSecret, key.body.data.token.secret),
  };
}

interface ResolvedKey {
  valid: boolean;
  keyId: string | null;
  scopes: string[] | null;
  permissions: string[] | null;
  userId: string | null;
  username: string | null;
  roleIds: string[] | null;
}

/**
 * The principal our gateway forwards for the API key, asked of the admin
 * subgraph the way the gateway asks it (gateway/authentication.ts).
 */
async function apiKeyPrincipal(supervisor: Supervisor, principalSecret: string, secret: string): Promise<Principal> {
  const resolved = await callService<ResolvedKey>(
    { url: `http://127.0.0.1:${supervisor.ports.admin}/graphql`, service: 'gateway', principalSecret, principalTtlSeconds: 60, timeoutMs: 10_000 },
    {
      query:
        'query($kind: CredentialKind!, $secret: String!) { resolveCredential(kind: $kind, secret: $secret) { valid keyId scopes permissions userId username roleIds } }',
      variables: { kind: 'apiKey', secret },
      field: 'resolveCredential',
      requestId: 'bench',
    },
  );
  if (!resolved.valid || !resolved.keyId) throw new BenchFailure('the bench API key does not resolve');
  return {
    kind: 'apiKey',
    clientIp: '127.0.0.1',
    keyId: resolved.keyId,
    scopes: resolved.scopes ?? [],
    permissions: resolved.permissions ?? [],
    ...(resolved.userId ? { userId: resolved.userId, username: resolved.username ?? '', roleIds: resolved.roleIds ?? [] } : {}),
  };
}

// ---------------------------------------------------------------------------
// Workloads and answers

function heavyVariables(index: number, host: string): Record<string, unknown> {
  // Distinct for every index below 11 × 4 × 4 × 16 = 2816.
  return {
    tickets: 15 + (index % 11),
    messages: 3 + (Math.floor(index / 11) % 4),
    authorTickets: 1 + (Math.floor(index / 44) % 4),
    friends: 10 + (Math.floor(index / 176) % 16),
    host,
  };
}

async function answer(target: Target, method: 'GET' | 'POST', url: string, body: string | undefined): Promise<string> {
  const response = await fetch(url, { method, headers: target.headers, body, signal: AbortSignal.timeout(60_000) });
  const text = await response.text();
  if (!response.ok) throw new BenchFailure(`${target.name} answered ${response.status}: ${text.slice(0, 500)}`);
  if (text.includes('"errors"')) throw new BenchFailure(`${target.name} answered with errors: ${text.slice(0, 500)}`);
  return text;
}

/** Our answer to each body, then every other target's must equal it. */
async function expectedAnswers(workload: Workload, targets: Map<TargetName, Target>): Promise<string[]> {
  const ours = targets.get('ours')!;
  const expected: string[] = [];
  // A few at a time: the variants of Q3 are many.
  for (let start = 0; start < workload.bodies.length; start += 8) {
    expected.push(...(await Promise.all(workload.bodies.slice(start, start + 8).map((body) => answer(ours, 'POST', ours.url, body)))));
  }
  for (const name of workload.targets) {
    if (name === 'ours') continue;
    const target = targets.get(name)!;
    for (const index of [0, workload.bodies.length - 1]) {
      const theirs = await answer(target, 'POST', target.url, workload.bodies[index]);
      if (theirs !== expected[index] && canonicalJson(theirs) !== canonicalJson(expected[index])) {
        throw new BenchFailure(
          `${workload.name}: ${name} answers differently from ours:\n  ours:   ${expected[index].slice(0, 400)}\n  theirs: ${theirs.slice(0, 400)}`,
        );
      }
    }
  }
  return expected;
}

// ---------------------------------------------------------------------------
// REST against the same operation over GraphQL

/** The routes measured over REST and over /graphql, one or two of each family. */
const REST_ROUTE_IDS = ['P1', 'P16', 'O1', 'O3', 'F4', 'G9'] as const;
type RestRouteId = (typeof REST_ROUTE_IDS)[number];

interface RestCase {
  id: RestRouteId;
  label: string;
  path: string;
  headers: Record<string, string>;
  /** The operation the route runs, posted to /graphql with the same headers. */
  graphqlBody: string;
}

function restCase(routes: RestRoute[], id: RestRouteId, path: string, input: Partial<RestInput>, headers: Record<string, string>): RestCase {
  const route = routes.find((candidate) => candidate.id === id);
  if (!route) throw new BenchFailure(`no REST route ${id}`);
  const full: RestInput = { params: {}, query: {}, body: undefined, headers, ...input };
  return {
    id,
    label: `${id} ${route.method} ${route.url}`,
    path,
    headers,
    graphqlBody: JSON.stringify({ query: route.operation, variables: route.variables?.(full) ?? {} }),
  };
}

function restCases(seeded: Seeded): RestCase[] {
  const key = { 'x-api-key': seeded.apiKey };
  const host = { authorization: `Bearer ${seeded.hostToken}` };
  const bearer = { authorization: `Bearer ${seeded.bearerToken}` };
  return [
    restCase(platformRoutes, 'P1', '/api/settings/public', {}, {}),
    restCase(platformRoutes, 'P16', '/api/tickets?page=1&pageSize=20', { query: { page: 1, pageSize: 20, status: 'all', mine: false } }, key),
    restCase(streamingRoutes, 'O1', '/api/config', {}, {}),
    restCase(streamingRoutes, 'O3', '/api/chat', {}, {}),
    restCase(socialRoutes, 'F4', `/hosts/${seeded.hostUuid}`, { params: { host: seeded.hostUuid } }, host),
    restCase(generalRoutes, 'G9', '/v1/organizations?page=1&per_page=20', { query: { page: 1, per_page: 20 } }, bearer),
  ];
}

// ---------------------------------------------------------------------------
// Measuring

interface ProcessPids {
  subgraphs: Record<Subgraph, number>;
  postgres: number;
  /** Each subgraph's port, for its /metrics (the requests it answered). */
  ports: Record<Subgraph, number>;
}

/**
 * GraphQL POSTs each subgraph has answered so far, from its own /metrics
 * (playroom_http_requests_total on /graphql): how many subgraph requests a
 * gateway makes for one client request, whatever planner or batching it uses.
 */
async function subgraphRequests(pids: ProcessPids): Promise<Record<Subgraph, number>> {
  const counts = await Promise.all(
    SUBGRAPHS.map(async (name) => {
      const text = await (await fetch(`http://127.0.0.1:${pids.ports[name]}/metrics`, { signal: AbortSignal.timeout(10_000) })).text();
      let total = 0;
      for (const line of text.split('\n')) {
        if (line.startsWith('playroom_http_requests_total{') && line.includes('method="POST"') && line.includes('route="/graphql"')) {
          total += Number(line.slice(line.lastIndexOf(' ') + 1));
        }
      }
      return [name, total] as const;
    }),
  );
  return Object.fromEntries(counts) as Record<Subgraph, number>;
}

function processCpu(pids: ProcessPids): Record<Subgraph | 'postgres', number> {
  return {
    admin: cpuSeconds(pids.subgraphs.admin),
    tickets: cpuSeconds(pids.subgraphs.tickets),
    social: cpuSeconds(pids.subgraphs.social),
    streaming: cpuSeconds(pids.subgraphs.streaming),
    postgres: treeCpuSeconds(pids.postgres),
  };
}

async function measure(
  job: Omit<LoadJob, 'warmupSeconds'>,
  gatewayPid: number | undefined,
  pids: ProcessPids,
  label: string,
  problems: string[],
): Promise<{ summary: LoadSummary; gatewayCpu: number; processCpu: Record<Subgraph | 'postgres', number>; subgraphRequests: number }> {
  const requestsBefore = await subgraphRequests(pids);
  const gatewayBefore = gatewayPid ? cpuSeconds(gatewayPid) : 0;
  const before = processCpu(pids);
  const { measured } = await loadInWorker({ ...job, warmupSeconds: 0 });
  const after = processCpu(pids);
  const requestsAfter = await subgraphRequests(pids);
  // An interval without a single answer (seconds of queueing on a loaded machine) is judged over all rounds, below.
  problems.push(...failuresOf(label, measured).filter((problem) => !problem.endsWith('no responses at all')));
  return {
    summary: measured,
    gatewayCpu: gatewayPid ? cpuSeconds(gatewayPid) - gatewayBefore : 0,
    // The load's last requests may still be arriving when it ends, so this is read after the CPU.
    subgraphRequests: SUBGRAPHS.reduce((sum, name) => sum + requestsAfter[name] - requestsBefore[name], 0),
    processCpu: Object.fromEntries(Object.entries(after).map(([name, value]) => [name, value - before[name as Subgraph | 'postgres']])) as Record<
      Subgraph | 'postgres',
      number
    >,
  };
}

const emptyTally = (): Tally => ({
  responses: 0,
  reordered: 0,
  seconds: 0,
  gatewayCpu: 0,
  processCpu: { admin: 0, tickets: 0, social: 0, streaming: 0, postgres: 0 },
  subgraphRequests: 0,
  p50: [],
  p99: [],
});

function add(tally: Tally, result: Awaited<ReturnType<typeof measure>>): void {
  tally.responses += result.summary.responses;
  tally.reordered += result.summary.reordered;
  tally.seconds += result.summary.durationSeconds;
  tally.gatewayCpu += result.gatewayCpu;
  tally.subgraphRequests += result.subgraphRequests;
  for (const name of Object.keys(tally.processCpu) as (Subgraph | 'postgres')[]) tally.processCpu[name] += result.processCpu[name];
  if (result.summary.responses === 0) return;
  tally.p50.push(result.summary.latencyMs.p50);
  tally.p99.push(result.summary.latencyMs.p99);
}

const rate = (tally: Tally) => tally.responses / tally.seconds;
const perRequestMs = (seconds: number, tally: Tally) => (1000 * seconds) / tally.responses;
const backendMs = (tally: Tally) =>
  perRequestMs(
    Object.values(tally.processCpu).reduce((sum, value) => sum + value, 0),
    tally,
  );
const mean = (values: number[]) => values.reduce((sum, value) => sum + value, 0) / values.length;
/** The highest value, NaN for none (a target that never answered). */
const highest = (values: number[]) => (values.length > 0 ? Math.max(...values) : Number.NaN);
/** A figure, or a dash where there is none. */
const fixed = (value: number, digits = 1) => (Number.isFinite(value) ? value.toFixed(digits) : '—');
const times = (value: number) => (Number.isFinite(value) ? `${value.toFixed(2)}×` : 'n/a');

function listSetting<T extends string>(name: string, all: readonly T[]): T[] {
  const raw = process.env[name];
  if (!raw) return [...all];
  const chosen = raw.split(',').map((item) => item.trim()) as T[];
  const unknown = chosen.filter((item) => !all.includes(item));
  if (unknown.length > 0) throw new BenchFailure(`${name}: unknown ${unknown.join(', ')} (choose from ${all.join(', ')})`);
  return chosen;
}

// ---------------------------------------------------------------------------

async function main(): Promise<number> {
  const rounds = intSetting('BENCH_ROUNDS', 2, 1, 100);
  const durationSeconds = intSetting('BENCH_DURATION_SECONDS', 10, 1, 3600);
  const warmupSeconds = intSetting('BENCH_WARMUP_SECONDS', 2, 0, 600);
  const connections = intSetting('BENCH_CONNECTIONS', 20, 1, 10_000);
  const variants = intSetting('BENCH_Q3_VARIANTS', 200, 2, 2816);
  const restSeconds = intSetting('BENCH_REST_SECONDS', 3, 0, 3600);
  const chosenTargets = listSetting<TargetName>('BENCH_TARGETS', ['ours', 'ours-nodedup', 'apollo', 'hive', 'hive-nodedup', 'direct']);
  const chosenWorkloads = listSetting<WorkloadName>('BENCH_WORKLOADS', ['Q1', 'Q2', 'Q3']);
  const chosenRestRoutes = listSetting('BENCH_REST_ROUTES', REST_ROUTE_IDS);
  if (!chosenTargets.includes('ours')) throw new BenchFailure('BENCH_TARGETS must include ours: every answer is checked against it');
  const profileDir = process.env.BENCH_PROFILE_DIR ? path.resolve(process.env.BENCH_PROFILE_DIR) : undefined;

  const signals = stopLoadOnSignal();

  ensurePeersInstalled();
  const dataDir = await mkdtemp(path.join(tmpdir(), 'playroom-bench-'));
  // Run as root, PostgreSQL runs as the `postgres` user and must pass through this folder.
  await chmod(dataDir, 0o711);
  const principalSecret = randomBytes(48).toString('base64url');
  let supervisor: Supervisor | undefined;
  const peers: ChildProcess[] = [];
  try {
    process.stderr.write(`starting the system (supervisor, ${fromSource() ? 'from source' : 'compiled'})…\n`);
    const gatewayEnv = {
      PRINCIPAL_SECRET: principalSecret,
      // The general API's per-plan limit would refuse most of a REST run.
      RATE_LIMIT_FREE: '1000000000',
      // Q1 asks for more nested lists than the default cost limit lets one query have.
      OPERATION_MAX_COST: '10000000',
    };
    const nodeFlags = profileDir ? ['--cpu-prof', `--cpu-prof-dir=${profileDir}`] : [];
    supervisor = await startSupervisor(dataDir, { ...gatewayEnv, ADMIN_EMAIL: ADMIN.email, ADMIN_PASSWORD: ADMIN.password }, nodeFlags);
    const supervisorPid = supervisor.child.pid!;
    const pidOf = (entry: string) => {
      const pid = childPid(supervisorPid, entry);
      if (!pid) throw new BenchFailure(`no process ${entry} under the supervisor`);
      return pid;
    };
    const pids: ProcessPids = {
      subgraphs: Object.fromEntries(SUBGRAPHS.map((name) => [name, pidOf(path.join('subgraphs', name, 'main'))])) as Record<Subgraph, number>,
      postgres: pidOf('database-process'),
      ports: Object.fromEntries(SUBGRAPHS.map((name) => [name, supervisor!.ports[name]])) as Record<Subgraph, number>,
    };
    const gatewayPid = pidOf(path.join('gateway', 'main'));

    process.stderr.write('seeding…\n');
    const seeded = await seed(supervisor, principalSecret);
    const supergraphFile = path.join(dataDir, 'supergraph.graphql');
    await writeFile(supergraphFile, supergraphFor(supervisor.ports));

    // Outlives the run; our gateway signs its own short-lived ones per request.
    const ttlSeconds = 3600 + rounds * 20 * (durationSeconds + warmupSeconds + restSeconds);
    const principal = await signPrincipal(seeded.principal, principalSecret, ttlSeconds, 'bench');
    const json = { 'content-type': 'application/json' };
    const hostAuthorization = { authorization: `Bearer ${seeded.hostToken}` };
    const peerHeaders = { ...json, ...hostAuthorization, [PRINCIPAL_HEADER]: principal };
    const targets = new Map<TargetName, Target>();
    targets.set('ours', {
      name: 'ours',
      url: `${supervisor.gatewayUrl}/graphql`,
      headers: { ...json, ...hostAuthorization, 'x-api-key': seeded.apiKey },
      pid: gatewayPid,
    });
    const peerScripts: Partial<Record<TargetName, [string, string[]]>> = {
      apollo: ['apollo-gateway.mjs', [supergraphFile]],
      hive: ['hive-gateway.mjs', [supergraphFile, 'dedup']],
      'hive-nodedup': ['hive-gateway.mjs', [supergraphFile, 'no-dedup']],
    };
    if (chosenTargets.includes('ours-nodedup')) {
      process.stderr.write(`starting ${TARGET_LABELS['ours-nodedup']}…\n`);
      const second = await startOurGatewayWithoutDedup(supervisor.ports, gatewayEnv, nodeFlags);
      peers.push(second.child);
      targets.set('ours-nodedup', { name: 'ours-nodedup', url: second.url, headers: targets.get('ours')!.headers, pid: second.child.pid });
    }
    for (const name of chosenTargets) {
      const script = peerScripts[name];
      if (!script) continue;
      process.stderr.write(`starting ${TARGET_LABELS[name]}…\n`);
      const peer = await startPeer(...script);
      peers.push(peer.child);
      targets.set(name, { name, url: peer.url, headers: peerHeaders, pid: peer.child.pid });
    }
    if (chosenTargets.includes('direct')) {
      targets.set('direct', {
        name: 'direct',
        url: `http://127.0.0.1:${supervisor.ports.admin}/graphql`,
        headers: { ...json, [PRINCIPAL_HEADER]: principal },
        pid: undefined,
      });
    }

    const gateways = chosenTargets.filter((name) => name !== 'direct');
    const heavyBody = (index: number) => JSON.stringify({ query: HEAVY, variables: heavyVariables(index, seeded.hostUuid) });
    const workloads: Workload[] = [
      { name: 'Q1' as const, bodies: [heavyBody(0)], targets: gateways },
      { name: 'Q2' as const, bodies: [JSON.stringify({ query: SMALL })], targets: chosenTargets },
      { name: 'Q3' as const, bodies: Array.from({ length: variants }, (_, index) => heavyBody(index + 1)), targets: gateways },
    ].filter((workload) => chosenWorkloads.includes(workload.name));

    process.stderr.write('taking our answers and checking every target gives the same…\n');
    const expected = new Map<WorkloadName, string[]>();
    for (const workload of workloads) expected.set(workload.name, await expectedAnswers(workload, targets));
    const cases = restSeconds > 0 ? restCases(seeded).filter((restCase) => chosenRestRoutes.includes(restCase.id)) : [];
    const restExpected = new Map<string, { rest: string; graphql: string }>();
    const ours = targets.get('ours')!;
    for (const restCaseItem of cases) {
      const headers = { ...restCaseItem.headers };
      restExpected.set(restCaseItem.label, {
        rest: await answer({ ...ours, headers }, 'GET', `${supervisor.gatewayUrl}${restCaseItem.path}`, undefined),
        graphql: await answer({ ...ours, headers: { ...json, ...headers } }, 'POST', ours.url, restCaseItem.graphqlBody),
      });
    }

    // What the services spend with no requests at all (polling loops, pool upkeep), to read the per-request figures against.
    const idleSeconds = intSetting('BENCH_IDLE_SECONDS', 5, 0, 600);
    let idle: { gateway: number; backend: Record<Subgraph | 'postgres', number> } | undefined;
    if (idleSeconds > 0) {
      process.stderr.write(`idle (${idleSeconds} s)…\n`);
      const gatewayBefore = cpuSeconds(gatewayPid);
      const before = processCpu(pids);
      await new Promise((resolve) => setTimeout(resolve, idleSeconds * 1000));
      const after = processCpu(pids);
      idle = {
        gateway: (cpuSeconds(gatewayPid) - gatewayBefore) / idleSeconds,
        backend: Object.fromEntries(
          Object.entries(after).map(([name, value]) => [name, (value - before[name as Subgraph | 'postgres']) / idleSeconds]),
        ) as Record<Subgraph | 'postgres', number>,
      };
    }

    const problems: string[] = [];
    const tallies = new Map<string, Tally>();
    const tallyOf = (key: string) => tallies.get(key) ?? tallies.set(key, emptyTally()).get(key)!;
    const loadJob = (target: Target, workload: Workload, seconds: number): Omit<LoadJob, 'warmupSeconds'> => ({
      url: target.url,
      method: 'POST',
      headers: target.headers,
      bodies: workload.bodies,
      expectedBodies: expected.get(workload.name),
      connections,
      durationSeconds: seconds,
    });

    if (warmupSeconds > 0) {
      for (const workload of workloads) {
        for (const name of workload.targets) {
          if (signals.interrupted()) return 130;
          process.stderr.write(`warm-up ${workload.name} ${name} (${warmupSeconds} s)…\n`);
          // A cold gateway may answer nothing within a short warm-up; only wrong answers count there.
          const warmupProblems: string[] = [];
          await measure(loadJob(targets.get(name)!, workload, warmupSeconds), undefined, pids, `warm-up ${workload.name} ${name}`, warmupProblems);
          problems.push(...warmupProblems.filter((problem) => !problem.endsWith('no responses at all')));
        }
      }
    }
    for (let round = 0; round < rounds; round += 1) {
      for (const workload of workloads) {
        // Each round starts the targets at a different place, so no target always follows the same one.
        const order = workload.targets.map((_, index) => workload.targets[(index + round) % workload.targets.length]);
        for (const name of order) {
          if (signals.interrupted()) return 130;
          const target = targets.get(name)!;
          process.stderr.write(`round ${round + 1}/${rounds} ${workload.name} ${name} (${durationSeconds} s, load ${loadAverage()})…\n`);
          add(
            tallyOf(`${workload.name} ${name}`),
            await measure(loadJob(target, workload, durationSeconds), target.pid, pids, `${workload.name} ${name}`, problems),
          );
        }
      }
      for (const restCaseItem of cases) {
        const sides: [string, Omit<LoadJob, 'warmupSeconds'>][] = [
          [
            'REST',
            {
              url: `${supervisor.gatewayUrl}${restCaseItem.path}`,
              method: 'GET',
              headers: restCaseItem.headers,
              bodies: [],
              expectedBodies: [restExpected.get(restCaseItem.label)!.rest],
              connections,
              durationSeconds: restSeconds,
            },
          ],
          [
            'GraphQL',
            {
              url: ours.url,
              method: 'POST',
              headers: { ...json, ...restCaseItem.headers },
              bodies: [restCaseItem.graphqlBody],
              expectedBodies: [restExpected.get(restCaseItem.label)!.graphql],
              connections,
              durationSeconds: restSeconds,
            },
          ],
        ];
        for (const [side, job] of round % 2 === 0 ? sides : sides.reverse()) {
          if (signals.interrupted()) return 130;
          process.stderr.write(`round ${round + 1}/${rounds} ${restCaseItem.label} over ${side} (${restSeconds} s)…\n`);
          add(tallyOf(`${restCaseItem.label} ${side}`), await measure(job, gatewayPid, pids, `${restCaseItem.label} ${side}`, problems));
        }
      }
    }

    for (const [key, tally] of tallies) if (tally.responses === 0) problems.push(`${key}: no responses in any round`);

    const out: string[] = [''];
    out.push(
      `Gateways side by side — ${rounds} rounds × ${durationSeconds} s per target and workload, ${connections} connections; ` +
        `Node ${process.version}, ${cpus().length} CPUs, load average at the end ${loadAverage()}; ${new Date().toISOString()}`,
    );
    out.push('');
    const rows: string[][] = [];
    for (const workload of workloads) {
      for (const name of workload.targets) {
        const tally = tallyOf(`${workload.name} ${name}`);
        rows.push([
          workload.name,
          TARGET_LABELS[name],
          fixed(rate(tally)),
          fixed(mean(tally.p50)),
          fixed(highest(tally.p99)),
          name === 'direct' ? '—' : fixed(perRequestMs(tally.gatewayCpu, tally), 2),
          fixed(backendMs(tally), 2),
          ...(['admin', 'tickets', 'social', 'streaming', 'postgres'] as const).map((process) => fixed(perRequestMs(tally.processCpu[process], tally), 2)),
          fixed(tally.subgraphRequests / tally.responses, 2),
          String(tally.responses),
          String(tally.reordered),
        ]);
      }
    }
    out.push(
      renderTable(
        [
          'workload',
          'target',
          'req/s',
          'p50 ms',
          'p99 ms',
          'gateway CPU ms/req',
          'subgraphs+PG CPU ms/req',
          'admin',
          'tickets',
          'social',
          'streaming',
          'PG',
          'subgraph requests/req',
          'requests',
          'keys reordered',
        ],
        rows,
      ),
    );
    out.push(
      "p50 is the mean of the rounds' p50, p99 the highest round's; CPU is user+system from /proc over the measured seconds; admin … PG split the subgraphs+PG figure;",
      'subgraph requests/req: GraphQL requests the four subgraphs answered (their /metrics) per client request.',
      'every body equals ours (keys reordered: the same JSON with its object keys in another order).',
    );
    if (idle) {
      const backend = idle.backend;
      out.push(
        `idle, no requests (${idleSeconds} s before the load): our gateway ${(1000 * idle.gateway).toFixed(1)} ms CPU per second; ` +
          `subgraphs+PG ${(1000 * Object.values(backend).reduce((sum, value) => sum + value, 0)).toFixed(1)} ms per second ` +
          `(${(Object.keys(backend) as (Subgraph | 'postgres')[]).map((name) => `${name} ${(1000 * backend[name]).toFixed(1)}`).join(', ')}); included in the figures above.`,
      );
    }
    out.push('');
    const ratioRows: string[][] = [];
    for (const workload of workloads) {
      for (const [mine, peer, label] of [
        ['ours', 'hive', 'ours / Hive default'],
        ['ours', 'hive-nodedup', 'ours / Hive no-dedup'],
        ['ours-nodedup', 'hive-nodedup', 'ours no-dedup / Hive no-dedup'],
        ['ours', 'apollo', 'ours / stock Apollo'],
        ['ours', 'direct', 'ours / subgraph direct'],
      ] as const) {
        if (!workload.targets.includes(peer) || !workload.targets.includes(mine)) continue;
        const oursTally = tallyOf(`${workload.name} ${mine}`);
        const theirs = tallyOf(`${workload.name} ${peer}`);
        ratioRows.push([
          workload.name,
          label,
          times(rate(oursTally) / rate(theirs)),
          peer === 'direct' ? '—' : times(perRequestMs(oursTally.gatewayCpu, oursTally) / perRequestMs(theirs.gatewayCpu, theirs)),
          times(backendMs(oursTally) / backendMs(theirs)),
        ]);
      }
    }
    if (ratioRows.length > 0) {
      out.push(renderTable(['workload', 'ratio', 'req/s', 'gateway CPU/req', 'subgraphs+PG CPU/req'], ratioRows));
      out.push('req/s above 1 means ours is faster; CPU below 1 means ours spends less.');
      out.push('');
    }
    if (cases.length > 0) {
      const restRows = cases.map((restCaseItem) => {
        const rest = tallyOf(`${restCaseItem.label} REST`);
        const graphql = tallyOf(`${restCaseItem.label} GraphQL`);
        return [
          restCaseItem.label,
          fixed(rate(rest)),
          fixed(rate(graphql)),
          `${fixed(mean(rest.p50))} / ${fixed(mean(graphql.p50))}`,
          times(mean(rest.p50) / mean(graphql.p50)),
          `${fixed(highest(rest.p99))} / ${fixed(highest(graphql.p99))}`,
          times(highest(rest.p99) / highest(graphql.p99)),
          times(perRequestMs(rest.gatewayCpu, rest) / perRequestMs(graphql.gatewayCpu, graphql)),
        ];
      });
      out.push(
        renderTable(
          [
            'REST route (our gateway)',
            'REST req/s',
            'GraphQL req/s',
            'p50 ms REST / GraphQL',
            'p50 ratio',
            'p99 ms REST / GraphQL',
            'p99 ratio',
            'gateway CPU ratio',
          ],
          restRows,
        ),
      );
      out.push(
        `REST and the same operation over /graphql, same credential, ${restSeconds} s each per round; ratios are REST / GraphQL (1.00× = no REST overhead).`,
      );
    }
    if (profileDir) {
      out.push('');
      out.push(
        `CPU profiles in ${profileDir} (written when the services stop): ${SUBGRAPHS.map((name) => `${name} CPU.*.${pids.subgraphs[name]}.*`).join(', ')}, gateway CPU.*.${gatewayPid}.*`,
      );
    }
    process.stdout.write(out.join('\n') + '\n');
    if (problems.length > 0) {
      process.stderr.write(`\nFAILED: not every request succeeded with our answer\n${problems.map((problem) => `  ${problem}`).join('\n')}\n`);
      return 1;
    }
    return 0;
  } finally {
    signals.dispose();
    await stopLoad();
    await Promise.all(peers.map((peer) => stopChild(peer)));
    await supervisor?.stop();
    await rm(dataDir, { recursive: true, force: true });
  }
}

runBench(main);
