/** A GapRow with neutral defaults for hand-made stage tests. */
import type { GapRow } from "../../src/engine/analysis-result";

export function gapRow(over: Partial<GapRow>): GapRow {
  return {
    rank: 1,
    customerId: "C1",
    customerPosition: 0,
    gapType: "revenue_gap",
    severity: "high",
    priorityScore: 5,
    priorityBand: "medium",
    subScores: { revenueImpact: 0, churnRisk: 0, customerValue: 0, recoveryProbability: 0 },
    current: 0,
    expected: 0,
    gapAmount: 0,
    gapPct: 0,
    weeksAtRisk: 0,
    rootCause: null,
    exposure: 0,
    exposureMultiplier: 1,
    recoveryPotential: 0,
    recommendedActions: [],
    ruleName: "r",
    why: "",
    whySource: "compiled",
    primary: false,
    ...over,
  };
}
