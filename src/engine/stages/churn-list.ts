/**
 * The churn list: the listed customers, highest churn score first (ties: file order). Indexed
 * loops and a sort of positions (issue 14, engine-gc round): the list was four array passes with
 * a pair object per customer, in code that runs once and so is not optimised. Held to the
 * replaced chain by tests/engine/churn-list.test.ts. Read from the customers' columns
 * (customer-columns.ts), so a run makes no customer object for it (engine-fast round).
 */
import type { ChurnEntry, CustomerResult } from "../analysis-result";
import { type CustomerColumns, columnsOfCustomers } from "./customer-columns";

export function churnList(customers: readonly CustomerResult[]): ChurnEntry[] {
  return churnListOf(columnsOfCustomers(customers));
}

/** The churn list of the customers' columns. */
export function churnListOf(c: CustomerColumns): ChurnEntry[] {
  const listed: number[] = [];
  for (let k = 0; k < c.count; k++) if (c.churnListed[k] === 1) listed.push(k);
  const score = c.churnScore;
  listed.sort((a, b) => score[b] - score[a] || a - b);
  const out: ChurnEntry[] = [];
  for (let j = 0; j < listed.length; j++) {
    const k = listed[j];
    out.push({
      customerId: c.customerId[k],
      score: score[k],
      probability: c.churnProbability[k],
      factors: c.churnFactors[k],
      weeksSinceLastPurchase: Number(c.facts.factOf(k, "weeksSinceLastPurchase")),
      trailingZeroWeeks: Number(c.facts.factOf(k, "trailingZeroWeeks")),
    });
  }
  return out;
}
