"use strict";
/**
 * Quality benchmark (`npm run bench:quality`): how well the `default` pack finds and explains the
 * revenue gaps planted in labelled samples, next to the `seed-v2` preset. For each background
 * minor-stockout level (0, 20, 40, 60% of store-weeks) it generates samples (several seeds; sparse
 * and dense weekly sales; on-hand and one other stock measure), runs both packs and prints:
 * root-cause accuracy (correct cause among ALL planted gap customers; unflagged counts wrong),
 * planted gaps found, stable customers flagged, and per-scenario found rates. Scoring is the pure
 * module src/engine/quality (dist/engine/quality). Runs the compiled code in dist/.
 *
 * Options: --customers N (2000), --weeks W (26), --seeds 1,2,3, --levels 0,0.2,0.4,0.6,
 *          --dist DIR (dist), --json FILE (also write the figures as JSON)
 * Exit code 0 unless something crashed, or 3 when --check is given and a floor is missed
 * (default: root-cause accuracy >= 90%, gaps found >= 95%, stable flagged <= 5%).
 */
const fs = require("node:fs");
const path = require("node:path");
const { parseArgs } = require("node:util");

const ROOT = path.resolve(__dirname, "..");
const FLOORS = { rootCauseAccuracy: 0.9, gapsFoundShare: 0.95, stableFlaggedShare: 0.05 };

function fail(message) {
  process.stderr.write(`bench:quality: ${message}\n`);
  process.exit(1);
}

const { values } = parseArgs({
  options: {
    customers: { type: "string", default: "2000" },
    weeks: { type: "string", default: "26" },
    seeds: { type: "string", default: "1,2,3" },
    levels: { type: "string", default: "0,0.2,0.4,0.6" },
    dist: { type: "string", default: path.join(ROOT, "dist") },
    json: { type: "string" },
    check: { type: "boolean", default: false },
  },
});
const list = (text) => text.split(",").map((x) => Number(x.trim()));
const customers = Number(values.customers);
const weeks = Number(values.weeks);
const seeds = list(values.seeds);
const levels = list(values.levels);
if (![customers, weeks, ...seeds, ...levels].every(Number.isFinite)) fail("bad numeric option");

function loadDist(rel) {
  const file = path.join(path.resolve(values.dist), rel);
  if (!fs.existsSync(file)) fail(`${file} is missing: run "npm run build:cli" first`);
  return require(file);
}
const { generateSample } = loadDist("engine/sample/generate-sample.js");
const { truthFromTable } = loadDist("engine/quality/quality-truth.js");
const { evaluatePacks } = loadDist("engine/quality/evaluate-packs.js");
const { BUILTIN_PACKS } = loadDist("rules/packs/builtin-packs.js");
const { validatePack } = loadDist("rules/validate-pack.js");
const { RGO_REGISTRY } = loadDist("engine/registry/rgo-registry.js");

const PACKS = ["default", "seed-v2"];
const packs = PACKS.map((name) => {
  const checked = validatePack(BUILTIN_PACKS[name], RGO_REGISTRY);
  if (!checked.ok) fail(`${name} is invalid: ${JSON.stringify(checked.errors)}`);
  return checked;
});

/** Sample variants per seed: sparse on-hand, dense on-hand, sparse with another stock measure. */
const VARIANTS = [
  { name: "sparse on_hand", dense: false, stockMeasure: "on_hand" },
  { name: "dense on_hand", dense: true, stockMeasure: "on_hand" },
  { name: "sparse stockout_days", dense: false, stockMeasure: "stockout_days" },
  { name: "dense in_stock_rate", dense: true, stockMeasure: "in_stock_rate" },
];
const GAP_SCENARIOS = ["demand_softness", "lapse", "stockout_dip", "structural_decline"];

const pct = (x) => `${(x * 100).toFixed(1)}%`;
const pad = (s, n) => String(s).padStart(n);

/** Adds figures b into the running sums a (counts only; shares are recomputed). */
function addInto(a, b) {
  a.gapCustomers += b.gapCustomers;
  a.gapsFound += b.gapsFound;
  a.correctCause += b.correctCause;
  a.stableCustomers += b.stableCustomers;
  a.stableFlagged += b.stableFlagged;
  a.otherNonGapFlagged += b.otherNonGapFlagged;
  for (const s of b.byScenario) {
    const t = (a.byScenario[s.scenario] ??= { customers: 0, flagged: 0, correctCause: 0 });
    t.customers += s.customers;
    t.flagged += s.flagged;
    t.correctCause += s.correctCause;
  }
  for (const [exp, row] of Object.entries(b.causeMatrix)) {
    const t = (a.causeMatrix[exp] ??= {});
    for (const [got, n] of Object.entries(row)) t[got] = (t[got] ?? 0) + n;
  }
  return a;
}
const empty = () => ({
  gapCustomers: 0,
  gapsFound: 0,
  correctCause: 0,
  stableCustomers: 0,
  stableFlagged: 0,
  otherNonGapFlagged: 0,
  byScenario: {},
  causeMatrix: {},
});
const shares = (a) => ({
  rootCauseAccuracy: a.gapCustomers > 0 ? a.correctCause / a.gapCustomers : 1,
  gapsFoundShare: a.gapCustomers > 0 ? a.gapsFound / a.gapCustomers : 1,
  stableFlaggedShare: a.stableCustomers > 0 ? a.stableFlagged / a.stableCustomers : 0,
});

