/**
 * The label registry: the words a reader sees for every engine name (facts, sub-scores, gap types,
 * root causes, segment values, deal and rep flags). Every writer (RGO Summary, RGO Gaps, RGO
 * Customers, the drill-down, the pane) takes its labels from here, so a fact is called the same
 * thing everywhere and no camelCase or snake_case name reaches a cell a user reads.
 *
 * Names a pack invents (a segment value, a custom score) are not listed: `labelOf` turns them into
 * words ("atRiskScore" -> "At risk score", "very_high" -> "Very high").
 */

import { inSentence } from "../../rules/describe-trace";

/** Facts (customer, deal, rep, portfolio), sub-scores and score totals, in words. */
export const FACT_LABELS: Readonly<Record<string, string>> = {
  // customer metrics
  weeksObserved: "Weeks observed",
  totalRevenue: "Total revenue",
  averageWeeklySpend: "Average weekly spend",
  baselineAvg: "Baseline spend per week",
  currentAvg: "Current spend per week",
  trendPct: "Change vs baseline",
  shortfall: "Shortfall per week",
  currentToBaselineRatio: "Current as share of baseline",
  zeroWeeksCurrent: "Weeks without spend (current window)",
  trailingZeroWeeks: "Weeks without spend (latest run)",
  consecutiveDeclineWeeks: "Weeks of decline in a row",
  volatility: "Volatility",
  valuePercentile: "Value percentile",
  gapWeeks: "Weeks below baseline",
  stockoutOverlapWeeks: "Gap weeks with a stockout",
  stockoutGapShare: "Share of gap weeks with a stockout",
  firstPurchaseWeek: "First purchase week",
  lastPurchaseWeek: "Last purchase week",
  weeksSinceLastPurchase: "Weeks since last purchase",
  expectedAvg: "Expected spend per week",
  noiseSd: "Usual week-to-week variation",
  baselineInStockWeeks: "Baseline weeks in stock",
  baselineSpikeWeeks: "Baseline spike weeks left out",
  shortfallZ: "Shortfall in usual variations",
  declinePct: "Decline vs expected",
  revenueAtRisk: "Revenue at risk per week",
  stockoutWeeksCurrent: "Stockout weeks (current window)",
  stockoutDepth: "Stockout depth",
  stockoutExplainedShare: "Share of gap explained by stockouts",
  stockoutShortfallZ: "Shortfall in stockout weeks, in usual variations",
  inStockDeclinePct: "Decline in in-stock weeks",
  inStockShortfallZ: "Shortfall in in-stock weeks, in usual variations",
  trailingZeroInStockWeeks: "In-stock weeks without spend (latest run)",
  sharpDropWeeks: "Weeks with a sharp drop",
  purchaseWeeks: "Weeks with a purchase",
  baselinePurchaseWeeks: "Baseline weeks with a purchase",
  purchaseIntervalWeeks: "Usual weeks between purchases",
  lapseRatio: "Silence vs usual interval",
  silenceProbability: "Chance of a silence this long at the usual pace",
  storeId: "Store",
  isHighValue: "High-value customer",
  loyaltyMember: "Loyalty member",
  region: "Region",
  // customer model
  pActive: "Chance still buying",
  expectedPurchasesNext: "Expected purchases, next horizon",
  expectedSpendNext: "Expected spend, next horizon",
  expectedSpendLow: "Expected spend, low end",
  expectedSpendHigh: "Expected spend, high end",
  recentRunRate: "Spend at recent rate, next horizon",
  forecastShortfall: "Expected shortfall, next horizon",
  forecastShortfallShare: "Expected shortfall as share of recent rate",
  pLoss: "Model chance of loss",
  lossRisk: "Loss risk",
  // score totals and segments
  structuralScore: "Structural risk points",
  attentionScore: "Attention points",
  trendLabel: "Trend",
  structuralTier: "Structural risk tier",
  churnBucket: "Churn risk",
  customerTier: "Customer tier",
  valueTier: "Value tier",
  lifecycle: "Lifecycle",
  // sub-scores
  revenueImpact: "Revenue impact",
  churnRisk: "Churn risk score",
  customerValue: "Customer value",
  recoveryProbability: "Recovery probability",
  // deals
  stage: "Deal stage",
  status: "Deal status",
  value: "Deal value",
  probability: "Win probability",
  hasOwnProbability: "Has its own probability",
  weightedValue: "Weighted value",
  daysInStage: "Days in stage",
  stalledDaysThreshold: "Stalled threshold",
  riskFlagCount: "Risk flags",
  competitorCount: "Competitors",
  highProbability: "High probability",
  extremeDaysInStage: "Far too long in stage",
  // portfolio
  customersAnalyzed: "Customers analysed",
  customersWithGaps: "Customers with gaps",
  gapCount: "Gaps",
  totalGap: "Total gap",
  totalRevenueAtRisk: "Total revenue at risk",
  totalExposure: "Total exposure",
  churnRiskCustomers: "Customers at churn risk",
  potentialRecovery: "Potential recovery",
  concentrationPct: "Concentration",
  highSeverityGaps: "High-severity gaps",
  // reps
  quotaAttainment: "Quota attainment",
  coachingThreshold: "Coaching threshold",
  hasQuota: "Has a quota",
  activeDeals: "Active deals",
  pipelineValue: "Pipeline value",
  closeRate: "Close rate",
};

