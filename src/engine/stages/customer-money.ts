/**
 * Count every dollar once: each customer with gaps gets ONE revenue-at-risk figure, one exposure
 * and one recovery potential, taken from its primary gap row.
 *
 * The gap types of one customer (declining revenue, below baseline, zero spend, revenue gap) are
 * different measures of the same missing weekly spend, so adding them would count that money two or
 * three times. The primary row is the row with the largest gap amount (the largest weekly
 * shortfall; ties: the better-ranked row). Its amount is the customer's revenue at risk, and its
 * exposure (amount x the customer's multiplier) and recovery potential are the customer's. The row
 * amounts are already rounded to cents, so every portfolio total is an exact sum of cents of the
 * figures shown per customer.
 */
import type { CustomerResult, GapRow } from "../analysis-result";
import type { PriorityBand } from "../parameters/pack-parameters";
import { priorityBandOf } from "./priority-band";

/**
 * Per row of `ranked` (rank order): whether it is its customer's primary row, the row with the
 * largest gap amount (ties: the better-ranked row).
 */
export function primaryGaps(
  ranked: readonly { readonly customerPosition: number; readonly gapAmount: number }[],
): boolean[] {
  // Indexed loops (issue 14): this runs once per run, so V8 does not optimise it, and a callback
  // or a for-of costs a call or an iterator result per row.
  const best = new Map<number, number>();
  for (let j = 0; j < ranked.length; j++) {
    const row = ranked[j];
    const b = best.get(row.customerPosition);
    if (b === undefined || row.gapAmount > ranked[b].gapAmount) best.set(row.customerPosition, j);
  }
  const primary: boolean[] = [];
  for (let j = 0; j < ranked.length; j++) primary.push(false);
  for (const j of best.values()) primary[j] = true;
  return primary;
}

/**
 * Sets gapCount, revenueAtRisk, exposure, recoveryPotential, primaryGapType, priorityScore (the
 * worst of the customer's rows), priorityBand and bestRank on every customer, the money from each
 * customer's primary row (`primary`, see primaryGaps). `ranked` must be in rank order.
 */
export function assignCustomerMoney(
  ranked: readonly GapRow[],
  customers: CustomerResult[],
  bands: readonly PriorityBand[],
): void {
  for (let k = 0; k < customers.length; k++) {
    const c = customers[k];
    c.gapCount = 0;
    c.revenueAtRisk = 0;
    c.exposure = 0;
    c.recoveryPotential = 0;
    c.primaryGapType = null;
    c.priorityScore = 0;
    c.priorityBand = null;
    c.bestRank = 0;
  }
  for (let j = 0; j < ranked.length; j++) {
    const row = ranked[j];
    const c = customers[row.customerPosition];
    c.gapCount++;
    if (c.bestRank === 0) c.bestRank = row.rank;
    if (row.priorityScore > c.priorityScore) c.priorityScore = row.priorityScore;
  }
  for (let j = 0; j < ranked.length; j++) {
    const row = ranked[j];
    if (!row.primary) continue;
    const c = customers[row.customerPosition];
    c.revenueAtRisk = row.gapAmount;
    c.exposure = row.exposure;
    c.recoveryPotential = row.recoveryPotential;
    c.primaryGapType = row.gapType;
    c.priorityBand = priorityBandOf(c.priorityScore, bands);
  }
}
