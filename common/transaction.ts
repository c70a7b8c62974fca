import type { EntityManager } from '@mikro-orm/postgresql';

/**
 * The one way a subgraph service runs several writes as one database
 * transaction: MikroORM's `em.transactional`, which forks the request's
 * EntityManager for the transaction, flushes it before COMMIT, rolls back when
 * `work` throws, and merges the entities back into the request's
 * EntityManager afterwards (so its loaders keep seeing them).
 *
 * `afterCommit` runs only once the transaction committed, for work that must
 * not see uncommitted rows (waking this replica's outbox relay). Calls on the
 * request's EntityManager inside `work` join the transaction too (MikroORM
 * routes them to the fork), so code that is handed `context.em` works unchanged.
 */
export async function inTransaction<T>(em: EntityManager, work: (tx: EntityManager) => Promise<T>, afterCommit?: () => void): Promise<T> {
  const result = await em.transactional((tx) => work(tx as EntityManager));
  afterCommit?.();
  return result;
}
