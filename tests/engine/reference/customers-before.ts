/**
 * The customers stage as analyze.ts ran it before issue 14's engine-fast round (a CustomerResult
 * per customer, its money set on the objects), kept verbatim as the reference the columns and the
 * objects made when first read are tested against (tests/engine/customer-columns.test.ts). Not
 * used by the app.
 */
import type { CustomerResult, GapRow } from "../../../src/engine/analysis-result";
import type { PriorityBand } from "../../../src/engine/parameters/pack-parameters";
import { priorityBandOf } from "../../../src/engine/stages/priority-band";

/**
 * Sets gapCount, revenueAtRisk, exposure, recoveryPotential, primaryGapType, priorityScore (the
 * worst of the customer's rows), priorityBand and bestRank on every customer, the money from each
 * customer's primary row (`primary`, see primaryGaps). `ranked` must be in rank order.
 */
export function assignCustomerMoneyBefore(
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

/** What the customers stage read (the classify stage's outputs, the churn scores, the run's settings). */
export interface CustomersStageInputs {
  ids: readonly string[];
  cls: {
    facts: CustomerResult["facts"][];
    churnListed: Uint8Array;
    churnFactors: string[][];
    rootCause: (string | null)[];
  };
  churnScores: Float64Array;
  churnProbabilityOf: (score: number) => number;
  ranked: readonly GapRow[];
  bands: readonly PriorityBand[];
}

/** The customers stage of analyze.ts before the round (its loop, with the same names). */
export function customersStageBefore(i: CustomersStageInputs): CustomerResult[] {
  const { ids, cls, churnScores, ranked } = i;
  // An indexed loop, not ids.map: this runs once, unoptimised (issue 14).
  const out: CustomerResult[] = [];
  for (let k = 0; k < ids.length; k++) {
    const score = churnScores[k];
    out.push({
      customerId: ids[k],
      facts: cls.facts[k],
      churnListed: cls.churnListed[k] === 1,
      churnScore: score,
      churnProbability: cls.churnListed[k] === 1 ? i.churnProbabilityOf(score) : 0,
      churnFactors: cls.churnFactors[k],
      rootCause: cls.rootCause[k],
      gapCount: 0,
      revenueAtRisk: 0,
      exposure: 0,
      recoveryPotential: 0,
      primaryGapType: null,
      priorityScore: 0,
      priorityBand: null,
      bestRank: 0,
    });
  }
  assignCustomerMoneyBefore(ranked, out, i.bands);
  return out;
}
