/** Recovery potential and recommended actions per gap, from the pack's per-type settings. */
import type { GapRow } from "../analysis-result";
import type { RecoveryParameters } from "../parameters/pack-parameters";
import type { Rounder } from "../rounding/round-rule";
import type { GapMeasure } from "./measure-gaps";

/** What the recovery stage gives one gap. */
export type GapRecovery = Pick<GapRow, "recoveryPotential" | "recommendedActions">;

/** The recovery of every gap, in the order of `gaps`. */
export function recoverGaps(
  gaps: readonly GapMeasure[],
  p: RecoveryParameters,
  r: Rounder,
): GapRecovery[] {
  return gaps.map((g): GapRecovery => {
    const factor = p.factors[g.gapType] ?? 1;
    return {
      recoveryPotential: factor === 1 ? g.gapAmount : r.display(g.gapAmount * factor),
      recommendedActions: p.actions[g.gapType] ?? [],
    };
  });
}
