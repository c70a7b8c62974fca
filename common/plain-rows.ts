import type { EntityManager, EntityName, FilterQuery, QueryOrderMap } from '@mikro-orm/postgresql';

/**
 * Rows of an entity's table as plain objects with the entity's property
 * names and types, for read paths that only show them (DataLoaders of
 * queries): the same one SELECT `em.find` sends, mapped by the driver, but no
 * entity is created and none enters the identity map. Hydration
 * (EntityFactory.create, EntityHelper's per-instance property setup) and the
 * identity map were about a third of the subgraphs' CPU under the nested Q1
 * workload (bench/README.md). What comes back is not managed: never change
 * it, flush it, or hand it to a loader whose answers a mutation may change.
 */
export function findPlain<T extends object>(em: EntityManager, entity: EntityName<T>, where: FilterQuery<T>, orderBy?: QueryOrderMap<T>): Promise<T[]> {
  const query = em.createQueryBuilder(entity).select('*').where(where);
  if (orderBy) query.orderBy(orderBy);
  return query.execute<T[]>('all', true);
}
