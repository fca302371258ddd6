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

/** The sub-scores, priority score and band of every gap, in the order of `gaps`. */
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
  const fix = (x: number): number => (p.roundSubScores ? r.step(x) : x);
  const bands = priorityBands(p);
  return gaps.map((row): GapScore => {
    const k = row.customerPosition;
    const ctx: SubScoreContext = {
      maxGapAmount: maxGap,
      totalRevenue: metrics.numeric.totalRevenue[k],
      churnListed: churnListed[k] === 1,
      churnScore: churnScores[k],
      valuePercentile: metrics.numeric.valuePercentile[k],
    };
    const subs: Record<SubScoreName, number> = {
      revenueImpact: fix(revenueImpact(row, ctx, sp.revenueImpact)),
      churnRisk: fix(churnRisk(row, ctx, sp.churnRisk)),
      customerValue: fix(customerValue(ctx, sp.customerValue)),
      recoveryProbability: fix(recoveryProbability(row, sp.recoveryProbability)),
    };
    const priorityScore = r.display(
      p.model === "loss-risk" && learnedLossRisk(metrics)
        ? 10 * (metrics.model?.lossRiskRaw[k] ?? 0)
        : combineSubScores(subs, p),
    );
    return { subScores: subs, priorityScore, priorityBand: priorityBandOf(priorityScore, bands) };
  });
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
