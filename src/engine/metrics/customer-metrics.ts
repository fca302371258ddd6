/**
 * Stockout-robust facts (default pack): expected level from comparable in-stock weeks, noise,
 * materiality and stockout attribution. See compute-metrics.ts; computed when read (lazy-facts.ts).
 */
export const ROBUST_METRICS = [
  "expectedAvg",
  "noiseSd",
  "baselineInStockWeeks",
  "baselineSpikeWeeks",
  "shortfallZ",
  "declinePct",
  "revenueAtRisk",
  "stockoutWeeksCurrent",
  "stockoutDepth",
  "stockoutExplainedShare",
  "stockoutShortfallZ",
  "inStockDeclinePct",
  "inStockShortfallZ",
  "trailingZeroInStockWeeks",
  "sharpDropWeeks",
] as const;

/**
 * Purchase rhythm (sparse buyers): a silence judged against the customer's own frequency. See
 * purchase-rhythm.ts; computed when read (lazy-facts.ts).
 */
export const RHYTHM_METRICS = [
  "purchaseWeeks",
  "baselinePurchaseWeeks",
  "purchaseIntervalWeeks",
  "lapseRatio",
  "silenceProbability",
] as const;

/** Per-customer facts in columnar form: one Float64Array per numeric fact, indexed by run position. */
export const NUMERIC_METRICS = [
  "weeksObserved",
  "totalRevenue",
  "averageWeeklySpend",
  "baselineAvg",
  "currentAvg",
  "trendPct",
  "shortfall",
  "currentToBaselineRatio",
  "zeroWeeksCurrent",
  "trailingZeroWeeks",
  "consecutiveDeclineWeeks",
  "volatility",
  "valuePercentile",
  "gapWeeks",
  "stockoutOverlapWeeks",
  "stockoutGapShare",
  "firstPurchaseWeek",
  "lastPurchaseWeek",
  "weeksSinceLastPurchase",
  ...ROBUST_METRICS,
  ...RHYTHM_METRICS,
] as const;
export type NumericMetric = (typeof NUMERIC_METRICS)[number];

import type { CustomerForecastFacts } from "./customer-forecast";

export interface CustomerMetrics {
  /** Customers in the run. */
  count: number;
  /** Dataset customer index of each run position. */
  customerIndex: Int32Array;
  numeric: Record<NumericMetric, Float64Array>;
  /** Unrounded baseline and current averages in dollars (for methods that round once). */
  baselineRaw: Float64Array;
  currentRaw: Float64Array;
  /** Unrounded expected average (comparable in-stock baseline weeks) in dollars. */
  expectedRaw: Float64Array;
  isHighValue: Uint8Array;
  loyaltyMember: Uint8Array;
  region: string[];
  /** Store id of the customer's store ("" when unknown). */
  storeId: string[];
  /** The customer model's facts, when the pack uses the model (customer-forecast.ts). */
  model?: CustomerForecastFacts;
}
