/**
 * Customer facts rules may test: what the metrics stage computes per customer, plus the facts the
 * classify stage derives (score totals from score-points events, segment values from segment
 * events). Descriptions are what the rules editor and the explanations show.
 */
import type { FactSpec } from "../../rules/types";

/** Segment names a `segment` event may set, with their closed values and default. */
export const SEGMENTS: Readonly<
  Record<string, { values: readonly string[]; description: string }>
> = {
  trendLabel: {
    values: ["stable", "declining", "growing", "insufficient_data"],
    description: "Trend label of the customer (current vs baseline).",
  },
  structuralTier: {
    values: ["none", "moderate", "high", "severe"],
    description: "Structural-risk tier, usually from the structural score.",
  },
  churnBucket: {
    values: ["low", "medium", "high", "critical"],
    description: "Churn-risk bucket, usually from the trailing zero-spend streak.",
  },
  customerTier: {
    values: ["standard", "high", "strategic"],
    description: "Value tier of the customer (e.g. from the input's high-value flag).",
  },
  valueTier: {
    values: ["low", "mid", "high", "top"],
    description: "Value tier from the customer's revenue percentile.",
  },
};

/** Score totals a `score-points` event may add to (fact name = score name). */
export const SCORES: Readonly<Record<string, string>> = {
  structuralScore:
    "Structural-risk points: the sum of the score-points rules fired for the score, one per dimension.",
  attentionScore: "Free-form attention points a pack may accumulate for segmentation.",
};

/** Facts computed by the metrics stage (order = the order of columns in RGO Customers). */
export const METRIC_FACTS: readonly FactSpec[] = [
  {
    name: "weeksObserved",
    type: "number",
    unit: "weeks",
    description: "Weeks from the customer's first sales row to the last calendar week.",
  },
  {
    name: "totalRevenue",
    type: "number",
    unit: "dollars",
    description: "Total revenue over the weeks observed.",
  },
  {
    name: "averageWeeklySpend",
    type: "number",
    unit: "dollars",
    description: "Total revenue / weeks observed.",
  },
  {
    name: "baselineAvg",
    type: "number",
    unit: "dollars",
    description: "Average weekly spend in the baseline window.",
  },
  {
    name: "currentAvg",
    type: "number",
    unit: "dollars",
    description: "Average weekly spend in the current window (the last weeks).",
  },
  {
    name: "trendPct",
    type: "number",
    unit: "percent",
    description:
      "Current vs baseline average in percent (-41.3 = 41.3% below baseline; 0 when the baseline is 0).",
  },
  {
    name: "shortfall",
    type: "number",
    unit: "dollars",
    description: "Baseline minus current average, floored at 0 (the weekly revenue gap).",
  },
  {
    name: "currentToBaselineRatio",
    type: "number",
    unit: "ratio",
    description: "Current average / baseline average (1 when the baseline is 0).",
  },
  {
    name: "zeroWeeksCurrent",
    type: "number",
    unit: "weeks",
    description: "Weeks with zero spend in the current window.",
  },
  {
    name: "trailingZeroWeeks",
    type: "number",
    unit: "weeks",
    description: "Consecutive zero-spend weeks ending at the last week.",
  },
  {
    name: "consecutiveDeclineWeeks",
    type: "number",
    unit: "weeks",
    description: "Consecutive week-on-week declines ending at the last week.",
  },
  {
    name: "volatility",
    type: "number",
    unit: "ratio",
    description: "Coefficient of variation (population stdev / mean) over the structural window.",
  },
  {
    name: "valuePercentile",
    type: "number",
    unit: "percent",
    description: "Share of customers in the run with total revenue <= this customer's, in percent.",
  },
  {
    name: "gapWeeks",
    type: "number",
    unit: "weeks",
    description: "Weeks observed with spend below the baseline average or zero.",
  },
  {
    name: "stockoutOverlapWeeks",
    type: "number",
    unit: "weeks",
    description: "Gap weeks in which the customer's store had at least one SKU out of stock.",
  },
  {
    name: "stockoutGapShare",
    type: "number",
    unit: "ratio",
    description: "Stockout overlap weeks / gap weeks (0 when there are no gap weeks).",
  },
  {
    name: "firstPurchaseWeek",
    type: "number",
    unit: "weeks",
    description: "1-based calendar week of the customer's first sales row (0 when none).",
  },
  {
    name: "lastPurchaseWeek",
    type: "number",
    unit: "weeks",
    description: "1-based calendar week of the last purchase with revenue > 0 (0 when none).",
  },
  {
    name: "weeksSinceLastPurchase",
    type: "number",
    unit: "weeks",
    description: "Calendar weeks after the last purchase (all weeks when none).",
  },
  {
    name: "isHighValue",
    type: "boolean",
    description: "The input flags the customer as high value (is_high_value_customer).",
  },
  {
    name: "loyaltyMember",
    type: "boolean",
    description: "The customer is a loyalty member (false when unknown).",
  },
  {
    name: "region",
    type: "string",
    description: 'Region / segment text from the customers sheet ("" when none).',
  },
];

/** Every customer fact: metrics, score totals and segments. */
export const CUSTOMER_FACTS: readonly FactSpec[] = [
  ...METRIC_FACTS,
  ...Object.entries(SCORES).map(([name, description]): FactSpec => ({
    name,
    type: "number",
    unit: "score",
    description,
  })),
  ...Object.entries(SEGMENTS).map(([name, s]): FactSpec => ({
    name,
    type: "string",
    values: s.values,
    description: s.description,
  })),
];
