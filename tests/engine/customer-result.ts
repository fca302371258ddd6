/** A CustomerResult with no gap and empty facts, for stage tests; `over` sets what a test reads. */
import type { CustomerResult } from "../../src/engine/analysis-result";

export const customerResult = (id: string, over: Partial<CustomerResult> = {}): CustomerResult => ({
  customerId: id,
  facts: {},
  churnListed: false,
  churnScore: 0,
  churnProbability: 0,
  churnFactors: [],
  rootCause: null,
  gapCount: 0,
  revenueAtRisk: 0,
  exposure: 0,
  recoveryPotential: 0,
  primaryGapType: null,
  priorityScore: 0,
  priorityBand: null,
  bestRank: 0,
  ...over,
});
