"use strict";
/**
 * Benchmark (`npm run bench`): generates a large deterministic sample (default 20,000 customers x
 * 52 weeks), writes it as a CSV folder and as an .xlsx under bench-out/, runs `rgo analyze
 * --timings` on each as a child process and prints per-stage times, wall time, peak RSS and the
 * targets (PASS / OVER), then rgo against the pandas peer scripts/bench-pandas.py on the CSV
 * (scripts/pandas-ratio.js; skipped with a notice without python3-pandas). Runs the compiled code
 * in dist/. A benchmark reports figures: it exits 0 unless something crashed.
 *
 * Then, for the .xlsx, rgo's reader alone against openpyxl's read-only reader on the same file
 * (scripts/xlsx-read-ratio.js; skipped with a notice without python3-openpyxl, or --skip-openpyxl).
 *
 * Options: --customers N (20000), --weeks W (52), --seed S (1), --skip-xlsx, --skip-csv,
 *          --skip-openpyxl, --out-dir DIR (bench-out), --cli FILE (bin/rgo.js: the launcher to run)
 */
const fs = require("node:fs");
const path = require("node:path");
const { spawn } = require("node:child_process");
const { performance } = require("node:perf_hooks");
const { setInterval, clearInterval } = require("node:timers");
const { parseArgs } = require("node:util");
const { pandasRatio } = require("./pandas-ratio");
const { xlsxReadRatio } = require("./xlsx-read-ratio");

const ROOT = path.resolve(__dirname, "..");
const TARGETS = {
  engineMs: 1500,
  writeResultsMs: 1500,
  csvTotalMs: 10_000,
  xlsxTotalMs: 60_000,
  peakRssBytes: 2 * 1024 ** 3,
};

function fail(message) {
  process.stderr.write(`bench: ${message}\n`);
  process.exit(1);
}

function loadDist(rel) {
  const file = path.join(ROOT, "dist", rel);
  if (!fs.existsSync(file))
    fail(`${path.relative(ROOT, file)} is missing: run "npm run build:cli" first`);
  return require(file);
}

function wholeNumber(flag, text) {
  if (!/^\d+$/.test(text) || Number(text) < 1)
    fail(`${flag} needs a whole number >= 1, got "${text}"`);
  return Number(text);
}

const ms = (t0) => performance.now() - t0;
const fmtMs = (v) =>
  v === undefined ? "n/a" : v >= 10_000 ? `${(v / 1000).toFixed(1)} s` : `${Math.round(v)} ms`;
const fmtMb = (bytes) => (bytes === undefined ? "n/a" : `${(bytes / 1024 ** 2).toFixed(0)} MB`);
const fmtSize = (bytes) => (bytes < 1024 ** 2 ? `${(bytes / 1024).toFixed(0)} KB` : fmtMb(bytes));
/** A path as shown: relative to the repository when inside it. */
const show = (p) => {
  const rel = path.relative(ROOT, p);
  return rel && !rel.startsWith("..") && !path.isAbsolute(rel) ? rel : p;
};
const fmtInt = (n) => n.toLocaleString("en-US");

function gc() {
  if (typeof globalThis.gc === "function") globalThis.gc();
}

function sizeOf(target) {
  const st = fs.statSync(target);
  if (!st.isDirectory()) return st.size;
  let total = 0;
  for (const f of fs.readdirSync(target)) total += sizeOf(path.join(target, f));
  return total;
}

/** Peak resident memory of a running process, read from /proc (Linux only; undefined elsewhere). */
function readVmHwm(pid) {
  try {
    const m = /VmHWM:\s+(\d+) kB/.exec(fs.readFileSync(`/proc/${pid}/status`, "utf8"));
    return m ? Number(m[1]) * 1024 : undefined;
  } catch {
    return undefined;
  }
}

/** Parses the CLI's `--timings` lines: `timing\t<stage>\t<ms>` and `peak-rss\t<bytes>`. */
function parseTimings(stderr) {
  const stages = [];
  let total;
  let peakRss;
  for (const line of stderr.split(/\r?\n/)) {
    const parts = line.split("\t");
    if (parts[0] === "timing" && parts.length >= 3) {
      const value = Number(parts[2]);
      if (!Number.isFinite(value)) continue;
      if (parts[1] === "total") total = value;
      else stages.push({ stage: parts[1], ms: value });
    } else if (parts[0] === "peak-rss" && parts.length >= 2 && Number.isFinite(Number(parts[1]))) {
      peakRss = Number(parts[1]);
    }
  }
  return { stages, total, peakRss };
}

