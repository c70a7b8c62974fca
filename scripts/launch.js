'use strict';
/**
 * `npm start` and `npm run reset-credentials`: run a script from the compiled
 * build (dist/), building it first when dist/ is missing or older than the
 * sources. Plain JavaScript, so it runs before anything is compiled and
 * without dev dependencies. Usage: node scripts/launch.js scripts/start [args]
 *
 * Compiled JavaScript starts in a fraction of the time TypeScript through tsx
 * takes (no compiler in each of the six processes). The build made here is
 * esbuild's transpile (scripts/fast-build.js), a second where tsc's
 * type-checked `npm run build` takes half a minute; esbuild is a runtime
 * dependency, so this also works after `npm ci --omit=dev`.
 */
const { spawn } = require('node:child_process');
const { existsSync, mkdirSync, renameSync, rmSync } = require('node:fs');
const path = require('node:path');
const { staleness } = require('./build-freshness.js');
const { buildStaleness, fastBuild } = require('./fast-build.js');

const ROOT = path.resolve(__dirname, '..');
/** What scripts/build-graphiql.ts makes in dist/graphiql/. */
const IDE_FILES = ['ide.js', 'ide.css', 'editor.worker.js', 'json.worker.js', 'graphql.worker.js'];

function fail(message) {
  process.stderr.write(`error: ${message}\n`);
  process.exit(1);
}

/** Runs a build step, printing one progress line; a failing step that the services can do without only warns. */
function step(label, reason, run, { optional }) {
  process.stdout.write(`${label} (${reason}) ...\n`);
  try {
    run();
  } catch (error) {
    if (!optional)
      fail(
        `${error instanceof Error ? error.message : String(error)}\n(npm run build type-checks and shows the same errors; npm run start:dist runs the last build as it is)`,
      );
    process.stderr.write(`warning: ${label.toLowerCase()} failed; everything else runs (npm run build shows why)\n`);
  }
}

function ensureBuild(entryJs) {
  const reason = buildStaleness(entryJs);
  if (!reason) return;
  step('Building', `dist/ is ${reason}`, fastBuild, { optional: false });
  if (!existsSync(entryJs)) fail(`the build did not produce ${path.relative(ROOT, entryJs)}`);
}

/** What scripts/start.ts emits on `process` once everything answers and the banner is out. */
const SYSTEM_READY_EVENT = 'playroom:ready';

/**
 * The GraphQL IDE's browser bundle (npm run build's second step), made when it
 * is missing or stale and the build tools are here. It takes seconds of CPU
 * (esbuild over GraphiQL, React and Monaco) that nothing needs before the
 * system answers, and on two cores it would slow every service's start, so it
 * is made after ready, in the background, into dist/graphiql.building/, and
 * moved into dist/graphiql/ when complete. Until then the gateway's /graphql
 * page says it is being built and reloads itself (a stale bundle is served
 * meanwhile).
 */
function planIdeBundle() {
  const outputs = IDE_FILES.map((file) => `dist/graphiql/${file}`);
  const reason = staleness(ROOT, outputs, ['gateway/graphiql/client/ide.mjs', 'scripts/build-graphiql.ts', 'package-lock.json']);
  if (!reason) return;
  let tsxCli;
  try {
    tsxCli = require.resolve('tsx/cli', { paths: [ROOT] });
  } catch {
    return; // without dev dependencies the gateway says on /graphql how to build the IDE
  }
  const building = path.join(ROOT, 'dist', 'graphiql.building');
  const finished = path.join(ROOT, 'dist', 'graphiql');
  // The gateway's "being built" page keys on this folder.
  mkdirSync(building, { recursive: true });
  process.stdout.write(`GraphQL IDE: dist/graphiql/ is ${reason}; it is bundled in the background once everything runs\n`);
  let child;
  let abandoned = false;
  // Whatever ends the supervisor (Ctrl-C, SIGTERM, a failed start) ends the build and removes its folder,
  // so no page says "being built" when nothing builds; the next start builds it again.
  const abandon = () => {
    abandoned = true;
    try {
      if (child) process.kill(-child.pid, 'SIGTERM');
    } catch {
      // already gone
    }
    rmSync(building, { recursive: true, force: true });
  };
  process.once('exit', abandon);
  process.once(SYSTEM_READY_EVENT, () => {
    const started = Date.now();
    // Detached (a process group of its own), so that it can be ended with everything it started.
    child = spawn(process.execPath, [tsxCli, 'scripts/build-graphiql.ts', building], {
      cwd: ROOT,
      stdio: ['ignore', 'ignore', 'inherit'],
      detached: true,
    });
    child.once('exit', (code, signal) => {
      if (abandoned) return;
      process.removeListener('exit', abandon);
      // A build that failed or was killed from outside (e.g. out of memory) leaves no "being built" page behind.
      if (code !== 0 || signal) {
        rmSync(building, { recursive: true, force: true }); // the page then says how to build it
        process.stderr.write('warning: bundling the GraphQL IDE failed; everything else runs (npm run build shows why)\n');
        return;
      }
      rmSync(finished, { recursive: true, force: true });
      renameSync(building, finished);
      process.stdout.write(`GraphQL IDE bundled into dist/graphiql/ (${((Date.now() - started) / 1000).toFixed(1)} s)\n`);
    });
  });
}

/** Redoc's bundle for /redoc (npm run build's third step): a copy, made when missing or stale and the redoc package is here. */
function ensureRedocBundle() {
  const { buildRedoc } = require('./build-redoc.js');
  const reason = staleness(ROOT, ['dist/redoc/redoc.standalone.js'], ['scripts/build-redoc.js', 'package-lock.json']);
  if (reason) buildRedoc();
}

const [script, ...args] = process.argv.slice(2);
if (!script) fail('usage: node scripts/launch.js <script, e.g. scripts/start> [arguments]');
const entryJs = path.join(ROOT, 'dist', `${script.replace(/\.(ts|js)$/, '')}.js`);
ensureBuild(entryJs);
// Only the system serves the bundles; reset-credentials and the like need neither.
if (script.replace(/\.(ts|js)$/, '') === 'scripts/start') {
  planIdeBundle();
  ensureRedocBundle();
}
// The script reads its arguments from process.argv as if it had been started directly.
process.argv = [process.argv[0], entryJs, ...args];
require(entryJs);
