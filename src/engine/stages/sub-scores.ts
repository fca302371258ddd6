/**
 * Sub-score methods (each 0-10). Each method is named in the parameters; see the schema for
 * what each one computes.
 */
import type { Band, SubScoreParameters } from "../parameters/pack-parameters";
import type { GapMeasure } from "./measure-gaps";

/**
 * The figures of a gap the sub-scores read (a GapMeasure has them; the score stage passes one
 * record reused gap after gap, filled from the measure columns).
 */
export type SubScoreRow = Pick<GapMeasure, "gapType" | "gapAmount" | "gapPct" | "weeksAtRisk">;

/** What the sub-scores need besides the row. */
export interface SubScoreContext {
  maxGapAmount: number;
  totalRevenue: number;
  churnListed: boolean;
  churnScore: number;
  valuePercentile: number;
}

function band(value: number, bands: readonly Band[], otherwise: number): number {
  // Indexed loops in this file (issue 14): called per gap row, often before V8 optimises them,
  // where a for-of makes an iterator result per element.
  for (let i = 0; i < bands.length; i++) if (value >= bands[i].min) return bands[i].score;
  return otherwise;
}

const clamp10 = (x: number): number => Math.max(0, Math.min(10, x));

export function revenueImpact(
  row: SubScoreRow,
  ctx: SubScoreContext,
  p: SubScoreParameters["revenueImpact"],
): number {
  if (p.method === "share-of-total-revenue") {
    return ctx.totalRevenue > 0
      ? Math.min(10, (row.gapAmount / ctx.totalRevenue) * 100)
      : Math.min(10, row.gapAmount / 10);
  }
  const max = ctx.maxGapAmount > 0 ? ctx.maxGapAmount : p.fallbackMax;
  return Math.min(10, (row.gapAmount / max) * 10);
}

export function churnRisk(
  row: SubScoreRow,
  ctx: SubScoreContext,
  p: SubScoreParameters["churnRisk"],
): number {
  if (p.method === "churn-score") return ctx.churnListed ? ctx.churnScore * 10 : 0;
  if (row.gapType === "zero_spend") return Math.min(10, p.zeroSpendBase + row.weeksAtRisk);
  if (ctx.churnListed) return ctx.churnScore * 10;
  return Math.min(10, (Math.abs(row.gapPct) / p.declinePctDivisor) * 10);
}

export function customerValue(
  ctx: SubScoreContext,
  p: SubScoreParameters["customerValue"],
): number {
  return band(ctx.valuePercentile, p.bands, p.otherwise);
}

export function recoveryProbability(
  row: SubScoreRow,
  p: SubScoreParameters["recoveryProbability"],
): number {
  const byWeeks = p.byWeeksAtRisk[row.gapType];
  let score = byWeeks
    ? band(row.weeksAtRisk, byWeeks, p.otherwise)
    : (p.base[row.gapType] ?? p.otherwise);
  for (let i = 0; i < p.dampening.length; i++) {
    const d = p.dampening[i];
    if (row.weeksAtRisk > d.above) {
      score *= d.factor;
      break;
    }
  }
  return clamp10(score);
}
