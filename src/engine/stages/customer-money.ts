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
import { type CustomerMoney, emptyMoney } from "./customer-columns";
import { columnsOfRows, type GapColumns } from "./build-gap-rows";
import { priorityBandOf } from "./priority-band";

/**
 * Per row of `ranked` (rank order): whether it is its customer's primary row, the row with the
 * largest gap amount (ties: the better-ranked row). primaryOf on rows.
 */
export function primaryGaps(
  ranked: readonly { readonly customerPosition: number; readonly gapAmount: number }[],
): boolean[] {
  const n = ranked.length;
  const positions = new Int32Array(n);
  const amounts = new Float64Array(n);
  const order: number[] = [];
  for (let j = 0; j < n; j++) {
    positions[j] = ranked[j].customerPosition;
    amounts[j] = ranked[j].gapAmount;
    order.push(j);
  }
  const flags = primaryOf(positions, amounts, order);
  const primary: boolean[] = [];
  for (let j = 0; j < n; j++) primary.push(flags[j] === 1);
  return primary;
}

/**
 * Per rank position j (gap `order[j]`, its customer `customerPosition[order[j]]`): 1 when the row
 * is its customer's primary row, the row with the largest gap amount (ties: the better-ranked
 * row), else 0. The gaps' columns are in detection order (measure-gaps.ts).
 */
export function primaryOf(
  customerPosition: Int32Array,
  gapAmount: Float64Array,
  order: readonly number[],
): Uint8Array {
  // Indexed loops (issue 14): this runs once per run, so V8 does not optimise it, and a callback
  // or a for-of costs a call or an iterator result per row.
  // Each customer's best row so far in a typed column by position (-1: none yet), not a map
  // (issue 14, engine2 round: 11,522 map lookups and stores were about 3 ms of a cold run).
  const n = order.length;
  let positions = 0;
  for (let i = 0; i < n; i++)
    if (customerPosition[i] >= positions) positions = customerPosition[i] + 1;
  const best = new Int32Array(positions).fill(-1);
  for (let j = 0; j < n; j++) {
    const i = order[j];
    const k = customerPosition[i];
    const b = best[k];
    if (b === -1 || gapAmount[i] > gapAmount[order[b]]) best[k] = j;
  }
  const primary = new Uint8Array(n);
  for (let k = 0; k < positions; k++) if (best[k] !== -1) primary[best[k]] = 1;
  return primary;
}

/**
 * Sets gapCount, revenueAtRisk, exposure, recoveryPotential, primaryGapType, priorityScore (the
 * worst of the customer's rows), priorityBand and bestRank of every customer (by run position,
 * into the columns), the money from each customer's primary row (`primary`, see primaryGaps).
 * The rows' columns (build-gap-rows.ts) must be in rank order.
 */
export function fillCustomerMoney(
  g: GapColumns,
  c: CustomerMoney,
  bands: readonly PriorityBand[],
): void {
  // Locals for every column (this runs once per run, mostly interpreted; issue 14).
  const { gapCount, revenueAtRisk, exposure, recoveryPotential, primaryGapType } = c;
  const { priorityScore, priorityBand, bestRank } = c;
  // Every customer to 0 / null first, by native fills (no interpreted loop).
  gapCount.fill(0);
  revenueAtRisk.fill(0);
  exposure.fill(0);
  recoveryPotential.fill(0);
  primaryGapType.fill(null);
  priorityScore.fill(0);
  priorityBand.fill(null);
  bestRank.fill(0);
  const rows = g.count;
  const positions = g.customerPosition;
  const ranks = g.rank;
  const scores = g.priorityScore;
  const primary = g.primary;
  for (let j = 0; j < rows; j++) {
    const k = positions[j];
    gapCount[k]++;
    if (bestRank[k] === 0) bestRank[k] = ranks[j];
    if (scores[j] > priorityScore[k]) priorityScore[k] = scores[j];
  }
  for (let j = 0; j < rows; j++) {
    if (primary[j] !== 1) continue;
    const k = positions[j];
    revenueAtRisk[k] = g.gapAmount[j];
    exposure[k] = g.exposure[j];
    recoveryPotential[k] = g.recoveryPotential[j];
    primaryGapType[k] = g.gapType[j];
    priorityBand[k] = priorityBandOf(priorityScore[k], bands);
  }
}

/**
 * fillCustomerMoney on customer objects: sets those fields on every customer of `customers`
 * (positions as in the rows' customerPosition).
 */
export function assignCustomerMoney(
  ranked: readonly GapRow[],
  customers: CustomerResult[],
  bands: readonly PriorityBand[],
): void {
  const money = emptyMoney(customers.length);
  fillCustomerMoney(columnsOfRows(ranked), money, bands);
  for (let k = 0; k < customers.length; k++) {
    const c = customers[k];
    c.gapCount = money.gapCount[k];
    c.revenueAtRisk = money.revenueAtRisk[k];
    c.exposure = money.exposure[k];
    c.recoveryPotential = money.recoveryPotential[k];
    c.primaryGapType = money.primaryGapType[k];
    c.priorityScore = money.priorityScore[k];
    c.priorityBand = money.priorityBand[k];
    c.bestRank = money.bestRank[k];
  }
}
