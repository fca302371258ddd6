"use strict";
/**
 * rgo against its pandas peer (issue 14), for `npm run bench`: on a CSV folder, runs the whole
 * process of `rgo analyze <folder> --rules seed-tier2 --json` and of `scripts/bench-pandas.py
 * <folder> --json` alternately (rgo, pandas, rgo, ...), compares their `input`, `summary` and
 * `topGaps`, and reports the medians and the ratio rgo / pandas (issue 14's target: at most 0.5).
 * Needs Debian's python3-pandas (/usr/bin/python3); without it, returns a notice instead.
 */
const fs = require("node:fs");
const path = require("node:path");
const { spawn, spawnSync } = require("node:child_process");
const { performance } = require("node:perf_hooks");
const { isDeepStrictEqual } = require("node:util");

const PYTHON = "/usr/bin/python3";
const SCRIPT = path.join(__dirname, "bench-pandas.py");
const ROOT = path.resolve(__dirname, "..");

/** Whether Debian's python3 can import pandas. */
function pandasAvailable() {
  if (!fs.existsSync(PYTHON)) return false;
  return spawnSync(PYTHON, ["-c", "import pandas"], { stdio: "ignore" }).status === 0;
}

/** Runs a process to its end: exit code, wall time (ms) and stderr. */
function timedRun(command, args) {
  return new Promise((resolve) => {
    const t0 = performance.now();
    const child = spawn(command, args, { cwd: ROOT, stdio: ["ignore", "ignore", "pipe"] });
    let stderr = "";
    child.stderr.setEncoding("utf8").on("data", (d) => (stderr += d));
    child.on("error", (err) =>
      resolve({ code: -1, wallMs: performance.now() - t0, stderr: err.message }),
    );
    child.on("close", (code) =>
      resolve({ code: code ?? -1, wallMs: performance.now() - t0, stderr }),
    );
  });
}

function median(values) {
  const s = [...values].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 === 1 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
}

/** The blocks both print, for comparison. */
function comparable(file) {
  const j = JSON.parse(fs.readFileSync(file, "utf8"));
  return { input: j.input, summary: j.summary, topGaps: j.topGaps };
}

/** The keys of `summary` whose values differ (or "input" / "topGaps"). */
function differences(a, b) {
  const out = [];
  if (!isDeepStrictEqual(a.input, b.input)) out.push("input");
  const keys = new Set([...Object.keys(a.summary ?? {}), ...Object.keys(b.summary ?? {})]);
  for (const k of keys)
    if (!isDeepStrictEqual(a.summary?.[k], b.summary?.[k])) out.push(`summary.${k}`);
  if (!isDeepStrictEqual(a.topGaps, b.topGaps)) out.push("topGaps");
  return out;
}

/** Whether Debian's python3 can import openpyxl (the pandas peer's --out). */
function openpyxlAvailable() {
  return spawnSync(PYTHON, ["-c", "import openpyxl"], { stdio: "ignore" }).status === 0;
}

/**
 * Measures rgo (launcher `cli`) against the pandas peer on `csvDir`, `runs` alternating runs each,
 * writing the two summaries into `outDir`. With `out`, both also write their results workbook
 * (rgo's --out; the peer's openpyxl write-only workbook), each run a fresh file (an existing rgo
 * --out would be read as the previous results). Returns { skipped } or the medians, ratio and
 * whether the answers are the same (and which figures differ when not).
 */
async function pandasRatio({ cli, csvDir, outDir, runs = 3, out = false }) {
  if (!pandasAvailable()) {
    return {
      skipped: `rgo vs pandas skipped: ${PYTHON} has no pandas (Debian: apt-get install python3-pandas)`,
    };
  }
  if (out && !openpyxlAvailable()) {
    return {
      skipped: `rgo vs pandas --out skipped: ${PYTHON} has no openpyxl (Debian: apt-get install python3-openpyxl)`,
    };
  }
  const rgoJson = path.join(outDir, "seed-tier2-rgo-summary.json");
  const pandasJson = path.join(outDir, "seed-tier2-pandas-summary.json");
  const rgoXlsx = path.join(outDir, "seed-tier2-rgo-results.xlsx");
  const pandasXlsx = path.join(outDir, "seed-tier2-pandas-results.xlsx");
  const rgo = [];
  const pandas = [];
  for (let i = 0; i < runs; i++) {
    if (out) fs.rmSync(rgoXlsx, { force: true });
    const a = await timedRun(process.execPath, [
      cli,
      ...["analyze", csvDir, "--rules", "seed-tier2", "--json", rgoJson, "--quiet"],
      ...(out ? ["--out", rgoXlsx] : []),
    ]);
    if (a.code !== 0) return { failed: `rgo exited ${a.code}: ${a.stderr.trim()}` };
    rgo.push(a.wallMs);
    const b = await timedRun(PYTHON, [
      SCRIPT,
      csvDir,
      "--json",
      pandasJson,
      ...(out ? ["--out", pandasXlsx] : []),
    ]);
    if (b.code !== 0) return { failed: `bench-pandas.py exited ${b.code}: ${b.stderr.trim()}` };
    pandas.push(b.wallMs);
  }
  const diff = differences(comparable(rgoJson), comparable(pandasJson));
  const rgoMs = median(rgo);
  const pandasMs = median(pandas);
  return { runs, rgoMs, pandasMs, ratio: rgoMs / pandasMs, same: diff.length === 0, diff };
}

module.exports = { pandasRatio, pandasAvailable, comparable, differences, median, PYTHON, SCRIPT };
