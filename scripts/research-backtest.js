"use strict";
/**
 * Research backtest of the customer model on the real CDNOW purchase log (issue 9, phase 1).
 *
 * For each as-of day (default 1997-09-30 and 1997-12-30) the model (BG/NBD + Gamma-Gamma) is fitted
 * on the purchases up to that day only, and its forecasts over the next H = 13 weeks are scored
 * against what the customers really spent (src/engine/backtest/score-backtest.ts): forecast total
 * vs realised, mean absolute error, 80% interval coverage of active customers, and candidate
 * flagging rules built from the model outputs (flagged, precision, loss coverage, top-100
 * precision) next to the issue's two anchors.
 *
 * Weeks: 7-day blocks aligned so that the as-of day ends a week. With weeks starting 1997-01-01
 * (a Wednesday) both as-of days end a whole week (1997-09-30 ends week 39, 1997-12-30 week 52), so
 * there are no partial weeks; the future window is the next 13 x 7 days (to 1997-12-30 and
 * 1998-03-31, inside the data, which ends 1998-06-30).
 *
 *   npx tsc -p tsconfig.build.json && node scripts/research-backtest.js
 *   options: --as-of 1997-09-30,1997-12-30  --horizon 13  --level 0.8 (interval)  --dist DIR (dist)  --data FILE
 *            --json FILE (also write the figures)  --value-trend on|off (default on: recentValueTrend
 *            as the model's valueMultiplier)
 *
 * Measured (value trend on; docs/MODEL.md has the full tables): forecast error -15.6% (09-30; plain
 * model -18.8%) and -4.4% (12-30; plain -8.1%); 80% interval coverage of active customers 77.5% /
 * 80.3%; rule shortfallShare >= 0.55 ranked by share: flagged 1708 / 1831, precision 0.725 / 0.758,
 * loss coverage 53.3% / 58.2%, top-100 0.80 / 0.84. Also printed per as-of: the count model's own
 * error and the in-sample last-13-week observed/implied ratio (not informative: 0.944 / 1.036).
 *
 * Learned loss risk (--loss-risk on, default; --l2 1): logistic regression fitted at the cut
 * asOf - H weeks on labels from (cut, asOf], applied at the as-of. share >= 0.55 ranked by the
 * learned pLost: top-100 0.86 / 0.85 (precision and coverage unchanged); AUC in / out of sample
 * 0.622 / 0.637 and 0.643 / 0.661; flag rules with cut-chosen thresholds fail coverage at 09-30.
 */
const fs = require("node:fs");
const path = require("node:path");
const { performance } = require("node:perf_hooks");
const { parseArgs } = require("node:util");

const ROOT = path.resolve(__dirname, "..");
const { cdnowMasterFile } = require("./cdnow-data");
const { values: opts } = parseArgs({
  options: {
    "as-of": { type: "string", default: "1997-09-30,1997-12-30" },
    horizon: { type: "string", default: "13" },
    level: { type: "string", default: "0.8" },
    dist: { type: "string", default: "dist" },
    data: { type: "string" },
    json: { type: "string" },
    "value-trend": { type: "string", default: "on" },
    "loss-risk": { type: "string", default: "on" },
    l2: { type: "string", default: "1" },
  },
});

function dataFile() {
  return cdnowMasterFile(opts.data);
}

const DIST = path.resolve(ROOT, opts.dist);
const summaryMod = require(path.join(DIST, "engine/model/customer-summary.js"));
const modelMod = require(path.join(DIST, "engine/model/customer-model.js"));
const daysMod = require(path.join(DIST, "engine/model/days.js"));
const backtest = require(path.join(DIST, "engine/backtest/score-backtest.js"));
const bgNbd = require(path.join(DIST, "engine/model/bg-nbd.js"));
const lossRisk = require(path.join(DIST, "engine/model/loss-risk.js"));

const H = Number(opts.horizon);
const RECENT = 13;

function readTransactions(file) {
  const lines = fs.readFileSync(file, "utf8").split(/\r?\n/);
  const out = [];
  for (let i = 1; i < lines.length; i++) {
    if (!lines[i]) continue;
    const [customerId, date, , value] = lines[i].split(",");
    out.push({ customerId, date, amount: Number(value) });
  }
  return out;
}

