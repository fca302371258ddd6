#!/usr/bin/env node
/**
 * Writes the files the build derives from the RGO registry and the built-in packs
 * (src/engine/registry/registry-build-files.ts): the pack-schema validators as plain code and the
 * hashes of the validated built-in packs. Run through `npm run generate:validators`, which compiles
 * before (this script reads dist/) and after (so dist/ holds the new files).
 */
"use strict";
const fs = require("fs");
const path = require("path");
const { registryBuildFiles } = require("../dist/engine/registry/registry-build-files.js");

const ROOT = path.resolve(__dirname, "..");
for (const file of registryBuildFiles()) {
  const target = path.join(ROOT, file.path);
  const old = fs.existsSync(target) ? fs.readFileSync(target, "utf8") : null;
  if (old === file.text) {
    console.log(`${file.path}: up to date`);
    continue;
  }
  const tmp = `${target}.tmp-${process.pid}`;
  fs.writeFileSync(tmp, file.text);
  fs.renameSync(tmp, target);
  console.log(`${file.path}: written (${file.text.length} characters)`);
}
