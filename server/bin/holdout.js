#!/usr/bin/env node
'use strict';
// The `holdout` binary: the compiled CLI (npm install runs the build).
const { main } = require('../../out/server/src/cli/main.js');
main(process.argv.slice(2)).then(
  (code) => {
    if (code >= 0) process.exitCode = code;
  },
  (error) => {
    process.stderr.write(`holdout: internal error: ${error && error.stack ? error.stack : error}\n`);
    process.exitCode = 2;
  },
);
