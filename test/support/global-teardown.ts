import { rm } from 'node:fs/promises';
import path from 'node:path';
import { testState } from './test-state';

export default async function globalTeardown(): Promise<void> {
  const embedded = testState.embedded;
  if (!embedded) return;
  await embedded.server.stop();
  await rm(path.dirname(embedded.dataDir), { recursive: true, force: true });
}
