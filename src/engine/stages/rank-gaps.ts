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
  const indices = (): number[] => {
    const order: number[] = new Array<number>(n);
    for (let i = 0; i < n; i++) order[i] = i;
    return order;
  };
  if (p.by === "priorityScore" && rawPriority !== undefined) {
    return indices().sort((a, b) => rawPriority(b) - rawPriority(a) || exposure[b] - exposure[a]);
  }
  // The stage's own key column (issue 14, gapcols round: the key was read from a record per gap).
  const key =
    p.by === "exposure" ? exposure : p.by === "gapAmount" ? keys.gapAmount : keys.priorityScore;
  return descendingStable(key) ?? indices().sort((a, b) => key[b] - key[a]);
}

/**
 * The order `indices.sort((a, b) => key[b] - key[a])` gives (V8's sort is stable), made without
 * calling a comparator, or undefined when a key is NaN. Without NaN the comparator is a consistent
 * order (a difference is NaN only for two equal infinities, which it takes as equal, as it does -0
 * and 0), so the stable sort's result is the one order "key descending, ties by index": the
 * distinct keys sorted natively, each gap's key numbered by a map (-0 and 0 one entry), then a
 * counting sort by that number in index order. About 11,500 gaps sorted by a comparator were
 * 150,000 calls, mostly before V8 optimised it (issue 14, gapcols round). With NaN the comparator's
 * order depends on the sort's algorithm, so the caller sorts with it as before.
 */
export function descendingStable(key: Float64Array): number[] | undefined {
  const n = key.length;
  for (let i = 0; i < n; i++) if (Number.isNaN(key[i])) return undefined;
  const sorted = Float64Array.from(key).sort();
  const bucketOf = new Map<number, number>();
  let buckets = 0;
  for (let x = n - 1; x >= 0; x--) {
    // Largest first; equal neighbours (-0 and 0 among them) share a bucket.
    if (x === n - 1 || sorted[x] !== sorted[x + 1]) bucketOf.set(sorted[x], buckets++);
  }
  const bucket = new Int32Array(n);
  const starts = new Int32Array(buckets + 1);
  for (let i = 0; i < n; i++) {
    const b = bucketOf.get(key[i]) ?? 0;
    bucket[i] = b;
    starts[b + 1]++;
  }
  for (let b = 0; b < buckets; b++) starts[b + 1] += starts[b];
  const order: number[] = new Array<number>(n);
  for (let i = 0; i < n; i++) order[starts[bucket[i]]++] = i;
  return order;
}
