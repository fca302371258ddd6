/**
 * The metrics stage: one pass over the customers' weekly spend (integer cents) computing every
 * per-customer fact into columnar arrays, rounded per the pack's rule (see seed-logic 3.1, 4.1-4.3).
 */
import type { Dataset } from "../input/dataset";
import {
  DEFAULT_ATTRIBUTION,
  type AttributionParameters,
  type WindowParameters,
} from "../parameters/pack-parameters";
import type { Rounder } from "../rounding/round-rule";
import { NUMERIC_METRICS, type CustomerMetrics, type NumericMetric } from "./customer-metrics";
import { type PurchaseRhythm, purchaseRhythmInto } from "./purchase-rhythm";
import { emptyRobustFacts, type RobustFacts, robustFactsInto } from "./robust-facts";
import { storeWeekOutShare } from "./stock-out-share";

/**
 * The facts measureCustomer writes unrounded and the stage then rounds column by column with the
 * pack's intermediate rule (digits): the same call on the same value as rounding each where it is
 * made, out of the per-customer function, which V8 then compiles in a fraction of the time (its
 * two dozen inlined roundings made it the run's longest compile, issue 14 engine-fast round).
 * revenueAtRisk is rounded with the display rule. Where a customer's fact is a literal 0 instead,
 * rounding gives 0 under every rule.
 */
const ROUNDED_LATER: readonly (readonly [NumericMetric, number])[] = [
  ["totalRevenue", 2],
  ["averageWeeklySpend", 2],
  ["trendPct", 2],
  ["shortfall", 2],
  ["stockoutGapShare", 4],
  ["expectedAvg", 2],
  ["noiseSd", 2],
  ["shortfallZ", 2],
  ["declinePct", 2],
  ["stockoutDepth", 4],
  ["stockoutExplainedShare", 4],
  ["stockoutShortfallZ", 2],
  ["inStockDeclinePct", 2],
  ["inStockShortfallZ", 2],
  ["purchaseIntervalWeeks", 2],
  ["lapseRatio", 2],
  ["silenceProbability", 4],
];

/** Called every `chunk` customers; may throw to abort. */
export type MetricsTick = (done: number, total: number) => void;

/** Half-open [start, end) of a customer's baseline window within its n observed weeks. */
export function baselineWindow(n: number, w: WindowParameters): [number, number] {
  if (w.baselineAnchor === "first") return [0, Math.min(n, w.baselineWeeks)];
  if (n > w.currentWeeks)
    return [Math.max(0, n - w.currentWeeks - w.baselineWeeks), n - w.currentWeeks];
  return [0, n];
}

/**
 * What the metrics stage reads and writes, made once per run. One customer at a time is measured
 * by `measureCustomer` (a small function V8 optimises early and keeps optimised), with the store's
 * out share of each observed week in a typed scratch and the robust facts and rhythm written into
 * two records reused customer after customer: no closure, tuple or record per customer (issue 14).
 */
interface MetricsPass {
  dataset: Dataset;
  windows: WindowParameters;
  r: Rounder;
  attr: AttributionParameters;
  W: number;
  spend: Float64Array;
  salesStore: Int32Array;
  hasStock: boolean;
  skusOut: ArrayLike<number>;
  outShare: Float64Array;
  /** The out share of observed week i of the customer being measured. */
  shares: Float64Array;
  rf: RobustFacts;
  rhythm: PurchaseRhythm;
  /** The stage's output, filled customer by customer. */
  m: CustomerMetrics;
}

/**
 * Computes the facts of the customers at `customerIndex` (dataset indices, in run order).
 * The value percentile is taken over the customers in the run. `attribution` (missing keys take
 * DEFAULT_ATTRIBUTION) only affects the stockout-robust facts (robust-facts.ts).
 */
