/**
 * The metrics stage as it was before issue 14's fifth round (one loop with closures per customer,
 * a tuple and two records per customer), kept verbatim as the reference the rewritten stage
 * (src/engine/metrics/compute-metrics.ts, robust-facts.ts, purchase-rhythm.ts) must equal bit for
 * bit: tests/engine/metrics-pass.test.ts.
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
import { baselineWindow, type MetricsTick } from "../../../src/engine/metrics/compute-metrics";
import {
  type RobustFacts,
  type RobustSeries,
  type RobustWindows,
  zOf,
} from "../../../src/engine/metrics/robust-facts";
import type { PurchaseRhythm } from "../../../src/engine/metrics/purchase-rhythm";
import { spikeCap } from "../../../src/engine/metrics/spike-cap";
import { storeWeekOutShare } from "../../../src/engine/metrics/stock-out-share";

/** Scratch buffer for a customer's comparable baseline weeks. */
let base = new Float64Array(64);

/** Computes the robust facts (see the module comment). */
export function robustFactsBefore(
  s: RobustSeries,
  w: RobustWindows,
  a: AttributionParameters,
): RobustFacts {
  const spend = s.spendCents;
  const off = s.offset;
  const T = a.stockoutWeekShare;
  const inStock = (i: number): boolean => s.outShare(i) < T;

  // Expected level and noise from the comparable in-stock baseline weeks, spikes clipped.
  const [b0, b1] = w.baseline;
  if (base.length < b1 - b0) base = new Float64Array(Math.max(b1 - b0, base.length * 2));
  let nb = 0;
  for (let i = b0; i < b1; i++) if (inStock(i)) base[nb++] = spend[off + i] / 100;
  if (nb === 0) for (let i = b0; i < b1; i++) base[nb++] = spend[off + i] / 100;
  const cap = spikeCap(base, nb, a.spikeClipK, a.noiseFloorCv, a.spikeMinWeeks);
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
  const z = (diff: number, m: number): number => zOf(diff, sd, m, nb, a.zCap);

  // Current window: overall, stockout weeks, in-stock weeks.
  const [c0, c1] = w.current;
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
    const share = s.outShare(i);
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
  for (let i = s.n - 1; i >= 0 && spend[off + i] === 0; i--) if (inStock(i)) trailingIn++;

  let sharp = 0;
  const dropBelow = a.sharpDropRatio * expected;
  for (let i = w.structural[0]; i < w.structural[1]; i++) {
    const v = spend[off + i] / 100;
    if (v > 0 && v < dropBelow && inStock(i)) sharp++;
  }

  return {
    expectedAvg: expected,
    noiseSd,
    baselineInStockWeeks: nb,
    baselineSpikeWeeks: clipped,
    shortfallZ: z(diff, cw),
    declinePct: expected > 0 && diff > 0 ? (diff / expected) * 100 : 0,
    shortfall: diff > 0 ? diff : 0,
    stockoutWeeksCurrent: heavy,
    stockoutDepth: heavy > 0 ? depth / heavy : 0,
    stockoutExplainedShare: shortAll > 0 ? shortHeavy / shortAll : 0,
    stockoutShortfallZ: heavy > 0 ? z(expected - heavySum / heavy, heavy) : 0,
    inStockDeclinePct:
      inWeeks > 0 && expected > 0 && expected > inMean ? ((expected - inMean) / expected) * 100 : 0,
    inStockShortfallZ: inWeeks > 0 ? z(expected - inMean, inWeeks) : 0,
    trailingZeroInStockWeeks: trailingIn,
    sharpDropWeeks: sharp,
  };
}

/** The gaps of the customer being read (whole weeks), reused from customer to customer. */
let gapScratch = new Int32Array(64);

/**
 * Median of gaps[0, n), n > 0 (mean of the two middle values for an even count); sorts them in
 * place. The gaps are whole weeks, so a typed sort orders them exactly as a numeric sort would.
 */
function median(gaps: Int32Array, n: number): number {
  const values = gaps.subarray(0, n).sort();
  const mid = n >>> 1;
  return n % 2 === 1 ? values[mid] : (values[mid - 1] + values[mid]) / 2;
}

/**
 * Computes the purchase rhythm of one customer's observed weeks: spendCents[offset + i] is observed
 * week i (0..n-1); `baseline` is the half-open baseline window; `silentWeeks` the trailing zero-spend
 * weeks that count as silence for silenceProbability (the in-stock ones).
 */
