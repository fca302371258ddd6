/**
 * The exposure stage (seed-logic 4.5): exposure = gap amount x min(cap, product of the segment
 * multipliers, multiplied left to right), rounded with the pack's rule; 0 when the gap is 0.
 */
import type { GapRow } from "../analysis-result";
import type { ExposureParameters } from "../parameters/pack-parameters";
import type { Rounder } from "../rounding/round-rule";
import type { GapMeasure } from "./measure-gaps";
import type { CustomerFactsStore } from "./customer-facts-store";

/** The capped multiplier of gap j's customer, `values[i][j]` its value of factor i's segment. */
export function exposureMultiplier(
  values: readonly (readonly unknown[])[],
  j: number,
  p: ExposureParameters,
): number {
  let m = 1;
  for (let i = 0; i < p.factors.length; i++) {
    const f = p.factors[i];
    const value = String(values[i][j] ?? "");
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