export function computeMetrics(
  dataset: Dataset,
  customerIndex: Int32Array,
  windows: WindowParameters,
  r: Rounder,
  tick?: MetricsTick,
  attribution?: Partial<AttributionParameters>,
): CustomerMetrics {
  const attr: AttributionParameters = { ...DEFAULT_ATTRIBUTION, ...attribution };
  const count = customerIndex.length;
  const W = dataset.sales.weeks;
  const { stock } = dataset;
  const numeric = Object.fromEntries(
    NUMERIC_METRICS.map((m) => [m, new Float64Array(count)]),
  ) as Record<NumericMetric, Float64Array>;
  const m: CustomerMetrics = {
    count,
    customerIndex,
    numeric,
    baselineRaw: new Float64Array(count),
    currentRaw: new Float64Array(count),
    expectedRaw: new Float64Array(count),
    isHighValue: new Uint8Array(count),
    loyaltyMember: new Uint8Array(count),
    region: new Array<string>(count),
    storeId: new Array<string>(count),
  };
  const pass: MetricsPass = {
    dataset,
    windows,
    r,
    attr,
    W,
    spend: dataset.sales.spendCents,
    salesStore: dataset.sales.store,
    hasStock: stock.present && stock.skusOut.length >= dataset.stores.ids.length * W,
    skusOut: stock.skusOut,
    outShare: storeWeekOutShare(stock, dataset.stores.ids.length, W),
    shares: new Float64Array(Math.max(1, W)),
    rf: emptyRobustFacts(),
    rhythm: {
      purchaseWeeks: 0,
      baselinePurchaseWeeks: 0,
      purchaseIntervalWeeks: 0,
      lapseRatio: 0,
      silenceProbability: 0,
    },
    m,
  };

  for (let k = 0; k < count; k++) {
    if (tick && (k & 2047) === 0) tick(k, count);
    measureCustomer(pass, k, customerIndex[k]);
  }
  // Each pass over the columns is its own small function (issue 14, engine2 round): V8 optimises
  // a one-loop function after a few hundred iterations and keeps that code for the next column,
  // where the same loops inside this function ran after the customer loop's on-stack compile and
  // threw it away (--trace-deopt: "wrong name", then "insufficient type feedback") four times.
  for (let i = 0; i < ROUNDED_LATER.length; i++) {
    roundColumn(numeric[ROUNDED_LATER[i][0]], r, ROUNDED_LATER[i][1]);
  }
  displayColumn(numeric.revenueAtRisk, r);
  valuePercentilesInto(numeric.totalRevenue, numeric.valuePercentile);
  tick?.(count, count);
  return m;
}

/** Rounds every value of `column` in place by the pack's rule (`r.step`) to `digits` places. */
function roundColumn(column: Float64Array, r: Rounder, digits: number): void {
  for (let k = 0; k < column.length; k++) column[k] = r.step(column[k], digits);
}

/** Rounds every value of `column` in place to the displayed cents (`r.display`). */
function displayColumn(column: Float64Array, r: Rounder): void {
  for (let k = 0; k < column.length; k++) column[k] = r.display(column[k]);
}

/** Value percentile: the share (x 100) of the run's customers with a total at most this one's. */
function valuePercentilesInto(totals: Float64Array, out: Float64Array): void {
  const count = totals.length;
  const sorted = Float64Array.from(totals).sort();
  for (let k = 0; k < count; k++) {
    const t = totals[k];
    let lo = 0;
    let hi = count;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (sorted[mid] <= t) lo = mid + 1;
      else hi = mid;
    }
    out[k] = count > 0 ? (lo / count) * 100 : 0;
  }
}