/** Purchase days per customer within [from, to] (day numbers). */
function purchaseDays(daily, id, from, to) {
  const d = daily.get(id);
  if (!d) return 0;
  return d.days.filter((x) => x >= from && x <= to).length;
}

/** Candidate rules: each returns [{customerId, priority}] from the forecasts and summaries. */
function candidateRules(rows) {
  const rules = [];
  const rank = (name, filter, priority) =>
    rules.push({
      name,
      flagged: rows
        .filter(filter)
        .map((r) => ({ customerId: r.f.customerId, priority: priority(r) })),
    });
  // Anchor 1: bought in weeks T-12..T-4, nothing in the last 4 weeks.
  rank(
    "anchor naive: bought T-12..T-4, none in last 4",
    (r) =>
      r.s.recentWeekly.slice(9).every((v) => v === 0) &&
      r.s.recentWeekly.slice(0, 9).some((v) => v > 0),
    (r) => r.f.recentRunRate,
  );
  const naiveCount = rules[0].flagged.length;
  // Anchor 2: BG/NBD ranking by expected purchases next 13 weeks / purchases in the last 13.
  const ratioRank = rows
    .filter((r) => r.recentPurchases > 0)
    .map((r) => ({ r, v: r.f.expectedPurchasesNext / r.recentPurchases }))
    .sort((u, v) => u.v - v.v || (u.r.f.customerId < v.r.f.customerId ? -1 : 1))
    .slice(0, naiveCount);
  rules.push({
    name: "anchor BG/NBD: lowest E[X]/recent purchases, same count",
    flagged: ratioRank.map((e, i) => ({ customerId: e.r.f.customerId, priority: -i })),
  });
  for (const t of [0.65, 0.7, 0.8]) {
    rank(
      `pLoss >= ${t}, by pLoss`,
      (r) => r.f.pLoss >= t,
      (r) => r.f.pLoss,
    );
    rank(
      `pLoss >= ${t}, by shortfallShare`,
      (r) => r.f.pLoss >= t,
      (r) => r.f.forecastShortfallShare,
    );
  }
  for (const [share, money] of [
    [0.5, 0],
    [0.55, 0],
    [0.6, 0],
    [0.55, 10],
    [0.7, 10],
  ]) {
    rank(
      `shortfallShare >= ${share} & shortfall >= $${money}, by shortfallShare`,
      (r) => r.f.forecastShortfallShare >= share && r.f.forecastShortfall >= money,
      (r) => r.f.forecastShortfallShare,
    );
  }
  rank(
    "shortfallShare >= 0.55, by shortfall $",
    (r) => r.f.forecastShortfallShare >= 0.55,
    (r) => r.f.forecastShortfall,
  );
  rank(
    "pLoss >= 0.65 & shortfallShare >= 0.55, by shortfallShare",
    (r) => r.f.pLoss >= 0.65 && r.f.forecastShortfallShare >= 0.55,
    (r) => r.f.forecastShortfallShare,
  );
  rank(
    "pLoss >= 0.7 & shortfall >= $10, by pLoss x shortfall",
    (r) => r.f.pLoss >= 0.7 && r.f.forecastShortfall >= 10,
    (r) => r.f.pLoss * r.f.forecastShortfall,
  );
  // Round 2 (priority orders for the top of the list; flagged set = shortfallShare >= 0.55).
  const flag = (r) => r.f.forecastShortfallShare >= 0.55;
  const activeRecent = rows
    .filter((r) => r.f.recentRunRate > 0)
    .map((r) => r.f.recentRunRate)
    .sort((u, v) => u - v);
  const medianRecent = activeRecent[activeRecent.length >> 1] ?? 0;
  // Priorities are made unique and money-tied: + recentRunRate * 1e-9 breaks ties by money.
  const tie = (r) => r.f.recentRunRate * 1e-9;
  rank("share >= 0.55, by pLoss (ties: money)", flag, (r) => r.f.pLoss + tie(r));
  rank("share >= 0.55, by pLoss x shortfall $", flag, (r) => r.f.pLoss * r.f.forecastShortfall);
  rank("share >= 0.55, by pLoss x recent run-rate $", flag, (r) => r.f.pLoss * r.f.recentRunRate);
  rank(
    "share >= 0.55, by pNoPurchase x recent run-rate $",
    flag,
    (r) => r.f.pNoPurchase * r.f.recentRunRate,
  );
  rank(
    `share >= 0.55, recent >= median ($${medianRecent.toFixed(0)}) first, by pLoss`,
    flag,
    (r) => (r.f.recentRunRate >= medianRecent ? 1 : 0) + r.f.pLoss / 2 + tie(r),
  );
  rank(
    `share >= 0.55, recent >= median first, by share`,
    flag,
    (r) => (r.f.recentRunRate >= medianRecent ? 1 : 0) + r.f.forecastShortfallShare / 2 + tie(r),
  );
  rank(
    "share >= 0.55, by pLoss, first purchase in recent window last",
    flag,
    (r) => (r.bornInWindow ? 0 : 1) + r.f.pLoss / 2 + tie(r),
  );
  rank(
    "pLoss >= 0.6, by pLoss x shortfall $",
    (r) => r.f.pLoss >= 0.6,
    (r) => r.f.pLoss * r.f.forecastShortfall,
  );
  return rules;
}

