/**
 * The top functions of V8 CPU profiles (node --cpu-prof, e.g. from
 * `BENCH_PROFILE_DIR=… npm run bench:gateways`), by self time, and the same
 * time summed by where the code lives (a package in node_modules or a file of
 * this project).
 *
 *   npx tsx bench/profile-top.ts [--last-seconds S] [--skip-last-seconds K] [--top N] <file.cpuprofile>...
 *
 * --last-seconds keeps only the last S seconds of each profile (the load,
 * without start-up and seeding); --skip-last-seconds drops the last K of
 * them (the services' shutdown, which takes a while on a loaded machine). Several files add up (e.g. the four
 * subgraphs). A third list sums, for each function of this project, the
 * time of every sample it is on the stack of (its own and its callees'), to
 * say which of our code a library's time is spent for.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { projectPath } from '../common/paths';

interface ProfileNode {
  id: number;
  children?: number[];
  callFrame: { functionName: string; url: string; lineNumber: number };
}

interface Profile {
  nodes: ProfileNode[];
  startTime: number;
  samples: number[];
  timeDeltas: number[];
}

function areaOf(url: string): string {
  if (url === '') return '(native / V8)';
  const file = url.replace(/^file:\/\//, '');
  const modules = file.lastIndexOf('/node_modules/');
  if (modules >= 0) {
    const parts = file.slice(modules + '/node_modules/'.length).split('/');
    return parts[0].startsWith('@') ? `${parts[0]}/${parts[1]}` : parts[0];
  }
  if (file.startsWith('node:')) return file;
  return path.relative(projectPath(), file);
}

function main(): void {
  const args = process.argv.slice(2);
  let lastSeconds = Number.POSITIVE_INFINITY;
  let skipLastSeconds = 0;
  let top = 25;
  const files: string[] = [];
  for (let index = 0; index < args.length; index += 1) {
    if (args[index] === '--last-seconds') lastSeconds = Number(args[++index]);
    else if (args[index] === '--skip-last-seconds') skipLastSeconds = Number(args[++index]);
    else if (args[index] === '--top') top = Number(args[++index]);
    else files.push(args[index]);
  }
  if (files.length === 0) throw new Error('usage: profile-top.ts [--last-seconds S] [--skip-last-seconds K] [--top N] <file.cpuprofile>...');

  const byFunction = new Map<string, number>();
  const byArea = new Map<string, number>();
  const inclusive = new Map<string, number>();
  let total = 0;
  for (const file of files) {
    const profile = JSON.parse(readFileSync(file, 'utf8')) as Profile;
    const nodes = new Map(profile.nodes.map((node) => [node.id, node]));
    const parents = new Map<number, number>();
    for (const node of profile.nodes) for (const child of node.children ?? []) parents.set(child, node.id);
    const end = profile.startTime + profile.timeDeltas.reduce((sum, delta) => sum + delta, 0);
    let at = profile.startTime;
    for (let index = 0; index < profile.samples.length; index += 1) {
      at += profile.timeDeltas[index];
      // Each sample stands for the time until the next one.
      const weight = (profile.timeDeltas[index + 1] ?? 0) / 1000;
      if ((end - at) / 1e6 > lastSeconds || (end - at) / 1e6 < skipLastSeconds) continue;
      const frame = nodes.get(profile.samples[index])!.callFrame;
      if (frame.functionName === '(idle)' || frame.functionName === '(program)') continue;
      const key = `${frame.functionName || '(anonymous)'}  ${areaOf(frame.url)}:${frame.lineNumber + 1}`;
      byFunction.set(key, (byFunction.get(key) ?? 0) + weight);
      byArea.set(areaOf(frame.url), (byArea.get(areaOf(frame.url)) ?? 0) + weight);
      const ours = new Set<string>();
      for (let id: number | undefined = profile.samples[index]; id !== undefined; id = parents.get(id)) {
        const { functionName, url, lineNumber } = nodes.get(id)!.callFrame;
        const area = areaOf(url);
        if (url === '' || area.startsWith('node:') || url.includes('/node_modules/')) continue;
        ours.add(`${functionName || '(anonymous)'}  ${area}:${lineNumber + 1}`);
      }
      for (const key of ours) inclusive.set(key, (inclusive.get(key) ?? 0) + weight);
      total += weight;
    }
  }
  const print = (title: string, entries: Map<string, number>) => {
    process.stdout.write(`\n${title} (of ${total.toFixed(0)} ms busy)\n`);
    for (const [name, ms] of [...entries].sort((a, b) => b[1] - a[1]).slice(0, top)) {
      process.stdout.write(`${((100 * ms) / total).toFixed(1).padStart(5)}%  ${ms.toFixed(0).padStart(7)} ms  ${name}\n`);
    }
  };
  print('self time by function', byFunction);
  print('self time by package or file', byArea);
  print('time with callees, functions of this project', inclusive);
}

main();
