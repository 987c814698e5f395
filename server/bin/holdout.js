#!/usr/bin/env node
'use strict';
// The `holdout` binary. `npm run build` compiles the sources to out/ and bundles them into
// dist/cli/holdout.js (scripts/bundle.mjs); the bundle starts faster (one file to load, and a V8
// code cache beside it: out/server/src/cli/code-cache.js). The compiled sources run instead when
// there is no bundle, when tsc has compiled something since it was made (out/.tsbuildinfo is
// newer: `tsc -b --watch` rebuilds only out/), or when HOLDOUT_FROM_SOURCES is set (the test
// suite sets it, so that it tests the sources; test/cli/cli-bundle.test.ts runs the bundle).
const fs = require('node:fs');
const path = require('node:path');

const root = path.join(__dirname, '..', '..');
const out = path.join(root, 'out', 'server', 'src', 'cli');
const bundle = path.join(root, 'dist', 'cli', 'holdout.js');

function bundleIsCurrent() {
  if (process.env.HOLDOUT_FROM_SOURCES) return false;
  const bundled = fs.statSync(bundle, { throwIfNoEntry: false });
  const compiled = fs.statSync(path.join(root, 'out', '.tsbuildinfo'), { throwIfNoEntry: false });
  return bundled !== undefined && (compiled === undefined || bundled.mtimeMs >= compiled.mtimeMs);
}

const { main } = bundleIsCurrent() ? require(path.join(out, 'code-cache.js')).requireWithCodeCache(bundle).exports : require(path.join(out, 'main.js'));
main(process.argv.slice(2)).then(
  (code) => {
    if (code >= 0) process.exitCode = code;
  },
  (error) => {
    process.stderr.write(`holdout: internal error: ${error && error.stack ? error.stack : error}\n`);
    process.exitCode = 2;
  },
);
