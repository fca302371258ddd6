/**
 * The metrics stage as it stood before issue 14's metrics-phase round (one measureCustomer per
 * customer with robustFactsInto, spikeCap and purchaseRhythmInto inlined into it; medians by a
 * subarray and the typed sort; the value percentile by a binary search per customer), kept
 * verbatim as the reference the restructured stage (src/engine/metrics/compute-metrics.ts and the
 * passes beside it) must equal bit for bit: tests/engine/metrics-phases.test.ts. Only the imports
 * point into src/ and the two exported functions (computeMetrics, spikeCap) are named
 * ...PhasedBefore.
 */
import type { Dataset } from "../../../src/engine/input/dataset";
import {
  DEFAULT_ATTRIBUTION,
  type AttributionParameters,
  type WindowParameters,
} from "../../../src/engine/parameters/pack-parameters";
import type { Rounder } from "../../../src/engine/rounding/round-rule";
import {
  NUMERIC_METRICS,
  type CustomerMetrics,
  type NumericMetric,
} from "../../../src/engine/metrics/customer-metrics";
import type { MetricsTick } from "../../../src/engine/metrics/compute-metrics";
import type { PurchaseRhythm } from "../../../src/engine/metrics/purchase-rhythm";
import { emptyRobustFacts, type RobustFacts } from "../../../src/engine/metrics/robust-facts";
import { storeWeekOutShare } from "../../../src/engine/metrics/stock-out-share";

// ---- src/engine/metrics/spike-cap.ts (verbatim) ----

/** Robust standard deviation of normal noise per unit of MAD. */
const MAD_TO_SD = 1.4826;

let scratch = new Float64Array(64);

/** Median of a[0, n), which it sorts in place. */
function medianOf(a: Float64Array, n: number): number {
  const s = a.subarray(0, n).sort();
  const mid = n >>> 1;
  return n % 2 === 1 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
}

/**
 * The spike cap of the weeks `values[0, n)` (see the module comment); `values` is not changed.
 * @param k clip at median + k robust standard deviations (attribution.spikeClipK)
 * @param floorCv least noise as a share of the median (attribution.noiseFloorCv)
 * @param minWeeks least purchase weeks for a cap (attribution.spikeMinWeeks; at least 3 is used)
 */
export function spikeCapPhasedBefore(
  values: ArrayLike<number>,
  n: number,
  k: number,
  floorCv: number,
  minWeeks: number,
): number {
  if (!(k > 0)) return Infinity;
  if (scratch.length < n) scratch = new Float64Array(Math.max(n, scratch.length * 2));
  let m = 0;
  for (let i = 0; i < n; i++) if (values[i] > 0) scratch[m++] = values[i];
  if (m < 3 || m < minWeeks) return Infinity;
  const med = medianOf(scratch, m);
  m = 0;
  for (let i = 0; i < n; i++) if (values[i] > 0) scratch[m++] = Math.abs(values[i] - med);
  const mad = medianOf(scratch, m);
  const scale = Math.max(MAD_TO_SD * mad, floorCv > 0 ? floorCv * med : 0);
  return med + k * scale;
}

// ---- src/engine/metrics/robust-facts.ts (verbatim: zOf, robustFactsInto) ----

/** Scratch buffer for a customer's comparable baseline weeks (reused: robustFacts is not reentrant). */
let base = new Float64Array(64);

/** A z statistic: diff / (sd x sqrt(1/m + 1/nb)), clamped; +-cap when sd is 0 and diff is not. */
function zOf(diff: number, sd: number, m: number, nb: number, cap: number): number {
  if (m <= 0 || nb <= 0 || diff === 0 || Number.isNaN(diff)) return 0;
  const se = sd * Math.sqrt(1 / m + 1 / nb);
  const z = se > 0 ? diff / se : diff > 0 ? cap : -cap;
  return z > cap ? cap : z < -cap ? -cap : z;
}

/**
 * robustFacts written into `out`, with the out share of observed week i at `shares[i]` and the
 * windows as numbers: no closure, tuple or record per customer (the metrics stage, issue 14).
 */
