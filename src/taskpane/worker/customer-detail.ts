/**
 * The Drill-down's view of one customer from a completed run: spend per period (week or month)
 * over the calendar with the baseline and current windows, the facts the rules saw (units and
 * descriptions in the run's period, stages/period-facts.ts), and the "why" of each gap.
 */
import type { AnalysisResult } from "../../engine/analysis-result";
import type { Dataset } from "../../engine/input/dataset";
import { baselineWindow } from "../../engine/metrics/compute-metrics";
import { FACT_SPECS_BY_NAME } from "../../engine/registry/rgo-registry";
import { specsForPeriod } from "../../engine/stages/period-facts";
import { specsForStock } from "../../engine/stages/stock-wording";
import type { CustomerDetail, DrillEntry, DrillIndex } from "./protocol";

/**
 * Customer ids for the picker: those with gaps in rank order (with rank, money at risk and band),
 * and every analysed id.
 */
export function drillIndex(result: AnalysisResult): DrillIndex {
  const seen = new Set<string>();
  const withGaps: string[] = [];
  for (const g of result.gaps) {
    if (!seen.has(g.customerId)) {
      seen.add(g.customerId);
      withGaps.push(g.customerId);
    }
  }
  const byId = new Map(result.customers.map((c) => [c.customerId, c]));
  const ranked: DrillEntry[] = withGaps.map((id) => {
    const c = byId.get(id);
    return {
      customerId: id,
      rank: c?.bestRank ?? 0,
      revenueAtRisk: c?.revenueAtRisk ?? 0,
      band: c?.priorityBand ?? null,
    };
  });
  return { withGaps, ranked, all: result.customers.map((c) => c.customerId) };
}

/** The detail of `customerId`, or null when the run did not analyse that customer. */
export function customerDetail(
  dataset: Dataset,
  result: AnalysisResult,
  customerId: string,
): CustomerDetail | null {
  const c = dataset.customers.indexById.get(customerId);
  const k = result.customers.findIndex((x) => x.customerId === customerId);
  if (c === undefined || k < 0) return null;
  const cust = result.customers[k];
  const W = dataset.sales.weeks;
  const first = dataset.customers.firstWeek[c];
  const spend: (number | null)[] = new Array<number | null>(W).fill(null);
  let baseline: [number, number] = [-1, -1];
  let current: [number, number] = [-1, -1];
  if (first >= 0) {
    for (let w = first; w < W; w++) spend[w] = dataset.sales.spendCents[c * W + w] / 100;
    const n = W - first;
    const [b0, b1] = baselineWindow(n, result.parameters.windows);
    if (b1 > b0) baseline = [first + b0, first + b1];
    current = [first + Math.max(0, n - result.parameters.windows.currentWeeks), W];
  }
  const period = result.period ?? "week";
  // Without stock data no fact description claims the store was in stock (stock-wording.ts); in
  // monthly data the facts counted in periods are in months, with their monthly descriptions.
  const specs = specsForPeriod(
    specsForStock(FACT_SPECS_BY_NAME, result.stockAssessed !== false),
    period,
  );
  const facts = Object.entries(cust.facts).map(([name, value]) => {
    const spec = specs.get(name);
    return {
      name,
      value,
      ...(spec?.unit !== undefined ? { unit: spec.unit } : {}),
      ...(spec !== undefined ? { description: spec.description } : {}),
    };
  });
  return {
    customerId,
    period,
    weeks: dataset.calendar.labels.slice(0, W),
    spend,
    baseline,
    current,
    facts,
    gaps: result.gaps
      .filter((g) => g.customerId === customerId)
      .map((g) => ({
        rank: g.rank,
        gapType: g.gapType,
        severity: g.severity,
        gapAmount: g.gapAmount,
        priorityScore: g.priorityScore,
        rootCause: g.rootCause,
        why: g.why,
      })),
    churn: {
      score: cust.churnScore,
      probability: cust.churnProbability,
      factors: cust.churnFactors,
      listed: cust.churnListed,
    },
    rootCause: cust.rootCause,
    ...forecastOf(result, cust.facts),
  };
}

/** The model's forecast of one customer (nothing when the run has no fitted model). */
function forecastOf(
  result: AnalysisResult,
  facts: AnalysisResult["customers"][number]["facts"],
): Pick<CustomerDetail, "forecast"> {
  const m = result.model;
  if (m === undefined || m.summary === null) return {};
  const num = (v: unknown): number | null =>
    typeof v === "number" && Number.isFinite(v) ? v : null;
  const expected = num(facts.expectedSpendNext);
  const low = num(facts.expectedSpendLow);
  const high = num(facts.expectedSpendHigh);
  const pActive = num(facts.pActive);
  if (expected === null || low === null || high === null || pActive === null) return {};
  return {
    forecast: {
      weeks: m.parameters.horizonWeeks,
      expected,
      low,
      high,
      level: m.parameters.intervalLevel,
      pActive,
    },
  };
}
