import { fork } from 'node:child_process';
import { PROJECT_ROOT } from '../../common/paths';
import type { ChildMessage } from '../../common/process-lifecycle';

export interface DatabaseProcess {
  /** URL of its maintenance database `postgres`. */
  url: string;
  /** Stops PostgreSQL (as the supervisor does) and waits for the process to end. */
  stop(): Promise<void>;
}

/**
 * An embedded PostgreSQL of its own in a child process (scripts/database-process.ts,
 * what `npm start` runs), for tests that stop and start a database while the
 * run's shared one keeps serving the other test files.
 */
export function startDatabaseProcess(dataDir: string, port: number): Promise<DatabaseProcess> {
  const child = fork('scripts/database-process.ts', [], {
    cwd: PROJECT_ROOT,
    execArgv: ['--import', 'tsx'],
    env: { ...process.env, EMBEDDED_PG_DIR: dataDir, EMBEDDED_PG_PORT: String(port), DATABASE_URL: '' },
    stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  return new Promise((resolve, reject) => {
    child.on('message', (message: ChildMessage) => {
      if (message.type === 'failed') reject(new Error(message.message));
      if (message.type === 'ready') {
        resolve({
          url: message.url,
          stop: async () => {
            if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
            await exited;
          },
        });
      }
    });
    void exited.then(() => reject(new Error('the database process ended before it was ready')));
  });
}
