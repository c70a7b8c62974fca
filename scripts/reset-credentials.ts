import { existsSync } from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import { loadConfig, type Config } from '../common/config';
import { checkDatabaseReachable, DatabaseUnreachable } from '../common/database';
import { EMBEDDED_DATABASE, embeddedPostgresUrl, startEmbeddedPostgres } from '../common/embedded-postgres';
import { generateSecret, hashSecret } from '../common/passwords';
import { projectPath } from '../common/paths';

/**
 * `npm run reset-credentials -- admin [email]` or `-- stream-key`: replaces a
 * lost admin password or stream key (the Owncast admin password) with a new
 * generated one, printed once and stored only as a hash. Works while the
 * system runs (the services read both from the database) and while it is
 * stopped (the embedded PostgreSQL is started for the moment it takes).
 */
const USAGE =
  'usage: npm run reset-credentials -- admin [email]   (default email: ADMIN_EMAIL or admin@localhost)\n' + '       npm run reset-credentials -- stream-key';

class UsageError extends Error {}

/** The admin's new password; their sessions and refresh tokens end, so a thief's copy stops working too. */
async function resetAdminPassword(client: pg.ClientBase, email: string): Promise<string> {
  const password = generateSecret();
  const hash = await hashSecret(password);
  await client.query('begin');
  try {
    const updated = await client.query<{ id: string }>(
      `update admin.users u set password_hash = $2
       where lower(u.email) = lower($1)
         and exists (select 1 from admin.user_roles ur join admin.roles r on r.id = ur.role_id where ur.user_id = u.id and r.name = 'admin')
       returning u.id`,
      [email, hash],
    );
    if (updated.rowCount === 0)
      throw new UsageError(`no admin user with the email ${email}; give the admin's email: npm run reset-credentials -- admin <email>`);
    await client.query('delete from admin.login_sessions where user_id = $1', [updated.rows[0]!.id]);
    await client.query('update admin.refresh_tokens set revoked_at = now() where user_id = $1 and revoked_at is null', [updated.rows[0]!.id]);
    await client.query('commit');
  } catch (error) {
    await client.query('rollback').catch(() => undefined);
    throw error;
  }
  return password;
}

/** The streaming subgraph compares against the stored hash on every use, so the old key stops working at once. */
async function resetStreamKey(client: pg.ClientBase): Promise<string> {
  const streamKey = generateSecret();
  const updated = await client.query(`update streaming.config set value = $1::jsonb, updated_at = now() where key = 'streamKeyHash'`, [
    JSON.stringify(await hashSecret(streamKey)),
  ]);
  if (updated.rowCount === 0) throw new UsageError('there is no stream key yet: start the system once (npm start) and it creates one');
  return streamKey;
}

/** The database to change: DATABASE_URL, the running embedded PostgreSQL, or the embedded one started for now. */
async function openDatabase(config: Config): Promise<{ url: string; stop(): Promise<void> }> {
  if (config.databaseUrl) {
    await checkDatabaseReachable(config.databaseUrl, config.databaseConnectTimeoutMs);
    return { url: config.databaseUrl, stop: async () => undefined };
  }
  const url = embeddedPostgresUrl(config.embeddedPostgres.port, EMBEDDED_DATABASE);
  try {
    await checkDatabaseReachable(url, config.databaseConnectTimeoutMs);
    return { url, stop: async () => undefined }; // npm start is running
  } catch (error) {
    if (!(error instanceof DatabaseUnreachable)) throw error;
  }
  const dataDir = path.resolve(projectPath(), config.embeddedPostgres.dataDir);
  if (!existsSync(path.join(dataDir, 'PG_VERSION'))) {
    throw new UsageError(`no data in ${config.embeddedPostgres.dataDir} yet: npm start creates the admin and the stream key on its first start`);
  }
  const server = await startEmbeddedPostgres({ dataDir, port: config.embeddedPostgres.port });
  return { url, stop: () => server.stop() };
}

async function main(argv: string[]): Promise<void> {
  const [what, email] = argv;
  if (what !== 'admin' && what !== 'stream-key') throw new UsageError(USAGE);
  const config = loadConfig();
  const database = await openDatabase(config);
  try {
    const client = new pg.Client({ connectionString: database.url, connectionTimeoutMillis: config.databaseConnectTimeoutMs });
    await client.connect();
    try {
      if (what === 'admin') {
        const adminEmail = email || process.env.ADMIN_EMAIL || 'admin@localhost';
        const password = await resetAdminPassword(client, adminEmail);
        process.stdout.write(`New admin password for ${adminEmail} (shown once, stored only as a hash; their sessions were signed out):\n  ${password}\n`);
      } else {
        const streamKey = await resetStreamKey(client);
        process.stdout.write(`New stream key (shown once, stored only as a hash; it is also the Owncast admin password):\n  ${streamKey}\n`);
      }
    } finally {
      await client.end();
    }
  } finally {
    await database.stop();
  }
}

main(process.argv.slice(2)).then(
  () => process.exit(0),
  (error: unknown) => {
    process.stderr.write(`error: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(error instanceof UsageError ? 2 : 1);
  },
);
