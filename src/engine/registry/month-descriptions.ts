/**
 * Fact descriptions for monthly runs (issue 11), written out, never made by replacing "week": the
 * facts keep their names (trailingZeroWeeks counts months in monthly data), and a monthly run's
 * drill-down and explanations, and the rule-pack schema beside the weekly text, read these.
 * Every fact whose description speaks of weeks has one (tests/periods/period-labels.test.ts).
 */
const MODEL_OFF =
  "Not computed for monthly data: the customer model needs individual purchases, and a month's total hides how many it holds.";

export const MONTH_DESCRIPTIONS: Readonly<Record<string, string>> = {
  weeksObserved: "Months from the customer's first sales row to the last calendar month.",
  totalRevenue: "Total revenue over the months observed.",
  averageWeeklySpend: "Total revenue / months observed (average monthly spend).",
  baselineAvg: "Average monthly spend in the baseline window.",
  currentAvg: "Average monthly spend in the current window (the last months).",
  shortfall: "Baseline minus current average, floored at 0 (the monthly revenue gap).",
  zeroWeeksCurrent: "Months with zero spend in the current window.",
  trailingZeroWeeks: "Consecutive zero-spend months ending at the last month.",
  consecutiveDeclineWeeks: "Consecutive month-on-month declines ending at the last month.",
  gapWeeks: "Months observed with spend below the baseline average or zero.",
  stockoutOverlapWeeks:
    "Gap months in which the customer's store had at least one SKU out of stock.",
  stockoutGapShare: "Stockout overlap months / gap months (0 when there are no gap months).",
  firstPurchaseWeek: "1-based calendar month of the customer's first sales row (0 when none).",
  lastPurchaseWeek: "1-based calendar month of the last purchase with revenue > 0 (0 when none).",
  weeksSinceLastPurchase: "Calendar months after the last purchase (all months when none).",
  expectedAvg:
    "Expected monthly spend: mean over the baseline window's comparable in-stock months (store-months with less than attribution.stockoutWeekShare of the range out), each clipped at the spike cap median + attribution.spikeClipK x robust sd of those months' purchases so one unusually large month does not inflate it.",
  noiseSd:
    "The customer's month-to-month noise: sample standard deviation of spend over those in-stock baseline months (spikes clipped as for expectedAvg).",
  baselineInStockWeeks:
    "Baseline months behind expectedAvg (the in-stock ones; all when none was in stock).",
  baselineSpikeWeeks:
    "Baseline months clipped as one-off spikes before expectedAvg (spend above median + attribution.spikeClipK x max(1.4826 x MAD, noiseFloorCv x median) of the comparable months; none with fewer than attribution.spikeMinWeeks purchase months).",
  shortfallZ:
    "Shortfall in noise units: (expectedAvg - currentAvg) / (noise x sqrt(1/current months + 1/baseline months)); noise = max(noiseSd, attribution.noiseFloorCv x expectedAvg); clamped at attribution.zCap.",
  revenueAtRisk:
    "Monthly revenue at risk: expectedAvg - currentAvg floored at 0, exact, rounded once to cents.",
  stockoutWeeksCurrent:
    "Months of the current window in which at least attribution.stockoutWeekShare of the store's range was out of stock.",
  stockoutDepth:
    "Mean share of the store's range out of stock in those stockout months (0 when none).",
  stockoutExplainedShare:
    "Share of the current window's monthly shortfall below expectedAvg that falls in stockout months (0..1).",
  stockoutShortfallZ:
    "Shortfall of the current window's stockout months in noise units (expectedAvg - their mean spend, as shortfallZ; 0 when none).",
  inStockDeclinePct:
    "Mean spend of the current window's in-stock months below expectedAvg, in percent (0 when not below or none).",
  inStockShortfallZ:
    "Shortfall of the current window's in-stock months in noise units (as shortfallZ; 0 when none).",
  trailingZeroInStockWeeks:
    "Months of the trailing zero-spend run in which the store was in stock (the customer stopped, not the shelf).",
  sharpDropWeeks:
    "Months of the structural window with spend above 0 but below attribution.sharpDropRatio x expectedAvg while the store was in stock.",
  purchaseWeeks: "Months observed with spend above 0.",
  baselinePurchaseWeeks:
    "Months of the baseline window with spend above 0 (1 = the baseline level rests on a single month).",
  purchaseIntervalWeeks:
    "The customer's purchase rhythm: median months between consecutive purchase months (1 for a monthly buyer); with a single purchase month, the months observed (no repeat seen); 0 without purchases.",
  lapseRatio:
    "Trailing zero-spend months / purchaseIntervalWeeks: how many of the customer's usual gaps the current silence lasts (0 when the interval is 0).",
  pActive: MODEL_OFF,
  expectedPurchasesNext: MODEL_OFF,
  expectedSpendNext: MODEL_OFF,
  expectedSpendLow: MODEL_OFF,
  expectedSpendHigh: MODEL_OFF,
  recentRunRate: MODEL_OFF,
  forecastShortfall: MODEL_OFF,
  pLoss: MODEL_OFF,
  lossRisk: MODEL_OFF,
  lifecycle:
    "Lifecycle stage: new (first seen in the last few months), active, lapsing (recent zero-spend months), lapsed (a long zero-spend run).",
  totalRevenueAtRisk:
    "Monthly revenue at risk, each customer once: the sum over customers of their largest gap amount.",
};
