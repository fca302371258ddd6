/**
 * The churn list as analyze.ts built it before issue 14's engine-gc round (a chain of map /
 * filter / sort / map), kept verbatim as the reference the churn-list stage is tested against
 * (tests/engine/churn-list.test.ts, customer-columns.test.ts). Not used by the app.
 */
import type { ChurnEntry, CustomerResult } from "../../../src/engine/analysis-result";

/** The churn list as analyze.ts built it before. */
export function churnListBefore(customers: readonly CustomerResult[]): ChurnEntry[] {
  return customers
    .map((c, k) => ({ c, k }))
    .filter(({ c }) => c.churnListed)
    .sort((a, b) => b.c.churnScore - a.c.churnScore || a.k - b.k)
    .map(({ c }) => ({
      customerId: c.customerId,
      score: c.churnScore,
      probability: c.churnProbability,
      factors: c.churnFactors,
      weeksSinceLastPurchase: Number(c.facts.weeksSinceLastPurchase),
      trailingZeroWeeks: Number(c.facts.trailingZeroWeeks),
    }));
}
