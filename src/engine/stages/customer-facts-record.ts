/** Builds the fact record rules see for one customer from the columnar metrics. */
import type { Scalar } from "../../rules/types";
import { MODEL_METRICS } from "../metrics/customer-forecast";
import {
  NUMERIC_METRICS,
  type CustomerMetrics,
  type NumericMetric,
} from "../metrics/customer-metrics";
import { lazyFactsOf } from "../metrics/lazy-facts";

/** A mutable fact record (the classify stage adds score totals and segments to it). */
export type MutableFacts = Record<string, Scalar | null>;

/**
 * An empty record with every key a customer's record gets, in the order it gets them (the
 * metrics, the flags, the model facts when fitted, then `later`: the classify stage's scores and
 * segments), values 0. Made by JSON.parse so its properties sit in the object itself; a record
 * copied from it is made and read about twice as fast as one grown key by key, with the same keys
 * in the same order (issue 14).
 */
export function factsTemplate(m: CustomerMetrics, later: readonly string[]): MutableFacts {
  const keys = writtenFactNames(m);
  for (const name of later) keys.add(name);
  return JSON.parse(
    JSON.stringify(Object.fromEntries([...keys].map((k) => [k, 0]))),
  ) as MutableFacts;
}

/** The record of customer k, copied from `template` (factsTemplate) when given. */
export function customerFactsRecord(
  m: CustomerMetrics,
  k: number,
  template?: MutableFacts,
): MutableFacts {
  const facts: MutableFacts = template !== undefined ? { ...template } : {};
  for (const name of NUMERIC_METRICS) facts[name] = m.numeric[name][k];
  facts.isHighValue = m.isHighValue[k] === 1;
  facts.loyaltyMember = m.loyaltyMember[k] === 1;
  facts.region = m.region[k];
  facts.storeId = m.storeId[k];
  const model = m.model;
  if (model !== undefined) for (const name of MODEL_METRICS) facts[name] = model.numeric[name][k];
  return facts;
}

/**
 * Writes customer k's numeric metrics into `f`, one named store per metric in NUMERIC_METRICS
 * order. A store through a variable key (`f[name] = ...` in a loop over the names) meets a new
 * name on every iteration, so V8 handles it generically (megamorphic); a named store is compiled
 * for the record's one shape. With records copied from one template, this makes a run's 20,000
 * records about a fifth faster to fill (issue 14, engine-gc round). tests/engine/facts-record.test.ts
 * checks that it writes exactly NUMERIC_METRICS, in order, each from its own column.
 */
export function writeNumericMetrics(
  f: MutableFacts,
  n: Readonly<Record<NumericMetric, Float64Array>>,
  k: number,
): void {
  f.weeksObserved = n.weeksObserved[k];
  f.totalRevenue = n.totalRevenue[k];
  f.averageWeeklySpend = n.averageWeeklySpend[k];
  f.baselineAvg = n.baselineAvg[k];
  f.currentAvg = n.currentAvg[k];
  f.trendPct = n.trendPct[k];
  f.shortfall = n.shortfall[k];
  f.currentToBaselineRatio = n.currentToBaselineRatio[k];
  f.zeroWeeksCurrent = n.zeroWeeksCurrent[k];
  f.trailingZeroWeeks = n.trailingZeroWeeks[k];
  f.consecutiveDeclineWeeks = n.consecutiveDeclineWeeks[k];
  f.volatility = n.volatility[k];
  f.valuePercentile = n.valuePercentile[k];
  f.gapWeeks = n.gapWeeks[k];
  f.stockoutOverlapWeeks = n.stockoutOverlapWeeks[k];
  f.stockoutGapShare = n.stockoutGapShare[k];
  f.firstPurchaseWeek = n.firstPurchaseWeek[k];
  f.lastPurchaseWeek = n.lastPurchaseWeek[k];
  f.weeksSinceLastPurchase = n.weeksSinceLastPurchase[k];
  f.expectedAvg = n.expectedAvg[k];
  f.noiseSd = n.noiseSd[k];
  f.baselineInStockWeeks = n.baselineInStockWeeks[k];
  f.baselineSpikeWeeks = n.baselineSpikeWeeks[k];
  f.shortfallZ = n.shortfallZ[k];
  f.declinePct = n.declinePct[k];
  f.revenueAtRisk = n.revenueAtRisk[k];
  f.stockoutWeeksCurrent = n.stockoutWeeksCurrent[k];
  f.stockoutDepth = n.stockoutDepth[k];
  f.stockoutExplainedShare = n.stockoutExplainedShare[k];
  f.stockoutShortfallZ = n.stockoutShortfallZ[k];
  f.inStockDeclinePct = n.inStockDeclinePct[k];
  f.inStockShortfallZ = n.inStockShortfallZ[k];
  f.trailingZeroInStockWeeks = n.trailingZeroInStockWeeks[k];
  f.sharpDropWeeks = n.sharpDropWeeks[k];
  f.purchaseWeeks = n.purchaseWeeks[k];
  f.baselinePurchaseWeeks = n.baselinePurchaseWeeks[k];
  f.purchaseIntervalWeeks = n.purchaseIntervalWeeks[k];
  f.lapseRatio = n.lapseRatio[k];
  f.silenceProbability = n.silenceProbability[k];
}

