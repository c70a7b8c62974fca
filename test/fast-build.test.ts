import { spawnSync } from 'node:child_process';
import { mkdir, mkdtemp, rm, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import ts from 'typescript';
import { PROJECT_ROOT } from '../common/paths';

/**
 * The build `npm start` makes (scripts/fast-build.js, esbuild without type
 * checks) and the launcher's freshness rule (scripts/build-freshness.js).
 * tsc's `npm run build` stays the checked build; these tests keep the fast
 * one compiling the same files into a dist/ that runs.
 */
// Plain JavaScript modules of the launcher, loaded as Node loads them.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { buildSources, fastBuild } = require('../scripts/fast-build.js') as {
  buildSources: () => string[];
  fastBuild: (outdir?: string) => void;
};
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { staleness } = require('../scripts/build-freshness.js') as {
  staleness: (root: string, outputs: string[], inputs: string[]) => string | undefined;
};

describe('the fast build', () => {
  it('transpiles exactly the files tsc compiles for npm run build', () => {
    const configPath = path.join(PROJECT_ROOT, 'tsconfig.build.json');
    const parsed = ts.getParsedCommandLineOfConfigFile(configPath, {}, { ...ts.sys, onUnRecoverableConfigFileDiagnostic: () => undefined });
    if (!parsed) throw new Error('tsconfig.build.json could not be read');
    const tscFiles = parsed.fileNames.map((file) => path.relative(PROJECT_ROOT, file).split(path.sep).join('/')).sort();
    expect(buildSources().sort()).toEqual(tscFiles);
  });

  it('produces a build whose scripts run', async () => {
    // Inside the project, so that the compiled code finds the project root (package.json) as dist/ does.
    await mkdir(path.join(PROJECT_ROOT, '.data'), { recursive: true });
    const outdir = await mkdtemp(path.join(PROJECT_ROOT, '.data', 'fast-build-'));
    try {
      fastBuild(outdir);
      // Without arguments the script loads its whole import graph (config, database, embedded PostgreSQL) and prints its usage.
      const run = spawnSync(process.execPath, [path.join(outdir, 'scripts', 'reset-credentials.js')], { encoding: 'utf8' });
      expect(run.stderr).toContain('usage: npm run reset-credentials -- admin [email]');
      expect(run.status).not.toBe(0);
    } finally {
      await rm(outdir, { recursive: true, force: true });
    }
  });
});

describe('when the launcher rebuilds', () => {
  let root: string;
  const at = (seconds: number) => new Date(Date.UTC(2026, 0, 1, 0, 0, seconds));

  beforeEach(async () => {
    root = await mkdtemp(path.join(tmpdir(), 'build-freshness-'));
    for (const file of ['a.ts', 'b.ts', 'a.js', 'b.js']) await writeFile(path.join(root, file), '');
  });
  afterEach(() => rm(root, { recursive: true, force: true }));

  async function touch(file: string, seconds: number): Promise<void> {
    await utimes(path.join(root, file), at(seconds), at(seconds));
  }

  it('keeps outputs newer than every source', async () => {
    await touch('a.ts', 10);
    await touch('b.ts', 20);
    await touch('a.js', 30);
    await touch('b.js', 30);
    expect(staleness(root, ['a.js', 'b.js'], ['a.ts', 'b.ts', 'not-there.json'])).toBeUndefined();
  });

  it('rebuilds when a source changed after the build', async () => {
    await touch('a.ts', 10);
    await touch('a.js', 30);
    await touch('b.js', 30);
    await touch('b.ts', 40);
    expect(staleness(root, ['a.js', 'b.js'], ['a.ts', 'b.ts'])).toBe('older than the sources');
  });

  it('rebuilds when any output is missing, as after a step that stopped half-way', async () => {
    await touch('a.ts', 10);
    await touch('a.js', 30);
    expect(staleness(root, ['a.js', 'c.js'], ['a.ts'])).toBe('missing');
  });
});
