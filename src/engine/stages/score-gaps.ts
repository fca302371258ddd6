/** The score stage: sub-scores, the priority score and its band for every gap row (seed-logic 3.7). */
import type { GapRow } from "../analysis-result";
import type { CustomerMetrics } from "../metrics/customer-metrics";
import {
  SUB_SCORES,
  type ScoringParameters,
  type SubScoreName,
} from "../parameters/pack-parameters";
import type { Rounder } from "../rounding/round-rule";
import type { GapMeasure } from "./measure-gaps";
import { priorityBandOf, priorityBands } from "./priority-band";
import {
  churnRisk,
  customerValue,
  recoveryProbability,
  revenueImpact,
  type SubScoreContext,
} from "./sub-scores";

/** What the score stage gives one gap. */
export type GapScore = Pick<GapRow, "subScores" | "priorityScore" | "priorityBand">;

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
 * with one sub-score context reused gap after gap (the sub-score methods read it and keep none of
 * it), where an array callback made a context per gap (issue 14, engine2 round).
 */
export function scoreGaps(
  gaps: readonly GapMeasure[],
  metrics: CustomerMetrics,
  churnListed: Uint8Array,
  churnScores: Float64Array,
  p: ScoringParameters,
  r: Rounder,
): GapScore[] {
  let maxGap = 0;
  for (let i = 0; i < gaps.length; i++) if (gaps[i].gapAmount > maxGap) maxGap = gaps[i].gapAmount;
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
  const out: GapScore[] = new Array<GapScore>(gaps.length);
  for (let i = 0; i < gaps.length; i++) {
    const row = gaps[i];
    const k = row.customerPosition;
    ctx.totalRevenue = totalRevenue[k];
    ctx.churnListed = churnListed[k] === 1;
    ctx.churnScore = churnScores[k];
    ctx.valuePercentile = valuePercentile[k];
    const ri = revenueImpact(row, ctx, sp.revenueImpact);
    const cr = churnRisk(row, ctx, sp.churnRisk);
    const cv = customerValue(ctx, sp.customerValue);
    const rp = recoveryProbability(row, sp.recoveryProbability);
    const subs: Record<SubScoreName, number> = {
      revenueImpact: round ? r.step(ri) : ri,
      churnRisk: round ? r.step(cr) : cr,
      customerValue: round ? r.step(cv) : cv,
      recoveryProbability: round ? r.step(rp) : rp,
    };
    const priorityScore = r.display(
      useLossRisk ? 10 * (lossRisk?.[k] ?? 0) : combineSubScores(subs, p),
    );
    out[i] = { subScores: subs, priorityScore, priorityBand: priorityBandOf(priorityScore, bands) };
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
