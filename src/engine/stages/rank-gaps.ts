/**
 * The rank stage: orders the gaps by the pack's key, descending. The sort is stable and gaps
 * arrive in customer file order, then gap-type order (declining_revenue, below_baseline,
 * zero_spend, revenue_gap), so ties keep that order (what the seed presets need). Rank = 1-based
 * position in the returned order.
 */
import type { RankingParameters } from "../parameters/pack-parameters";
import type { GapExposure } from "./expose-gaps";
import type { GapMeasure } from "./measure-gaps";
import type { GapScore } from "./score-gaps";

/** Gap indices in rank order. */
export function rankGaps(
  measures: readonly GapMeasure[],
  scores: readonly GapScore[],
  exposures: readonly GapExposure[],
  p: RankingParameters,
  /**
   * Unrounded priority per gap (the loss-risk scoring model: 10 x lossRisk), used instead of the
   * rounded priority score when ranking by it; ties then go to the larger exposure.
   */
  rawPriority?: (i: number) => number,
): number[] {
  if (p.by === "priorityScore" && rawPriority !== undefined) {
    return measures
      .map((_, i) => i)
      .sort(
        (a, b) => rawPriority(b) - rawPriority(a) || exposures[b].exposure - exposures[a].exposure,
      );
  }
  // Each gap's key read once into a typed column; the comparator gives the same numbers as
  // before, so the stable sort gives the same order (issue 14).
  const n = measures.length;
  const keys = new Float64Array(n);
  const order: number[] = new Array<number>(n);
  for (let i = 0; i < n; i++) {
    keys[i] =
      p.by === "exposure"
        ? exposures[i].exposure
        : p.by === "gapAmount"
          ? measures[i].gapAmount
          : scores[i].priorityScore;
    order[i] = i;
  }
  return order.sort((a, b) => keys[b] - keys[a]);
}