function pct(v) {
  return `${(100 * v).toFixed(1)}%`;
}

const results = [];
const transactions = readTransactions(dataFile());
const daily = summaryMod.dailyTotals(transactions);
for (const asOf of opts["as-of"].split(",")) {
  const end = daysMod.dayNumber(asOf);
  const before = transactions.filter((t) => t.date <= asOf);
  const t0 = performance.now();
  const summaries = summaryMod.buildCustomerSummaries(before, asOf, { recentWeeks: RECENT });
  const t1 = performance.now();
  const trend = summaryMod.recentValueTrend(before, asOf, { recentWeeks: RECENT });
  const modelOptions = {
    horizonWeeks: H,
    recentWeeks: RECENT,
    intervalLevel: Number(opts.level),
    valueMultiplier: opts["value-trend"] === "on" ? trend : 1,
  };
  const { fit, forecasts } = modelMod.runCustomerModel(summaries, modelOptions);
  const t2 = performance.now();
  const windows = backtest.backtestWindows(transactions, asOf, {
    horizonWeeks: H,
    recentWeeks: RECENT,
  });
  const sById = new Map(summaries.map((s) => [s.customerId, s]));
  const rows = forecasts.map((f) => ({
    f,
    s: sById.get(f.customerId),
    recentPurchases: purchaseDays(daily, f.customerId, end - 7 * RECENT + 1, end),
    bornInWindow: (daily.get(f.customerId)?.days[0] ?? -Infinity) > end - 7 * RECENT,
  }));
  const base = backtest.scoreBacktest(windows, [], forecasts, {
    horizonWeeks: H,
    recentWeeks: RECENT,
  });
  console.log(
    `\n== as-of ${asOf}, H = ${H} weeks: ${summaries.length} customers, ${base.active} active, base rate ${base.baseRate.toFixed(3)}`,
  );
  console.log(
    `fit: BG/NBD ${JSON.stringify(round(fit.bgNbd.params))} LL ${fit.bgNbd.logLikelihood.toFixed(1)}; Gamma-Gamma ${JSON.stringify(round(fit.gammaGamma.params))} on ${fit.gammaGamma.customers}`,
  );
  console.log(
    `time: summaries ${(t1 - t0).toFixed(0)} ms, fit + forecasts with intervals ${(t2 - t1).toFixed(0)} ms`,
  );
  console.log(
    `forecast total $${base.forecastTotal.toFixed(0)} vs realised $${base.realisedTotal.toFixed(0)} (${pct(base.forecastError)}); MAE/customer $${base.meanAbsoluteError.toFixed(2)}; 80% interval coverage of active ${pct(base.intervalCoverage)}`,
  );
  // The naive forecast a finance user would make: the last 13 weeks' spend of every customer,
  // scaled to the horizon (the same recentRunRate the model's shortfall is measured against).
  const runRateTotal = forecasts.reduce((sum, f) => sum + f.recentRunRate, 0);
  const blendTotal = (base.forecastTotal + runRateTotal) / 2;
  console.log(
    `run-rate forecast (last ${RECENT} weeks' spend, scaled to ${H}) $${runRateTotal.toFixed(0)} (${pct(runRateTotal / base.realisedTotal - 1)}); equal-weight blend of model and run-rate ${pct(blendTotal / base.realisedTotal - 1)}`,
  );
  const diag = biasDiagnostics(summaries, fit, end, trend);
  console.log(
    `value trend (recent 13-week mean repeat value / all repeat values up to the as-of) ${trend.toFixed(3)} (${opts["value-trend"] === "on" ? "applied" : "not applied"}); ` +
      `repeat purchases next ${H} weeks: forecast ${diag.countForecast.toFixed(0)} vs real ${diag.countReal} (${pct(diag.countForecast / diag.countReal - 1)}); ` +
      `last 13 weeks in-sample: observed ${diag.lastObserved} / implied by the fit ${diag.lastImplied.toFixed(0)} = ${diag.lastRatio.toFixed(3)} ` +
      `(as a count multiplier it would move the count error to ${pct((diag.countForecast * diag.lastRatio) / diag.countReal - 1)})`,
  );
  const rules = candidateRules(rows);
  console.log("rule | flagged | flagged active | precision | lossCoverage | top100");
  const table = [];
  for (const rule of rules) {
    const sc = backtest.scoreBacktest(windows, rule.flagged, [], {
      horizonWeeks: H,
      recentWeeks: RECENT,
    });
    table.push({
      rule: rule.name,
      flagged: sc.flagged,
      flaggedActive: sc.flaggedActive,
      precision: sc.precision,
      lossCoverage: sc.lossCoverage,
      top100Precision: sc.topNPrecision,
    });
    console.log(
      `${rule.name} | ${sc.flagged} | ${sc.flaggedActive} | ${sc.precision.toFixed(3)} | ${pct(sc.lossCoverage)} | ${sc.topNPrecision.toFixed(2)}`,
    );
  }
  const learned = opts["loss-risk"] === "on" ? lossRiskResearch(asOf, windows, rows) : undefined;
  results.push({
    asOf,
    learned,
    horizonWeeks: H,
    fit,
    valueTrend: trend,
    diagnostics: diag,
    score: base,
    rules: table,
  });
}
if (opts.json) fs.writeFileSync(opts.json, JSON.stringify(results, null, 2));

