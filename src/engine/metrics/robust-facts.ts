/**
 * The stockout-robust facts of one customer (the default pack's materiality and root cause):
 *
 * - expectedAvg / noiseSd: mean and sample stdev of weekly spend over the baseline window's
 *   comparable in-stock weeks (store-weeks with less than `stockoutWeekShare` of the range out;
 *   all baseline weeks when none is in stock), each week first clipped (winsorised) at the spike
 *   cap median + spikeClipK x max(1.4826 x MAD, noiseFloorCv x median) of those weeks' purchases
 *   (spike-cap.ts; no clipping with fewer than spikeMinWeeks purchase weeks), so one unusually
 *   large order does not inflate the level expected of the customer. baselineInStockWeeks = how
 *   many weeks that was; baselineSpikeWeeks = how many of them were clipped.
 * - shortfallZ: (expectedAvg - currentAvg) / (sd x sqrt(1/currentWeeks + 1/baselineInStockWeeks)),
 *   sd = max(noiseSd, noiseFloorCv x expectedAvg), clamped to [-zCap, zCap]; declinePct and
 *   revenueAtRisk: the same shortfall as a percent of expected and in dollars per week (>= 0).
 * - stockout attribution over the current window: stockoutWeeksCurrent (weeks with >= the share
 *   out), stockoutDepth (mean share out in them), stockoutExplainedShare (share of the summed
 *   weekly shortfall below expected that falls in them), stockoutShortfallZ / inStockShortfallZ
 *   (the z of those weeks' mean, resp. of the in-stock weeks' mean) and inStockDeclinePct.
 * - trailingZeroInStockWeeks: weeks of the trailing zero-spend run in which the store was in stock.
 * - sharpDropWeeks: weeks of the structural window with 0 < spend < sharpDropRatio x expectedAvg
 *   while the store was in stock.
 */
import type { AttributionParameters } from "../parameters/pack-parameters";
import { spikeCap } from "./spike-cap";

/** Scratch buffer for a customer's comparable baseline weeks (reused: robustFacts is not reentrant). */
let base = new Float64Array(64);

/** Output of robustFacts, in dollars / weeks / ratios / percents / noise units (unrounded). */
export interface RobustFacts {
  expectedAvg: number;
  noiseSd: number;
  baselineInStockWeeks: number;
  /** Baseline weeks clipped to the spike cap (see spike-cap.ts). */
  baselineSpikeWeeks: number;
  shortfallZ: number;
  declinePct: number;
  shortfall: number;
  stockoutWeeksCurrent: number;
  stockoutDepth: number;
  stockoutExplainedShare: number;
  stockoutShortfallZ: number;
  inStockDeclinePct: number;
  inStockShortfallZ: number;
  trailingZeroInStockWeeks: number;
  sharpDropWeeks: number;
}

/** One customer's observed weeks: spend in cents and the store's out share, per observed week. */
export interface RobustSeries {
  /** spendCents[offset + i] is observed week i (0-based from the customer's first week). */
  spendCents: Float64Array;
  offset: number;
  /** outShare(i): share of the store's range out in observed week i (0..1). */
  outShare: (i: number) => number;
  /** Weeks observed. */
  n: number;
}

/** Windows over observed weeks, half-open. */
export interface RobustWindows {
  baseline: readonly [number, number];
  current: readonly [number, number];
  structural: readonly [number, number];
}

/** A z statistic: diff / (sd x sqrt(1/m + 1/nb)), clamped; +-cap when sd is 0 and diff is not. */
export function zOf(diff: number, sd: number, m: number, nb: number, cap: number): number {
  if (m <= 0 || nb <= 0 || diff === 0 || Number.isNaN(diff)) return 0;
  const se = sd * Math.sqrt(1 / m + 1 / nb);
  const z = se > 0 ? diff / se : diff > 0 ? cap : -cap;
  return z > cap ? cap : z < -cap ? -cap : z;
}

/** A record of zeros, to be filled by robustFactsInto (one per run, reused customer after customer). */
export function emptyRobustFacts(): RobustFacts {
  return {
    expectedAvg: 0,
    noiseSd: 0,
    baselineInStockWeeks: 0,
    baselineSpikeWeeks: 0,
    shortfallZ: 0,
    declinePct: 0,
    shortfall: 0,
    stockoutWeeksCurrent: 0,
    stockoutDepth: 0,
    stockoutExplainedShare: 0,
    stockoutShortfallZ: 0,
    inStockDeclinePct: 0,
    inStockShortfallZ: 0,
    trailingZeroInStockWeeks: 0,
    sharpDropWeeks: 0,
  };
}

/** The out share of every observed week of the customer being read (reused: not reentrant). */
let shareScratch = new Float64Array(64);

/** Computes the robust facts (see the module comment). */
export function robustFacts(
  s: RobustSeries,
  w: RobustWindows,
  a: AttributionParameters,
): RobustFacts {
  // Every week a window or the series reaches (a test may give windows past the series).
  const weeks = Math.max(s.n, w.baseline[1], w.current[1], w.structural[1]);
  if (shareScratch.length < weeks)
    shareScratch = new Float64Array(Math.max(weeks, shareScratch.length * 2));
  for (let i = 0; i < weeks; i++) shareScratch[i] = s.outShare(i);
  const out = emptyRobustFacts();
  robustFactsInto(
    out,
    s.spendCents,
    s.offset,
    shareScratch,
    s.n,
    w.baseline[0],
    w.baseline[1],
    w.current[0],
    w.current[1],
    w.structural[0],
    w.structural[1],
    a,
  );
  return out;
}

/**
 * robustFacts written into `out`, with the out share of observed week i at `shares[i]` and the
 * windows as numbers: no closure, tuple or record per customer (the metrics stage, issue 14).
 */
export function robustFactsInto(
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