/** Runs `node bin/rgo.js <args>`, measuring wall time and polling the child's peak RSS. */
function runCli(cli, args) {
  return new Promise((resolve) => {
    const t0 = performance.now();
    const child = spawn(process.execPath, [cli, ...args], {
      cwd: ROOT,
      stdio: ["ignore", "pipe", "pipe"],
    });
    let stdout = "";
    let stderr = "";
    child.stdout.setEncoding("utf8").on("data", (d) => (stdout += d));
    child.stderr.setEncoding("utf8").on("data", (d) => (stderr += d));
    let polledRss;
    const poll = setInterval(() => {
      const v = readVmHwm(child.pid);
      if (v !== undefined) polledRss = Math.max(polledRss ?? 0, v);
    }, 50);
    child.on("error", (err) => {
      clearInterval(poll);
      resolve({ code: -1, wallMs: ms(t0), stdout, stderr: `${stderr}${err.message}\n`, polledRss });
    });
    child.on("close", (code, signal) => {
      clearInterval(poll);
      resolve({ code: code ?? -1, signal, wallMs: ms(t0), stdout, stderr, polledRss });
    });
  });
}

async function analyzeInput(cli, label, input, outDir) {
  const key = label.toLowerCase();
  const json = path.join(outDir, `${key}-summary.json`);
  const results = path.join(outDir, `${key}-results.xlsx`);
  // A fresh run: an --out file left by an earlier bench would be read as the previous week's
  // results (the weekly loop, about 1.2 s for 20,000 customers) and timed with this run.
  fs.rmSync(results, { force: true });
  const args = [
    "analyze",
    input,
    "--rules",
    "default",
    "--out",
    results,
    "--json",
    json,
    "--timings",
  ];
  console.log(`\nrgo ${args.map((a) => (path.isAbsolute(a) ? show(a) : a)).join(" ")}`);
  const run = await runCli(cli, args);
  const timings = parseTimings(run.stderr);
  if (run.code !== 0) {
    console.log(
      `  FAILED after ${fmtMs(run.wallMs)} (exit ${run.code}${run.signal ? `, ${run.signal}` : ""}):`,
    );
    process.stderr.write(
      run.stderr
        .split("\n")
        .filter((l) => !/^(timing|peak-rss)\t/.test(l))
        .join("\n"),
    );
    return { label, ok: false, code: run.code, signal: run.signal, wallMs: run.wallMs, ...timings };
  }
  let summary;
  try {
    summary = JSON.parse(fs.readFileSync(json, "utf8"));
  } catch {
    summary = undefined;
  }
  const engine = timings.stages.filter((s) => s.stage.startsWith("engine:"));
  const engineMs = engine.length > 0 ? engine.reduce((a, s) => a + s.ms, 0) : undefined;
  const dominant = timings.stages.reduce(
    (best, s) => (best === undefined || s.ms > best.ms ? s : best),
    undefined,
  );
  console.log(`  done in ${fmtMs(run.wallMs)} (exit ${run.code})`);
  return {
    label,
    ok: true,
    wallMs: run.wallMs,
    stages: timings.stages,
    total: timings.total,
    engineMs,
    peakRss: timings.peakRss ?? run.polledRss,
    peakRssSource:
      timings.peakRss !== undefined ? "CLI" : run.polledRss !== undefined ? "polled /proc" : "none",
    dominant,
    summary,
  };
}

function printTable(header, rows) {
  const widths = header.map((h, c) => Math.max(h.length, ...rows.map((r) => String(r[c]).length)));
  const line = (cells) =>
    cells
      .map((cell, c) =>
        c === 0 ? String(cell).padEnd(widths[c]) : String(cell).padStart(widths[c]),
      )
      .join("  ");
  console.log(line(header));
  console.log(widths.map((w) => "-".repeat(w)).join("  "));
  for (const r of rows) console.log(line(r));
}

function verdict(value, limit) {
  if (value === undefined) return "n/a";
  return value <= limit ? "PASS" : "OVER";
}

/**
 * rgo against the pandas peer on the CSV folder (scripts/pandas-ratio.js): seed-tier2, JSON only
 * (target rgo / pandas <= 0.5) and, with `out`, both also writing their results .xlsx (rgo's
 * --out against openpyxl's write-only mode; target <= 1.0).
 */
async function printPandasRatio(cli, csvDir, outDir, out = false) {
  const limit = out ? 1.0 : 0.5;
  console.log(
    `\nrgo vs pandas (seed-tier2, ${out ? "--json and --out results.xlsx (pandas: openpyxl write-only)" : "--json only"}, whole process, medians of 3 alternating runs)`,
  );
  const r = await pandasRatio({ cli, csvDir, outDir, runs: 3, out });
  if (r.skipped) return console.log(`  ${r.skipped}`);
  if (r.failed) return console.log(`  FAILED: ${r.failed}`);
  printTable(
    ["", "rgo", "pandas", "rgo / pandas"],
    [["wall time", fmtMs(r.rgoMs), fmtMs(r.pandasMs), `${r.ratio.toFixed(2)}x`]],
  );
  console.log(
    `  same summary: ${r.same ? "yes" : `NO (${r.diff.join(", ")})`}; target rgo / pandas <= ${limit}: ${r.ratio <= limit ? "PASS" : "OVER"}`,
  );
}

