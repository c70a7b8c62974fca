import path from 'node:path';
import { loadConfig } from '../common/config';
import { startEmbeddedPostgres } from '../common/embedded-postgres';
import { projectPath } from '../common/paths';
import { runService } from '../common/process-lifecycle';

/**
 * The embedded PostgreSQL as a child of the supervisor, in a process group of
 * its own: the terminal's Ctrl-C does not reach it (PostgreSQL would stop at
 * once and cut the services' connections), so it stops only when the
 * supervisor tells it to, after the services. If the supervisor dies, the
 * closed IPC channel stops it too.
 */
void runService('embedded PostgreSQL', async () => {
  const config = loadConfig();
  const server = await startEmbeddedPostgres({
    dataDir: path.resolve(projectPath(), config.embeddedPostgres.dataDir),
    port: config.embeddedPostgres.port,
  });
  return { url: server.url, close: () => server.stop() };
});
