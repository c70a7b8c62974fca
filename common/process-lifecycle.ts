import { loadConfig } from './config';
import { flushTracing } from './tracing';
import type { BootstrapReport } from './subgraph-server';

/** Messages a child process sends the supervisor over the IPC channel. */
export type ChildMessage =
  { type: 'ready'; name: string; url: string; bootstrap?: BootstrapReport; migrationsApplied?: string[] } | { type: 'failed'; name: string; message: string };

export function reportToSupervisor(message: ChildMessage): void {
  process.send?.(message);
}

/**
 * Runs a service as a process: starts it, tells the supervisor, and on
 * SIGTERM/SIGINT closes it and exits. A failed start is one line on stderr.
 */
export interface StartedService {
  url: string;
  bootstrap?: BootstrapReport;
  migrationsApplied?: string[];
  close(): Promise<void>;
}

export async function runService(name: string, start: () => Promise<StartedService>): Promise<void> {
  let service: Awaited<ReturnType<typeof start>>;
  try {
    service = await start();
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    reportToSupervisor({ type: 'failed', name, message });
    // Under the supervisor, it prints the one error line; run alone, say it here.
    if (!process.send) process.stderr.write(`${name}: ${message}\n`);
    process.exit(1);
  }
  reportToSupervisor({ type: 'ready', name, url: service.url, bootstrap: service.bootstrap, migrationsApplied: service.migrationsApplied });
  let stopping = false;
  const stop = async () => {
    if (stopping) return;
    stopping = true;
    // In-flight requests get until the deadline to finish; then the process goes regardless.
    const deadline = setTimeout(() => process.exit(1), loadConfig().shutdownGraceMs);
    let code = 0;
    try {
      await service.close();
    } catch (error) {
      process.stderr.write(`${name}: stopping failed: ${error instanceof Error ? error.message : String(error)}\n`);
      code = 1;
    } finally {
      // Spans of the last requests are still buffered: send them before exiting.
      await flushTracing();
      clearTimeout(deadline);
      process.exit(code);
    }
  };
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
  // Under the supervisor the IPC channel closes when it dies: never outlive it.
  process.on('disconnect', stop);
}
