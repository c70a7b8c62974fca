'use strict';
/**
 * Whether a build step's outputs must be made again, from file times: the
 * launcher (scripts/launch.js) asks before each step so that an up-to-date
 * dist/ costs nothing at start. Plain JavaScript, like the launcher.
 */
const { existsSync, statSync } = require('node:fs');
const path = require('node:path');

function mtimeOf(root, relative) {
  const full = path.join(root, relative);
  return existsSync(full) ? statSync(full).mtimeMs : 0;
}

/**
 * Why `outputs` must be made again ('missing' or 'older than the sources'),
 * or undefined when every one exists and none is older than the newest of
 * `inputs`. The oldest output counts, so a step that stopped half-way is
 * redone. Paths are relative to `root`; missing inputs are ignored.
 */
function staleness(root, outputs, inputs) {
  const oldestOutput = Math.min(...outputs.map((file) => mtimeOf(root, file)));
  if (oldestOutput === 0) return 'missing';
  return oldestOutput < Math.max(0, ...inputs.map((file) => mtimeOf(root, file))) ? 'older than the sources' : undefined;
}

module.exports = { staleness };
