"use strict";
/**
 * Real-outcome benchmark (`npm run bench:backtest`, issue 9): `rgo backtest` on the CDNOW purchase
 * log (../shared/data/real/cdnow/cdnow_master.csv as it is) at as-of 1997-09-30 and 1997-12-30,
 * H = 13, for the `default` and `seed-v2` packs through the product's own path (runBacktest: cut
 * the sales at the as-of, runAnalysis, score against the 13 weeks after; priority = RGO Gaps
 * order), next to two anchors computed directly from the raw purchases and the customer model
 * (not packs):
 *
 *   - naive: bought in weeks T-12..T-4 and nothing in the last 4 weeks (ordered by recent spend);
 *   - BG/NBD: the same number of customers with the lowest expected purchases next 13 weeks /
 *     purchase days in the last 13 (the model fitted on the purchases up to the as-of only).
 *
 * Definitions are score-backtest.ts's (the issue's). Runs the compiled code in dist/ (build first:
 * `npm run build:cli`). Options: --data FILE, --as-of 1997-09-30,1997-12-30, --horizon 13,
 * --json FILE (also write the figures).
 */
const fs = require("node:fs");
const path = require("node:path");
const { parseArgs } = require("node:util");

const ROOT = path.resolve(__dirname, "..");
const DIST = path.join(ROOT, "dist");
const { values: opts } = parseArgs({
  options: {
    data: {
      type: "string",
      default: path.resolve(ROOT, "..", "shared", "data", "real", "cdnow", "cdnow_master.csv"),
    },
    "as-of": { type: "string", default: "1997-09-30,1997-12-30" },
    horizon: { type: "string", default: "13" },
    json: { type: "string" },
  },
});
const H = Number(opts.horizon);
const RECENT = 13;

const { runBacktest } = require(path.join(DIST, "engine/backtest/run-backtest.js"));
const { loadPack } = require(path.join(DIST, "cli/load-pack.js"));
const { readInput } = require(path.join(DIST, "workbook/read-input.js"));
const summaryMod = require(path.join(DIST, "engine/model/customer-summary.js"));
const modelMod = require(path.join(DIST, "engine/model/customer-model.js"));
const { dayNumber } = require(path.join(DIST, "engine/model/days.js"));
const { backtestWindows, scoreBacktest } = require(
  path.join(DIST, "engine/backtest/score-backtest.js"),
);

function readTransactions(file) {
  const lines = fs.readFileSync(file, "utf8").split(/\r?\n/);
  const header = lines[0].split(",");
  const id = header.indexOf("customer_id");
  const date = header.indexOf("date");
  const value = header.indexOf("dollar_value");
  const out = [];
  for (let i = 1; i < lines.length; i++) {
    if (!lines[i]) continue;
    const f = lines[i].split(",");
    out.push({ customerId: f[id], date: f[date], amount: Number(f[value]) });
  }
  return out;
}

/** The two anchors at one as-of day: flagged lists with priorities. */
function anchors(transactions, asOf) {
  const before = transactions.filter((t) => t.date <= asOf);
  const summaries = summaryMod.buildCustomerSummaries(before, asOf, { recentWeeks: RECENT });
  const { forecasts } = modelMod.runCustomerModel(summaries, {
    horizonWeeks: H,
    recentWeeks: RECENT,
    intervals: false,
  });
  const byId = new Map(forecasts.map((f) => [f.customerId, f]));
  const daily = summaryMod.dailyTotals(before);
  const end = dayNumber(asOf);
  const recentDays = (id) =>
    (daily.get(id)?.days ?? []).filter((d) => d > end - 7 * RECENT && d <= end).length;
  const naive = summaries
    .filter(
      (s) =>
        s.recentWeekly.slice(9).every((v) => v === 0) &&
        s.recentWeekly.slice(0, 9).some((v) => v > 0),
    )
    .map((s) => ({ customerId: s.customerId, priority: s.recentSpend }));
  const bg = summaries
    .map((s) => ({ s, n: recentDays(s.customerId) }))
    .filter((e) => e.n > 0)
    .map((e) => ({ id: e.s.customerId, v: byId.get(e.s.customerId).expectedPurchasesNext / e.n }))
    .sort((u, v) => u.v - v.v || (u.id < v.id ? -1 : 1))
    .slice(0, naive.length)
    .map((e, i) => ({ customerId: e.id, priority: -i }));
  return { naive, bg };
}

