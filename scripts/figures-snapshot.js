"use strict";
/**
 * Figures snapshot: every figure a user sees, in one canonical folder, so that a restructuring can
 * prove it changed none of them. `node scripts/figures-snapshot.js <out-dir> [--quick]` runs the
 * compiled CLI (dist/, run "npm run build:cli" first) on:
 *
 *   - the seed data with seed-tier2, seed-v2 and default (summary JSON + every RGO sheet),
 *   - the CDNOW purchase log with default (summary JSON + every RGO sheet),
 *   - a generated sample workbook (`rgo sample`, every sheet), analysed with default,
 *   - `bench:quality --json` (skipped with --quick),
 *
 * and writes one JSON file per case: each sheet's cells (value and number format, row by row),
 * its Excel tables and merged ranges, and the summary JSON. Compare two snapshots with
 * `node scripts/figures-snapshot.js --compare <before-dir> <after-dir>` (exit 1 and the first
 * differences when they differ).
 *
 * Typical use: on the commit before a change, `npm run build:cli && node scripts/figures-snapshot.js
 * /tmp/before`; after it, the same into /tmp/after, then --compare.
 */
const fs = require("node:fs");
const os = require("node:os");
const path = require("node:path");
const { execFileSync } = require("node:child_process");
const ExcelJS = require("exceljs");

const ROOT = path.resolve(__dirname, "..");
const SHARED = path.resolve(ROOT, "..", "shared", "data");
const RGO = path.join(ROOT, "bin", "rgo.js");
const STARTED = Date.now();

function fail(message) {
  process.stderr.write(`figures-snapshot: ${message}\n`);
  process.exit(2);
}

function cellJson(cell) {
  const v = cell.value;
  if (v === null || v === undefined) return null;
  if (v instanceof Date) {
    // The run's own timestamp is not a figure.
    const runTime = Math.abs(v.getTime() - STARTED) < 6 * 3600 * 1000;
    return { date: runTime ? "<run time>" : v.toISOString(), fmt: cell.numFmt ?? null };
  }
  if (typeof v === "object")
    return { value: JSON.parse(JSON.stringify(v)), fmt: cell.numFmt ?? null };
  return { value: v, fmt: cell.numFmt ?? null };
}

async function workbookJson(file) {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(file);
  const sheets = [];
  wb.eachSheet((ws) => {
    const rows = [];
    ws.eachRow({ includeEmpty: false }, (row, rowNumber) => {
      const cells = [];
      row.eachCell({ includeEmpty: false }, (cell, col) => cells.push([col, cellJson(cell)]));
      rows.push([rowNumber, cells]);
    });
    const tables = Object.values(ws.tables ?? {}).map((t) => {
      const table = t.table ?? t;
      return {
        name: table.name,
        ref: table.tableRef ?? table.ref,
        columns: (table.columns ?? []).map((c) => c.name),
      };
    });
    sheets.push({ name: ws.name, rows, tables, merges: Object.keys(ws._merges ?? {}).sort() });
  });
  return sheets;
}

function runCli(args) {
  execFileSync(process.execPath, [RGO, ...args], {
    stdio: ["ignore", "ignore", "pipe"],
    maxBuffer: 1 << 26,
  });
}

async function analyzeCase(outDir, name, input, pack, tmp) {
  const xlsx = path.join(tmp, `${name}.xlsx`);
  const json = path.join(tmp, `${name}.json`);
  runCli(["analyze", input, "--rules", pack, "--out", xlsx, "--json", json]);
  const snapshot = {
    summary: JSON.parse(fs.readFileSync(json, "utf8")),
    sheets: await workbookJson(xlsx),
  };
  fs.writeFileSync(path.join(outDir, `${name}.json`), JSON.stringify(snapshot, null, 1));
  process.stdout.write(`  ${name}\n`);
}

