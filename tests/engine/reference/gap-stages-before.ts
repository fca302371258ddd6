/**
 * The exposure and recovery stages as they were before issue 14's gapcols round (a record per
 * gap, read from measure records), kept verbatim but for their names and import paths as the
 * reference the column stages are tested against (tests/engine/score-stage.test.ts). Not used by
 * the app.
 */
import type {
  ExposureParameters,
  RecoveryParameters,
} from "../../../src/engine/parameters/pack-parameters";
import type { Rounder } from "../../../src/engine/rounding/round-rule";
import type { CustomerFactsStore } from "../../../src/engine/stages/customer-facts-store";
import { exposureMultiplier, type GapExposure } from "../../../src/engine/stages/expose-gaps";
import type { GapMeasure } from "../../../src/engine/stages/measure-gaps";
import type { GapRecovery } from "../../../src/engine/stages/recover-gaps";

const NO_EXPOSURE: GapExposure = Object.freeze({ exposure: 0, exposureMultiplier: 1 });

/** The exposure of every gap, in the order of `gaps`. */
export function exposeGapsBefore(
  gaps: readonly GapMeasure[],
  store: Pick<CustomerFactsStore, "factAt">,
  p: ExposureParameters,
  r: Rounder,
): GapExposure[] {
  if (!p.enabled) return gaps.map(() => NO_EXPOSURE);
  // Each factor's segment of every gap's customer, the name looked up once (issue 14).
  const positions = gaps.map((g) => g.customerPosition);
  const values = p.factors.map((f) => store.factAt(f.segment, positions));
  return gaps.map((g, j): GapExposure => {
    const m = exposureMultiplier(values, j, p);
    return { exposureMultiplier: m, exposure: g.gapAmount > 0 ? r.display(g.gapAmount * m) : 0 };
  });
}

/** The recovery of every gap, in the order of `gaps`. */
export function recoverGapsBefore(
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
