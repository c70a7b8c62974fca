import type { EntityManager } from '@mikro-orm/postgresql';
import { generateSecret, hashSecret } from '../../../common/passwords';
import type { BootstrapReport } from '../../../common/subgraph-server';
import { ConfigEntry } from '../entities/config-entry';
import { insertConfigUnlessPresent } from '../queries';

export const STREAM_KEY_HASH = 'streamKeyHash';

/**
 * The stream key is the admin password of the Owncast API. On first start it
 * comes from STREAM_KEY or is generated and reported once; only its hash is kept.
 */
export async function bootstrapStreamKey(em: EntityManager, env: NodeJS.ProcessEnv): Promise<BootstrapReport | undefined> {
  if ((await em.count(ConfigEntry, { key: STREAM_KEY_HASH })) > 0) return undefined;
  const generated = !env.STREAM_KEY;
  const streamKey = env.STREAM_KEY || generateSecret();
  if (!(await insertConfigUnlessPresent(em, STREAM_KEY_HASH, await hashSecret(streamKey)))) return undefined; // another replica won the race
  return { 'stream key': generated ? streamKey : '(from STREAM_KEY)' };
}