/**
 * The words of the facts counted or priced per period, for a monthly run (monthly data or
 * --period month): written out, never made by replacing "week" in the weekly label.
 */
export const MONTH_FACT_LABELS: Readonly<Record<string, string>> = {
  weeksObserved: "Months observed",
  averageWeeklySpend: "Average monthly spend",
  baselineAvg: "Baseline spend per month",
  currentAvg: "Current spend per month",
  shortfall: "Shortfall per month",
  zeroWeeksCurrent: "Months without spend (current window)",
  trailingZeroWeeks: "Months without spend (latest run)",
  consecutiveDeclineWeeks: "Months of decline in a row",
  gapWeeks: "Months below baseline",
  stockoutOverlapWeeks: "Gap months with a stockout",
  stockoutGapShare: "Share of gap months with a stockout",
  firstPurchaseWeek: "First purchase month",
  lastPurchaseWeek: "Last purchase month",
  weeksSinceLastPurchase: "Months since last purchase",
  expectedAvg: "Expected spend per month",
  noiseSd: "Usual month-to-month variation",
  baselineInStockWeeks: "Baseline months in stock",
  baselineSpikeWeeks: "Baseline spike months left out",
  revenueAtRisk: "Revenue at risk per month",
  stockoutWeeksCurrent: "Stockout months (current window)",
  stockoutShortfallZ: "Shortfall in stockout months, in usual variations",
  inStockDeclinePct: "Decline in in-stock months",
  inStockShortfallZ: "Shortfall in in-stock months, in usual variations",
  trailingZeroInStockWeeks: "In-stock months without spend (latest run)",
  sharpDropWeeks: "Months with a sharp drop",
  purchaseWeeks: "Months with a purchase",
  baselinePurchaseWeeks: "Baseline months with a purchase",
  purchaseIntervalWeeks: "Usual months between purchases",
};

/** Gap types (parameters GAP_TYPES). */
export const GAP_TYPE_LABELS: Readonly<Record<string, string>> = {
  declining_revenue: "Declining revenue",
  below_baseline: "Below baseline",
  zero_spend: "No spend",
  revenue_gap: "Revenue gap",
  expected_shortfall: "Expected shortfall",
};

/** Root causes (registry ROOT_CAUSES). */
export const CAUSE_LABELS: Readonly<Record<string, string>> = {
  behavioral_churn: "Customer stopped buying",
  operational_stockout: "Stockout",
  structural_decline: "Structural decline",
  demand_softness: "Softer demand",
  none: "None",
};

