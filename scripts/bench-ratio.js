"use strict";
/**
 * Whole-process timings of `rgo analyze <csv> --rules <pack> --json` against the pandas peer
 * (scripts/bench-pandas.py) and, with --before, against another build of rgo (issue 14's closing
 * figures): runs alternate (rgo, [before,] pandas, rgo, ...), each timed as wall time and, where
 * /usr/bin/time exists, as CPU time (user + system), which the load of other processes on a shared
 * machine disturbs far less. Prints the medians, rgo / pandas, and whether the JSON summaries
 * agree (before and after: the whole summary but its run time; rgo and pandas: input, summary
 * and topGaps, seed-tier2 only). Run `npm run bench` first: it writes bench-out/csv.
 *
 * Options: --csv DIR (bench-out/csv), --runs N (3), --packs a,b (seed-tier2,default),
 *          --before FILE (bin/rgo.js of another build), --out-dir DIR (bench-out)
 */
const fs = require("node:fs");
const path = require("node:path");
const { spawn } = require("node:child_process");
const { performance } = require("node:perf_hooks");
const { parseArgs, isDeepStrictEqual } = require("node:util");
const {
  pandasAvailable,
  comparable,
  differences,
  median,
  PYTHON,
  SCRIPT,
} = require("./pandas-ratio");

const ROOT = path.resolve(__dirname, "..");
const TIME = "/usr/bin/time";

/** Runs a command to its end: exit code, wall ms, CPU ms (user + system; undefined without /usr/bin/time). */
function timed(command, args, outDir) {
  const useTime = fs.existsSync(TIME);
  const cpuFile = path.join(outDir, "bench-ratio-cpu.txt");
  const [cmd, argv] = useTime
    ? [TIME, ["-f", "%U %S", "-o", cpuFile, command, ...args]]
    : [command, args];
  return new Promise((resolve) => {
    const t0 = performance.now();
    const child = spawn(cmd, argv, { cwd: ROOT, stdio: ["ignore", "ignore", "pipe"] });
    let stderr = "";
    child.stderr.setEncoding("utf8").on("data", (d) => (stderr += d));
    child.on("error", (err) => resolve({ code: -1, wallMs: 0, stderr: err.message }));
    child.on("close", (code) => {
      const wallMs = performance.now() - t0;
      let cpuMs;
      if (useTime) {
        const m = /([\d.]+) ([\d.]+)\s*$/.exec(fs.readFileSync(cpuFile, "utf8"));
        if (m) cpuMs = (Number(m[1]) + Number(m[2])) * 1000;
      }
      resolve({ code: code ?? -1, wallMs, cpuMs, stderr });
    });
  });
}

/** The summary JSON without its run time (two runs of the same build differ only there). */
function summaryOf(file) {
  return JSON.parse(fs.readFileSync(file, "utf8"), (k, v) => (k === "runAt" ? undefined : v));
}

const fmt = (v) => (v === undefined ? "n/a" : `${Math.round(v)} ms`);

