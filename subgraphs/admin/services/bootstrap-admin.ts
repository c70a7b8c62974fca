import type { EntityManager } from '@mikro-orm/postgresql';
import { generateSecret, hashSecret } from '../../../common/passwords';
import type { BootstrapReport } from '../../../common/subgraph-server';
import { withHiddenValues } from './hidden-sql';

/**
 * On first start (no admin yet) creates the admin user from ADMIN_EMAIL and
 * ADMIN_PASSWORD, or with a generated password that is reported once and
 * stored only as a hash.
 */
export async function bootstrapAdmin(em: EntityManager, env: NodeJS.ProcessEnv): Promise<BootstrapReport | undefined> {
  const connection = em.getConnection();
  const existing = await connection.execute<{ count: string }[]>(
    `select count(*) as count from admin.user_roles ur join admin.roles r on r.id = ur.role_id where r.name = 'admin'`,
  );
  if (Number(existing[0]?.count ?? 0) > 0) return undefined;

  const email = env.ADMIN_EMAIL || 'admin@localhost';
  const username = env.ADMIN_USERNAME || 'admin';
  const generated = !env.ADMIN_PASSWORD;
  const password = env.ADMIN_PASSWORD || generateSecret();
  const passwordHash = await hashSecret(password);
  // withHiddenValues: a failure must not quote the password hash into the log.
  await withHiddenValues(() =>
    em.transactional(async (tx) => {
      const [user] = await tx.getConnection().execute<{ id: string }[]>(
        `insert into admin.users (email, username, password_hash) values (?, ?, ?)
       on conflict (lower(email)) do update set password_hash = excluded.password_hash returning id`,
        [email, username, passwordHash],
      );
      await tx
        .getConnection()
        .execute(`insert into admin.user_roles (user_id, role_id) select ?, id from admin.roles where name = 'admin' on conflict do nothing`, [user!.id]);
    }),
  );
  return generated ? { 'admin email': email, 'admin password': password } : { 'admin email': email, 'admin password': '(from ADMIN_PASSWORD)' };
}
