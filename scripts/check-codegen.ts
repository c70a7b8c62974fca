import { readFileSync } from 'node:fs';
import path from 'node:path';
import { executeCodegen } from '@graphql-codegen/cli';
import codegenConfig from '../codegen';
import { PROJECT_ROOT } from '../common/paths';

/**
 * Exits 1 and names the stale files when the committed resolver types, or the
 * REST families' operation types, differ from what `npm run codegen` would
 * write now (a route's operation that no longer validates against
 * schema/api.graphql fails codegen itself, and so this check). Run by test/schema.test.ts in
 * its own process (the codegen CLI is an ES module Jest cannot load).
 */
async function main(): Promise<void> {
  const { result, error } = await executeCodegen({ ...codegenConfig, cwd: PROJECT_ROOT, silent: true });
  if (error) throw error;
  const stale = result.filter((file) => {
    const target = path.resolve(PROJECT_ROOT, file.filename);
    try {
      return readFileSync(target, 'utf8') !== file.content;
    } catch {
      return true;
    }
  });
  if (stale.length > 0) {
    console.error(`stale generated files (run npm run codegen): ${stale.map((file) => file.filename).join(', ')}`);
    process.exit(1);
  }
  console.log(`${result.length} generated files are up to date: ${result.map((file) => file.filename).join(', ')}`);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
