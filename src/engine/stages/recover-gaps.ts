/** Recovery potential and recommended actions per gap, from the pack's per-type settings. */
import type { GapRow } from "../analysis-result";
import type { RecoveryParameters } from "../parameters/pack-parameters";
import type { Rounder } from "../rounding/round-rule";
import type { GapMeasures } from "./measure-gaps";

/** What the recovery stage gives one gap. */
export type GapRecovery = Pick<GapRow, "recoveryPotential" | "recommendedActions">;

/**
 * Every gap's `GapRecovery` as columns, entry i for gap i of the measures: the recovery potential
 * in a typed column, the actions by the gap's type (the pack's list, shared, as the stage gave
 * them per gap before it made columns; issue 14, gapcols round).
 */
export interface GapRecoveries {
  readonly count: number;
  readonly recoveryPotential: Float64Array;
  /** Gap i's recommended actions (the pack's list for its type, shared). */
  actionsAt(i: number): readonly string[];
}

/** Gap i's recovery as a record. */
export function recoveryAt(c: GapRecoveries, i: number): GapRecovery {
  return { recoveryPotential: c.recoveryPotential[i], recommendedActions: c.actionsAt(i) };
}

/** The recovery of every gap, in the order of `gaps`. */
export function recoverGaps(gaps: GapMeasures, p: RecoveryParameters, r: Rounder): GapRecoveries {
  const n = gaps.count;
  const recoveryPotential = new Float64Array(n);
  const factors = p.factors;
  const gapType = gaps.gapType;
  const gapAmount = gaps.gapAmount;
  for (let i = 0; i < n; i++) {
    const factor = factors[gapType[i]] ?? 1;
    const amount = gapAmount[i];
    recoveryPotential[i] = factor === 1 ? amount : r.display(amount * factor);
  }
  return {
    count: n,
    recoveryPotential,
    actionsAt: (i) => p.actions[gaps.gapType[i]] ?? [],
  };
}
