/**
 * The rank stage: orders the gaps by the pack's key, descending. The sort is stable and gaps
 * arrive in customer file order, then gap-type order (declining_revenue, below_baseline,
 * zero_spend, revenue_gap), so ties keep that order (what the seed presets need). Rank = 1-based
 * position in the returned order.
 */
import type { RankingParameters } from "../parameters/pack-parameters";

/** The key columns the rank stage may order by, entry i for gap i (the stages' columns). */
export interface RankKeys {
  readonly gapAmount: Float64Array;
  readonly priorityScore: Float64Array;
  readonly exposure: Float64Array;
}

/** Gap indices in rank order. */
export function rankGaps(
  keys: RankKeys,
  p: RankingParameters,
  /**
   * Unrounded priority per gap (the loss-risk scoring model: 10 x lossRisk), used instead of the
   * rounded priority score when ranking by it; ties then go to the larger exposure.
   */
  rawPriority?: (i: number) => number,
): number[] {
  const exposure = keys.exposure;
  const n = exposure.length;
  const order: number[] = new Array<number>(n);
  for (let i = 0; i < n; i++) order[i] = i;
  if (p.by === "priorityScore" && rawPriority !== undefined) {
    return order.sort((a, b) => rawPriority(b) - rawPriority(a) || exposure[b] - exposure[a]);
  }
  // The stage's own key column, read directly by the comparator (issue 14, gapcols round: the
  // key was read from a record per gap); the comparator gives the same numbers as before, so the
  // stable sort gives the same order. (A counting sort over the natively sorted distinct keys was
  // measured slower in a cold process: a typed array's first sort and the map of keys cost more
  // than the comparator calls.)
  const key =
    p.by === "exposure" ? exposure : p.by === "gapAmount" ? keys.gapAmount : keys.priorityScore;
  return order.sort((a, b) => key[b] - key[a]);
}