async function snapshot(outDir, quick) {
  fs.mkdirSync(outDir, { recursive: true });
  // A fixed work folder: the input path is printed on RGO Summary.
  const tmp = path.join(os.tmpdir(), "rgo-figures-work");
  fs.rmSync(tmp, { recursive: true, force: true });
  fs.mkdirSync(tmp);
  try {
    const seed = path.join(SHARED, "seed");
    for (const pack of ["seed-tier2", "seed-v2", "default"]) {
      await analyzeCase(outDir, `seed-${pack}`, seed, pack, tmp);
    }
    await analyzeCase(outDir, "cdnow-default", path.join(SHARED, "real", "cdnow"), "default", tmp);
    const sample = path.join(tmp, "sample.xlsx");
    runCli(["sample", "--customers", "300", "--weeks", "26", "--seed", "5", "--out", sample]);
    fs.writeFileSync(
      path.join(outDir, "sample-book.json"),
      JSON.stringify(await workbookJson(sample), null, 1),
    );
    await analyzeCase(outDir, "sample-default", sample, "default", tmp);
    if (!quick) {
      const qjson = path.join(tmp, "quality.json");
      execFileSync(
        process.execPath,
        [path.join(ROOT, "scripts", "bench-quality.js"), "--json", qjson],
        {
          stdio: ["ignore", "ignore", "inherit"],
        },
      );
      const quality = JSON.parse(fs.readFileSync(qjson, "utf8"));
      fs.writeFileSync(
        path.join(outDir, "bench-quality.json"),
        JSON.stringify(stripTimings(quality), null, 1),
      );
      process.stdout.write("  bench-quality\n");
    }
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true });
  }
}

/** Wall-clock figures are not results: drop keys that name a time. */
function stripTimings(value) {
  if (Array.isArray(value)) return value.map(stripTimings);
  if (value && typeof value === "object") {
    return Object.fromEntries(
      Object.entries(value)
        .filter(([k]) => !/(^|[a-z])(seconds|ms|millis|elapsed|timings?)$/i.test(k))
        .map(([k, v]) => [k, stripTimings(v)]),
    );
  }
  return value;
}

function compare(beforeDir, afterDir) {
  const names = new Set([...fs.readdirSync(beforeDir), ...fs.readdirSync(afterDir)]);
  let differences = 0;
  for (const name of [...names].sort()) {
    const a = path.join(beforeDir, name);
    const b = path.join(afterDir, name);
    if (!fs.existsSync(a) || !fs.existsSync(b)) {
      process.stdout.write(`${name}: only in ${fs.existsSync(a) ? "before" : "after"}\n`);
      differences++;
      continue;
    }
    const left = fs.readFileSync(a, "utf8").split("\n");
    const right = fs.readFileSync(b, "utf8").split("\n");
    const shown = [];
    for (let i = 0; i < Math.max(left.length, right.length) && shown.length < 10; i++) {
      if (left[i] !== right[i]) shown.push(`  line ${i + 1}:\n    - ${left[i]}\n    + ${right[i]}`);
    }
    if (shown.length > 0) {
      differences++;
      process.stdout.write(`${name} differs:\n${shown.join("\n")}\n`);
    } else {
      process.stdout.write(`${name}: identical\n`);
    }
  }
  process.stdout.write(
    differences === 0 ? "All figures identical.\n" : `${differences} file(s) differ.\n`,
  );
  process.exit(differences === 0 ? 0 : 1);
}

const args = process.argv.slice(2);
if (args[0] === "--compare") {
  if (args.length !== 3) fail("usage: figures-snapshot.js --compare <before-dir> <after-dir>");
  compare(args[1], args[2]);
} else {
  const out = args.find((a) => !a.startsWith("--"));
  if (!out) fail("usage: figures-snapshot.js <out-dir> [--quick]");
  if (!fs.existsSync(path.join(ROOT, "dist", "cli", "main.js")))
    fail('run "npm run build:cli" first');
  snapshot(path.resolve(out), args.includes("--quick")).catch((e) => fail(e.stack ?? String(e)));
}
