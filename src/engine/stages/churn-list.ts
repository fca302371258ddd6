/**
 * The churn list: the listed customers, highest churn score first (ties: file order). Indexed
 * loops and a sort of positions (issue 14, engine-gc round): the list was four array passes with
 * a pair object per customer, in code that runs once and so is not optimised. Held to the
 * replaced chain by tests/engine/churn-list.test.ts.
 */
import type { ChurnEntry, CustomerResult } from "../analysis-result";

export function churnList(customers: readonly CustomerResult[]): ChurnEntry[] {
  const listed: number[] = [];
  for (let k = 0; k < customers.length; k++) if (customers[k].churnListed) listed.push(k);
  listed.sort((a, b) => customers[b].churnScore - customers[a].churnScore || a - b);
  const out: ChurnEntry[] = [];
  for (let j = 0; j < listed.length; j++) {
    const c = customers[listed[j]];
    out.push({
      customerId: c.customerId,
      score: c.churnScore,
      probability: c.churnProbability,
      factors: c.churnFactors,
      weeksSinceLastPurchase: Number(c.facts.weeksSinceLastPurchase),
      trailingZeroWeeks: Number(c.facts.trailingZeroWeeks),
    });
  }
  return out;
}