async function main() {
  const t0 = Date.now();
  process.stdout.write(
    `Quality benchmark: ${customers.toLocaleString("en-US")} customers x ${weeks} weeks, seeds ${seeds.join(", ")}, ` +
      `variants: ${VARIANTS.map((v) => v.name).join(" / ")}\n` +
      `Root-cause accuracy = planted gap customers flagged with the planted cause / all planted gap customers.\n`,
  );
  const report = [];
  let missed = 0;
  for (const level of levels) {
    const totals = PACKS.map(empty);
    const worst = PACKS.map(() => ({
      rootCauseAccuracy: 1,
      gapsFoundShare: 1,
      stableFlaggedShare: 0,
    }));
    for (const seed of seeds) {
      for (const v of VARIANTS) {
        const sample = generateSample({
          customers,
          weeks,
          seed,
          backgroundStockouts: level,
          dense: v.dense,
          stockMeasure: v.stockMeasure,
        });
        const figures = await evaluatePacks(sample.tables, truthFromTable(sample.truth), packs);
        figures.forEach((f, i) => {
          addInto(totals[i], f);
          const w = worst[i];
          w.rootCauseAccuracy = Math.min(w.rootCauseAccuracy, f.rootCauseAccuracy);
          w.gapsFoundShare = Math.min(w.gapsFoundShare, f.gapsFoundShare);
          w.stableFlaggedShare = Math.max(w.stableFlaggedShare, f.stableFlaggedShare);
        });
      }
    }
    const runs = seeds.length * VARIANTS.length;
    process.stdout.write(
      `\nBackground minor stockouts ${Math.round(level * 100)}% of store-weeks (${runs} samples; pooled, worst sample in brackets)\n`,
    );
    process.stdout.write(`${"".padEnd(40)}${PACKS.map((p) => pad(p, 22)).join("")}\n`);
    const line = (label, get) =>
      process.stdout.write(`${label.padEnd(40)}${PACKS.map((_, i) => pad(get(i), 22)).join("")}\n`);
    const sh = totals.map(shares);
    line(
      "root-cause accuracy",
      (i) => `${pct(sh[i].rootCauseAccuracy)} [${pct(worst[i].rootCauseAccuracy)}]`,
    );
    line(
      "planted gaps found",
      (i) => `${pct(sh[i].gapsFoundShare)} [${pct(worst[i].gapsFoundShare)}]`,
    );
    line(
      "stable customers flagged",
      (i) => `${pct(sh[i].stableFlaggedShare)} [${pct(worst[i].stableFlaggedShare)}]`,
    );
    for (const s of GAP_SCENARIOS) {
      line(`  ${s}: found / right cause`, (i) => {
        const t = totals[i].byScenario[s];
        return t ? `${pct(t.flagged / t.customers)} / ${pct(t.correctCause / t.customers)}` : "n/a";
      });
    }
    for (const s of ["new", "growing"]) {
      line(`  ${s}: flagged`, (i) => {
        const t = totals[i].byScenario[s];
        return t ? pct(t.flagged / t.customers) : "n/a";
      });
    }
    const d = worst[0];
    const ok =
      d.rootCauseAccuracy >= FLOORS.rootCauseAccuracy &&
      d.gapsFoundShare >= FLOORS.gapsFoundShare &&
      d.stableFlaggedShare <= FLOORS.stableFlaggedShare;
    if (!ok) missed++;
    process.stdout.write(
      `default floors (every sample: accuracy >= 90%, found >= 95%, stable flagged <= 5%): ${ok ? "PASS" : "MISSED"}\n`,
    );
    if (process.env.RGO_QUALITY_MATRIX) {
      process.stdout.write(
        `default cause matrix (planted -> named): ${JSON.stringify(totals[0].causeMatrix)}\n`,
      );
    }
    report.push({
      level,
      packs: Object.fromEntries(
        PACKS.map((p, i) => [
          p,
          { pooled: { ...shares(totals[i]), ...totals[i] }, worst: worst[i] },
        ]),
      ),
    });
  }
  if (values.json) fs.writeFileSync(values.json, `${JSON.stringify(report, null, 2)}\n`);
  process.stdout.write(`\nDone in ${((Date.now() - t0) / 1000).toFixed(1)} s\n`);
  if (values.check && missed > 0) process.exit(3);
}

main().catch((e) => {
  process.stderr.write(`${e && e.stack ? e.stack : e}\n`);
  process.exit(1);
});