/** Segment values (registry SEGMENTS), deal and rep flags, severities. */
export const VALUE_LABELS: Readonly<Record<string, string>> = {
  insufficient_data: "Too little data",
  stalled: "Stalled",
  at_risk: "At risk",
  needs_coaching: "Needs coaching",
  // churn factors (churn-risk / churn-factor events of the built-in packs)
  zero_spend_weeks: "Weeks without spend",
  declining_trend: "Declining trend",
};

/** Short forms a pack's names use, in full words ("trendPct" -> "Trend percent"). */
const ABBREVIATIONS: Readonly<Record<string, string>> = { pct: "percent", avg: "average" };

/** Names put in words so far (a result book asks for the same few names once per customer). */
const HUMANISED = new Map<string, string>();
const HUMANISED_LIMIT = 4096;

/**
 * Words for a name no table lists: camelCase, snake_case and kebab-case split, short forms in
 * full, first letter capital. Kept per name (the same words every time; four regular expressions
 * per call were a tenth of building RGO Customers' 20,000 rows).
 */
export function humanise(name: string): string {
  let words = HUMANISED.get(name);
  if (words === undefined) {
    words = inWords(name);
    if (HUMANISED.size < HUMANISED_LIMIT) HUMANISED.set(name, words);
  }
  return words;
}

function inWords(name: string): string {
  const words = name
    .replace(/[_-]+/g, " ")
    .replace(/([a-z0-9])([A-Z])/g, "$1 $2")
    .replace(/([A-Z]+)([A-Z][a-z])/g, "$1 $2")
    .trim()
    .toLowerCase()
    .split(/\s+/)
    .map((w) => ABBREVIATIONS[w] ?? w)
    .join(" ");
  return words.length === 0 ? name : words[0].toUpperCase() + words.slice(1);
}

export type LabelKind = "fact" | "gapType" | "cause" | "value";

const TABLES: Readonly<Record<LabelKind, Readonly<Record<string, string>>>> = {
  fact: FACT_LABELS,
  gapType: GAP_TYPE_LABELS,
  cause: CAUSE_LABELS,
  value: VALUE_LABELS,
};

/** The label of an engine name: the registry's words, else the name in words. */
export function labelOf(kind: LabelKind, name: string): string {
  const t = TABLES[kind];
  return Object.prototype.hasOwnProperty.call(t, name) ? t[name] : humanise(name);
}

/**
 * A fact's label for a run's period: the monthly words when the run is monthly and the fact is
 * counted or priced per period, else the registry's words (else the name in words).
 */
export function factLabel(name: string, unit: "week" | "month" = "week"): string {
  if (unit === "month" && Object.prototype.hasOwnProperty.call(MONTH_FACT_LABELS, name))
    return MONTH_FACT_LABELS[name];
  return labelOf("fact", name);
}

/**
 * Words for a string value inside a sentence (a why text): a root cause, gap type, segment value
 * or flag the registry lists, first letter in lower case ("behavioral_churn" -> "customer stopped
 * buying"); any other text (a store id, a region the input names) as it is.
 */
export function valueInSentence(value: string): string {
  for (const t of [CAUSE_LABELS, GAP_TYPE_LABELS, VALUE_LABELS])
    if (Object.prototype.hasOwnProperty.call(t, value)) return inSentence(t[value]);
  return value;
}

/**
 * A label the pack wrote (a priority band: "high", "critical") with a capital first letter, as
 * the registry's words have; anything else of it as written ("VIP" stays).
 */
export const capitalised = (text: string): string =>
  text.length > 0 ? text[0].toUpperCase() + text.slice(1) : text;

/** Matches a camelCase or snake_case identifier: what a reader must never see in a cell. */
export const IDENTIFIER_PATTERN = /\b(?:[a-z]+[A-Z][A-Za-z0-9]*|[a-z0-9]+_[a-z0-9_]+)\b/;
