import { chmod, mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { startEmbeddedPostgres } from '../../common/embedded-postgres';
import { freeStablePort } from './free-port';
import { testState } from './test-state';

/**
 * Starts one PostgreSQL for the whole run: the server in DATABASE_URL when it
 * is set, otherwise an embedded one in a temporary folder. Test files reach it
 * through TEST_DATABASE_URL and each creates its own database.
 */
export default async function globalSetup(): Promise<void> {
  if (process.env.DATABASE_URL) {
    process.env.TEST_DATABASE_URL = process.env.DATABASE_URL;
    return;
  }
  const tempDir = await mkdtemp(path.join(tmpdir(), 'playroom-test-'));
  // Run as root, PostgreSQL runs as the postgres user, which must reach the data folder.
  await chmod(tempDir, 0o711);
  const dataDir = path.join(tempDir, 'pg');
  const server = await startEmbeddedPostgres({ dataDir, port: await freeStablePort() });
  testState.embedded = { server, dataDir };
  process.env.TEST_DATABASE_URL = server.url;
}