export function purchaseRhythmBefore(
  spendCents: ArrayLike<number>,
  offset: number,
  n: number,
  baseline: readonly [number, number],
  silentWeeks: number,
): PurchaseRhythm {
  let purchaseWeeks = 0;
  let baselinePurchaseWeeks = 0;
  let previous = -1;
  if (gapScratch.length < n) gapScratch = new Int32Array(Math.max(n, gapScratch.length * 2));
  const gaps = gapScratch;
  let gapCount = 0;
  for (let i = 0; i < n; i++) {
    if (!(spendCents[offset + i] > 0)) continue;
    purchaseWeeks++;
    if (i >= baseline[0] && i < baseline[1]) baselinePurchaseWeeks++;
    if (previous >= 0) gaps[gapCount++] = i - previous;
    previous = i;
  }
  let trailingZero = 0;
  for (let i = n - 1; i >= 0 && spendCents[offset + i] === 0; i--) trailingZero++;
  const interval = gapCount > 0 ? median(gaps, gapCount) : purchaseWeeks === 1 ? n : 0;
  const p = n > 0 ? purchaseWeeks / n : 0;
  return {
    purchaseWeeks,
    baselinePurchaseWeeks,
    purchaseIntervalWeeks: interval,
    lapseRatio: interval > 0 ? trailingZero / interval : 0,
    silenceProbability: silentWeeks > 0 && p > 0 ? Math.pow(1 - p, silentWeeks) : 1,
  };
}

/** Mean of spend (dollars) over [start, end) of a customer's series, summed in week order; 0 when empty. */
function meanDollars(spend: Float64Array, offset: number, start: number, end: number): number {
  if (end <= start) return 0;
  let sum = 0;
  for (let i = start; i < end; i++) sum += spend[offset + i] / 100;
  return sum / (end - start);
}

/**
 * Computes the facts of the customers at `customerIndex` (dataset indices, in run order).
 * The value percentile is taken over the customers in the run. `attribution` (missing keys take
 * DEFAULT_ATTRIBUTION) only affects the stockout-robust facts (robust-facts.ts).
 */
