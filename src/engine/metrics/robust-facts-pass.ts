/**
 * The metrics pass that writes the stockout-robust facts (robust-facts.ts) of each customer: the
 * store's out share (the week's own store, its home store when the row has none; 0 when the store
 * is unknown) of each week robustFactsInto reads into the pass's scratch (the windows and the
 * trailing zero run, counted by spend-facts-pass.ts, which runs first; not every observed week),
 * then robustFactsInto over the baseline, current and structural windows. expectedRaw keeps the
 * unrounded expected level.
 */
import type { MetricsPass } from "./metrics-pass";
import { robustFactsInto } from "./robust-facts";

/** The robust facts of run positions [k0, k1). */
export function robustFactsPass(p: MetricsPass, k0: number, k1: number): void {
  const { W, spend, salesStore, outShare, shares, rf, attr, bStart, bEnd } = p;
  const { currentWeeks, structuralWeeks } = p.windows;
  const { firstWeek, store: homeStore } = p.customers;
  const index = p.m.customerIndex;
  const { raw: numeric, expectedRaw } = p;
  const trailingZero = numeric.trailingZeroWeeks;
  for (let k = k0; k < k1; k++) {
    const c = index[k];
    const first = firstWeek[c];
    const n = first < 0 ? 0 : W - first;
    const cFirst = Math.max(0, first);
    const off = c * W + cFirst;
    const home = homeStore[c];
    const b0 = bStart[n];
    const b1 = bEnd[n];
    const c0 = Math.max(0, n - currentWeeks);
    const s0 = Math.max(0, n - structuralWeeks);
    // robustFactsInto reads the shares of the baseline window and of the weeks from the first of
    // the current window, the structural window and the trailing zero run to the last week.
    const t0 = Math.min(c0, s0, n - trailingZero[k]);
    sharesInto(shares, salesStore, outShare, W, off, cFirst, home, t0, n);
    sharesInto(shares, salesStore, outShare, W, off, cFirst, home, b0, Math.min(b1, t0));
    robustFactsInto(rf, spend, off, shares, n, b0, b1, c0, n, s0, n, attr);
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
    expectedRaw[k] = rf.expectedAvg;
  }
}

/**
 * The out share of observed weeks [from, to) of the customer whose weeks start at `off` in the
 * sales matrix (calendar week `cFirst` + i): its row's store's share that week, the home store's
 * when the row has none, 0 when neither is known.
 */
function sharesInto(
  shares: Float64Array,
  salesStore: Int32Array,
  outShare: Float64Array,
  W: number,
  off: number,
  cFirst: number,
  home: number,
  from: number,
  to: number,
): void {
  for (let i = from; i < to; i++) {
    const rowStore = salesStore[off + i];
    const store = rowStore >= 0 ? rowStore : home;
    shares[i] = store >= 0 ? outShare[store * W + cFirst + i] : 0;
  }
}