async function main() {
  const { values } = parseArgs({
    args: process.argv.slice(2),
    options: {
      csv: { type: "string", default: "bench-out/csv" },
      runs: { type: "string", default: "3" },
      packs: { type: "string", default: "seed-tier2,default" },
      before: { type: "string" },
      "out-dir": { type: "string", default: "bench-out" },
    },
  });
  const csv = path.resolve(ROOT, values.csv);
  const outDir = path.resolve(ROOT, values["out-dir"]);
  const runs = Number(values.runs);
  const packs = values.packs.split(",").filter((p) => p !== "");
  if (!fs.existsSync(csv)) throw new Error(`${csv} is missing: run "npm run bench" first`);
  if (!(runs >= 1)) throw new Error("--runs needs a whole number >= 1");
  fs.mkdirSync(outDir, { recursive: true });
  const builds = [{ label: "rgo", cli: path.join(ROOT, "bin", "rgo.js") }];
  if (values.before !== undefined)
    builds.push({ label: "rgo before", cli: path.resolve(values.before) });
  const pandas = pandasAvailable();
  if (!pandas)
    console.log(`pandas skipped: ${PYTHON} has no pandas (Debian: apt-get install python3-pandas)`);

  const times = new Map(); // key -> [{ wallMs, cpuMs }]
  const record = (key, r) => {
    if (r.code !== 0) throw new Error(`${key} exited ${r.code}: ${r.stderr.trim()}`);
    times.set(key, [...(times.get(key) ?? []), r]);
  };
  const jsonOf = (build, pack) =>
    path.join(outDir, `ratio-${build.label.replace(/ /g, "-")}-${pack}.json`);
  const pandasJson = path.join(outDir, "ratio-pandas-seed-tier2.json");
  for (let i = 0; i < runs; i++) {
    for (const pack of packs) {
      for (const b of builds) {
        const args = [b.cli, "analyze", csv, "--rules", pack, "--json", jsonOf(b, pack), "--quiet"];
        record(`${b.label}\t${pack}`, await timed(process.execPath, args, outDir));
      }
      if (pack === "seed-tier2" && pandas)
        record(
          "pandas\tseed-tier2",
          await timed(PYTHON, [SCRIPT, csv, "--json", pandasJson], outDir),
        );
    }
  }

  const pandasRuns = times.get("pandas\tseed-tier2");
  const pandasWall = pandasRuns ? median(pandasRuns.map((r) => r.wallMs)) : undefined;
  const pandasCpu = pandasRuns?.every((r) => r.cpuMs !== undefined)
    ? median(pandasRuns.map((r) => r.cpuMs))
    : undefined;
  console.log(
    `Whole process, ${path.relative(ROOT, csv) || csv}, medians of ${runs} alternating runs (--json only)`,
  );
  const rows = [["", "pack", "wall", "cpu", "wall / pandas", "cpu / pandas"]];
  for (const [key, rs] of times) {
    const [label, pack] = key.split("\t");
    const wall = median(rs.map((r) => r.wallMs));
    const cpu = rs.every((r) => r.cpuMs !== undefined) ? median(rs.map((r) => r.cpuMs)) : undefined;
    rows.push([
      label,
      pack,
      fmt(wall),
      fmt(cpu),
      pandasWall && label !== "pandas" ? `${(wall / pandasWall).toFixed(2)}x` : "",
      pandasCpu && cpu && label !== "pandas" ? `${(cpu / pandasCpu).toFixed(2)}x` : "",
    ]);
  }
  const widths = rows[0].map((_, c) => Math.max(...rows.map((r) => r[c].length)));
  for (const r of rows)
    console.log(
      r.map((cell, c) => (c < 2 ? cell.padEnd(widths[c]) : cell.padStart(widths[c]))).join("  "),
    );

  for (const pack of packs) {
    if (builds.length === 2) {
      const same = isDeepStrictEqual(
        summaryOf(jsonOf(builds[0], pack)),
        summaryOf(jsonOf(builds[1], pack)),
      );
      console.log(
        `${pack}: rgo and rgo before give ${same ? "the same summary" : "DIFFERENT summaries"}`,
      );
    }
    if (pack === "seed-tier2" && pandas) {
      const diff = differences(comparable(jsonOf(builds[0], pack)), comparable(pandasJson));
      console.log(
        `seed-tier2: rgo and pandas ${diff.length === 0 ? "agree" : `DIFFER (${diff.join(", ")})`}`,
      );
    }
  }
  console.log(
    `load average ${require("node:os")
      .loadavg()
      .map((v) => v.toFixed(1))
      .join(" ")}`,
  );
}

main().catch((err) => {
  process.stderr.write(`bench-ratio: ${err && err.stack ? err.stack : String(err)}\n`);
  process.exitCode = 1;
});