export function computeMetricsBefore(
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
  const spend = dataset.sales.spendCents;
  const salesStore = dataset.sales.store;
  const { customers, stock } = dataset;
  const numeric = Object.fromEntries(
    NUMERIC_METRICS.map((m) => [m, new Float64Array(count)]),
  ) as Record<NumericMetric, Float64Array>;
  const baselineRaw = new Float64Array(count);
  const currentRaw = new Float64Array(count);
  const isHighValue = new Uint8Array(count);
  const loyaltyMember = new Uint8Array(count);
  const region: string[] = new Array<string>(count);
  const storeId: string[] = new Array<string>(count);
  const expectedRaw = new Float64Array(count);
  const hasStock = stock.present && stock.skusOut.length >= dataset.stores.ids.length * W;
  const outShare = storeWeekOutShare(stock, dataset.stores.ids.length, W);
  let cOff = 0;
  let cFirst = 0;
  let cHome = -1;
  /** Store the customer shopped at in observed week i (its home store when the row has none; -1 unknown). */
  const storeAt = (i: number): number => {
    const store = salesStore[cOff + cFirst + i];
    return store >= 0 ? store : cHome;
  };
  /** Share of that store's range out in observed week i (0 when the store is unknown). */
  const shareAt = (i: number): number => {
    const store = storeAt(i);
    return store >= 0 ? outShare[store * W + cFirst + i] : 0;
  };

  for (let k = 0; k < count; k++) {
    if (tick && (k & 2047) === 0) tick(k, count);
    const c = customerIndex[k];
    const first = customers.firstWeek[c];
    const n = first < 0 ? 0 : W - first;
    const off = c * W + Math.max(0, first);

    let total = 0;
    for (let i = 0; i < n; i++) total += spend[off + i] / 100;
    const [b0, b1] = baselineWindow(n, windows);
    const c0 = Math.max(0, n - windows.currentWeeks);
    const bRaw = meanDollars(spend, off, b0, b1);
    const cRaw = meanDollars(spend, off, c0, n);
    const baseline = r.step(bRaw);
    const current = r.step(cRaw);

    let zeroCurrent = 0;
    for (let i = c0; i < n; i++) if (spend[off + i] === 0) zeroCurrent++;
    let trailingZero = 0;
    for (let i = n - 1; i >= 0 && spend[off + i] === 0; i--) trailingZero++;
    let declines = 0;
    for (let i = n - 1; i >= 1 && spend[off + i] < spend[off + i - 1]; i--) declines++;

    const s0 = Math.max(0, n - windows.structuralWeeks);
    const mu = meanDollars(spend, off, s0, n);
    let volatility = 0;
    if (mu > 0) {
      let ss = 0;
      for (let i = s0; i < n; i++) {
        const d = spend[off + i] / 100 - mu;
        ss += d * d;
      }
      volatility = r.step(Math.sqrt(ss / (n - s0)) / mu, 4);
    }

    cOff = c * W;
    cFirst = Math.max(0, first);
    cHome = customers.store[c];

    // Gap weeks over the whole history, and their overlap with the store's stockout weeks.
    let gapWeeks = 0;
    let overlap = 0;
    for (let i = 0; i < n; i++) {
      const v = spend[off + i];
      if (v / 100 < baseline || v === 0) {
        gapWeeks++;
        if (hasStock) {
          const store = storeAt(i);
          if (store >= 0 && stock.skusOut[store * W + cFirst + i] > 0) overlap++;
        }
      }
    }
    const rf = robustFactsBefore(
      { spendCents: spend, offset: off, outShare: shareAt, n },
      { baseline: [b0, b1], current: [c0, n], structural: [s0, n] },
      attr,
    );
    const rhythm = purchaseRhythmBefore(spend, off, n, [b0, b1], rf.trailingZeroInStockWeeks);

    const last = customers.lastPurchaseWeek[c];
    numeric.weeksObserved[k] = n;
    numeric.totalRevenue[k] = r.step(total);
    numeric.averageWeeklySpend[k] = n > 0 ? r.step(total / n) : 0;
    numeric.baselineAvg[k] = baseline;
    numeric.currentAvg[k] = current;
    numeric.trendPct[k] = baseline > 0 ? r.step(((current - baseline) / baseline) * 100) : 0;
    numeric.shortfall[k] = r.step(Math.max(0, bRaw - cRaw));
    numeric.currentToBaselineRatio[k] = bRaw > 0 ? cRaw / bRaw : 1;
    numeric.zeroWeeksCurrent[k] = zeroCurrent;
    numeric.trailingZeroWeeks[k] = trailingZero;
    numeric.consecutiveDeclineWeeks[k] = declines;
    numeric.volatility[k] = volatility;
    numeric.gapWeeks[k] = gapWeeks;
    numeric.stockoutOverlapWeeks[k] = overlap;
    numeric.stockoutGapShare[k] = gapWeeks > 0 ? r.step(overlap / gapWeeks, 4) : 0;
    numeric.firstPurchaseWeek[k] = first >= 0 ? first + 1 : 0;
    numeric.lastPurchaseWeek[k] = last >= 0 ? last + 1 : 0;
    numeric.weeksSinceLastPurchase[k] = last >= 0 ? W - 1 - last : W;
    numeric.expectedAvg[k] = r.step(rf.expectedAvg);
    numeric.noiseSd[k] = r.step(rf.noiseSd);
    numeric.baselineInStockWeeks[k] = rf.baselineInStockWeeks;
    numeric.baselineSpikeWeeks[k] = rf.baselineSpikeWeeks;
    numeric.shortfallZ[k] = r.step(rf.shortfallZ);
    numeric.declinePct[k] = r.step(rf.declinePct);
    numeric.revenueAtRisk[k] = r.display(rf.shortfall);
    numeric.stockoutWeeksCurrent[k] = rf.stockoutWeeksCurrent;
    numeric.stockoutDepth[k] = r.step(rf.stockoutDepth, 4);
    numeric.stockoutExplainedShare[k] = r.step(rf.stockoutExplainedShare, 4);
    numeric.stockoutShortfallZ[k] = r.step(rf.stockoutShortfallZ);
    numeric.inStockDeclinePct[k] = r.step(rf.inStockDeclinePct);
    numeric.inStockShortfallZ[k] = r.step(rf.inStockShortfallZ);
    numeric.trailingZeroInStockWeeks[k] = rf.trailingZeroInStockWeeks;
    numeric.sharpDropWeeks[k] = rf.sharpDropWeeks;
    numeric.purchaseWeeks[k] = rhythm.purchaseWeeks;
    numeric.baselinePurchaseWeeks[k] = rhythm.baselinePurchaseWeeks;
    numeric.purchaseIntervalWeeks[k] = r.step(rhythm.purchaseIntervalWeeks);
    numeric.lapseRatio[k] = r.step(rhythm.lapseRatio);
    numeric.silenceProbability[k] = r.step(rhythm.silenceProbability, 4);
    expectedRaw[k] = rf.expectedAvg;
    const home = customers.store[c];
    storeId[k] = home >= 0 ? dataset.stores.ids[home] : "";
    baselineRaw[k] = bRaw;
    currentRaw[k] = cRaw;
    isHighValue[k] = customers.highValueFlag[c] === 1 ? 1 : 0;
    loyaltyMember[k] = customers.loyalty[c] === 1 ? 1 : 0;
    region[k] = customers.segment[c] ?? "";
  }

  // Value percentile: share of run customers with total <= this total.
  const sorted = Float64Array.from(numeric.totalRevenue).sort();
  for (let k = 0; k < count; k++) {
    const t = numeric.totalRevenue[k];
    let lo = 0;
    let hi = count;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (sorted[mid] <= t) lo = mid + 1;
      else hi = mid;
    }
    numeric.valuePercentile[k] = count > 0 ? (lo / count) * 100 : 0;
  }
  tick?.(count, count);
  return {
    count,
    customerIndex,
    numeric,
    baselineRaw,
    currentRaw,
    expectedRaw,
    isHighValue,
    loyaltyMember,
    region,
    storeId,
  };
}
