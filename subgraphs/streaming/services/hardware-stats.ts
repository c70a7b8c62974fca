import { statfsSync } from 'node:fs';
import { cpus, freemem, loadavg, totalmem } from 'node:os';
import type { Context } from '../context';
import { assertAllowed } from './permissions';

/**
 * O37: CPU, memory and disk use of this replica, sampled once a minute and
 * kept for a day in memory (each replica reports the machine it runs on, as
 * an Owncast server does). CPU is the 1-minute load average as a percentage
 * of the cores; disk is the use of the file system holding the working folder.
 */
export interface TimestampedValue {
  time: Date;
  value: number;
}

export interface HardwareStats {
  cpu: TimestampedValue[];
  memory: TimestampedValue[];
  disk: TimestampedValue[];
}

const SAMPLE_INTERVAL_MS = 60_000;
const MAX_SAMPLES = 24 * 60;
const samples: HardwareStats = { cpu: [], memory: [], disk: [] };
let sampler: NodeJS.Timeout | undefined;

const percent = (used: number, total: number): number => (total > 0 ? Math.min(100, Math.max(0, Math.round((used / total) * 100))) : 0);

function diskUse(): number {
  try {
    const stats = statfsSync(process.cwd());
    return percent(stats.blocks - stats.bfree, stats.blocks);
  } catch {
    return 0;
  }
}

function push(series: TimestampedValue[], time: Date, value: number): void {
  series.push({ time, value });
  if (series.length > MAX_SAMPLES) series.shift();
}

function sample(): void {
  const time = new Date();
  push(samples.cpu, time, percent(loadavg()[0] ?? 0, cpus().length || 1));
  push(samples.memory, time, percent(totalmem() - freemem(), totalmem()));
  push(samples.disk, time, diskUse());
}

/** Starts sampling once per process; the timer never keeps the process alive. */
export function startHardwareSampler(): void {
  if (sampler) return;
  sample();
  sampler = setInterval(sample, SAMPLE_INTERVAL_MS);
  sampler.unref();
}

export async function readHardwareStats(context: Context): Promise<HardwareStats> {
  await assertAllowed(context, 'server:monitor');
  startHardwareSampler();
  return { cpu: [...samples.cpu], memory: [...samples.memory], disk: [...samples.disk] };
}
