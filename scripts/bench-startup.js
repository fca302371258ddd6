"use strict";
/**
 * Start-up benchmark (`npm run bench:startup`, issue 14): runs `rgo rules list`, `rgo rules show
 * default` and `rgo analyze <seed folder> --json <file>` as child processes N times each and
 * prints the median wall time and the median CPU time (user + system) of each. Wall time moves
 * with whatever else the machine runs; CPU time is stable under load.
 *
 * With --before <launcher> (e.g. the bin/rgo.js of a build of main), runs both launchers
 * alternately (before, after, before, ...) and prints both medians and the difference.
 *
 * Options: --runs N (5), --cli FILE (bin/rgo.js), --before FILE, --seed DIR (../shared/data/seed)
 *
 * The CPU time of a child is read by the child itself: this file is also loaded into it with
 * `node -r` and then only prints process.cpuUsage() to stderr as the process exits.
 */
const fs = require("node:fs");
const os = require("node:os");
const path = require("node:path");
const { spawnSync } = require("node:child_process");
const { performance } = require("node:perf_hooks");
const { parseArgs } = require("node:util");

const CPU_TAG = "bench-startup-cpu\t";

const SELF = path.join(__dirname, "bench-startup.js");
const ROOT = path.resolve(__dirname, "..");

function fail(message) {
  process.stderr.write(`bench-startup: ${message}\n`);
  process.exit(1);
}

function median(values) {
  const s = [...values].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 === 1 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
}

/** Runs `node <cli> <args>` once: wall time (ms) and the child's own CPU time (ms). */
function runOnce(cli, args) {
  const t0 = performance.now();
  const r = spawnSync(process.execPath, ["-r", SELF, cli, ...args], {
    cwd: ROOT,
    encoding: "utf8",
    maxBuffer: 64 * 1024 * 1024,
  });
  const wallMs = performance.now() - t0;
  if (r.status !== 0) {
    fail(`${path.relative(ROOT, cli)} ${args.join(" ")} exited ${r.status}:\n${r.stderr}`);
  }
  const line = r.stderr.split("\n").find((l) => l.startsWith(CPU_TAG));
  const cpuMs = line === undefined ? NaN : Number(line.slice(CPU_TAG.length));
  return { wallMs, cpuMs };
}

const fmt = (v) => (Number.isFinite(v) ? `${Math.round(v)} ms` : "n/a");

function main() {
  const { values } = parseArgs({
    args: process.argv.slice(2),
    options: {
      runs: { type: "string", default: "5" },
      cli: { type: "string", default: "bin/rgo.js" },
      before: { type: "string" },
      seed: { type: "string", default: path.join(ROOT, "..", "shared", "data", "seed") },
    },
  });
  if (!/^\d+$/.test(values.runs) || Number(values.runs) < 1)
    fail("--runs needs a whole number >= 1");
  const runs = Number(values.runs);
  const launchers = [];
  if (values.before !== undefined)
    launchers.push({ label: "before", cli: path.resolve(values.before) });
  launchers.push({
    label: values.before !== undefined ? "after" : "rgo",
    cli: path.resolve(ROOT, values.cli),
  });
  for (const l of launchers) if (!fs.existsSync(l.cli)) fail(`${l.cli} does not exist`);
  if (!fs.existsSync(path.join(ROOT, "dist", "cli", "main.js")))
    fail('dist/cli/main.js is missing: run "npm run build:cli" first');
  if (!fs.existsSync(values.seed)) fail(`the seed folder ${values.seed} does not exist`);

  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "rgo-bench-startup-"));
  const commands = [
    { name: "rules list", args: ["rules", "list"] },
    { name: "rules show default", args: ["rules", "show", "default"] },
    {
      name: "analyze <seed> --json",
      args: ["analyze", values.seed, "--json", path.join(tmp, "summary.json"), "--quiet"],
    },
  ];
  console.log(
    `rgo start-up: medians of ${runs} run${runs === 1 ? "" : "s"} per command, Node ${process.version}, ${os.cpus().length} cores, load average ${os
      .loadavg()
      .map((v) => v.toFixed(2))
      .join(" ")}`,
  );
  const rows = [];
  for (const command of commands) {
    const samples = new Map(launchers.map((l) => [l.label, []]));
    // Warm the file cache once per launcher, then alternate.
    for (const l of launchers) runOnce(l.cli, command.args);
    for (let i = 0; i < runs; i++) {
      for (const l of launchers) samples.get(l.label).push(runOnce(l.cli, command.args));
    }
    const row = { command: command.name };
    for (const l of launchers) {
      const s = samples.get(l.label);
      row[l.label] = {
        wallMs: median(s.map((x) => x.wallMs)),
        cpuMs: median(s.map((x) => x.cpuMs)),
      };
    }
    rows.push(row);
  }
  fs.rmSync(tmp, { recursive: true, force: true });

  const header = ["command"];
  for (const l of launchers) header.push(`${l.label} wall`, `${l.label} cpu`);
  if (launchers.length === 2) header.push("wall saved", "cpu saved");
  const table = rows.map((row) => {
    const cells = [row.command];
    for (const l of launchers) cells.push(fmt(row[l.label].wallMs), fmt(row[l.label].cpuMs));
    if (launchers.length === 2) {
      cells.push(
        fmt(row.before.wallMs - row.after.wallMs),
        fmt(row.before.cpuMs - row.after.cpuMs),
      );
    }
    return cells;
  });
  const widths = header.map((h, c) => Math.max(h.length, ...table.map((r) => r[c].length)));
  const line = (cells) =>
    cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join("  ");
  console.log(line(header));
  console.log(widths.map((w) => "-".repeat(w)).join("  "));
  for (const r of table) console.log(line(r));
  const list = rows[0][launchers[launchers.length - 1].label];
  console.log(
    `\nrules list: ${fmt(list.wallMs)} wall (target 150 ms on a quiet machine: ${list.wallMs <= 150 ? "PASS" : "OVER"}), ${fmt(list.cpuMs)} CPU`,
  );
}

if (require.main === module) {
  main();
} else {
  // Preloaded into a measured child (`node -r`): report its CPU time when it exits.
  process.on("exit", () => {
    const { user, system } = process.cpuUsage();
    process.stderr.write(`${CPU_TAG}${(user + system) / 1000}\n`);
  });
}