/**
 * Where the forecast bias sits: repeat purchases forecast vs real over the horizon (count model
 * alone), and the in-sample ratio of the cohort's repeat purchases in the last 13 weeks before the
 * as-of day to what the fitted BG/NBD implies for those weeks (sum over customers of
 * E[X(T_i)] - E[X(T_i - 13)], the unconditional expectation from each customer's birth).
 */
function biasDiagnostics(summaries, fit, end) {
  const p = fit.bgNbd.params;
  const unconditional = (t) =>
    t <= 0 ? 0 : bgNbd.bgNbdConditionalExpected({ x: 0, tx: 0, T: 0 }, p, t);
  let countForecast = 0;
  let countReal = 0;
  let lastImplied = 0;
  let lastObserved = 0;
  const lastStart = end - 7 * RECENT;
  for (const s of summaries) {
    countForecast += bgNbd.bgNbdConditionalExpected(s, p, H);
    const d = daily.get(s.customerId);
    const first = d.days[0];
    countReal += d.days.filter((x) => x > end && x <= end + 7 * H).length;
    lastImplied += unconditional(s.T) - unconditional(Math.max(0, (lastStart - first) / 7));
    lastObserved += d.days.filter((x, i) => i > 0 && x > lastStart && x <= end).length;
  }
  return {
    countForecast,
    countReal,
    lastImplied,
    lastObserved,
    lastRatio: lastObserved / lastImplied,
  };
}

function round(o) {
  return Object.fromEntries(Object.entries(o).map(([k, v]) => [k, Number(v.toPrecision(4))]));
}

/**
 * Loss risk learned from the data's own history (src/engine/model/loss-risk.ts): the backtest
 * replayed at the cut asOf - H weeks gives labels (lost over (cut, asOf]) for the features at the
 * cut; a logistic regression fitted on them scores the customers active at the as-of day. Any
 * threshold comes from the cut only.
 */