/**
 * Writes customer k's metrics, flags, region, store and model facts (when fitted) into a record
 * made from the template: what `customerFactsRecord` writes, in its order, with each fact's column
 * looked up once per run. The classify stage writes them into one record reused customer after
 * customer; `factsRecordMaker` into a new copy of the template (issue 14).
 */
export function factsRecordWriter(m: CustomerMetrics): (facts: MutableFacts, k: number) => void {
  // The deferred facts (metrics/lazy-facts.ts) from their plain columns, customer k's computed
  // first: a record made computes the facts of its customer, not of every customer.
  const lazy = lazyFactsOf(m);
  const numeric = lazy !== undefined ? lazy.raw : m.numeric;
  const model = m.model;
  const modelNames: string[] = model !== undefined ? [...MODEL_METRICS] : [];
  const modelColumns: Float64Array[] =
    model !== undefined ? MODEL_METRICS.map((name) => model.numeric[name]) : [];
  const { isHighValue, loyaltyMember, region, storeId } = m;
  return (facts, k) => {
    lazy?.ensure(k);
    writeNumericMetrics(facts, numeric, k);
    facts.isHighValue = isHighValue[k] === 1;
    facts.loyaltyMember = loyaltyMember[k] === 1;
    facts.region = region[k];
    facts.storeId = storeId[k];
    for (let j = 0; j < modelNames.length; j++) facts[modelNames[j]] = modelColumns[j][k];
  };
}

/**
 * factsRecordWriter limited to the facts the pack's rules read, held by slot (compiled-rules.ts
 * FactSlots): writes customer k's value of each fact with a slot into `values[slot]`, the value
 * factsRecordWriter gives it; the classify stage writes a handful of facts per customer instead
 * of about 45 (issue 14, engine-fast round), and its rules read them by slot.
 */
export function readValuesWriter(
  m: CustomerMetrics,
  slots: ReadonlyMap<string, number>,
): (values: unknown[], k: number) => void {
  const at: number[] = [];
  const columns: Float64Array[] = [];
  // Only the columns with a slot are read (reading a deferred one computes it: lazy-facts.ts).
  for (const name of metricNames(m)) {
    const slot = slots.get(name);
    if (slot !== undefined) {
      at.push(slot);
      columns.push(metricColumn(m, name));
    }
  }
  const { isHighValue, loyaltyMember, region, storeId } = m;
  const highValueAt = slots.get("isHighValue") ?? -1;
  const loyaltyAt = slots.get("loyaltyMember") ?? -1;
  const regionAt = slots.get("region") ?? -1;
  const storeAt = slots.get("storeId") ?? -1;
  return (values, k) => {
    for (let j = 0; j < at.length; j++) values[at[j]] = columns[j][k];
    if (highValueAt >= 0) values[highValueAt] = isHighValue[k] === 1;
    if (loyaltyAt >= 0) values[loyaltyAt] = loyaltyMember[k] === 1;
    if (regionAt >= 0) values[regionAt] = region[k];
    if (storeAt >= 0) values[storeAt] = storeId[k];
  };
}

/** The names of the numeric columns factsRecordWriter writes from (metrics, then model facts). */
function metricNames(m: CustomerMetrics): readonly string[] {
  return m.model === undefined ? NUMERIC_METRICS : [...NUMERIC_METRICS, ...MODEL_METRICS];
}

const IS_MODEL_METRIC: ReadonlySet<string> = new Set(MODEL_METRICS);

/** The column of one of `metricNames`' facts (reading a deferred one computes it). */
function metricColumn(m: CustomerMetrics, name: string): Float64Array {
  const model = m.model;
  return model !== undefined && IS_MODEL_METRIC.has(name)
    ? model.numeric[name as (typeof MODEL_METRICS)[number]]
    : m.numeric[name as NumericMetric];
}

/**
 * The numeric column factsRecordWriter writes fact `name` from, undefined when it writes none by
 * that name; each column is read only when asked for.
 */
export function metricColumnLookup(m: CustomerMetrics): (name: string) => Float64Array | undefined {
  const names = new Set(metricNames(m));
  return (name) => (names.has(name) ? metricColumn(m, name) : undefined);
}

/** The keys factsRecordWriter writes (every key of a record but the classify stage's). */
export function writtenFactNames(m: CustomerMetrics): Set<string> {
  const names = new Set<string>(NUMERIC_METRICS);
  for (const name of ["isHighValue", "loyaltyMember", "region", "storeId"]) names.add(name);
  if (m.model !== undefined) for (const name of MODEL_METRICS) names.add(name);
  return names;
}

/**
 * Makes the records of a run's customers: `record(k)` gives the same record as
 * `customerFactsRecord(m, k, factsTemplate(m, later))`, with the template made once and each
 * fact's column looked up once per run, not once per customer (issue 14).
 */
export function factsRecordMaker(
  m: CustomerMetrics,
  later: readonly string[],
): (k: number) => MutableFacts {
  const template = factsTemplate(m, later);
  const write = factsRecordWriter(m);
  return (k) => {
    const facts: MutableFacts = { ...template };
    write(facts, k);
    return facts;
  };
}
