"use strict";
/**
 * rgo's .xlsx reader against the reader a Python user would reach for (issue 14), for
 * `npm run bench`: reads the same workbook with `scripts/read-timing.js --json` (rgo, dist/) and
 * `scripts/bench-openpyxl-read.py` (openpyxl, read-only mode) alternately, each in its own
 * process, and reports the medians of the in-process read time and of the peak RSS, the ratio
 * rgo / openpyxl, and whether both found the same cells (per sheet: non-empty cells and the sum of
 * the number cells). Needs Debian's python3-openpyxl (/usr/bin/python3); without it, returns a
 * notice instead.
 *
 * Also a command: `node scripts/xlsx-read-ratio.js FILE [--runs N] [--before DIST]`; --before
 * times a second build's reader (e.g. main's dist/) in the same alternation, for before / after.
 */
const fs = require("node:fs");
const path = require("node:path");
const { spawn, spawnSync } = require("node:child_process");
const { parseArgs } = require("node:util");

const PYTHON = "/usr/bin/python3";
const PEER = path.join(__dirname, "bench-openpyxl-read.py");
const TIMING = path.join(__dirname, "read-timing.js");

function openpyxlAvailable() {
  if (!fs.existsSync(PYTHON)) return false;
  return spawnSync(PYTHON, ["-c", "import openpyxl"], { stdio: "ignore" }).status === 0;
}

/** Runs a command, resolving its last stdout line as JSON (or an error). */
function jsonRun(command, args) {
  return new Promise((resolve) => {
    const child = spawn(command, args, { stdio: ["ignore", "pipe", "pipe"] });
    let out = "";
    let err = "";
    child.stdout.setEncoding("utf8").on("data", (d) => (out += d));
    child.stderr.setEncoding("utf8").on("data", (d) => (err += d));
    child.on("error", (e) => resolve({ error: e.message }));
    child.on("close", (code) => {
      if (code !== 0) return resolve({ error: `exit ${code}: ${err.trim().split("\n").pop()}` });
      try {
        resolve({ value: JSON.parse(out.trim().split("\n").pop()) });
      } catch {
        resolve({ error: `no JSON line in: ${out.slice(0, 200)}` });
      }
    });
  });
}

function median(values) {
  const s = [...values].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 === 1 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
}

/** Sheets whose cell counts or number sums differ (sums to 1e-9 relative: addition order). */
function differences(rgo, peer) {
  const out = [];
  const byName = new Map(peer.sheets.map((s) => [s.name, s]));
  for (const t of rgo.tables) {
    const p = byName.get(t.name);
    if (p === undefined) out.push(`${t.name}: not read by openpyxl`);
    else if (p.cells !== t.cells) out.push(`${t.name}: ${t.cells} cells vs ${p.cells}`);
    else if (Math.abs(p.numberSum - t.numberSum) > 1e-9 * Math.max(1, Math.abs(p.numberSum)))
      out.push(`${t.name}: number sum ${t.numberSum} vs ${p.numberSum}`);
  }
  return out;
}

/**
 * { rgo: {ms, cpuMs, peakRssBytes}, peer: {ms, peakRssBytes}, before?, ratio, same, diff } as
 * medians of `runs` alternating runs; { skipped } without openpyxl; { failed } when a run fails.
 */
async function xlsxReadRatio({ file, runs = 3, before }) {
  if (!openpyxlAvailable())
    return {
      skipped:
        "skipped: Debian's python3-openpyxl is not installed (apt-get install python3-openpyxl)",
    };
  const rgo = [];
  const peer = [];
  const old = [];
  let same = true;
  let diff = [];
  for (let i = 0; i < runs; i++) {
    const r = await jsonRun(process.execPath, [TIMING, file, "--json"]);
    if (r.error) return { failed: `rgo: ${r.error}` };
    rgo.push(r.value);
    if (before !== undefined) {
      const b = await jsonRun(process.execPath, [TIMING, file, "--json", "--dist", before]);
      if (b.error) return { failed: `before: ${b.error}` };
      old.push(b.value);
    }
    const p = await jsonRun(PYTHON, [PEER, file]);
    if (p.error) return { failed: `openpyxl: ${p.error}` };
    peer.push({ ms: p.value.seconds * 1000, peakRssBytes: p.value.peakRssBytes, ...p.value });
    diff = differences(r.value, p.value);
    if (diff.length > 0) same = false;
  }
  const med = (xs, k) => median(xs.map((x) => x[k]));
  const result = {
    rgo: { ms: med(rgo, "ms"), cpuMs: med(rgo, "cpuMs"), peakRssBytes: med(rgo, "peakRssBytes") },
    peer: { ms: med(peer, "ms"), peakRssBytes: med(peer, "peakRssBytes") },
    same,
    diff,
  };
  if (old.length > 0)
    result.before = {
      ms: med(old, "ms"),
      cpuMs: med(old, "cpuMs"),
      peakRssBytes: med(old, "peakRssBytes"),
    };
  result.ratio = result.rgo.ms / result.peer.ms;
  return result;
}

module.exports = { xlsxReadRatio };

if (require.main === module) {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: { runs: { type: "string", default: "3" }, before: { type: "string" } },
  });
  const s = (ms) => `${(ms / 1000).toFixed(2)} s`;
  const mb = (b) => `${(b / 1024 ** 2).toFixed(0)} MB`;
  xlsxReadRatio({ file: positionals[0], runs: Number(values.runs), before: values.before }).then(
    (r) => {
      if (r.skipped || r.failed) return console.log(r.skipped ?? `FAILED: ${r.failed}`);
      if (r.before)
        console.log(
          `before  read ${s(r.before.ms)} (cpu ${s(r.before.cpuMs)}), peak ${mb(r.before.peakRssBytes)}`,
        );
      console.log(
        `rgo     read ${s(r.rgo.ms)} (cpu ${s(r.rgo.cpuMs)}), peak ${mb(r.rgo.peakRssBytes)}`,
      );
      console.log(`openpyxl read ${s(r.peer.ms)}, peak ${mb(r.peer.peakRssBytes)}`);
      console.log(
        `rgo / openpyxl ${r.ratio.toFixed(3)}x; same cells: ${r.same ? "yes" : `NO (${r.diff.join("; ")})`}`,
      );
    },
  );
}
