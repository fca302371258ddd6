/**
 * RGO Summary's methodology: how the figures were worked out (windows, gap formulas, the priority
 * score and bands, how money is counted, exposure, the customer model), in words: every engine
 * name (gap types, sub-scores, segments) through the label registry.
 */
import type { AnalysisResult } from "../../analysis-result";
import { periodWords } from "../../input/period";
import { monthlyMethodology } from "../../parameters/period-parameters";
import { labelOf } from "../../registry/labels";
import { priorityBands } from "../../stages/priority-band";
import { noStockMethodology } from "../../stages/stock-wording";
import type { SummaryBlock } from "../result-book";

const fmt = (x: number, digits: number): string => x.toFixed(digits);
/** "expected-shortfall" -> "expected shortfall". */
const methodWords = (method: string | undefined): string => (method ?? "").replace(/-/g, " ");
const weightsText = (weights: Readonly<Record<string, number>>): string =>
  Object.entries(weights)
    .map(([k, v]) => `${v} x ${labelOf("fact", k).toLowerCase()}`)
    .join(" + ");

/** The customer model's lines of the methodology: what it is, its fit and fit quality. */
export function modelMethodology(result: AnalysisResult): string[] {
  const m = result.model;
  if (m === undefined) return [];
  // Monthly data: the model is off (metrics/customer-forecast.ts), the one line says why.
  if (result.period === "month") return [`Customer model not fitted: ${m.notFitted ?? ""}.`];
  const mp = m.parameters;
  const lines = [
    `Customer model (BG/NBD for whether and how often each customer buys, Gamma-Gamma for how much per purchase): ${
      m.summary === null
        ? "each purchase day (daily data) or week with spend (weekly data) is one purchase"
        : m.summary.purchaseUnit === "day"
          ? "each purchase day is one purchase (same-day rows summed)"
          : "each week with spend is one purchase"
    }; forecast over the next ${mp.horizonWeeks} weeks "if nothing changes" with a ${Math.round(mp.intervalLevel * 100)}% interval; recent run-rate = the last 13 weeks' spend / 13 x ${mp.horizonWeeks}; expected shortfall = max(0, run-rate - expected spend). A customer counts as lost when their weekly spend falls to at most ${mp.lossFraction} x their last 13 weeks' weekly mean.`,
  ];
  const s = m.summary;
  if (s === null) {
    lines.push(`Customer model not fitted: ${m.notFitted ?? "too little data"}.`);
    return lines;
  }
  const bg = s.bgNbd;
  const gg = s.gammaGamma;
  lines.push(
    `Model fit at ${s.asOf} on ${s.customers} customers (${s.repeatCustomers} with repeat purchases): BG/NBD r ${fmt(bg.r, 4)}, alpha ${fmt(bg.alpha, 4)}, a ${fmt(bg.a, 4)}, b ${fmt(bg.b, 4)}, log-likelihood ${fmt(bg.logLikelihood, 2)}, ${bg.converged ? "converged" : "NOT converged"} in ${bg.iterations} iterations; Gamma-Gamma p ${fmt(gg.p, 4)}, q ${fmt(gg.q, 4)}, gamma ${fmt(gg.gamma, 4)}, log-likelihood ${fmt(gg.logLikelihood, 2)}, ${gg.converged ? "converged" : "NOT converged"}; value trend x${fmt(s.valueMultiplier, 4)}.`,
  );
  lines.push(
    s.lossRisk !== null
      ? `Loss risk learned from this workbook's own history: a logistic model trained at ${s.lossRisk.cut} on ${s.lossRisk.trainingCustomers} customers active then (${Math.round(s.lossRisk.lostRate * 100)}% were lost over the following ${mp.horizonWeeks} weeks), ${s.lossRisk.converged ? "converged" : "NOT converged"} in ${s.lossRisk.iterations} iterations.`
      : `Loss risk = the model's own chance of loss (too little history ${mp.horizonWeeks} weeks back to learn it).`,
  );
  return lines;
}

function scoreText(result: AnalysisResult): string {
  const p = result.parameters;
  if (p.scoring.model === "loss-risk" && result.model?.summary?.lossRisk != null)
    return "Priority score = 10 x the customer's learned loss risk (the chance they are lost over the horizon); rows are ranked on the unrounded value, ties by exposure.";
  if (p.scoring.model === "loss-risk")
    return `Priority score = ${weightsText(p.scoring.weights)} (each sub-score 0-10): the loss risk could not be learned (too little history), so the weighted score applies and rows are ranked by exposure.`;
  if (p.scoring.model === "weighted")
    return `Priority score = ${weightsText(p.scoring.weights)} (each sub-score 0-10).`;
  const factors = p.scoring.worstOfFactors ?? {};
  return `Priority score = the worst dimension: min(10, largest sub-score x its factor)${
    Object.keys(factors).length > 0
      ? ` (factors ${Object.entries(factors)
          .map(([k, v]) => `${labelOf("fact", k).toLowerCase()} ${v}`)
          .join(", ")}; others 1)`
      : " (all factors 1)"
  }.`;
}

function methodologyLines(result: AnalysisResult): string[] {
  const p = result.parameters;
  const w = p.windows;
  const u = periodWords(result.period);
  const baseline =
    w.baselineAnchor === "first"
      ? `the average of each customer's first ${w.baselineWeeks} ${u.many}`
      : `the average of the ${w.baselineWeeks} ${u.many} before the current window`;
  const gaps = Object.entries(p.gaps)
    .map(([t, g]) => `${labelOf("gapType", t)} (${methodWords(g?.method)})`)
    .join(", ");
  const rankedBy =
    p.scoring.model === "loss-risk" && result.model?.summary?.lossRisk == null
      ? "exposure"
      : labelOf("fact", p.ranking.by).toLowerCase();
  const lines = [
    `Baseline = ${baseline}; current = the average of the last ${w.currentWeeks} ${u.many}; volatility over the last ${w.structuralWeeks} ${u.many}.`,
    ...(result.period === "month" ? [monthlyMethodology(w)] : []),
    `Gap types and their formulas: ${gaps}. Which customers have which gap is decided by the rules in RGO Rules.`,
    scoreText(result),
    `Priority bands: ${priorityBands(p.scoring)
      .map((b) => `${b.label} from ${b.min}`)
      .join(
        ", ",
      )}. RGO Gaps also grades each gap row's percent change (high at ${p.severity.inclusive ? "or below " : "below "}${p.severity.high}%, medium at ${p.severity.inclusive ? "or below " : "below "}${p.severity.medium}%, else low); this page uses the priority band only.`,
    `Money is counted once per customer: a customer's revenue at risk is its largest gap amount (its gap types measure the same missing ${u.ly} spend), and its exposure and recovery are that gap's. Totals are exact sums of the cents shown.`,
    `RGO Gaps is ranked by ${rankedBy}, descending (ties keep customer file order then gap-type order); this page lists customers by revenue at risk. Top ${result.portfolio.topN} listed.`,
    `Rounding: ${p.rounding}.`,
  ];
  if (p.exposure.enabled)
    lines.push(
      `Exposure = gap x min(${p.exposure.cap}, ${p.exposure.factors.map((f) => `${labelOf("fact", f.segment).toLowerCase()} multiplier`).join(" x ")}).`,
    );
  if (result.stockAssessed === false) lines.push(noStockMethodology(u));
  lines.push(...modelMethodology(result));
  return lines;
}

export function methodologyBlocks(result: AnalysisResult): SummaryBlock[] {
  return [
    { kind: "heading", text: "Methodology", level: 2 },
    { kind: "bullets", items: methodologyLines(result) },
  ];
}
