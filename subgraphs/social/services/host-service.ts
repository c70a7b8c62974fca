import type { EntityManager } from '@mikro-orm/postgresql';
import { Host } from '../entities/host';

/** Registers a host with the seed's defaults: only friends, no nameless guests. */
export async function registerHost(em: EntityManager): Promise<Host> {
  const [row] = await em.getConnection().execute<{ uuid: string }[]>(
    'insert into social.hosts default values returning uuid',
  );
  return em.findOneOrFail(Host, { uuid: row!.uuid });
}
