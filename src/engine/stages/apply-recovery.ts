/** Recovery potential and recommended actions per gap row, from the pack's per-type settings. */
import type { GapRow } from "../analysis-result";
import type { RecoveryParameters } from "../parameters/pack-parameters";
import type { Rounder } from "../rounding/round-rule";

export function applyRecovery(rows: GapRow[], p: RecoveryParameters, r: Rounder): void {
  for (const row of rows) {
    const factor = p.factors[row.gapType] ?? 1;
    row.recoveryPotential = factor === 1 ? row.gapAmount : r.display(row.gapAmount * factor);
    row.recommendedActions = (p.actions[row.gapType] ?? []).slice();
  }
}
