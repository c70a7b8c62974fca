'use strict';
/**
 * The build `npm start` makes when dist/ is missing or stale: the files that
 * tsconfig.build.json compiles, transpiled one by one by esbuild into the
 * same dist/ layout, without type-checking. tsc spends about thirty seconds
 * of CPU type-checking the whole program; esbuild strips the types of each
 * file in well under a second, which is what makes a fresh clone start
 * quickly. Type errors are still caught by `npm run build` (tsc), which CI
 * and the Docker image run, and by `npm run typecheck`.
 *
 * Per-file transpiling is faithful because tsconfig.json sets
 * isolatedModules (no const enums or type-only re-exports across files) and
 * the code uses no decorators. Plain JavaScript, and esbuild is a runtime
 * dependency, so this works before anything is compiled and after
 * `npm ci --omit=dev`.
 */
const { readdirSync, readFileSync } = require('node:fs');
const path = require('node:path');
const { staleness } = require('./build-freshness.js');

const ROOT = path.resolve(__dirname, '..');
const BUILD_TSCONFIG = path.join(ROOT, 'tsconfig.build.json');
/** Files that change what a build produces besides the sources themselves (versions of dependencies, compiler options). */
const BUILD_FILES = ['tsconfig.json', 'tsconfig.build.json', 'package-lock.json'];

/** tsconfig.build.json's include and exclude lists, the one description of what is built. */
function buildScope() {
  const config = JSON.parse(readFileSync(BUILD_TSCONFIG, 'utf8'));
  const include = config.include ?? [];
  const exclude = config.exclude ?? [];
  // Only the two pattern forms the file uses are understood; anything else
  // would silently build the wrong set of files, so it stops here instead.
  for (const pattern of [...include, ...exclude]) {
    if (pattern.replace(/^\*\*\/\*/, '').includes('*')) {
      throw new Error(`scripts/fast-build.js cannot read the pattern "${pattern}" in tsconfig.build.json`);
    }
  }
  return { include, exclude };
}

function isExcluded(relative, exclude) {
  return exclude.some((pattern) =>
    pattern.startsWith('**/*') ? relative.endsWith(pattern.slice(4)) : relative === pattern || relative.startsWith(`${pattern}/`),
  );
}

/** Every TypeScript file tsconfig.build.json compiles, relative to the project root with `/` separators. */
function buildSources() {
  const { include, exclude } = buildScope();
  const files = [];
  const visit = (relative) => {
    if (isExcluded(relative, exclude)) return;
    for (const entry of readdirSync(path.join(ROOT, relative), { withFileTypes: true })) {
      const child = `${relative}/${entry.name}`;
      if (entry.isDirectory()) visit(child);
      else if (entry.name.endsWith('.ts') && !entry.name.endsWith('.d.ts') && !isExcluded(child, exclude)) files.push(child);
    }
  };
  for (const dir of include) visit(dir);
  return files;
}

/** Transpiles buildSources() into `outdir` (dist/); throws with esbuild's message (file and line) on a syntax error. */
function fastBuild(outdir = path.join(ROOT, 'dist')) {
  const esbuild = require('esbuild');
  try {
    esbuild.buildSync({
      absWorkingDir: ROOT,
      entryPoints: buildSources(),
      outdir,
      outbase: ROOT,
      bundle: false,
      platform: 'node',
      format: 'cjs',
      target: 'node20',
      sourcemap: true,
      tsconfig: BUILD_TSCONFIG,
      logLevel: 'error',
    });
  } finally {
    // esbuild keeps a service child for later calls; the launcher goes on to supervise for hours and needs none.
    esbuild.stop();
  }
}

/**
 * Why dist/ must be built again before `entryJs` (an absolute path in dist/)
 * runs: 'missing' or 'older than the sources'; undefined when it is current.
 */
function buildStaleness(entryJs) {
  return staleness(ROOT, [path.relative(ROOT, entryJs)], [...buildSources(), ...BUILD_FILES]);
}

module.exports = { buildSources, buildStaleness, fastBuild };
