'use strict';
/**
 * `npm start` and `npm run reset-credentials`: run a script from the compiled
 * build (dist/), building it first when dist/ is missing or older than the
 * sources. Plain JavaScript, so it runs before anything is compiled and
 * without dev dependencies. Usage: node scripts/launch.js scripts/start [args]
 *
 * Compiled JavaScript starts in a fraction of the time TypeScript through tsx
 * takes (no compiler in each of the six processes), and works after
 * `npm ci --omit=dev` as long as dist/ was built beforehand (the Docker image
 * does so); TypeScript itself is a dev dependency.
 */
const { spawnSync } = require('node:child_process');
const { existsSync, readdirSync, statSync } = require('node:fs');
const path = require('node:path');

const ROOT = path.resolve(__dirname, '..');
/** What tsconfig.build.json compiles, plus the files that change how it compiles. */
const SOURCE_DIRS = ['common', 'gateway', 'subgraphs', 'rest-compat', 'scripts'];
const BUILD_FILES = ['tsconfig.json', 'tsconfig.build.json', 'package-lock.json'];

function newestSourceMtime() {
  let newest = 0;
  const visit = (dir) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) {
        if (entry.name !== 'node_modules') visit(full);
      } else if (entry.name.endsWith('.ts') && !entry.name.endsWith('.test.ts')) {
        newest = Math.max(newest, statSync(full).mtimeMs);
      }
    }
  };
  for (const dir of SOURCE_DIRS) if (existsSync(path.join(ROOT, dir))) visit(path.join(ROOT, dir));
  for (const file of BUILD_FILES) if (existsSync(path.join(ROOT, file))) newest = Math.max(newest, statSync(path.join(ROOT, file)).mtimeMs);
  return newest;
}

function fail(message) {
  process.stderr.write(`error: ${message}\n`);
  process.exit(1);
}

function findCompiler() {
  try {
    return require.resolve('typescript/bin/tsc', { paths: [ROOT] });
  } catch {
    return undefined;
  }
}

function ensureBuild(entryJs) {
  const built = existsSync(entryJs) ? statSync(entryJs).mtimeMs : 0;
  if (built > 0 && built >= newestSourceMtime()) return;
  const compiler = findCompiler();
  if (!compiler) {
    if (built > 0) {
      process.stderr.write('warning: dist/ is older than the sources and TypeScript is not installed to rebuild it; running the existing build\n');
      return;
    }
    fail(
      'dist/ has not been built and TypeScript is not installed (npm ci --omit=dev leaves it out): run `npm ci && npm run build` first, or copy a built dist/ here',
    );
  }
  process.stdout.write(`Building (dist/ is ${built > 0 ? 'older than the sources' : 'missing'}) ...\n`);
  const result = spawnSync(process.execPath, [compiler, '-p', 'tsconfig.build.json'], { cwd: ROOT, stdio: 'inherit' });
  if (result.status !== 0) fail('the build failed (npm run build shows the same errors); fix them or run the last good build with `npm run start:dist`');
  if (!existsSync(entryJs)) fail(`the build did not produce ${path.relative(ROOT, entryJs)}`);
}

/** The GraphQL IDE's browser bundle (npm run build's second step), made when it is missing and the build tools are here. */
function ensureIdeBundle() {
  if (existsSync(path.join(ROOT, 'dist', 'graphiql'))) return;
  let tsxCli;
  try {
    tsxCli = require.resolve('tsx/cli', { paths: [ROOT] });
  } catch {
    return; // without dev dependencies the gateway says on /graphql how to build the IDE
  }
  process.stdout.write('Bundling the GraphQL IDE ...\n');
  const result = spawnSync(process.execPath, [tsxCli, 'scripts/build-graphiql.ts'], { cwd: ROOT, stdio: 'inherit' });
  if (result.status !== 0) process.stderr.write('warning: the GraphQL IDE could not be bundled; everything else runs (npm run build shows why)\n');
}

/** Redoc's bundle for /redoc (npm run build's third step): a copy, made when missing and the redoc package is here. */
function ensureRedocBundle() {
  const { buildRedoc, REDOC_ASSET_DIR } = require('./build-redoc.js');
  if (existsSync(REDOC_ASSET_DIR)) return;
  buildRedoc();
}

const [script, ...args] = process.argv.slice(2);
if (!script) fail('usage: node scripts/launch.js <script, e.g. scripts/start> [arguments]');
const entryJs = path.join(ROOT, 'dist', `${script.replace(/\.(ts|js)$/, '')}.js`);
ensureBuild(entryJs);
ensureIdeBundle();
ensureRedocBundle();
// The script reads its arguments from process.argv as if it had been started directly.
process.argv = [process.argv[0], entryJs, ...args];
require(entryJs);