const pct = (x) => (x === null || x === undefined ? "-" : `${(x * 100).toFixed(1)}%`);
const fix = (x, d = 2) => (x === null || x === undefined ? "-" : x.toFixed(d));

function row(name, j) {
  const err =
    j.forecastTotal === null || j.forecastTotal === undefined
      ? "-"
      : `${j.forecastTotal >= j.realisedTotal ? "+" : ""}${pct(j.forecastTotal / j.realisedTotal - 1)}`;
  return `| ${name.padEnd(36)} | ${String(j.flagged).padStart(7)} | ${fix(j.precision, 3)} | ${fix(
    j.lift,
  )} | ${fix(j.recall, 3)} | ${fix(j.top100Precision)} | ${pct(j.lossCoverage).padStart(6)} | ${err.padStart(
    6,
  )} | ${pct(j.intervalCoverage).padStart(6)} |`;
}

async function main() {
  const t0 = Date.now();
  const folder = fs.mkdtempSync(path.join(require("node:os").tmpdir(), "rgo-bench-backtest-"));
  fs.copyFileSync(opts.data, path.join(folder, "sales.csv"));
  const workbook = await readInput(folder);
  const transactions = readTransactions(opts.data);
  const packs = [await loadPack("default"), await loadPack("seed-v2")];
  const figures = [];
  const lines = [
    "| rule                                 | flagged | prec  | lift | recall | top100 | cover  | fcast  | in 80% |",
    "| ------------------------------------ | ------- | ----- | ---- | ------ | ------ | ------ | ------ | ------ |",
  ];
  for (const asOf of opts["as-of"].split(",")) {
    lines.push(
      `| **as of ${asOf}, H = ${H}**        |         |       |      |        |        |        |        |        |`,
    );
    for (const loaded of packs) {
      const out = await runBacktest(workbook, loaded, { asOf, horizonWeeks: H, runAt: new Date() });
      figures.push({ rule: loaded.pack.name, version: loaded.pack.version, ...out.json });
      lines.push(row(`${loaded.pack.name} ${loaded.pack.version}`, out.json));
    }
    const windows = backtestWindows(transactions, asOf, { horizonWeeks: H, recentWeeks: RECENT });
    const a = anchors(transactions, asOf);
    for (const [name, flagged] of [
      ["anchor naive (T-12..T-4, none in 4)", a.naive],
      ["anchor BG/NBD (lowest E[X]/recent)", a.bg],
    ]) {
      const s = scoreBacktest(windows, flagged, [], { horizonWeeks: H, recentWeeks: RECENT });
      const j = {
        asOf,
        horizon: H,
        active: s.active,
        lost: s.lost,
        baseRate: s.baseRate,
        flagged: s.flagged,
        flaggedActive: s.flaggedActive,
        precision: s.precision,
        recall: s.recall,
        lift: s.lift,
        top100Precision: s.topNPrecision,
        lossCoverage: s.lossCoverage,
        forecastTotal: null,
        realisedTotal: null,
        intervalCoverage: null,
        forecastLow: null,
        forecastHigh: null,
        realisedInBand: null,
      };
      figures.push({ rule: name, ...j });
      lines.push(row(name, j));
    }
    const base = figures[figures.length - 1];
    lines.push(
      `| (active ${base.active}, lost ${base.lost}, base rate ${fix(base.baseRate, 3)})${" ".repeat(2)} |         |       |      |        |        |        |        |        |`,
    );
  }
  fs.rmSync(folder, { recursive: true, force: true });
  process.stdout.write(
    `rgo backtest on ${path.basename(opts.data)} (fcast = forecast total vs realised; in 80% = active customers whose realised spend lies in their 80% interval)\n\n${lines.join("\n")}\n\nDone in ${((Date.now() - t0) / 1000).toFixed(1)} s\n`,
  );
  if (opts.json) fs.writeFileSync(opts.json, `${JSON.stringify(figures, null, 2)}\n`);
}

main().catch((e) => {
  process.stderr.write(`bench:backtest: ${e.stack ?? e}\n`);
  process.exit(1);
});
