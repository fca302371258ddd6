"use strict";
/**
 * Customer-model benchmark: fit BG/NBD and Gamma-Gamma to 20,000 real customers (the first 20,000
 * CDNOW customers by id, summarised at as-of 1997-09-30; 7,9xx of them repeat buyers for the
 * Gamma-Gamma fit) and print the fit time (median of 7 runs after one warm-up) against the
 * 300 ms target. Also prints the point forecasts of the same customers and the interval/pLoss
 * forecasts of all 23,570 customers (same 300 ms target). Runs the compiled code in dist/:
 *
 *   npx tsc -p tsconfig.build.json && node scripts/bench-model.js [--customers N] [--runs R]
 *
 * No peer comparison yet (python3 has scipy 1.17 here but no lifetimes; a scipy peer fit is left
 * for later). Exits 0 unless something crashed.
 */
const fs = require("node:fs");
const path = require("node:path");
const { performance } = require("node:perf_hooks");
const { parseArgs } = require("node:util");

const ROOT = path.resolve(__dirname, "..");
const { cdnowMasterFile } = require("./cdnow-data");
const TARGET_MS = 300;
const { values: opts } = parseArgs({
  options: {
    customers: { type: "string", default: "20000" },
    runs: { type: "string", default: "7" },
    data: { type: "string" },
  },
});

function fail(message) {
  process.stderr.write(`bench-model: ${message}\n`);
  process.exit(1);
}

function loadDist(rel) {
  const file = path.join(ROOT, "dist", rel);
  if (!fs.existsSync(file)) fail(`${rel} is missing: run "npx tsc -p tsconfig.build.json" first`);
  return require(file);
}

function dataFile() {
  try {
    return cdnowMasterFile(opts.data);
  } catch (e) {
    return fail(e.message);
  }
}

const { buildCustomerSummaries } = loadDist("engine/model/customer-summary.js");
const { fitCustomerModel, forecastCustomers } = loadDist("engine/model/customer-model.js");

const n = Number(opts.customers);
const runs = Number(opts.runs);
const asOf = "1997-09-30";
const transactions = fs
  .readFileSync(dataFile(), "utf8")
  .split(/\r?\n/)
  .slice(1)
  .filter(Boolean)
  .map((line) => {
    const [customerId, date, , value] = line.split(",");
    return { customerId, date, amount: Number(value) };
  })
  .filter((t) => t.date <= asOf);
const allSummaries = buildCustomerSummaries(transactions, asOf);
const summaries = allSummaries.slice(0, n);
const repeaters = summaries.filter((s) => s.x > 0).length;

const median = (xs) => [...xs].sort((a, b) => a - b)[xs.length >> 1];
function time(fn) {
  fn(); // warm-up
  const ms = [];
  let out;
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    out = fn();
    ms.push(performance.now() - t0);
  }
  return { ms: median(ms), out };
}

const fitTime = time(() => fitCustomerModel(summaries));
const fit = fitTime.out;
console.log(`customers: ${summaries.length} (${repeaters} repeat buyers), as-of ${asOf}`);
console.log(
  `BG/NBD r=${fit.bgNbd.params.r.toFixed(4)} alpha=${fit.bgNbd.params.alpha.toFixed(3)} ` +
    `a=${fit.bgNbd.params.a.toFixed(4)} b=${fit.bgNbd.params.b.toFixed(3)} ` +
    `(${fit.bgNbd.iterations} iterations); Gamma-Gamma p=${fit.gammaGamma.params.p.toFixed(3)} ` +
    `q=${fit.gammaGamma.params.q.toFixed(3)} gamma=${fit.gammaGamma.params.gamma.toFixed(2)} ` +
    `(${fit.gammaGamma.iterations} iterations)`,
);
console.log(
  `fit BG/NBD + Gamma-Gamma: ${fitTime.ms.toFixed(1)} ms (median of ${runs}) ` +
    `target < ${TARGET_MS} ms: ${fitTime.ms < TARGET_MS ? "PASS" : "OVER"}`,
);
const point = time(() => forecastCustomers(summaries, fit, { intervals: false }));
console.log(`point forecasts (pActive, expected purchases and spend): ${point.ms.toFixed(1)} ms`);
// Intervals and pLoss for every CDNOW customer (23,570) at the fit of all of them, median of 3.
const fitAll = fitCustomerModel(allSummaries);
const runsSaved = runs;
const intervalMs = [];
for (let i = 0; i < Math.min(3, runsSaved); i++) {
  const t0 = performance.now();
  forecastCustomers(allSummaries, fitAll);
  intervalMs.push(performance.now() - t0);
}
const intervalMedian = median(intervalMs);
console.log(
  `forecasts with 80% intervals and pLoss, all ${allSummaries.length} customers: ` +
    `${intervalMedian.toFixed(0)} ms (median of ${intervalMs.length}) ` +
    `target < ${TARGET_MS} ms: ${intervalMedian < TARGET_MS ? "PASS" : "OVER"}`,
);
console.log("peer: not measured (see the header)");