/** rgo's .xlsx reader against openpyxl's (read-only) on the same workbook (xlsx-read-ratio.js). */
async function printXlsxReadRatio(xlsxFile) {
  console.log(
    "\nxlsx read: rgo vs openpyxl read-only (reading only, in-process, medians of 3 alternating runs)",
  );
  const r = await xlsxReadRatio({ file: xlsxFile, runs: 3 });
  if (r.skipped) return console.log(`  ${r.skipped}`);
  if (r.failed) return console.log(`  FAILED: ${r.failed}`);
  printTable(
    ["", "rgo", "openpyxl", "rgo / openpyxl"],
    [
      ["read time", fmtMs(r.rgo.ms), fmtMs(r.peer.ms), `${r.ratio.toFixed(3)}x`],
      ["peak RSS", fmtMb(r.rgo.peakRssBytes), fmtMb(r.peer.peakRssBytes), ""],
    ],
  );
  console.log(
    `  rgo cpu ${fmtMs(r.rgo.cpuMs)}; same cells: ${r.same ? "yes" : `NO (${r.diff.join("; ")})`}; ` +
      `targets read < 3 s: ${r.rgo.ms < 3000 ? "PASS" : "OVER"}, peak < 1 GB: ${r.rgo.peakRssBytes < 1024 ** 3 ? "PASS" : "OVER"}`,
  );
}

