#!/usr/bin/env node
"use strict";
// Thin launcher: the CLI is compiled from src/cli to dist/cli.
const path = require("node:path");
try {
  // V8's code cache for the bundled CLI (dist/cli/compile-cache.js; RGO_COMPILE_CACHE=0: off).
  require("../dist/cli/compile-cache.js").enableCompileCache(path.join(__dirname, "..", "dist"));
} catch {
  // Start without the cache (e.g. a build older than the cache).
}
const { main } = require("../dist/cli/main.js");
main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (err) => {
    process.stderr.write(`rgo: internal error: ${err && err.stack ? err.stack : String(err)}\n`);
    process.exitCode = 1;
  },
);
