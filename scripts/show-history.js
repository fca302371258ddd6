"use strict";
/**
 * Prints customers' weekly spend history next to the windows the rule pack judged them on, so a
 * reader can check a flagged gap by eye: `node scripts/show-history.js <input> [options]`.
 *
 *   <input>            an .xlsx file or a folder of CSV files (as `rgo analyze`)
 *   --customer A,B     these customers (default: the top gaps)
 *   --top N            the N best-ranked gap customers (default 5 when --customer is not given)
 *   --rules R          rule pack: preset name or JSON file (default "default")
 *   --full             one line per week instead of the compact list of purchase weeks
 *   --dist DIR         compiled code (default dist/; run "npm run build:cli" first)
 *
 * Compact form: the purchase weeks (week number, week start, spend) grouped into the weeks before
 * the baseline window, the BASELINE window and the CURRENT window; weeks not listed had no spend.
 */
const fs = require("node:fs");
const path = require("node:path");
const { parseArgs } = require("node:util");

const ROOT = path.resolve(__dirname, "..");

function fail(message) {
  process.stderr.write(`show-history: ${message}\n`);
  process.exit(2);
}

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    customer: { type: "string" },
    top: { type: "string" },
    rules: { type: "string", default: "default" },
    full: { type: "boolean", default: false },
    dist: { type: "string", default: path.join(ROOT, "dist") },
  },
});
if (positionals.length !== 1) fail("usage: show-history.js <input.xlsx | csv-folder> [options]");

function loadDist(rel) {
  const file = path.join(path.resolve(values.dist), rel);
  if (!fs.existsSync(file)) fail(`${file} is missing: run "npm run build:cli" first`);
  return require(file);
}
const { loadPack } = loadDist("cli/load-pack.js");
const { readInput } = loadDist("workbook/read-input.js");
const { runAnalysis } = loadDist("engine/pipeline/run-analysis.js");
const { baselineWindow } = loadDist("engine/metrics/compute-metrics.js");

const money = (x) => `$${Number(x).toFixed(2)}`;
const FACTS = [
  "weeksObserved",
  "purchaseWeeks",
  "baselinePurchaseWeeks",
  "purchaseIntervalWeeks",
  "trailingZeroWeeks",
  "lapseRatio",
  "silenceProbability",
  "expectedAvg",
  "currentAvg",
  "shortfallZ",
  "sharpDropWeeks",
  "lifecycle",
];

async function run() {
  const loaded = await loadPack(values.rules);
  const { dataset, result } = await runAnalysis(await readInput(positionals[0]), loaded, {
    runAt: new Date(),
  });
  const byId = new Map(result.customers.map((c) => [c.customerId, c]));
  let ids;
  if (values.customer) ids = values.customer.split(",").map((s) => s.trim());
  else {
    const top = Number(values.top ?? 5);
    if (!(top >= 1)) fail("--top needs a whole number >= 1");
    ids = [];
    for (const g of result.gaps) {
      if (!ids.includes(g.customerId)) ids.push(g.customerId);
      if (ids.length >= top) break;
    }
  }
  const W = dataset.sales.weeks;
  const w = result.parameters.windows;
  const index = new Map(dataset.customers.ids.map((id, i) => [id, i]));
  const out = [];
  for (const id of ids) {
    const c = index.get(id);
    const r = byId.get(id);
    if (c === undefined || r === undefined) {
      out.push(`customer ${id}: not in the data\n`);
      continue;
    }
    const first = dataset.customers.firstWeek[c];
    const n = first < 0 ? 0 : W - first;
    const [b0, b1] = baselineWindow(n, w);
    const base = [first + b0, first + b1]; // calendar weeks, half-open
    const cur = [Math.max(first, W - w.currentWeeks), W];
    const facts = FACTS.filter((f) => f in r.facts)
      .map((f) => `${f} ${r.facts[f]}`)
      .join(", ");
    out.push(
      `customer ${id}  rank ${r.bestRank || "-"}  gaps ${r.gapCount}  cause ${r.rootCause ?? "-"}  ` +
        `revenue at risk ${money(r.revenueAtRisk)}/week  churn ${r.churnListed ? "listed" : "no"}\n`,
    );
    out.push(`  ${facts}\n`);
    const label = (week) => `wk${week + 1} ${dataset.calendar.labels[week]}`;
    const spendAt = (week) => dataset.sales.spendCents[c * W + week] / 100;
    const part = (week) =>
      week >= cur[0] ? "CURRENT" : week >= base[0] && week < base[1] ? "BASELINE" : "before";
    if (values.full) {
      for (let week = Math.max(0, first); week < W; week++)
        out.push(`  ${part(week).padEnd(8)} ${label(week)}  ${money(spendAt(week))}\n`);
      continue;
    }
    const groups = [
      ["before", Math.max(0, first), base[0]],
      ["BASELINE", base[0], base[1]],
      ["CURRENT", cur[0], W],
    ];
    for (const [name, from, to] of groups) {
      if (to <= from && name === "before") continue;
      const buys = [];
      for (let week = from; week < to; week++)
        if (spendAt(week) !== 0) buys.push(`wk${week + 1} ${money(spendAt(week))}`);
      const span =
        to > from ? `wk${from + 1}-${to} (${dataset.calendar.labels[from]}..)` : "(none)";
      out.push(
        `  ${name.padEnd(8)} ${span.padEnd(28)} ${buys.length ? buys.join(", ") : "no spend"}\n`,
      );
    }
  }
  process.stdout.write(out.join(""));
}

run().catch((err) => {
  process.stderr.write(`show-history: ${err && err.message ? err.message : String(err)}\n`);
  process.exit(err && (err.kind === "input" || err.kind === "rules") ? 2 : 1);
});
