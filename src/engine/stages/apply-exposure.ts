/**
 * The exposure stage (seed-logic 4.5): exposure = gap amount x min(cap, product of the segment
 * multipliers, multiplied left to right), rounded with the pack's rule; 0 when the gap is 0.
 */
import type { GapRow } from "../analysis-result";
import type { ExposureParameters } from "../parameters/pack-parameters";
import type { Rounder } from "../rounding/round-rule";
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

export function applyExposure(
  rows: GapRow[],
  facts: readonly MutableFacts[],
  p: ExposureParameters,
  r: Rounder,
): void {
  if (!p.enabled) return;
  for (const row of rows) {
    const m = exposureMultiplier(facts[row.customerPosition], p);
    row.exposureMultiplier = m;
    row.exposure = row.gapAmount > 0 ? r.display(row.gapAmount * m) : 0;
  }
}
