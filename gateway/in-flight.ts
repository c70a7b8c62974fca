/**
 * Work that identical concurrent callers share: the first caller with a key
 * starts it, callers with the same key that arrive while it runs wait for
 * the same outcome, and the key is forgotten as soon as it settles (nothing
 * is cached afterwards). When the outcome was shared, each caller gets its
 * own copy, because the gateway's executor merges later fetches into the
 * objects it receives. The caller chooses the key, and with it who may share:
 * it must hold everything the answer depends on (principal, credentials,
 * document, variables). As Hive Gateway's `deduplicateInflightRequests` and
 * Hive Router's inbound and outbound deduplication do.
 */
export class InFlight<T> {
  private readonly running = new Map<string, { outcome: Promise<T>; callers: number }>();

  constructor(private readonly copy: (value: T) => T) {}

  /** The outcome of `start()`, or of the run already in flight for `key`; `onJoin` hears of each caller, shared or not. */
  async run(key: string, start: () => Promise<T>, onJoin?: (shared: boolean) => void): Promise<T> {
    let entry = this.running.get(key);
    if (entry) {
      entry.callers += 1;
      onJoin?.(true);
    } else {
      const outcome = start();
      const started = { outcome, callers: 1 };
      entry = started;
      this.running.set(key, started);
      // Registered before any caller awaits, so the key is gone (and the caller count final) when they resume.
      outcome.then(
        () => this.forget(key, started),
        () => this.forget(key, started),
      );
      onJoin?.(false);
    }
    const value = await entry.outcome;
    return entry.callers > 1 ? this.copy(value) : value;
  }

  /** Runs in flight now (tests and metrics). */
  get size(): number {
    return this.running.size;
  }

  private forget(key: string, entry: { outcome: Promise<T> }): void {
    if (this.running.get(key) === entry) this.running.delete(key);
  }
}
