/**
 * The metrics stage: every per-customer fact from the customers' weekly spend (integer cents) into
 * columnar arrays, rounded per the pack's rule (see seed-logic 3.1, 4.1-4.3). The customers are
 * measured BLOCK at a time by four passes, each a small function with one loop over the block
 * (metrics-pass.ts): the spend facts, the stockout-robust facts, the purchase rhythm and the
 * customer's attributes; then the columns are rounded and the value percentiles taken. The
 * stockout-robust facts and the purchase rhythm are computed when first read (lazy-facts.ts): a
 * run that reads them only for the customers it explains (seed-tier2's `--json` summary)
 * computes them for those customers, not for 20,000 (issue 14).
 */
import type { Dataset } from "../input/dataset";
import {
  DEFAULT_ATTRIBUTION,
  type AttributionParameters,
  type WindowParameters,
} from "../parameters/pack-parameters";
import type { Rounder } from "../rounding/round-rule";
import {
  NUMERIC_METRICS,
  RHYTHM_METRICS,
  ROBUST_METRICS,
  type CustomerMetrics,
  type NumericMetric,
} from "./customer-metrics";
import { customerAttributesPass } from "./customer-attributes-pass";
import type { MetricsPass } from "./metrics-pass";
import { purchaseRhythmPass } from "./purchase-rhythm-pass";
import { robustFactsPass } from "./robust-facts-pass";
import { emptyRobustFacts } from "./robust-facts";
import { spendFactsPass } from "./spend-facts-pass";
import { storeWeekOutShare } from "./stock-out-share";
import { valuePercentilesInto } from "./value-percentile";
import { deferFacts } from "./lazy-facts";

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
];

/**
 * The facts robust-facts-pass.ts and purchase-rhythm-pass.ts write, computed when read
 * (lazy-facts.ts), and those of them rounded as ROUNDED_LATER's are, on each range computed.
 */
const DEFERRED: readonly NumericMetric[] = [...ROBUST_METRICS, ...RHYTHM_METRICS];
const DEFERRED_ROUNDED: readonly (readonly [NumericMetric, number])[] = [
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
const IS_DEFERRED: ReadonlySet<NumericMetric> = new Set(DEFERRED);

/** Customers between two progress ticks. */
const TICK_EVERY = 2048;
/**
 * Customers measured pass after pass (a divisor of TICK_EVERY). 32: each pass returns before V8
 * compiles it on the stack, so it is compiled once (with 256 customers a block the spend facts
 * and robust facts passes were compiled twice, on the stack and then whole). Blocks of 1, 32, 64
 * and 256 customers measured alike within this machine's noise on the 20,000-customer benchmark;
 * 32 took no more process CPU than 256 over eight sets.
 */
const BLOCK = 32;

/** Called every TICK_EVERY customers (before the first of them); may throw to abort. */
export type MetricsTick = (done: number, total: number) => void;

/** Half-open [start, end) of a customer's baseline window within its n observed weeks. */
export function baselineWindow(n: number, w: WindowParameters): [number, number] {
  if (w.baselineAnchor === "first") return [0, Math.min(n, w.baselineWeeks)];
  if (n > w.currentWeeks)
    return [Math.max(0, n - w.currentWeeks - w.baselineWeeks), n - w.currentWeeks];
  return [0, n];
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
  // Every column; `numeric` holds the others now and gets the deferred ones as accessors below
  // (lazy-facts.ts), in NUMERIC_METRICS order (the deferred ones are its last).
  const raw = Object.fromEntries(
    NUMERIC_METRICS.map((m) => [m, new Float64Array(count)]),
  ) as Record<NumericMetric, Float64Array>;
  const numeric = Object.fromEntries(
    NUMERIC_METRICS.filter((f) => !IS_DEFERRED.has(f)).map((f) => [f, raw[f]]),
  ) as Record<NumericMetric, Float64Array>;
  const expectedRaw = new Float64Array(count);
  // expectedRaw is defined with the deferred facts (an accessor).
  const m = {
    count,
    customerIndex,
    numeric,
    baselineRaw: new Float64Array(count),
    currentRaw: new Float64Array(count),
    isHighValue: new Uint8Array(count),
    loyaltyMember: new Uint8Array(count),
    region: new Array<string>(count),
    storeId: new Array<string>(count),
  } as Omit<CustomerMetrics, "expectedRaw"> as CustomerMetrics;
  const bStart = new Float64Array(W + 1);
  const bEnd = new Float64Array(W + 1);
  for (let n = 0; n <= W; n++) [bStart[n], bEnd[n]] = baselineWindow(n, windows);
  const pass: MetricsPass = {
    customers: dataset.customers,
    storeIds: dataset.stores.ids,
    windows,
    r,
    attr,
    W,
    spend: dataset.sales.spendCents,
    salesStore: dataset.sales.store,
    bStart,
    bEnd,
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
    raw,
    expectedRaw,
  };

  // Block by block, each pass over the block in turn (the block's spend is still in the cache for
  // the next pass); the progress tick before every TICK_EVERY customers, as ever.
  for (let k0 = 0; k0 < count; k0 += BLOCK) {
    if (tick && k0 % TICK_EVERY === 0) tick(k0, count);
    const k1 = Math.min(count, k0 + BLOCK);
    spendFactsPass(pass, k0, k1);
    customerAttributesPass(pass, k0, k1);
  }
  // The robust facts and the purchase rhythm of a range of customers when read (lazy-facts.ts): the
  // passes read the dataset, the windows and the trailing zero weeks the spend pass wrote (not
  // rounded later), the rhythm pass also the robust pass's in-stock trailing zero weeks.
  deferFacts(m, raw, DEFERRED, expectedRaw, BLOCK, (k0, k1) => {
    robustFactsPass(pass, k0, k1);
    purchaseRhythmPass(pass, k0, k1);
    for (const [f, digits] of DEFERRED_ROUNDED) roundRange(raw[f], r, digits, k0, k1);
    displayRange(raw.revenueAtRisk, r, k0, k1);
  });
  // Each pass over the columns is its own small function (issue 14, engine2 round): V8 optimises
  // a one-loop function after a few hundred iterations and keeps that code for the next column,
  // where the same loops inside this function ran after the customer loop's on-stack compile and
  // threw it away (--trace-deopt: "wrong name", then "insufficient type feedback") four times.
  for (let i = 0; i < ROUNDED_LATER.length; i++) {
    const column = numeric[ROUNDED_LATER[i][0]];
    roundRange(column, r, ROUNDED_LATER[i][1], 0, column.length);
  }
  valuePercentilesInto(numeric.totalRevenue, numeric.valuePercentile);
  tick?.(count, count);
  return m;
}

/** Rounds the values [k0, k1) of `column` in place by the pack's rule to `digits` places. */
function roundRange(
  column: Float64Array,
  r: Rounder,
  digits: number,
  k0: number,
  k1: number,
): void {
  for (let k = k0; k < k1; k++) column[k] = r.step(column[k], digits);
}

/** Rounds the values [k0, k1) of `column` in place to the displayed cents (`r.display`). */
function displayRange(column: Float64Array, r: Rounder, k0: number, k1: number): void {
  for (let k = k0; k < k1; k++) column[k] = r.display(column[k]);
}
