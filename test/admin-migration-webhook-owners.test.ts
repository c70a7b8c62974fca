import { randomBytes } from 'node:crypto';
import { migrateDatabase, openDatabase, type Database } from '../common/database';
import { ensureDatabase } from '../common/embedded-postgres';
import { createLogger } from '../common/logger';
import { adminSubgraph } from '../subgraphs/admin';

/**
 * Migration 0006 gives webhooks an owner. Webhooks made before it were
 * admin-wide: one with a creator becomes that creator's, one without becomes
 * an outbound target (which keeps receiving every matching event).
 */
const logger = createLogger('test', 'silent');
let databaseUrl: string;

async function open(upTo: string): Promise<Database> {
  const index = adminSubgraph.migrations.findIndex((migration) => migration.name === upTo);
  const orm = await openDatabase({ schema: 'admin', databaseUrl, entities: [], migrations: adminSubgraph.migrations.slice(0, index + 1), poolMax: 2, logger });
  await migrateDatabase(orm, 'admin', logger);
  return orm;
}

beforeAll(async () => {
  const url = new URL(process.env.TEST_DATABASE_URL!);
  url.pathname = `/test_${randomBytes(6).toString('hex')}`;
  databaseUrl = url.toString();
  await ensureDatabase(databaseUrl);
});

it('turns old webhooks into their creator’s, or into targets when they have no creator', async () => {
  const before = await open('0005-idempotency-keys');
  const sql = before.em.getConnection();
  const [user] = await sql.execute<{ id: string }[]>(
    "insert into admin.users (email, username, password_hash) values ('old@example.com', 'old', 'x') returning id",
  );
  const rows = await sql.execute<{ id: string }[]>(
    `insert into admin.outbound_targets (kind, name, url, events, created_by) values
       ('webhook', 'mine', 'https://example.com/a', '{resource.created}', ?),
       ('webhook', 'nobody', 'https://example.com/b', '{resource.created}', null),
       ('target', 'audit', 'https://example.com/c', null, ?)
     returning id`,
    [user!.id, user!.id],
  );
  await before.close();

  const after = await open('0006-webhook-owners');
  const migrated = await after.em
    .getConnection()
    .execute<{ id: string; kind: string; owner_id: string | null; organization_id: string | null }[]>(
      'select id, kind, owner_id, organization_id from admin.outbound_targets order by name',
    );
  await after.close();
  const byId = new Map(migrated.map((row) => [row.id, row]));
  expect(byId.get(rows[0]!.id)).toMatchObject({ kind: 'webhook', owner_id: user!.id, organization_id: null });
  expect(byId.get(rows[1]!.id)).toMatchObject({ kind: 'target', owner_id: null });
  expect(byId.get(rows[2]!.id)).toMatchObject({ kind: 'target', owner_id: null });
});