function robustFactsInto(
  out: RobustFacts,
  spend: Float64Array,
  off: number,
  shares: Float64Array,
  n: number,
  b0: number,
  b1: number,
  c0: number,
  c1: number,
  s0: number,
  s1: number,
  a: AttributionParameters,
): void {
  const T = a.stockoutWeekShare;

  // Expected level and noise from the comparable in-stock baseline weeks, spikes clipped.
  if (base.length < b1 - b0) base = new Float64Array(Math.max(b1 - b0, base.length * 2));
  let nb = 0;
  for (let i = b0; i < b1; i++) if (shares[i] < T) base[nb++] = spend[off + i] / 100;
  if (nb === 0) for (let i = b0; i < b1; i++) base[nb++] = spend[off + i] / 100;
  const cap = spikeCapPhasedBefore(base, nb, a.spikeClipK, a.noiseFloorCv, a.spikeMinWeeks);
  let sum = 0;
  let clipped = 0;
  for (let j = 0; j < nb; j++) {
    if (base[j] > cap) {
      base[j] = cap;
      clipped++;
    }
    sum += base[j];
  }
  const expected = nb > 0 ? sum / nb : 0;
  let ss = 0;
  for (let j = 0; j < nb; j++) {
    const d = base[j] - expected;
    ss += d * d;
  }
  const noiseSd = nb >= 2 ? Math.sqrt(ss / (nb - 1)) : 0;
  const sd = Math.max(noiseSd, a.noiseFloorCv * expected);
  const zCap = a.zCap;

  // Current window: overall, stockout weeks, in-stock weeks.
  const cw = c1 - c0;
  let cSum = 0;
  let heavy = 0;
  let heavySum = 0;
  let depth = 0;
  let inSum = 0;
  let shortAll = 0;
  let shortHeavy = 0;
  for (let i = c0; i < c1; i++) {
    const v = spend[off + i] / 100;
    cSum += v;
    const share = shares[i];
    const short = expected - v > 0 ? expected - v : 0;
    shortAll += short;
    if (share >= T) {
      heavy++;
      heavySum += v;
      depth += share;
      shortHeavy += short;
    } else {
      inSum += v;
    }
  }
  const current = cw > 0 ? cSum / cw : 0;
  const inWeeks = cw - heavy;
  const inMean = inWeeks > 0 ? inSum / inWeeks : 0;
  const diff = expected - current;

  let trailingIn = 0;
  for (let i = n - 1; i >= 0 && spend[off + i] === 0; i--) if (shares[i] < T) trailingIn++;

  let sharp = 0;
  const dropBelow = a.sharpDropRatio * expected;
  for (let i = s0; i < s1; i++) {
    const v = spend[off + i] / 100;
    if (v > 0 && v < dropBelow && shares[i] < T) sharp++;
  }

  out.expectedAvg = expected;
  out.noiseSd = noiseSd;
  out.baselineInStockWeeks = nb;
  out.baselineSpikeWeeks = clipped;
  out.shortfallZ = zOf(diff, sd, cw, nb, zCap);
  out.declinePct = expected > 0 && diff > 0 ? (diff / expected) * 100 : 0;
  out.shortfall = diff > 0 ? diff : 0;
  out.stockoutWeeksCurrent = heavy;
  out.stockoutDepth = heavy > 0 ? depth / heavy : 0;
  out.stockoutExplainedShare = shortAll > 0 ? shortHeavy / shortAll : 0;
  out.stockoutShortfallZ = heavy > 0 ? zOf(expected - heavySum / heavy, sd, heavy, nb, zCap) : 0;
  out.inStockDeclinePct =
    inWeeks > 0 && expected > 0 && expected > inMean ? ((expected - inMean) / expected) * 100 : 0;
  out.inStockShortfallZ = inWeeks > 0 ? zOf(expected - inMean, sd, inWeeks, nb, zCap) : 0;
  out.trailingZeroInStockWeeks = trailingIn;
  out.sharpDropWeeks = sharp;
}

// ---- src/engine/metrics/purchase-rhythm.ts (verbatim: median, purchaseRhythmInto) ----

/** The gaps of the customer being read (whole weeks), reused from customer to customer. */
let gapScratch = new Int32Array(64);

/**
 * Median of gaps[0, n), n > 0 (mean of the two middle values for an even count); sorts them in
 * place: by insertion up to 64 gaps (no view is made), else by the typed sort. The gaps
 * are whole weeks, so this is the order a numeric sort gives.
 */
function median(gaps: Int32Array, n: number): number {
  if (n > 64) gaps.subarray(0, n).sort();
  else
    for (let i = 1; i < n; i++) {
      const x = gaps[i];
      let j = i - 1;
      while (j >= 0 && gaps[j] > x) {
        gaps[j + 1] = gaps[j];
        j--;
      }
      gaps[j + 1] = x;
    }
  const mid = n >>> 1;
  return n % 2 === 1 ? gaps[mid] : (gaps[mid - 1] + gaps[mid]) / 2;
}

/**
 * purchaseRhythm written into `out`, the baseline window [b0, b1) as two numbers: no tuple or
 * record per customer (the metrics stage, issue 14).
 */
function purchaseRhythmInto(
  out: PurchaseRhythm,
  spendCents: ArrayLike<number>,
  offset: number,
  n: number,
  b0: number,
  b1: number,
  silentWeeks: number,
): void {
  let purchaseWeeks = 0;
  let baselinePurchaseWeeks = 0;
  let previous = -1;
  if (gapScratch.length < n) gapScratch = new Int32Array(Math.max(n, gapScratch.length * 2));
  const gaps = gapScratch;
  let gapCount = 0;
  for (let i = 0; i < n; i++) {
    if (!(spendCents[offset + i] > 0)) continue;
    purchaseWeeks++;
    if (i >= b0 && i < b1) baselinePurchaseWeeks++;
    if (previous >= 0) gaps[gapCount++] = i - previous;
    previous = i;
  }
  let trailingZero = 0;
  for (let i = n - 1; i >= 0 && spendCents[offset + i] === 0; i--) trailingZero++;
  const interval = gapCount > 0 ? median(gaps, gapCount) : purchaseWeeks === 1 ? n : 0;
  const p = n > 0 ? purchaseWeeks / n : 0;
  out.purchaseWeeks = purchaseWeeks;
  out.baselinePurchaseWeeks = baselinePurchaseWeeks;
  out.purchaseIntervalWeeks = interval;
  out.lapseRatio = interval > 0 ? trailingZero / interval : 0;
  out.silenceProbability = silentWeeks > 0 && p > 0 ? Math.pow(1 - p, silentWeeks) : 1;
}

// ---- src/engine/metrics/compute-metrics.ts (verbatim but baselineWindow and MetricsTick) ----

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
export function computeMetricsPhasedBefore(
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
