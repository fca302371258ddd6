/** The score stage: sub-scores, the priority score and its band for every gap row (seed-logic 3.7). */
import type { GapRow } from "../analysis-result";
import type { CustomerMetrics } from "../metrics/customer-metrics";
import {
  SUB_SCORES,
  type ScoringParameters,
  type SubScoreName,
} from "../parameters/pack-parameters";
import type { Rounder } from "../rounding/round-rule";
import type { GapMeasures } from "./measure-gaps";
import { priorityBandOf, priorityBands } from "./priority-band";
import {
  churnRisk,
  customerValue,
  recoveryProbability,
  revenueImpact,
  type SubScoreContext,
  type SubScoreRow,
} from "./sub-scores";

/** What the score stage gives one gap. */
export type GapScore = Pick<GapRow, "subScores" | "priorityScore" | "priorityBand">;

/**
 * Every gap's `GapScore` as columns, entry i for gap i of the measures: one typed column per
 * sub-score, the priority score and its band (issue 14, gapcols round: no score and sub-score
 * records per gap).
 */
export interface GapScores {
  readonly count: number;
  readonly revenueImpact: Float64Array;
  readonly churnRisk: Float64Array;
  readonly customerValue: Float64Array;
  readonly recoveryProbability: Float64Array;
  readonly priorityScore: Float64Array;
  readonly priorityBand: readonly string[];
}

/** Gap i's sub-scores as a record, keys in SUB_SCORES order (what the row's subScores holds). */
export function subScoresAt(s: GapScores, i: number): Record<SubScoreName, number> {
  return {
    revenueImpact: s.revenueImpact[i],
    churnRisk: s.churnRisk[i],
    customerValue: s.customerValue[i],
    recoveryProbability: s.recoveryProbability[i],
  };
}

/** Gap i's score as a record (the keys the stage gave each gap before it made columns). */
export function scoreAt(s: GapScores, i: number): GapScore {
  return {
    subScores: subScoresAt(s, i),
    priorityScore: s.priorityScore[i],
    priorityBand: s.priorityBand[i],
  };
}

/**
 * Whether the customer model learned a loss risk from the workbook's own history (it needs H + 14
 * weeks): the loss-risk scoring model uses it; without it the weighted sub-scores apply (and the
 * rank stage orders by exposure), as in packs without the model.
 */
export function learnedLossRisk(metrics: CustomerMetrics): boolean {
  return metrics.model !== undefined && metrics.model.summary.lossRisk !== null;
}

/**
 * The sub-scores, priority score and band of every gap, in the order of `gaps`. One indexed loop
 * with one sub-score context, one row of the sub-scores' figures and one sub-score record reused
 * gap after gap (the sub-score methods and combineSubScores read them and keep none of them),
 * where an array callback made a context per gap (issue 14, engine2 round); the results go into
 * columns (gapcols round).
 */
export function scoreGaps(
  gaps: GapMeasures,
  metrics: CustomerMetrics,
  churnListed: Uint8Array,
  churnScores: Float64Array,
  p: ScoringParameters,
  r: Rounder,
): GapScores {
  const n = gaps.count;
  const amounts = gaps.gapAmount;
  let maxGap = 0;
  for (let i = 0; i < n; i++) if (amounts[i] > maxGap) maxGap = amounts[i];
  const sp = p.subScores;
  const round = p.roundSubScores;
  const bands = priorityBands(p);
  const useLossRisk = p.model === "loss-risk" && learnedLossRisk(metrics);
  const lossRisk = useLossRisk ? metrics.model?.lossRiskRaw : undefined;
  const totalRevenue = metrics.numeric.totalRevenue;
  const valuePercentile = metrics.numeric.valuePercentile;
  const ctx: SubScoreContext = {
    maxGapAmount: maxGap,
    totalRevenue: 0,
    churnListed: false,
    churnScore: 0,
    valuePercentile: 0,
  };
  const row: { -readonly [K in keyof SubScoreRow]: SubScoreRow[K] } = {
    gapType: "revenue_gap",
    gapAmount: 0,
    gapPct: 0,
    weeksAtRisk: 0,
  };
  const subs: Record<SubScoreName, number> = {
    revenueImpact: 0,
    churnRisk: 0,
    customerValue: 0,
    recoveryProbability: 0,
  };
  const out = {
    count: n,
    revenueImpact: new Float64Array(n),
    churnRisk: new Float64Array(n),
    customerValue: new Float64Array(n),
    recoveryProbability: new Float64Array(n),
    priorityScore: new Float64Array(n),
    priorityBand: new Array<string>(n),
  };
  // Every column read or written in the loop is a local (a property load less per use; the loop
  // runs once per process, mostly interpreted; issue 14, gapcols round).
  const positions = gaps.customerPosition;
  const gapTypes = gaps.gapType;
  const gapPcts = gaps.gapPct;
  const weeks = gaps.weeksAtRisk;
  const ri = sp.revenueImpact;
  const cr = sp.churnRisk;
  const cv = sp.customerValue;
  const rp = sp.recoveryProbability;
  const { revenueImpact: riOut, churnRisk: crOut, customerValue: cvOut } = out;
  const rpOut = out.recoveryProbability;
  const scoreOut = out.priorityScore;
  const bandOut = out.priorityBand;
  for (let i = 0; i < n; i++) {
    const k = positions[i];
    row.gapType = gapTypes[i];
    row.gapAmount = amounts[i];
    row.gapPct = gapPcts[i];
    row.weeksAtRisk = weeks[i];
    ctx.totalRevenue = totalRevenue[k];
    ctx.churnListed = churnListed[k] === 1;
    ctx.churnScore = churnScores[k];
    ctx.valuePercentile = valuePercentile[k];
    const a = revenueImpact(row, ctx, ri);
    const b = churnRisk(row, ctx, cr);
    const c = customerValue(ctx, cv);
    const d = recoveryProbability(row, rp);
    subs.revenueImpact = round ? r.step(a) : a;
    subs.churnRisk = round ? r.step(b) : b;
    subs.customerValue = round ? r.step(c) : c;
    subs.recoveryProbability = round ? r.step(d) : d;
    const priorityScore = r.display(
      useLossRisk ? 10 * (lossRisk?.[k] ?? 0) : combineSubScores(subs, p),
    );
    riOut[i] = subs.revenueImpact;
    crOut[i] = subs.churnRisk;
    cvOut[i] = subs.customerValue;
    rpOut[i] = subs.recoveryProbability;
    scoreOut[i] = priorityScore;
    bandOut[i] = priorityBandOf(priorityScore, bands);
  }
  return out;
}

/**
 * The priority score from the sub-scores (unrounded): the weighted sum, or, for the worst-of model,
 * min(10, max over sub-scores of sub-score x its factor (default 1)) — a gap is as risky as its
 * worst dimension. (The loss-risk model does not combine sub-scores: scoreGaps uses 10 x lossRisk.)
 */
export function combineSubScores(
  subs: Readonly<Record<SubScoreName, number>>,
  p: ScoringParameters,
): number {
  if (p.model === "worst-of") {
    let worst = 0;
    for (let i = 0; i < SUB_SCORES.length; i++) {
      const s = SUB_SCORES[i];
      worst = Math.max(worst, subs[s] * (p.worstOfFactors?.[s] ?? 1));
    }
    return Math.min(10, worst);
  }
  // Indexed (issue 14): called per gap row, often before V8 optimises it.
  let score = 0;
  for (let i = 0; i < SUB_SCORES.length; i++)
    score += p.weights[SUB_SCORES[i]] * subs[SUB_SCORES[i]];
  return score;
}
