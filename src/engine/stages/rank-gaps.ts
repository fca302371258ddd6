/**
 * The rank stage: sorts gap rows by the pack's key, descending. The sort is stable and rows arrive
 * in customer file order, then gap-type order (declining_revenue, below_baseline, zero_spend,
 * revenue_gap), so ties keep that order (what the seed presets need). Assigns 1-based ranks.
 */
import type { GapRow } from "../analysis-result";
import type { RankingParameters } from "../parameters/pack-parameters";

export function rankGaps(rows: readonly GapRow[], p: RankingParameters): GapRow[] {
  const key = (row: GapRow): number =>
    p.by === "exposure" ? row.exposure : p.by === "gapAmount" ? row.gapAmount : row.priorityScore;
  const ranked = rows.slice().sort((a, b) => key(b) - key(a));
  ranked.forEach((row, i) => (row.rank = i + 1));
  return ranked;
}
