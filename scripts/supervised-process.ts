import { fork, type ChildProcess } from 'node:child_process';
import type { ChildMessage } from '../common/process-lifecycle';
import { RestartBackoff } from './restart-backoff';

export type ReadyMessage = Extract<ChildMessage, { type: 'ready' }>;

export interface SupervisedProcessOptions {
  /** What the log lines call it ("social subgraph"). */
  name: string;
  entry: string;
  env: NodeJS.ProcessEnv;
  /** Where restart notices go (one line each). */
  log: (line: string) => void;
  backoff?: RestartBackoff;
  /** How long a stopping process gets before SIGKILL. */
  stopTimeoutMs?: number;
}

/**
 * One child process of the supervisor. The first start must succeed (its
 * failure ends `npm start` with the child's one-line error). After that, an
 * exit the supervisor did not ask for is a crash: the process is started
 * again after a backoff, as often as it takes, and every restart is logged.
 *
 * Children run in their own process group (detached), so the terminal's
 * Ctrl-C reaches only the supervisor, which then stops them in order. A child
 * whose supervisor dies notices the closed IPC channel and stops itself
 * (common/process-lifecycle.ts).
 */
export class SupervisedProcess {
  private child: ChildProcess | undefined;
  private startedAt = 0;
  private restartTimer: NodeJS.Timeout | undefined;
  private stopping = false;
  private readonly backoff: RestartBackoff;

  constructor(private readonly options: SupervisedProcessOptions) {
    this.backoff = options.backoff ?? new RestartBackoff();
  }

  get name(): string {
    return this.options.name;
  }

  get pid(): number | undefined {
    return this.child?.pid;
  }

  /** Starts the process and resolves when it reports ready; rejects with its error otherwise. */
  start(): Promise<ReadyMessage> {
    return this.launch();
  }

  private launch(): Promise<ReadyMessage> {
    const child = fork(this.options.entry, [], { env: this.options.env, stdio: ['ignore', 'inherit', 'inherit', 'ipc'], detached: true });
    this.child = child;
    this.startedAt = Date.now();
    return new Promise((resolve, reject) => {
      let ready = false;
      child.on('message', (message: ChildMessage) => {
        if (message.type === 'ready') {
          ready = true;
          resolve(message);
        }
        if (message.type === 'failed') reject(new Error(message.message));
      });
      child.once('error', (error) => reject(error));
      child.once('exit', (code, signal) => {
        const how = signal ? `signal ${signal}` : `code ${code}`;
        if (!ready) reject(new Error(`${this.options.name} exited during start (${how})`));
        if (this.child === child && ready && !this.stopping) this.crashed(how);
      });
    });
  }

  private crashed(how: string): void {
    const delay = this.backoff.next(Date.now() - this.startedAt);
    this.options.log(`${this.options.name} exited unexpectedly (${how}); restarting in ${(delay / 1000).toFixed(1)} s (restart ${this.backoff.restarts})`);
    this.scheduleRestart(delay);
  }

  private scheduleRestart(delay: number): void {
    this.restartTimer = setTimeout(() => {
      this.restartTimer = undefined;
      if (this.stopping) return;
      this.launch().then(
        () => this.options.log(`${this.options.name} restarted (pid ${this.pid})`),
        (error: Error) => {
          if (this.stopping) return;
          const next = this.backoff.next(0);
          this.options.log(
            `${this.options.name} restart failed (${error.message}); trying again in ${(next / 1000).toFixed(1)} s (restart ${this.backoff.restarts})`,
          );
          this.scheduleRestart(next);
        },
      );
    }, delay);
  }

  /** Stops the process for good (SIGTERM, then SIGKILL after the timeout); no restart follows. */
  stop(): Promise<void> {
    this.stopping = true;
    if (this.restartTimer) clearTimeout(this.restartTimer);
    const child = this.child;
    if (!child || child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
    return new Promise((resolve) => {
      const timer = setTimeout(() => child.kill('SIGKILL'), this.options.stopTimeoutMs ?? 15_000);
      child.once('exit', () => {
        clearTimeout(timer);
        resolve();
      });
      child.kill('SIGTERM');
    });
  }
}
