'use strict';
/**
 * Copies Redoc's self-contained browser bundle (the `redoc` dev dependency,
 * React and all included) into dist/redoc/, from which the gateway serves
 * /redoc: no CDN, and no Redoc dependencies in a production install.
 * `npm run build` runs this; scripts/launch.js does when dist/redoc/ is
 * missing. Plain JavaScript so launch.js can run it before anything is built.
 */
const { copyFileSync, existsSync, mkdirSync } = require('node:fs');
const path = require('node:path');

const ROOT = path.resolve(__dirname, '..');
const REDOC_ASSET_DIR = path.join(ROOT, 'dist', 'redoc');
const FILES = ['redoc.standalone.js', 'redoc.standalone.js.LICENSE.txt'];

/** Copies the bundle; false when the redoc package is not installed (npm ci --omit=dev). */
function buildRedoc(outdir = REDOC_ASSET_DIR) {
  let bundles;
  try {
    bundles = path.dirname(require.resolve('redoc/bundles/redoc.standalone.js', { paths: [ROOT] }));
  } catch {
    return false;
  }
  mkdirSync(outdir, { recursive: true });
  for (const file of FILES) {
    if (existsSync(path.join(bundles, file))) copyFileSync(path.join(bundles, file), path.join(outdir, file));
  }
  return true;
}

module.exports = { buildRedoc, REDOC_ASSET_DIR };

if (require.main === module) {
  if (!buildRedoc()) {
    process.stderr.write('error: the redoc package is not installed (a dev dependency): run npm ci\n');
    process.exit(1);
  }
  process.stdout.write(`Redoc copied into ${REDOC_ASSET_DIR}\n`);
}
