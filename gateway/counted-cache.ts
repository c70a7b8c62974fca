import { InMemoryLRUCache } from '@apollo/utils.keyvaluecache';

/**
 * The in-memory LRU cache Apollo Server uses for parsed and validated
 * documents and Apollo Gateway for query plans (30 MiB each, their
 * defaults), reporting each lookup as a hit or a miss, so /metrics shows
 * whether the caches that spare parsing, validation and planning actually
 * hit (playroom_graphql_cache_lookups_total).
 */
export class CountedCache<V> {
  private readonly cache = new InMemoryLRUCache<V>();

  constructor(private readonly onLookup: (hit: boolean) => void) {}

  async get(key: string): Promise<V | undefined> {
    const value = await this.cache.get(key);
    this.onLookup(value !== undefined);
    return value;
  }

  set(key: string, value: V): Promise<void> {
    return this.cache.set(key, value);
  }

  delete(key: string): Promise<boolean> {
    return this.cache.delete(key);
  }

  /** The gateway empties its plan cache when the supergraph changes. */
  clear(): void {
    this.cache.clear();
  }
}
