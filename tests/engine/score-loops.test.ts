/**
 * The per-gap helpers of the score stage in indexed loops without a closure per call (issue 14,
 * engine-fast round) against their replaced forms, kept here as the reference (a for-of over the
 * bands and sub-scores, a closure per severity call): the same band, severity, sub-score and
 * priority score on random scores, bands, rows and weights, NaN, -0 and ties included.
 */
import fc from "fast-check";
import {
  SUB_SCORES,
  type PriorityBand,
  type ScoringParameters,
  type SeverityParameters,
  type SubScoreName,
} from "../../src/engine/parameters/pack-parameters";
import { priorityBandOf } from "../../src/engine/stages/priority-band";
import { combineSubScores } from "../../src/engine/stages/score-gaps";
import { severityOf } from "../../src/engine/stages/severity";

function priorityBandOfBefore(score: number, bands: readonly PriorityBand[]): string {
  for (const b of bands) if (score >= b.min) return b.label;
  return bands.length > 0 ? bands[bands.length - 1].label : "";
}

function severityOfBefore(pct: number, bands: SeverityParameters): string {
  const hit = (band: number): boolean => (bands.inclusive ? pct <= band : pct < band);
  if (hit(bands.high)) return "high";
  if (hit(bands.medium)) return "medium";
  return "low";
}

function combineBefore(subs: Readonly<Record<SubScoreName, number>>, p: ScoringParameters): number {
  if (p.model === "worst-of") {
    let worst = 0;
    for (const s of SUB_SCORES) worst = Math.max(worst, subs[s] * (p.worstOfFactors?.[s] ?? 1));
    return Math.min(10, worst);
  }
  let score = 0;
  for (const s of SUB_SCORES) score += p.weights[s] * subs[s];
  return score;
}

const value = fc.oneof(
  fc.double({ min: -20, max: 20 }),
  fc.constantFrom(0, -0, Number.NaN, 4, 6, 8, 10),
);

test("priorityBandOf and severityOf give what the replaced loops gave", () => {
  fc.assert(
    fc.property(
      value,
      fc.array(fc.record({ min: value, label: fc.constantFrom("a", "b", "c", "d") }), {
        maxLength: 5,
      }),
      fc.record({ high: value, medium: value, inclusive: fc.boolean() }),
      (x, bands, severity) => {
        expect(priorityBandOf(x, bands)).toBe(priorityBandOfBefore(x, bands));
        expect(severityOf(x, severity as SeverityParameters)).toBe(
          severityOfBefore(x, severity as SeverityParameters),
        );
      },
    ),
    { numRuns: 500 },
  );
  // Hand-worked: 6 is "high" in the default bands (min 6), -25% is "medium" when medium is -20.
  expect(
    priorityBandOf(6, [
      { min: 8, label: "critical" },
      { min: 6, label: "high" },
    ]),
  ).toBe("high");
  expect(severityOf(-25, { high: -50, medium: -20, inclusive: true } as SeverityParameters)).toBe(
    "medium",
  );
});

test("combineSubScores gives what the replaced loops gave (weighted and worst-of)", () => {
  const subsArb = fc.record({
    revenueImpact: value,
    churnRisk: value,
    customerValue: value,
    recoveryProbability: value,
  });
  fc.assert(
    fc.property(subsArb, subsArb, fc.boolean(), fc.boolean(), (subs, w, worstOf, factors) => {
      const p = {
        model: worstOf ? "worst-of" : "weighted",
        weights: w,
        ...(factors ? { worstOfFactors: { churnRisk: 1.5 } } : {}),
      } as unknown as ScoringParameters;
      expect(Object.is(combineSubScores(subs, p), combineBefore(subs, p))).toBe(true);
    }),
    { numRuns: 500 },
  );
  const weights = {
    revenueImpact: 0.4,
    churnRisk: 0.3,
    customerValue: 0.2,
    recoveryProbability: 0.1,
  };
  const p = { model: "weighted", weights } as unknown as ScoringParameters;
  const subs = { revenueImpact: 10, churnRisk: 5, customerValue: 0, recoveryProbability: 2 };
  // 0.4 x 10 + 0.3 x 5 + 0 + 0.1 x 2 = 5.7 (summed in this order).
  expect(combineSubScores(subs, p)).toBe(0.4 * 10 + 0.3 * 5 + 0.2 * 0 + 0.1 * 2);
});
