/**
 * The exposure stage (seed-logic 4.5): exposure = gap amount x min(cap, product of the segment
 * multipliers, multiplied left to right), rounded with the pack's rule; 0 when the gap is 0.
 */
import type { GapRow } from "../analysis-result";
import type { ExposureParameters } from "../parameters/pack-parameters";
import type { Rounder } from "../rounding/round-rule";
import type { GapMeasures } from "./measure-gaps";
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

/** Every gap's `GapExposure` as columns, entry i for gap i of the measures (issue 14, gapcols). */
export interface GapExposures {
  readonly count: number;
  readonly exposure: Float64Array;
  readonly exposureMultiplier: Float64Array;
}

/** Gap i's exposure as a record (the keys the stage gave each gap before it made columns). */
export function exposureAt(e: GapExposures, i: number): GapExposure {
  return { exposure: e.exposure[i], exposureMultiplier: e.exposureMultiplier[i] };
}

/**
 * The exposure of every gap, in the order of `gaps`; without the exposure layer 0 and a
 * multiplier of 1 for every gap.
 */
export function exposeGaps(
  gaps: GapMeasures,
  store: Pick<CustomerFactsStore, "factAt">,
  p: ExposureParameters,
  r: Rounder,
): GapExposures {
  const n = gaps.count;
  const out: GapExposures = {
    count: n,
    exposure: new Float64Array(n),
    exposureMultiplier: new Float64Array(n).fill(1),
  };
  if (!p.enabled) return out;
  // Each factor's segment of every gap's customer, the name looked up once (issue 14).
  const positions = new Array<number>(n);
  for (let j = 0; j < n; j++) positions[j] = gaps.customerPosition[j];
  const values = p.factors.map((f) => store.factAt(f.segment, positions));
  const amounts = gaps.gapAmount;
  for (let j = 0; j < n; j++) {
    const m = exposureMultiplier(values, j, p);
    out.exposureMultiplier[j] = m;
    out.exposure[j] = amounts[j] > 0 ? r.display(amounts[j] * m) : 0;
  }
  return out;
}
