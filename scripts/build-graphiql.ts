import { mkdir, rm } from 'node:fs/promises';
import { build } from 'esbuild';
import { projectPath } from '../common/paths';
import { IDE_ASSET_DIR } from '../gateway/graphiql/assets';

/**
 * Bundles the GraphQL IDE (GraphiQL 5, React and the Monaco editor) from
 * node_modules into dist/graphiql/ with esbuild, so the gateway serves it
 * from local files: no CDN. GraphiQL 5 ships only ES modules and CSS that a
 * bundler must resolve, and Monaco's language services run in web workers
 * that are bundled as separate files. `npm run build` runs this; `npm start`
 * runs it in the background into another folder (the argument) that it then
 * moves into place (scripts/launch.js).
 */
export async function buildGraphiql(outdir: string = IDE_ASSET_DIR): Promise<void> {
  await rm(outdir, { recursive: true, force: true });
  await mkdir(outdir, { recursive: true });
  const common = {
    bundle: true,
    minify: true,
    outdir,
    logLevel: 'warning' as const,
    legalComments: 'linked' as const,
    define: { 'process.env.NODE_ENV': '"production"' },
  };
  await build({
    ...common,
    entryPoints: { ide: projectPath('gateway', 'graphiql', 'client', 'ide.mjs') },
    format: 'esm',
    target: 'es2022',
    // Monaco's CSS refers to its icon font.
    loader: { '.ttf': 'file' },
    assetNames: '[name]',
  });
  await build({
    ...common,
    entryPoints: {
      'editor.worker': require.resolve('monaco-editor/esm/vs/editor/editor.worker.js'),
      'json.worker': require.resolve('monaco-editor/esm/vs/language/json/json.worker.js'),
      'graphql.worker': require.resolve('monaco-graphql/esm/graphql.worker.js'),
    },
    format: 'iife',
    target: 'es2022',
  });
}

if (require.main === module) {
  const outdir = process.argv[2] ?? IDE_ASSET_DIR;
  buildGraphiql(outdir).then(
    () => console.log(`GraphQL IDE bundled into ${outdir}`),
    (error: unknown) => {
      console.error(error);
      process.exitCode = 1;
    },
  );
}
