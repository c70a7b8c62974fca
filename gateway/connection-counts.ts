/**
 * Open sockets per key (a client address, a credential) under a cap: the
 * SUBSCRIPTION_MAX_CONNECTIONS_PER_* limits of graphql-ws and /entry.
 */
export class ConnectionCounts {
  private readonly counts = new Map<string, number>();

  constructor(private readonly max: number) {}

  /** Counts one more socket for `key`; undefined when the key is at its cap. The returned release counts it down, once however often it is called. */
  take(key: string): (() => void) | undefined {
    const held = this.counts.get(key) ?? 0;
    if (held >= this.max) return undefined;
    this.counts.set(key, held + 1);
    let released = false;
    return () => {
      if (released) return;
      released = true;
      const left = (this.counts.get(key) ?? 1) - 1;
      if (left <= 0) this.counts.delete(key);
      else this.counts.set(key, left);
    };
  }
}
