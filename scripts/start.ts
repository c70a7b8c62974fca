import path from 'node:path';
import { loadConfig, SUBGRAPH_NAMES, type Config, type SubgraphName } from '../common/config';
import { EMBEDDED_DATABASE, ensureDatabase } from '../common/embedded-postgres';
import { projectPath } from '../common/paths';
import { bannerText } from './banner';
import { loadLocalSecrets } from './local-secrets';
import { portsInUse, type PortClaim } from './port-check';
import { SupervisedProcess, type ReadyMessage } from './supervised-process';

/**
 * `npm start`: one supervisor for the whole system. Checks its ports, starts
 * PostgreSQL (embedded unless DATABASE_URL is set) and the gateway at once,
 * then the four subgraphs once the database answers, all as child processes,
 * printing one line per step (database, each subgraph, migrations, gateway),
 * then where everything is. The gateway needs neither the database nor the
 * subgraphs to start (its supergraph is the committed schema/supergraph.graphql;
 * until the subgraphs answer, /readyz says which are down), so its start
 * overlaps theirs instead of following them. A service that crashes is
 * restarted with backoff while the others keep serving. Ctrl-C or SIGTERM
 * stops the gateway, then the subgraphs, then the database.
 */
const ENTRY_EXTENSION = path.extname(__filename); // .ts under tsx, .js from dist/
let database: SupervisedProcess | undefined;
const subgraphs: SupervisedProcess[] = [];
let gateway: SupervisedProcess | undefined;
let shuttingDown: Promise<never> | undefined;

function entryOf(...segments: string[]): string {
  return path.join(__dirname, '..', ...segments.slice(0, -1), segments[segments.length - 1] + ENTRY_EXTENSION);
}

function progress(step: string, detail: string): void {
  process.stdout.write(`  ${step.padEnd(20)}${detail}\n`);
}

function supervisorLog(line: string): void {
  process.stderr.write(`supervisor: ${line}\n`);
}

function supervised(name: string, entry: string, env: NodeJS.ProcessEnv): SupervisedProcess {
  return new SupervisedProcess({ name, entry, env, log: supervisorLog });
}

/** Stops everything once; a second call (a start failing because of the stop) waits for the first. */
function shutdown(code: number, reasons: string[] = []): Promise<never> {
  shuttingDown ??= (async () => {
    for (const reason of reasons) process.stderr.write(`error: ${reason}\n`);
    // The gateway first (it calls the subgraphs), then the subgraphs, and the database last.
    await gateway?.stop();
    await Promise.all(subgraphs.map((subgraph) => subgraph.stop()));
    await database?.stop();
    process.exit(code);
  })();
  return shuttingDown;
}

function portClaims(config: Config): PortClaim[] {
  const claims: PortClaim[] = [{ variable: 'GATEWAY_PORT', host: config.listenHost, port: config.ports.gateway }];
  for (const name of SUBGRAPH_NAMES) claims.push({ variable: `${name.toUpperCase()}_PORT`, host: config.listenHost, port: config.ports[name] });
  if (!config.databaseUrl) claims.push({ variable: 'EMBEDDED_PG_PORT', host: '127.0.0.1', port: config.embeddedPostgres.port });
  return claims;
}

async function startDatabase(config: Config): Promise<string> {
  const started = Date.now();
  if (config.databaseUrl) {
    // Loaded only here: common/database brings MikroORM, half a second of CPU the embedded case does not need.
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { checkDatabaseReachable } = require('../common/database') as typeof import('../common/database');
    await checkDatabaseReachable(config.databaseUrl, config.databaseConnectTimeoutMs);
    progress('database', `DATABASE_URL reachable (${seconds(started)})`);
    return config.databaseUrl;
  }
  database = supervised('embedded PostgreSQL', entryOf('scripts', 'database-process'), process.env);
  const ready = await database.start();
  const url = new URL(ready.url);
  url.pathname = `/${EMBEDDED_DATABASE}`;
  await ensureDatabase(url.toString());
  progress('database', `embedded PostgreSQL on 127.0.0.1:${config.embeddedPostgres.port}, data in ${config.embeddedPostgres.dataDir} (${seconds(started)})`);
  return url.toString();
}

