"use strict";
/**
 * Writes the bundled CLI's V8 code caches (src/cli/code-cache.ts), run by scripts/bundle-cli.js
 * after bundling: the CLI runs here, in this process, on a small deterministic sample (the work
 * of `rgo analyze` with and without a results workbook, and `rgo rules list`), then each bundled
 * file it loaded gets `<file>.v8cache` beside it, with the functions that work compiled. Nothing
 * here is needed for the CLI to work: without the caches it compiles from source, as before.
 *
 * Usage: node scripts/train-code-cache.js [distDir] (default dist/).
 */
const fs = require("node:fs");
const os = require("node:os");
const path = require("node:path");

const DIST = path.resolve(process.argv[2] ?? path.join(__dirname, "..", "dist"));
const CLI = path.join(DIST, "cli");
const { recordCodeCache } = require(path.join(CLI, "code-cache.js"));

async function train() {
  const write = recordCodeCache(CLI);
  const { main } = require(path.join(CLI, "main.js"));
  const work = fs.mkdtempSync(path.join(os.tmpdir(), "rgo-code-cache-"));
  const lines = [];
  const io = { out: (t) => lines.push(t), err: (t) => lines.push(t) };
  const sample = path.join(work, "sample");
  const runs = [
    ["sample", "--customers", "400", "--weeks", "52", "--seed", "7", "--out", sample],
    ["analyze", sample, "--rules", "seed-tier2", "--json", path.join(work, "a.json"), "--quiet"],
    ["analyze", sample, "--rules", "default", "--json", path.join(work, "b.json"), "--quiet"],
    ["analyze", sample, "--rules", "seed-tier2", "--out", path.join(work, "c.xlsx"), "--quiet"],
    ["rules", "list"],
  ];
  try {
    for (const argv of runs) {
      const code = await main(argv, io);
      if (code !== 0) throw new Error(`rgo ${argv.join(" ")} exited ${code}:\n${lines.join("")}`);
    }
  } finally {
    fs.rmSync(work, { recursive: true, force: true });
  }
  const written = write();
  process.stdout.write(
    `train-code-cache: ${written.length} code caches in ${path.relative(process.cwd(), CLI) || "."}\n`,
  );
}

train().catch((e) => {
  process.stderr.write(`train-code-cache: ${e && e.stack ? e.stack : String(e)}\n`);
  process.exit(1);
});
