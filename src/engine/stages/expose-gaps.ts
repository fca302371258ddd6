/**
 * The exposure stage (seed-logic 4.5): exposure = gap amount x min(cap, product of the segment
 * multipliers, multiplied left to right), rounded with the pack's rule; 0 when the gap is 0.
 */
import type { GapRow } from "../analysis-result";
import type { ExposureParameters } from "../parameters/pack-parameters";
import type { Rounder } from "../rounding/round-rule";
import type { GapMeasure } from "./measure-gaps";
import type { MutableFacts } from "./customer-facts-record";

/** The capped multiplier for one customer's segment values. */
export function exposureMultiplier(facts: MutableFacts, p: ExposureParameters): number {
  let m = 1;
  p.factors.forEach((f, i) => {
    const value = String(facts[f.segment] ?? "");
    const x = Object.prototype.hasOwnProperty.call(f.multipliers, value)
      ? f.multipliers[value]
      : f.otherwise;
    m = i === 0 ? x : m * x;
  });
  return Math.min(p.cap, m);
}

/** What the exposure stage gives one gap. */
export type GapExposure = Pick<GapRow, "exposure" | "exposureMultiplier">;

const NO_EXPOSURE: GapExposure = Object.freeze({ exposure: 0, exposureMultiplier: 1 });

/** The exposure of every gap, in the order of `gaps`. */
export function exposeGaps(
  gaps: readonly GapMeasure[],
  facts: readonly MutableFacts[],
  p: ExposureParameters,
  r: Rounder,
): GapExposure[] {
  if (!p.enabled) return gaps.map(() => NO_EXPOSURE);
  return gaps.map((g): GapExposure => {
    const m = exposureMultiplier(facts[g.customerPosition], p);
    return { exposureMultiplier: m, exposure: g.gapAmount > 0 ? r.display(g.gapAmount * m) : 0 };
  });
}
