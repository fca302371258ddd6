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
] as const;
export type NumericMetric = (typeof NUMERIC_METRICS)[number];

export interface CustomerMetrics {
  /** Customers in the run. */
  count: number;
  /** Dataset customer index of each run position. */
  customerIndex: Int32Array;
  numeric: Record<NumericMetric, Float64Array>;
  /** Unrounded baseline and current averages in dollars (for methods that round once). */
  baselineRaw: Float64Array;
  currentRaw: Float64Array;
  isHighValue: Uint8Array;
  loyaltyMember: Uint8Array;
  region: string[];
}