async function main() {
  const { values } = parseArgs({
    args: process.argv.slice(2),
    options: {
      customers: { type: "string", default: "20000" },
      weeks: { type: "string", default: "52" },
      seed: { type: "string", default: "1" },
      "skip-xlsx": { type: "boolean", default: false },
      "skip-csv": { type: "boolean", default: false },
      "skip-openpyxl": { type: "boolean", default: false },
      "out-dir": { type: "string", default: "bench-out" },
      cli: { type: "string", default: "bin/rgo.js" },
    },
  });
  const customers = wholeNumber("--customers", values.customers);
  const weeks = wholeNumber("--weeks", values.weeks);
  const seed = Number(values.seed);
  const outDir = path.resolve(ROOT, values["out-dir"]);
  const doCsv = !values["skip-csv"];
  const doXlsx = !values["skip-xlsx"];

  const { generateSample } = loadDist("engine/sample/generate-sample.js");
  const csvWriter = doCsv ? loadDist("workbook/csv-writer.js") : undefined;
  const xlsxWriter = doXlsx ? loadDist("workbook/xlsx-table-writer.js") : undefined;
  const cli = path.resolve(ROOT, values.cli);
  if (!fs.existsSync(path.join(ROOT, "dist", "cli", "main.js")))
    fail('dist/cli/main.js is missing: run "npm run build:cli" first');

  console.log(
    `RGO benchmark: ${fmtInt(customers)} customers x ${weeks} weeks (seed ${seed}), Node ${process.version}`,
  );
  fs.mkdirSync(outDir, { recursive: true });

  let t0 = performance.now();
  let sample = generateSample({ customers, weeks, seed, dense: true });
  const genMs = ms(t0);
  const rowCounts = Object.fromEntries(sample.tables.map((t) => [t.name, t.rows.length]));
  console.log(
    `generate     ${fmtMs(genMs).padStart(8)}  ${sample.tables.map((t) => `${t.name} ${fmtInt(t.rows.length)}`).join(", ")} rows; rss ${fmtMb(process.memoryUsage().rss)}`,
  );

  const csvDir = path.join(outDir, "csv");
  const xlsxFile = path.join(outDir, "sample.xlsx");
  const writes = {};
  if (doCsv) {
    fs.rmSync(csvDir, { recursive: true, force: true });
    t0 = performance.now();
    await csvWriter.writeCsvFolder(sample.tables, csvDir);
    writes.csv = { ms: ms(t0), bytes: sizeOf(csvDir) };
    console.log(
      `write CSV    ${fmtMs(writes.csv.ms).padStart(8)}  ${show(csvDir)}/ ${fmtSize(writes.csv.bytes)}`,
    );
  }
  if (doXlsx) {
    t0 = performance.now();
    await xlsxWriter.writeTablesXlsx(sample.tables, xlsxFile);
    writes.xlsx = { ms: ms(t0), bytes: sizeOf(xlsxFile) };
    console.log(
      `write xlsx   ${fmtMs(writes.xlsx.ms).padStart(8)}  ${show(xlsxFile)} ${fmtSize(writes.xlsx.bytes)}`,
    );
  }
  if (csvWriter) await csvWriter.writeCsvFolder([sample.truth], outDir); // bench-out/truth.csv, not an input
  sample = undefined;
  gc();

  const results = [];
  if (doCsv) results.push(await analyzeInput(cli, "CSV", csvDir, outDir));
  if (doXlsx) results.push(await analyzeInput(cli, "xlsx", xlsxFile, outDir));
  if (results.length === 0) {
    console.log("\nNothing analysed (--skip-csv and --skip-xlsx).");
    return 0;
  }

  console.log(
    `\nInput: ${Object.entries(rowCounts)
      .map(([k, v]) => `${k} ${fmtInt(v)}`)
      .join(", ")} rows`,
  );
  const stageNames = [];
  for (const r of results)
    for (const s of r.stages) if (!stageNames.includes(s.stage)) stageNames.push(s.stage);
  const rows = stageNames.map((name) => [
    name,
    ...results.map((r) => {
      const s = r.stages.find((x) => x.stage === name);
      return s ? fmtMs(s.ms) : "";
    }),
  ]);
  rows.push(["engine stages after parsing", ...results.map((r) => fmtMs(r.engineMs))]);
  rows.push(["CLI total (reported)", ...results.map((r) => fmtMs(r.total))]);
  rows.push(["wall time (measured)", ...results.map((r) => fmtMs(r.wallMs))]);
  rows.push([
    "peak RSS",
    ...results.map((r) => `${fmtMb(r.peakRss)}${r.peakRssSource === "polled /proc" ? "*" : ""}`),
  ]);
  rows.push([
    "dominant stage",
    ...results.map((r) =>
      r.dominant
        ? `${r.dominant.stage} ${Math.round((100 * r.dominant.ms) / (r.total ?? r.wallMs))}%`
        : "n/a",
    ),
  ]);
  console.log("");
  printTable(["stage", ...results.map((r) => (r.ok ? r.label : `${r.label} (FAILED)`))], rows);
  if (results.some((r) => r.peakRssSource === "polled /proc"))
    console.log("* peak RSS polled from /proc (the CLI did not report peak-rss)");

  console.log("\nTargets");
  const checks = [];
  for (const r of results) {
    checks.push([
      `${r.label}: engine stages <= 1.5 s`,
      fmtMs(r.engineMs),
      verdict(r.engineMs, TARGETS.engineMs),
    ]);
    const write = r.stages.find((s) => s.stage === "write results");
    checks.push([
      `${r.label}: write results (.xlsx) <= 1.5 s`,
      fmtMs(write?.ms),
      verdict(write?.ms, TARGETS.writeResultsMs),
    ]);
    const limit = r.label === "CSV" ? TARGETS.csvTotalMs : TARGETS.xlsxTotalMs;
    checks.push([
      `${r.label}: total wall time <= ${limit / 1000} s`,
      fmtMs(r.wallMs),
      r.ok ? verdict(r.wallMs, limit) : "FAILED",
    ]);
    checks.push([
      `${r.label}: peak memory <= 2 GB`,
      fmtMb(r.peakRss),
      verdict(r.peakRss, TARGETS.peakRssBytes),
    ]);
  }
  printTable(["target", "measured", "result"], checks);

  const summaries = results
    .filter((r) => r.summary && r.summary.summary)
    .map((r) => r.summary.summary);
  if (summaries.length > 0) {
    const s = summaries[0];
    console.log(
      `\nResults: ${fmtInt(s.customersWithGaps ?? 0)} customers with gaps, ${fmtInt(s.gapCount ?? 0)} gaps, churn risk ${fmtInt(s.churnRiskCustomers ?? 0)}`,
    );
  }
  if (summaries.length === 2) {
    const same = JSON.stringify(summaries[0]) === JSON.stringify(summaries[1]);
    console.log(`CSV and xlsx summaries ${same ? "agree" : "DIFFER"}`);
  }
  if (doXlsx && !values["skip-openpyxl"]) await printXlsxReadRatio(xlsxFile);
  if (doCsv) {
    await printPandasRatio(cli, csvDir, outDir);
    await printPandasRatio(cli, csvDir, outDir, true);
  }
  console.log(`Files in ${show(outDir)}/`);
  return results.every((r) => r.ok) ? 0 : 1;
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (err) => {
    process.stderr.write(`bench: ${err && err.stack ? err.stack : String(err)}\n`);
    process.exitCode = 1;
  },
);
