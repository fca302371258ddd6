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
  lifecycle: {
    values: ["active", "new", "lapsing", "lapsed"],
    description:
      "Lifecycle stage: new (first seen in the last few weeks), active, lapsing (recent zero-spend weeks), lapsed (a long zero-spend run).",
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
    name: "expectedAvg",
    type: "number",
    unit: "dollars",
    description:
      "Expected weekly spend: mean over the baseline window's comparable in-stock weeks (store-weeks with less than attribution.stockoutWeekShare of the range out), each clipped at the spike cap median + attribution.spikeClipK x robust sd of those weeks' purchases so one unusually large order does not inflate it.",
  },
  {
    name: "noiseSd",
    type: "number",
    unit: "dollars",
    description:
      "The customer's week-to-week noise: sample standard deviation of spend over those in-stock baseline weeks (spikes clipped as for expectedAvg).",
  },
  {
    name: "baselineInStockWeeks",
    type: "number",
    unit: "weeks",
    description:
      "Baseline weeks behind expectedAvg (the in-stock ones; all when none was in stock).",
  },
  {
    name: "baselineSpikeWeeks",
    type: "number",
    unit: "weeks",
    description:
      "Baseline weeks clipped as one-off spikes before expectedAvg (spend above median + attribution.spikeClipK x max(1.4826 x MAD, noiseFloorCv x median) of the comparable weeks' purchases; none with fewer than attribution.spikeMinWeeks purchase weeks).",
  },
  {
    name: "shortfallZ",
    type: "number",
    unit: "score",
    description:
      "Shortfall in noise units: (expectedAvg - currentAvg) / (noise x sqrt(1/current weeks + 1/baseline weeks)); noise = max(noiseSd, attribution.noiseFloorCv x expectedAvg); clamped at attribution.zCap.",
  },
  {
    name: "declinePct",
    type: "number",
    unit: "percent",
    description: "Current average below expectedAvg, in percent of expectedAvg (0 when not below).",
  },
  {
    name: "revenueAtRisk",
    type: "number",
    unit: "dollars",
    description:
      "Weekly revenue at risk: expectedAvg - currentAvg floored at 0, exact, rounded once to cents.",
  },
  {
    name: "stockoutWeeksCurrent",
    type: "number",
    unit: "weeks",
    description:
      "Weeks of the current window in which at least attribution.stockoutWeekShare of the store's range was out of stock.",
  },
  {
    name: "stockoutDepth",
    type: "number",
    unit: "ratio",
    description:
      "Mean share of the store's range out of stock in those stockout weeks (0 when none).",
  },
  {
    name: "stockoutExplainedShare",
    type: "number",
    unit: "ratio",
    description:
      "Share of the current window's weekly shortfall below expectedAvg that falls in stockout weeks (0..1).",
  },
  {
    name: "stockoutShortfallZ",
    type: "number",
    unit: "score",
    description:
      "Shortfall of the current window's stockout weeks in noise units (expectedAvg - their mean spend, as shortfallZ; 0 when none).",
  },
  {
    name: "inStockDeclinePct",
    type: "number",
    unit: "percent",
    description:
      "Mean spend of the current window's in-stock weeks below expectedAvg, in percent (0 when not below or none).",
  },
  {
    name: "inStockShortfallZ",
    type: "number",
    unit: "score",
    description:
      "Shortfall of the current window's in-stock weeks in noise units (as shortfallZ; 0 when none).",
  },
  {
    name: "trailingZeroInStockWeeks",
    type: "number",
    unit: "weeks",
    description:
      "Weeks of the trailing zero-spend run in which the store was in stock (the customer stopped, not the shelf).",
  },
  {
    name: "sharpDropWeeks",
    type: "number",
    unit: "weeks",
    description:
      "Weeks of the structural window with spend above 0 but below attribution.sharpDropRatio x expectedAvg while the store was in stock.",
  },
  {
    name: "purchaseWeeks",
    type: "number",
    unit: "weeks",
    description: "Weeks observed with spend above 0.",
  },
  {
    name: "baselinePurchaseWeeks",
    type: "number",
    unit: "weeks",
    description:
      "Weeks of the baseline window with spend above 0 (1 = the baseline level rests on a single purchase).",
  },
  {
    name: "purchaseIntervalWeeks",
    type: "number",
    unit: "weeks",
    description:
      "The customer's purchase rhythm: median weeks between consecutive purchase weeks (1 for a weekly buyer); with a single purchase week, the weeks observed (no repeat seen); 0 without purchases.",
  },
  {
    name: "lapseRatio",
    type: "number",
    unit: "ratio",
    description:
      "Trailing zero-spend weeks / purchaseIntervalWeeks: how many of the customer's usual gaps the current silence lasts (0 when the interval is 0).",
  },
  {
    name: "silenceProbability",
    type: "number",
    unit: "ratio",
    description:
      "Chance of the current silence at the customer's own purchase rate: (1 - purchaseWeeks / weeksObserved) ^ trailingZeroInStockWeeks (1 when there is no silence or no purchase). Small = a silence unusual for this customer.",
  },
  {
    name: "storeId",
    type: "string",
    description: 'Id of the customer\'s store ("" when unknown).',
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

/**
 * Facts of the customer model (metrics/customer-forecast.ts), in the order of its RGO Customers
 * columns. Computed only when the pack enables the model (parameters.model.enabled) or a rule
 * tests one of them; otherwise they are absent (a rule testing them then sees null).
 */
export const MODEL_FACTS: readonly FactSpec[] = [
  {
    name: "pActive",
    type: "number",
    unit: "ratio",
    description: "Chance the customer is still buying (BG/NBD P(alive) at the last week).",
  },
  {
    name: "expectedPurchasesNext",
    type: "number",
    unit: "count",
    description: "Expected purchase weeks over the next H weeks (BG/NBD).",
  },
  {
    name: "expectedSpendNext",
    type: "number",
    unit: "dollars",
    description:
      "Expected spend over the next H weeks if nothing changes: expected purchases x expected value per purchase (Gamma-Gamma, scaled by the cohort's recent value trend).",
  },
  {
    name: "expectedSpendLow",
    type: "number",
    unit: "dollars",
    description:
      "Lower end of the interval (80% by default) of spend over the next H weeks (0 when the chance of no purchase is above the lower tail).",
  },
  {
    name: "expectedSpendHigh",
    type: "number",
    unit: "dollars",
    description: "Upper end of the interval (80% by default) of spend over the next H weeks.",
  },
  {
    name: "recentRunRate",
    type: "number",
    unit: "dollars",
    description:
      "Spend over the last 13 weeks / 13 x H: what the next H weeks bring at the recent rate.",
  },
  {
    name: "forecastShortfall",
    type: "number",
    unit: "dollars",
    description:
      "Expected shortfall over the next H weeks: max(0, recentRunRate - expectedSpendNext).",
  },
  {
    name: "forecastShortfallShare",
    type: "number",
    unit: "ratio",
    description: "forecastShortfall / recentRunRate (0..1; 0 when the recent run-rate is 0).",
  },
  {
    name: "pLoss",
    type: "number",
    unit: "ratio",
    description:
      "Model probability that spend over the next H weeks is at most lossFraction (0.5) x the recent run-rate.",
  },
  {
    name: "lossRisk",
    type: "number",
    unit: "ratio",
    description:
      "Learned probability that the customer is lost over the next H weeks (logistic model trained on this workbook's own history H weeks earlier; pLoss when there is too little history; 0 when the customer bought nothing in the last 13 weeks).",
  },
];

/** Every customer fact: metrics, score totals and segments. */
export const CUSTOMER_FACTS: readonly FactSpec[] = [
  ...METRIC_FACTS,
  ...MODEL_FACTS,
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
