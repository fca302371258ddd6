/**
 * The exposure stage (seed-logic 4.5): exposure = gap amount x min(cap, product of the segment
 * multipliers, multiplied left to right), rounded with the pack's rule; 0 when the gap is 0.
 */
import type { GapRow } from "../analysis-result";
import type { ExposureParameters } from "../parameters/pack-parameters";
import type { Rounder } from "../rounding/round-rule";
import type { GapMeasure } from "./measure-gaps";
import type { CustomerFactsStore } from "./customer-facts-store";

/** The capped multiplier for customer k's segment values (read from the classify stage's store). */
export function exposureMultiplier(
  store: Pick<CustomerFactsStore, "factOf">,
  k: number,
  p: ExposureParameters,
): number {
  let m = 1;
  for (let i = 0; i < p.factors.length; i++) {
    const f = p.factors[i];
    const value = String(store.factOf(k, f.segment) ?? "");
    const x = Object.prototype.hasOwnProperty.call(f.multipliers, value)
      ? f.multipliers[value]
      : f.otherwise;
    m = i === 0 ? x : m * x;
  }
  return Math.min(p.cap, m);
}

/** What the exposure stage gives one gap. */
export type GapExposure = Pick<GapRow, "exposure" | "exposureMultiplier">;

const NO_EXPOSURE: GapExposure = Object.freeze({ exposure: 0, exposureMultiplier: 1 });

/** The exposure of every gap, in the order of `gaps`. */
export function exposeGaps(
  gaps: readonly GapMeasure[],
  store: Pick<CustomerFactsStore, "factOf">,
  p: ExposureParameters,
  r: Rounder,
): GapExposure[] {
  if (!p.enabled) return gaps.map(() => NO_EXPOSURE);
  return gaps.map((g): GapExposure => {
    const m = exposureMultiplier(store, g.customerPosition, p);
    return { exposureMultiplier: m, exposure: g.gapAmount > 0 ? r.display(g.gapAmount * m) : 0 };
  });
}
