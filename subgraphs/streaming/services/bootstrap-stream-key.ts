import type { EntityManager } from '@mikro-orm/postgresql';
import { generateSecret, hashSecret } from '../../../common/passwords';
import type { BootstrapReport } from '../../../common/subgraph-server';

export const STREAM_KEY_HASH = 'streamKeyHash';

/**
 * The stream key is the admin password of the Owncast API. On first start it
 * comes from STREAM_KEY or is generated and reported once; only its hash is kept.
 */
export async function bootstrapStreamKey(em: EntityManager, env: NodeJS.ProcessEnv): Promise<BootstrapReport | undefined> {
  const connection = em.getConnection();
  const found = await connection.execute<{ key: string }[]>('select key from streaming.config where key = ?', [STREAM_KEY_HASH]);
  if (found.length > 0) return undefined;
  const generated = !env.STREAM_KEY;
  const streamKey = env.STREAM_KEY || generateSecret();
  const inserted = await connection.execute<{ key: string }[]>(
    'insert into streaming.config (key, value) values (?, ?) on conflict (key) do nothing returning key',
    [STREAM_KEY_HASH, JSON.stringify(await hashSecret(streamKey))],
  );
  if (inserted.length === 0) return undefined; // another replica won the race
  return { 'stream key': generated ? streamKey : '(from STREAM_KEY)' };
}