/** Every fact of run position k (dataset customer c) but the value percentile. */
function measureCustomer(p: MetricsPass, k: number, c: number): void {
  const { windows, r, W, spend } = p;
  const customers = p.dataset.customers;
  const first = customers.firstWeek[c];
  const n = first < 0 ? 0 : W - first;
  const off = c * W + Math.max(0, first);

  // baselineWindow(n, windows), without the tuple.
  let b0 = 0;
  let b1 = n;
  if (windows.baselineAnchor === "first") b1 = Math.min(n, windows.baselineWeeks);
  else if (n > windows.currentWeeks) {
    b0 = Math.max(0, n - windows.currentWeeks - windows.baselineWeeks);
    b1 = n - windows.currentWeeks;
  }
  const c0 = Math.max(0, n - windows.currentWeeks);
  const s0 = Math.max(0, n - windows.structuralWeeks);

  // One pass for the sums and counts that need no baseline (issue 14, engine-fast round; they
  // were six loops): each sum adds the same terms (dollars) in the same order as its own loop
  // did, the trailing zero weeks are those after the last week with spend other
  // than 0, and the consecutive declines the run of falls that reaches the last week.
  let total = 0;
  let bSum = 0;
  let cSum = 0;
  let sSum = 0;
  let zeroCurrent = 0;
  let lastNonZero = -1;
  let declines = 0;
  for (let i = 0; i < n; i++) {
    const v = spend[off + i];
    const dollars = v / 100;
    total += dollars;
    if (i >= b0 && i < b1) bSum += dollars;
    if (i >= c0) {
      cSum += dollars;
      if (v === 0) zeroCurrent++;
    }
    if (i >= s0) sSum += dollars;
    if (v !== 0) lastNonZero = i;
    declines = i >= 1 && v < spend[off + i - 1] ? declines + 1 : 0;
  }
  const trailingZero = n - 1 - lastNonZero;
  const bRaw = b1 > b0 ? bSum / (b1 - b0) : 0;
  const cRaw = n > c0 ? cSum / (n - c0) : 0;
  const mu = n > s0 ? sSum / (n - s0) : 0;
  const baseline = r.step(bRaw);
  const current = r.step(cRaw);

  // The store of each observed week (its home store when the row has none; -1 unknown) and
  // that store-week's out share (0 when the store is unknown).
  const cOff = c * W;
  const cFirst = Math.max(0, first);
  const cHome = customers.store[c];
  const { salesStore, outShare, shares, hasStock, skusOut } = p;

  // Gap weeks over the whole history, and their overlap with the store's stockout weeks; the
  // structural window's squared deviations from its mean (volatility) in the same pass.
  let gapWeeks = 0;
  let overlap = 0;
  let ss = 0;
  for (let i = 0; i < n; i++) {
    const rowStore = salesStore[cOff + cFirst + i];
    const store = rowStore >= 0 ? rowStore : cHome;
    shares[i] = store >= 0 ? outShare[store * W + cFirst + i] : 0;
    const v = spend[off + i];
    if (v / 100 < baseline || v === 0) {
      gapWeeks++;
      if (hasStock && store >= 0 && skusOut[store * W + cFirst + i] > 0) overlap++;
    }
    if (i >= s0) {
      const d = v / 100 - mu;
      ss += d * d;
    }
  }
  const volatility = mu > 0 ? r.step(Math.sqrt(ss / (n - s0)) / mu, 4) : 0;
  const rf = p.rf;
  robustFactsInto(rf, spend, off, shares, n, b0, b1, c0, n, s0, n, p.attr);
  const rhythm = p.rhythm;
  purchaseRhythmInto(rhythm, spend, off, n, b0, b1, rf.trailingZeroInStockWeeks);

  const last = customers.lastPurchaseWeek[c];
  const { numeric } = p.m;
  numeric.weeksObserved[k] = n;
  // Columns in ROUNDED_LATER are rounded after the loop; a literal 0 is 0 rounded by every rule.
  numeric.totalRevenue[k] = total;
  numeric.averageWeeklySpend[k] = n > 0 ? total / n : 0;
  numeric.baselineAvg[k] = baseline;
  numeric.currentAvg[k] = current;
  numeric.trendPct[k] = baseline > 0 ? ((current - baseline) / baseline) * 100 : 0;
  numeric.shortfall[k] = Math.max(0, bRaw - cRaw);
  numeric.currentToBaselineRatio[k] = bRaw > 0 ? cRaw / bRaw : 1;
  numeric.zeroWeeksCurrent[k] = zeroCurrent;
  numeric.trailingZeroWeeks[k] = trailingZero;
  numeric.consecutiveDeclineWeeks[k] = declines;
  numeric.volatility[k] = volatility;
  numeric.gapWeeks[k] = gapWeeks;
  numeric.stockoutOverlapWeeks[k] = overlap;
  numeric.stockoutGapShare[k] = gapWeeks > 0 ? overlap / gapWeeks : 0;
  numeric.firstPurchaseWeek[k] = first >= 0 ? first + 1 : 0;
  numeric.lastPurchaseWeek[k] = last >= 0 ? last + 1 : 0;
  numeric.weeksSinceLastPurchase[k] = last >= 0 ? W - 1 - last : W;
  numeric.expectedAvg[k] = rf.expectedAvg;
  numeric.noiseSd[k] = rf.noiseSd;
  numeric.baselineInStockWeeks[k] = rf.baselineInStockWeeks;
  numeric.baselineSpikeWeeks[k] = rf.baselineSpikeWeeks;
  numeric.shortfallZ[k] = rf.shortfallZ;
  numeric.declinePct[k] = rf.declinePct;
  numeric.revenueAtRisk[k] = rf.shortfall;
  numeric.stockoutWeeksCurrent[k] = rf.stockoutWeeksCurrent;
  numeric.stockoutDepth[k] = rf.stockoutDepth;
  numeric.stockoutExplainedShare[k] = rf.stockoutExplainedShare;
  numeric.stockoutShortfallZ[k] = rf.stockoutShortfallZ;
  numeric.inStockDeclinePct[k] = rf.inStockDeclinePct;
  numeric.inStockShortfallZ[k] = rf.inStockShortfallZ;
  numeric.trailingZeroInStockWeeks[k] = rf.trailingZeroInStockWeeks;
  numeric.sharpDropWeeks[k] = rf.sharpDropWeeks;
  numeric.purchaseWeeks[k] = rhythm.purchaseWeeks;
  numeric.baselinePurchaseWeeks[k] = rhythm.baselinePurchaseWeeks;
  numeric.purchaseIntervalWeeks[k] = rhythm.purchaseIntervalWeeks;
  numeric.lapseRatio[k] = rhythm.lapseRatio;
  numeric.silenceProbability[k] = rhythm.silenceProbability;
  const m = p.m;
  m.expectedRaw[k] = rf.expectedAvg;
  m.storeId[k] = cHome >= 0 ? p.dataset.stores.ids[cHome] : "";
  m.baselineRaw[k] = bRaw;
  m.currentRaw[k] = cRaw;
  m.isHighValue[k] = customers.highValueFlag[c] === 1 ? 1 : 0;
  m.loyaltyMember[k] = customers.loyalty[c] === 1 ? 1 : 0;
  m.region[k] = customers.segment[c] ?? "";
}
