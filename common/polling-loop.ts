/**
 * A background loop that runs one step at a time: each step returns how long
 * to wait before the next, `wake()` runs the next step now, and `stop()`
 * waits for a running step to finish. The outbox relay and the outbound
 * delivery worker run on it.
 */
export class PollingLoop {
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;
  private stopped = true;

  /** `step` does one unit of work and returns the delay (ms) until the next; it must not throw. */
  constructor(private readonly step: () => Promise<number>) {}

  start(): void {
    this.stopped = false;
    this.schedule(0);
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    await this.running;
  }

  /** Runs the next step now instead of after the current delay. */
  wake(): void {
    if (!this.stopped && !this.running) this.schedule(0);
  }

  private schedule(delayMs: number): void {
    clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.running = this.step()
        .then((next) => {
          if (!this.stopped) this.schedule(next);
        })
        .finally(() => {
          this.running = undefined;
        });
    }, delayMs);
    this.timer.unref?.();
  }
}