function seconds(since: number): string {
  return `${((Date.now() - since) / 1000).toFixed(1)} s`;
}

function migrationSummary(ready: { name: SubgraphName; message: ReadyMessage }[]): string {
  const applied = ready.filter(({ message }) => (message.migrationsApplied ?? []).length > 0);
  if (applied.length === 0) return 'schemas up to date';
  const total = applied.reduce((sum, { message }) => sum + message.migrationsApplied!.length, 0);
  return `${total} applied (${applied.map(({ name, message }) => `${name} ${message.migrationsApplied!.length}`).join(', ')})`;
}

async function main(): Promise<void> {
  process.on('SIGINT', () => void shutdown(0));
  process.on('SIGTERM', () => void shutdown(0));
  const config = loadConfig();
  const taken = await portsInUse(portClaims(config));
  if (taken.length > 0) await shutdown(1, taken);
  process.stdout.write(`Starting Playroom federation: database, ${SUBGRAPH_NAMES.length} subgraphs, gateway\n`);

  const secrets = await loadLocalSecrets(path.join(path.dirname(path.resolve(projectPath(), config.embeddedPostgres.dataDir)), 'secrets.json'));
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    // On a terminal the progress lines and the banner say what happens; services add only warnings
    // and errors unless LOG_LEVEL asks for more. JSON logs (files, containers) keep the info level.
    LOG_LEVEL: process.env.LOG_LEVEL || (config.logFormat === 'pretty' ? 'warn' : config.logLevel),
    PRINCIPAL_SECRET: config.principalSecret ?? secrets.PRINCIPAL_SECRET,
    HOST_TOKEN_SECRET: config.hostTokenSecret ?? secrets.HOST_TOKEN_SECRET,
    OUTBOUND_SECRET_KEY: process.env.OUTBOUND_SECRET_KEY || secrets.OUTBOUND_SECRET_KEY,
  };
  const started = Date.now();
  // The gateway uses no database: it starts now, beside the database and then the subgraphs.
  gateway = supervised('gateway', entryOf('gateway', 'main'), env);
  const gatewayStart = gateway.start();
  // A gateway that cannot start (its port taken since the check, say) ends the start at once, not after the subgraphs.
  gatewayStart.catch((error: unknown) => shutdown(1, [error instanceof Error ? error.message : String(error)]));
  const databaseUrl = await startDatabase(config);
  const subgraphEnv: NodeJS.ProcessEnv = { ...env, DATABASE_URL: databaseUrl };
  const ready = await Promise.all(
    SUBGRAPH_NAMES.map(async (name) => {
      const subgraph = supervised(`${name} subgraph`, entryOf('subgraphs', name, 'main'), subgraphEnv);
      subgraphs.push(subgraph);
      const message = await subgraph.start();
      progress(`${name} subgraph`, `${message.url} (pid ${subgraph.pid}, ${seconds(started)})`);
      return { name, message };
    }),
  );
  progress('migrations', migrationSummary(ready));
  const gatewayReady = await gatewayStart;
  progress('gateway', `${gatewayReady.url} (pid ${gateway.pid}, ${seconds(started)})`);
  const bootstrap = Object.assign({}, ...ready.map(({ message }) => message.bootstrap ?? {})) as Record<string, string>;
  process.stdout.write(bannerText(config, gatewayReady.url, bootstrap, !config.databaseUrl));
  // scripts/launch.js bundles the GraphQL IDE now when it must (after ready: the CPU went to the services until here).
  // The event's name is launch.js's SYSTEM_READY_EVENT; launch.js is plain JavaScript run before any build, so it cannot import it from here.
  (process as NodeJS.EventEmitter).emit('playroom:ready');
}

main().catch((error: unknown) => shutdown(1, [error instanceof Error ? error.message : String(error)]));
