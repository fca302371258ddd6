/**
 * The customers of a run as columns, one entry per run position: what a CustomerResult holds,
 * read by position. The customers, churn-list, portfolio and rollup stages work on these; the
 * CustomerResult objects (`customerResults`) are made from them only when the run's `customers`
 * are first read (analyze.ts), which a --json run never does: 20,000 objects, each with its fact
 * record, were most of what the collector copied in the engine stages (issue 14, engine-fast round).
 */
import type { CustomerResult } from "../analysis-result";
import type { GapType } from "../parameters/pack-parameters";
import type { Scalar } from "../../rules/types";
import type { MutableFacts } from "./customer-facts-record";

/** Where a customer's facts are read: the record, or one fact of it (`facts[name]`). */
export interface FactsSource {
  factsOf(k: number): MutableFacts;
  factOf(k: number, name: string): Scalar | null | undefined;
  /** factOf(k, name) of the customers at `positions`, in that order. */
  factAt(name: string, positions: readonly number[]): (Scalar | null | undefined)[];
}

export interface CustomerColumns {
  readonly count: number;
  readonly customerId: readonly string[];
  readonly facts: FactsSource;
  readonly churnListed: Uint8Array;
  readonly churnScore: Float64Array;
  readonly churnProbability: Float64Array;
  readonly churnFactors: readonly string[][];
  readonly rootCause: readonly (string | null)[];
  /** The money figures (customer-money.ts), 0 / null without gaps. */
  readonly gapCount: Int32Array;
  readonly revenueAtRisk: Float64Array;
  readonly exposure: Float64Array;
  readonly recoveryPotential: Float64Array;
  readonly primaryGapType: (GapType | null)[];
  readonly priorityScore: Float64Array;
  readonly priorityBand: (string | null)[];
  readonly bestRank: Int32Array;
}

/** The money columns customer-money.ts fills. */
export type CustomerMoney = Pick<
  CustomerColumns,
  | "gapCount"
  | "revenueAtRisk"
  | "exposure"
  | "recoveryPotential"
  | "primaryGapType"
  | "priorityScore"
  | "priorityBand"
  | "bestRank"
>;

/** The money columns of `count` customers, every one 0 / null (customer-money.ts fills them). */
export function emptyMoney(count: number): CustomerMoney {
  const primaryGapType = new Array<GapType | null>(count);
  const priorityBand = new Array<string | null>(count);
  for (let k = 0; k < count; k++) {
    primaryGapType[k] = null;
    priorityBand[k] = null;
  }
  return {
    gapCount: new Int32Array(count),
    revenueAtRisk: new Float64Array(count),
    exposure: new Float64Array(count),
    recoveryPotential: new Float64Array(count),
    primaryGapType,
    priorityScore: new Float64Array(count),
    priorityBand,
    bestRank: new Int32Array(count),
  };
}

/** The columns of customer objects (the stages' functions that take objects read them so). */
export function columnsOfCustomers(customers: readonly CustomerResult[]): CustomerColumns {
  const n = customers.length;
  const money = emptyMoney(n);
  const churnListed = new Uint8Array(n);
  const churnScore = new Float64Array(n);
  const churnProbability = new Float64Array(n);
  const customerId = new Array<string>(n);
  const churnFactors = new Array<string[]>(n);
  const rootCause = new Array<string | null>(n);
  for (let k = 0; k < n; k++) {
    const c = customers[k];
    customerId[k] = c.customerId;
    churnListed[k] = c.churnListed ? 1 : 0;
    churnScore[k] = c.churnScore;
    churnProbability[k] = c.churnProbability;
    churnFactors[k] = c.churnFactors;
    rootCause[k] = c.rootCause;
    money.gapCount[k] = c.gapCount;
    money.revenueAtRisk[k] = c.revenueAtRisk;
    money.exposure[k] = c.exposure;
    money.recoveryPotential[k] = c.recoveryPotential;
    money.primaryGapType[k] = c.primaryGapType;
    money.priorityScore[k] = c.priorityScore;
    money.priorityBand[k] = c.priorityBand;
    money.bestRank[k] = c.bestRank;
  }
  return {
    count: n,
    customerId,
    facts: {
      factsOf: (k) => customers[k].facts,
      factOf: (k, name) => customers[k].facts[name],
      factAt: (name, positions) => positions.map((k) => customers[k].facts[name]),
    },
    churnListed,
    churnScore,
    churnProbability,
    churnFactors,
    rootCause,
    ...money,
  };
}

/** The CustomerResult objects of the columns, in run order (keys in the order the type lists them). */
export function customerResults(c: CustomerColumns): CustomerResult[] {
  // An indexed loop, not a map: this runs once, unoptimised (issue 14).
  const out: CustomerResult[] = [];
  for (let k = 0; k < c.count; k++) {
    out.push({
      customerId: c.customerId[k],
      facts: c.facts.factsOf(k),
      churnListed: c.churnListed[k] === 1,
      churnScore: c.churnScore[k],
      churnProbability: c.churnProbability[k],
      churnFactors: c.churnFactors[k],
      rootCause: c.rootCause[k],
      gapCount: c.gapCount[k],
      revenueAtRisk: c.revenueAtRisk[k],
      exposure: c.exposure[k],
      recoveryPotential: c.recoveryPotential[k],
      primaryGapType: c.primaryGapType[k],
      priorityScore: c.priorityScore[k],
      priorityBand: c.priorityBand[k],
      bestRank: c.bestRank[k],
    });
  }
  return out;
}
