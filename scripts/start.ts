import { fork, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { loadConfig, SUBGRAPH_NAMES, type Config } from '../common/config';
import { ensureDatabase, startEmbeddedPostgres, type RunningPostgres } from '../common/embedded-postgres';
import type { ChildMessage } from '../common/process-lifecycle';
import { projectPath } from '../common/paths';
import { loadLocalSecrets } from './local-secrets';

/**
 * `npm start`: one supervisor for the whole system. Starts PostgreSQL
 * (embedded unless DATABASE_URL is set), the four subgraphs and then the
 * gateway as child processes, prints where everything is, and on Ctrl-C or
 * SIGTERM stops them in reverse order.
 */
const ENTRY_EXTENSION = path.extname(__filename); // .ts under tsx, .js from dist/
const children: { name: string; child: ChildProcess }[] = [];
let database: RunningPostgres | undefined;
let shuttingDown = false;

function entryOf(...segments: string[]): string {
  return path.join(__dirname, '..', ...segments.slice(0, -1), segments[segments.length - 1] + ENTRY_EXTENSION);
}

function startChild(name: string, entry: string, env: NodeJS.ProcessEnv): Promise<Extract<ChildMessage, { type: 'ready' }>> {
  const child = fork(entry, [], { env, stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  children.push({ name, child });
  return new Promise((resolve, reject) => {
    child.on('message', (message: ChildMessage) => {
      if (message.type === 'ready') resolve(message);
      if (message.type === 'failed') reject(new Error(message.message));
    });
    child.on('exit', (code, signal) => {
      reject(new Error(`${name} exited during start (${signal ?? `code ${code}`})`));
      if (!shuttingDown) void shutdown(1, `${name} stopped unexpectedly (${signal ?? `code ${code}`})`);
    });
  });
}

function stopChild({ child }: { child: ChildProcess }): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
    child.once('exit', () => {
      clearTimeout(timer);
      resolve();
    });
    child.kill('SIGTERM');
  });
}

async function shutdown(code: number, reason?: string): Promise<never> {
  if (!shuttingDown) {
    shuttingDown = true;
    if (reason) process.stderr.write(`error: ${reason}\n`);
    // Gateway first (it was started last), then the subgraphs, then the database.
    for (const entry of [...children].reverse()) await stopChild(entry);
    await database?.stop().catch(() => undefined);
  }
  process.exit(code);
}

async function resolveDatabaseUrl(config: Config): Promise<string> {
  if (config.databaseUrl) return config.databaseUrl;
  database = await startEmbeddedPostgres({
    dataDir: path.resolve(projectPath(), config.embeddedPostgres.dataDir),
    port: config.embeddedPostgres.port,
  });
  const url = new URL(database.url);
  url.pathname = '/playroom';
  await ensureDatabase(url.toString());
  return url.toString();
}

function printBanner(config: Config, gatewayUrl: string, bootstrap: Record<string, string>, embedded: boolean): void {
  const ws = gatewayUrl.replace(/^http/, 'ws');
  const lines = [
    '',
    'Playroom federation is running',
    `  GraphQL       ${gatewayUrl}/graphql`,
    `  WebSocket     ${ws}/graphql`,
    `  REST          ${gatewayUrl}/api/...  ${gatewayUrl}/hosts  ${gatewayUrl}/sessions  ${gatewayUrl}/v1/...`,
    `  OpenAPI       ${gatewayUrl}/openapi.json${config.docsEnabled ? `   docs: ${gatewayUrl}/docs` : ''}`,
    `  Health        ${gatewayUrl}/healthz   ${gatewayUrl}/readyz`,
    `  Database      ${embedded ? `embedded PostgreSQL in ${config.embeddedPostgres.dataDir} (port ${config.embeddedPostgres.port})` : 'DATABASE_URL'}`,
  ];
  const created = Object.entries(bootstrap);
  if (created.length > 0) {
    lines.push('', 'Created on first start (shown once, stored only as hashes):');
    for (const [label, value] of created) lines.push(`  ${label.padEnd(16)}${value}`);
  }
  lines.push('', 'Ctrl-C stops everything.', '');
  process.stdout.write(lines.join('\n'));
}

async function main(): Promise<void> {
  process.on('SIGINT', () => void shutdown(0));
  process.on('SIGTERM', () => void shutdown(0));
  const config = loadConfig();
  const databaseUrl = await resolveDatabaseUrl(config);
  const secrets = await loadLocalSecrets(path.join(path.dirname(path.resolve(projectPath(), config.embeddedPostgres.dataDir)), 'secrets.json'));
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    DATABASE_URL: databaseUrl,
    PRINCIPAL_SECRET: config.principalSecret ?? secrets.PRINCIPAL_SECRET,
    HOST_TOKEN_SECRET: config.hostTokenSecret ?? secrets.HOST_TOKEN_SECRET,
    OUTBOUND_SECRET_KEY: process.env.OUTBOUND_SECRET_KEY || secrets.OUTBOUND_SECRET_KEY,
  };
  const ready = await Promise.all(SUBGRAPH_NAMES.map((name) => startChild(`${name} subgraph`, entryOf('subgraphs', name, 'main'), env)));
  const gateway = await startChild('gateway', entryOf('gateway', 'main'), env);
  const bootstrap = Object.assign({}, ...ready.map((message) => message.bootstrap ?? {})) as Record<string, string>;
  printBanner(config, gateway.url, bootstrap, !config.databaseUrl);
}

main().catch((error: unknown) => shutdown(1, error instanceof Error ? error.message : String(error)));