function lossRiskResearch(asOf, windows, rows) {
  const known = transactions.filter((t) => t.date <= asOf);
  const options = {
    horizonWeeks: H,
    recentWeeks: RECENT,
    valueTrend: opts["value-trend"] === "on",
    l2: Number(opts.l2),
  };
  const model = lossRisk.fitLossRisk(known, asOf, options);
  const lg = model.logistic;
  const train = model.training;
  const trainP = train.map((r) => lossRisk.predictLogistic(lg, r.features));
  const trainLabels = train.map((r) => r.label);
  // Threshold from the cut only: the largest top-k (by learned P) with precision >= 0.75 at the cut.
  const order = trainP.map((_, i) => i).sort((u, v) => trainP[v] - trainP[u]);
  let lostSoFar = 0;
  let threshold = 1;
  let cutFlagged = 0;
  for (let k = 0; k < order.length; k++) {
    lostSoFar += trainLabels[order[k]];
    if (k >= 99 && lostSoFar / (k + 1) >= 0.75) {
      threshold = trainP[order[k]];
      cutFlagged = k + 1;
    }
  }
  const totalLoss = train.reduce((s, r) => s + r.loss, 0);
  // Second threshold from the cut only: the smallest top-k (by learned P) covering >= 50% of the loss.
  let coverThreshold = 0;
  let coverFlagged = 0;
  let lossSoFar = 0;
  let coverLost = 0;
  for (let k = 0; k < order.length; k++) {
    lossSoFar += train[order[k]].loss;
    coverLost += trainLabels[order[k]];
    if (lossSoFar >= 0.5 * totalLoss) {
      coverThreshold = trainP[order[k]];
      coverFlagged = k + 1;
      break;
    }
  }
  const cutLoss = order.slice(0, cutFlagged).reduce((s, i) => s + train[i].loss, 0);
  const cutLost = order.slice(0, cutFlagged).reduce((s, i) => s + trainLabels[i], 0);
  const inAuc = lossRisk.rocAuc(trainP, trainLabels);
  const scores = lossRisk.scoreLossRiskForecasts(
    model,
    rows.map((r) => r.s),
    rows.map((r) => r.f),
  );
  const pById = new Map(scores.map((s) => [s.customerId, s.pLost]));
  const wById = new Map(windows.map((w) => [w.customerId, w]));
  const outScores = [];
  const outLabels = [];
  const baseP = [];
  for (const s of scores) {
    const w = wById.get(s.customerId);
    outScores.push(s.pLost);
    outLabels.push(w.futureSpend / H <= (0.5 * w.recentSpend) / RECENT ? 1 : 0);
  }
  const rowById = new Map(rows.map((r) => [r.f.customerId, r]));
  for (const s of scores) baseP.push(rowById.get(s.customerId).f.forecastShortfallShare);
  const outAuc = lossRisk.rocAuc(outScores, outLabels);
  const baseAuc = lossRisk.rocAuc(baseP, outLabels);
  const pLossAuc = lossRisk.rocAuc(
    scores.map((s) => rowById.get(s.customerId).f.pLoss),
    outLabels,
  );
  console.log(
    `\n-- learned loss risk at ${asOf}: trained at cut ${model.cut} on ${train.length} active customers (base rate ${(trainLabels.reduce((a, b) => a + b, 0) / train.length).toFixed(3)}), l2 ${lg.l2}, Newton ${lg.iterations} iterations${lg.converged ? "" : " (not converged)"}`,
  );
  console.log(
    `AUC in-sample (cut) ${inAuc.toFixed(3)}, out-of-sample (as-of) ${outAuc.toFixed(3)}; for reference at the as-of: shortfallShare ${baseAuc.toFixed(3)}, pLoss ${pLossAuc.toFixed(3)}`,
  );
  console.log(
    `coefficients (standardised): intercept ${lg.intercept.toFixed(3)}; ` +
      lossRisk.LOSS_RISK_FEATURES.map((n, j) => `${n} ${lg.weights[j].toFixed(3)}`).join(", "),
  );
  console.log(
    `threshold from the cut: P >= ${threshold.toFixed(3)} (at the cut: ${cutFlagged} flagged, precision ${(cutLost / Math.max(1, cutFlagged)).toFixed(3)}, loss coverage ${pct(cutLoss / totalLoss)})`,
  );
  console.log(
    `coverage threshold from the cut: P >= ${coverThreshold.toFixed(3)} (at the cut: ${coverFlagged} flagged, precision ${(coverLost / Math.max(1, coverFlagged)).toFixed(3)}, loss coverage 50%)`,
  );
  const tie = (r) => r.f.recentRunRate * 1e-9;
  const coverFlag = (r) => (pById.get(r.f.customerId) ?? 0) >= coverThreshold;
  const share = (r) => r.f.forecastShortfallShare >= 0.55;
  const learnedFlag = (r) => (pById.get(r.f.customerId) ?? 0) >= threshold;
  const P = (r) => pById.get(r.f.customerId) ?? 0;
  const candidates = [
    ["share >= 0.55, by shortfallShare (current best)", share, (r) => r.f.forecastShortfallShare],
    ["share >= 0.55, by learned P(lost)", share, (r) => P(r) + tie(r)],
    [`learned P >= ${threshold.toFixed(3)} (cut), by learned P`, learnedFlag, (r) => P(r) + tie(r)],
    [
      `learned P >= ${coverThreshold.toFixed(3)} (cut, 50% cover), by learned P`,
      coverFlag,
      (r) => P(r) + tie(r),
    ],
    ["share >= 0.55, by P x recent run-rate $", share, (r) => P(r) * r.f.recentRunRate],
    [
      `learned P >= ${threshold.toFixed(3)}, by P x recent run-rate $`,
      learnedFlag,
      (r) => P(r) * r.f.recentRunRate,
    ],
    ["share >= 0.55, by P x shortfall $", share, (r) => P(r) * r.f.forecastShortfall],
  ];
  console.log("candidate | flagged | precision | lossCoverage | top100");
  const table = [];
  for (const [name, filter, priority] of candidates) {
    const flagged = rows
      .filter((r) => r.f.recentRunRate > 0 && filter(r))
      .map((r) => ({ customerId: r.f.customerId, priority: priority(r) }));
    const sc = backtest.scoreBacktest(windows, flagged, [], {
      horizonWeeks: H,
      recentWeeks: RECENT,
    });
    table.push({
      rule: name,
      flagged: sc.flagged,
      precision: sc.precision,
      lossCoverage: sc.lossCoverage,
      top100Precision: sc.topNPrecision,
    });
    console.log(
      `${name} | ${sc.flagged} | ${sc.precision.toFixed(3)} | ${pct(sc.lossCoverage)} | ${sc.topNPrecision.toFixed(2)}`,
    );
  }
  // Stability of the top of the list: precision among the top N for N = 50 .. 400.
  const topNs = [50, 100, 200, 400];
  const topLine = (name, priority) => {
    const flagged = rows
      .filter((r) => r.f.recentRunRate > 0 && share(r))
      .map((r) => ({ customerId: r.f.customerId, priority: priority(r) }));
    const v = topNs.map(
      (n) =>
        backtest.scoreBacktest(windows, flagged, [], {
          horizonWeeks: H,
          recentWeeks: RECENT,
          topN: n,
        }).topNPrecision,
    );
    console.log(
      `top-N precision (share >= 0.55) ${name}: ${v.map((x, i) => `${topNs[i]}: ${x.toFixed(2)}`).join(", ")}`,
    );
    return v;
  };
  const topByShare = topLine("by shortfallShare", (r) => r.f.forecastShortfallShare);
  const topByLearned = topLine("by learned P", (r) => P(r) + tie(r));
  const topByPLoss = topLine("by pLoss", (r) => r.f.pLoss + tie(r));
  const firstK = (priority, k) =>
    new Set(
      rows
        .filter((r) => r.f.recentRunRate > 0 && share(r))
        .sort((u, v) => priority(v) - priority(u) || (u.f.customerId < v.f.customerId ? -1 : 1))
        .slice(0, k)
        .map((r) => r.f.customerId),
    );
  const a100 = firstK((r) => P(r) + tie(r), 100);
  const b100 = firstK((r) => r.f.forecastShortfallShare, 100);
  console.log(
    `top-100 overlap learned P vs shortfallShare: ${[...a100].filter((id) => b100.has(id)).length}`,
  );
  // In-sample top-100 precision at the cut (learned P).
  const cutTop = order.slice(0, 100).reduce((s, i) => s + trainLabels[i], 0) / 100;
  console.log(
    `in-sample top-100 precision at the cut (learned P over all active): ${cutTop.toFixed(2)}`,
  );
  return {
    topN: { n: topNs, byShare: topByShare, byLearned: topByLearned, byPLoss: topByPLoss },
    cut: model.cut,
    trainingRows: train.length,
    threshold,
    coverThreshold,
    inSampleAuc: inAuc,
    outOfSampleAuc: outAuc,
    intercept: lg.intercept,
    coefficients: Object.fromEntries(lossRisk.LOSS_RISK_FEATURES.map((n, j) => [n, lg.weights[j]])),
    rules: table,
  };
}
