import type { EntityManager } from '@mikro-orm/postgresql';
import { generateSecret, hashSecret } from '../../../common/passwords';
import type { BootstrapReport } from '../../../common/subgraph-server';
import { inTransaction } from '../../../common/transaction';
import { adminCount, upsertAdminUser } from '../queries';
import { withHiddenValues } from './hidden-sql';

/**
 * On first start (no admin yet) creates the admin user from ADMIN_EMAIL and
 * ADMIN_PASSWORD, or with a generated password that is reported once and
 * stored only as a hash.
 */
export async function bootstrapAdmin(em: EntityManager, env: NodeJS.ProcessEnv): Promise<BootstrapReport | undefined> {
  if ((await adminCount(em)) > 0) return undefined;

  const email = env.ADMIN_EMAIL || 'admin@localhost';
  const username = env.ADMIN_USERNAME || 'admin';
  const generated = !env.ADMIN_PASSWORD;
  const password = env.ADMIN_PASSWORD || generateSecret();
  const passwordHash = await hashSecret(password);
  // withHiddenValues: a failure must not quote the password hash into the log.
  await withHiddenValues(() => inTransaction(em, (tx) => upsertAdminUser(tx, { email, username, passwordHash })));
  return generated ? { 'admin email': email, 'admin password': password } : { 'admin email': email, 'admin password': '(from ADMIN_PASSWORD)' };
}
