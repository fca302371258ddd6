#!/usr/bin/env node
"use strict";
// Thin launcher: the CLI is compiled from src/cli to dist/cli; the bundled files load with the
// V8 code caches the build wrote beside them (src/cli/code-cache.ts).
const path = require("node:path");
const { installCodeCache } = require("../dist/cli/code-cache.js");

installCodeCache(path.join(__dirname, "..", "dist", "cli"));
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
